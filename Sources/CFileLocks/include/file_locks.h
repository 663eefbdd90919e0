#ifndef TENET_FILE_LOCKS_H
#define TENET_FILE_LOCKS_H

/// Open-file-description locks (Linux's F_OFD_SETLK) on the first byte of `fd`'s file.
///
/// Unlike flock(2), a held lock changes mode atomically: a failed upgrade keeps the shared
/// lock. Unlike POSIX record locks, they belong to the open file, not to the process: two
/// opens in one process conflict as two processes do, and closing another descriptor of
/// the file releases nothing.

/// Takes the lock shared (`exclusive` 0) or exclusive (1), or changes the mode of the
/// lock held, without waiting. Returns 0, or -1 with errno (EAGAIN: someone else holds it).
/// Closing the descriptor lets the lock go.
int tenet_file_lock(int fd, int exclusive);

#endif
