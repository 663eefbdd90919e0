import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Another process is running this evaluation run now: a second one would ask every
/// prompt again and then collide with the first. Refused before any request.
public struct EvalRunInProgress: Error, Sendable, Equatable, CustomStringConvertible {
    public var run: String
    /// The process that holds the run, as it wrote itself into the lock file.
    public var pid: Int32?

    public var description: String {
        "run \(run) is being run by another process\(pid.map { " (pid \($0))" } ?? ""); "
            + "wait for it to end (tenet eval show \(run) shows its progress), or stop it there with Ctrl-C and then tenet eval resume \(run)"
    }
}

/// Which process is running an evaluation run: an exclusive `flock` on a file beside the
/// database (`DB.eval-RUN.lock`, holding the process ID), held from the start of a run (or
/// resume) to its end. The system drops the lock when the process ends however it ends —
/// SIGKILL, SIGPIPE, a crash — so a run whose status is `running` and whose lock nobody
/// holds was interrupted (``StoredEvalRun/interrupted``). The file is removed when the lock
/// is released.
public final class EvalRunLock: @unchecked Sendable {
    private let lock = NSLock()
    private var fd: Int32
    private let path: String

    /// Beside the database as its real path names it, so that every process finds the same
    /// file however it named the database (relative, through a symbolic link).
    static func path(database: String, run: String) -> String {
        URL(fileURLWithPath: database).resolvingSymlinksInPath().path + ".eval-" + run + ".lock"
    }

    /// Takes the run's lock; throws ``EvalRunInProgress`` when another process holds it (after
    /// waiting a moment, in case the holder is a reader only looking — ``isHeld(database:run:)``).
    init(database: String, run: String) throws {
        let path = Self.path(database: database, run: run)
        let deadline = Date().addingTimeInterval(1)
        while true {
            // Never through a link planted in its place (``DatabaseOpener``'s lock is made so too).
            let fd = open(path, O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw StoreError.database(path: database, reason: "cannot create the lock file of run \(run), \(path): \(String(cString: strerror(errno))); "
                                          + "Tenet needs to write beside the database")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let holder = Self.holder(fd)
                close(fd)
                if Date() > deadline { throw EvalRunInProgress(run: run, pid: holder) }
                usleep(20_000)
                continue
            }
            // The holder before may have removed the file between our open and flock: the
            // lock counts only on the file the path names now.
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                let pid = Array("\(getpid())\n".utf8)
                _ = ftruncate(fd, 0)
                _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                self.fd = fd
                self.path = path
                return
            }
            close(fd)
        }
    }

    /// Whether some process holds the run's lock now (it is running the run).
    static func isHeld(database: String, run: String) -> Bool {
        let fd = open(path(database: database, run: run), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    private static func holder(_ fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 24)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Ends the run's hold: removes the file, then unlocks it.
    public func release() {
        lock.withLock {
            guard fd >= 0 else { return }
            unlink(path)
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}

extension ProjectStore {
    /// Takes the lock that says this process runs `run` (``EvalRunLock``); throws
    /// ``EvalRunInProgress`` when another process runs it.
    public func lockEvalRun(_ run: String) throws -> EvalRunLock {
        try EvalRunLock(database: path, run: run)
    }
}
