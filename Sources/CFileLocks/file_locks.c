#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include "file_locks.h"

int tenet_file_lock(int fd, int exclusive) {
    struct flock lock;
    memset(&lock, 0, sizeof lock);
    lock.l_type = exclusive ? F_WRLCK : F_RDLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0;
    lock.l_len = 1;
    return fcntl(fd, F_OFD_SETLK, &lock);
}
