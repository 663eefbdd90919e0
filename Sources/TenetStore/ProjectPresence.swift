import CFileLocks
import Foundation

/// A shared lock on a project's lock file, held for as long as this process has the
/// project open: how a process that wants to remove the file it just created tells whether
/// anyone else has it open (``ProjectDatabase/removeIfUnused()``).
///
/// Kept apart from the `flock` that serializes creating and migrating the file (which is
/// exclusive and brief) on a descriptor of its own, as an open-file-description lock on the
/// file's first byte: those turn from shared to exclusive atomically, keeping the shared
/// lock when someone else holds it, and two stores in one process see each other as two
/// processes do.
final class ProjectPresence: @unchecked Sendable {
    private let fd: Int32

    /// Opens the lock file at `path` and takes the shared lock; `nil` when it cannot (the
    /// file system has no such locks): the project is then never removed.
    init?(path: String) {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard tenet_file_lock(fd, 0) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    /// Takes the lock exclusively, without waiting: whether no one else has the project open.
    /// When someone has, the shared lock is still held.
    func tryExclusive() -> Bool {
        tenet_file_lock(fd, 1) == 0
    }

    /// Goes back to the shared lock after ``tryExclusive()``.
    func share() {
        _ = tenet_file_lock(fd, 0)
    }

    deinit {
        close(fd)
    }
}
