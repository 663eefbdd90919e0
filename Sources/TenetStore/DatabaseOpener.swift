import Foundation
import GRDB

/// Opening a project database safely when several processes may do it at once, and
/// saying clearly why a file cannot be used.
enum DatabaseOpener {
    static func open(path: String, busyTimeout: TimeInterval) throws(StoreError) -> DatabasePool {
        let fm = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.database(path: path, reason: "the directory \(folder) does not exist; create it first (mkdir -p \(folder))")
        }
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue {
            throw StoreError.database(path: path, reason: "is a directory; give the path of a database file, such as \(path)/tenet.db")
        }
        if exists && !fm.isWritableFile(atPath: path) {
            throw StoreError.database(path: path, reason: "is read-only; Tenet needs to write to it (check its permissions: chmod g+w, or copy it)")
        }
        if !exists && !fm.isWritableFile(atPath: folder) {
            throw StoreError.database(path: path, reason: "cannot be created: the directory \(folder) is not writable")
        }
        // The project is its owner's alone (a served team reaches it through `tenet serve`).
        // Only in a setgid group directory — the old shared setup, where every member can
        // rewrite the history — are the files made group-writable.
        let shared = ((try? fm.attributesOfItem(atPath: folder)[.posixPermissions] as? Int) ?? 0) & 0o2000 != 0
        let mode: mode_t = shared ? 0o660 : 0o600

        // One process at a time creates and migrates: SQLite alone races here.
        // Root opening someone else's project (an admin's `sudo tenet …`) must not leave
        // files the project's owner cannot open: what root creates goes to the owner of the
        // database (or, for a new one, of its directory). SQLite does the same for -wal/-shm.
        var owner = stat()
        let owned = geteuid() == 0 && (stat(path, &owner) == 0 || stat(folder, &owner) == 0)
        let lock = try Lock(path: path + ".lock", mode: mode, timeout: busyTimeout, database: path,
                            owner: owned ? (owner.st_uid, owner.st_gid) : nil)
        defer { lock.release() }
        if !exists {
            let fd = Foundation.open(path, O_CREAT | O_RDWR, mode)
            if fd >= 0 {
                fchmod(fd, mode)
                if owned { fchown(fd, owner.st_uid, owner.st_gid) }
                close(fd)
            }
        }

        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "tenet"
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Schema.migrator
            try pool.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw StoreError.database(path: path, reason: "was written by a newer version of Tenet; upgrade tenet to open it")
                }
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if !tables.isEmpty && !tables.contains("grdb_migrations") {
                    throw StoreError.database(path: path, reason: "is an SQLite database but not a Tenet project (tables: \(tables.prefix(5).joined(separator: ", ")))")
                }
            }
            try migrator.migrate(pool)
            // GRDB sets NORMAL after opening; annotators' work deserves FULL. A versioned edit
            // writes ~14 WAL pages; checkpointing every 4,000 pages (not SQLite's 1,000) keeps
            // the checkpoint stall off all but a few hundredths of commits.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 4000")
            }
            if shared {
                for suffix in ["-wal", "-shm"] { chmod(path + suffix, mode) }
            }
            return pool
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw describe(error, path: path)
        } catch {
            throw StoreError.database(path: path, reason: "cannot be opened: \(error)")
        }
    }

    /// A message for an SQLite error about the file at `path`.
    static func describe(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .database(path: path, reason: "is not a Tenet database (not an SQLite file); give another --db path")
        case .SQLITE_CORRUPT:
            return .database(path: path, reason: "is corrupt (\(error.message ?? "malformed")); restore it from a backup")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .database(path: path, reason: "is locked by another process and stayed locked past the timeout; try again, or find the process holding it")
        case .SQLITE_READONLY:
            return .database(path: path, reason: "is read-only (\(error.message ?? "")); Tenet needs to write to it and to its -wal and -shm files")
        case .SQLITE_CANTOPEN:
            return .database(path: path, reason: "cannot be opened (\(error.message ?? "")); check the path and permissions")
        case .SQLITE_FULL:
            return .database(path: path, reason: "cannot be written: the disk is full")
        default:
            return .database(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// An exclusive `flock` on a lock file beside the database.
    private struct Lock {
        let fd: Int32

        init(path: String, mode: mode_t, timeout: TimeInterval, database: String, owner: (uid_t, gid_t)?) throws(StoreError) {
            let fd = Foundation.open(path, O_CREAT | O_RDWR, mode)
            guard fd >= 0 else {
                throw StoreError.database(path: database, reason: "cannot create its lock file \(path): \(String(cString: strerror(errno)))")
            }
            fchmod(fd, mode)
            if let owner { fchown(fd, owner.0, owner.1) }
            let deadline = Date().addingTimeInterval(timeout)
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                if Date() > deadline {
                    close(fd)
                    throw StoreError.database(path: database, reason: "is being opened by another process that holds \(path) past the timeout; try again")
                }
                usleep(10_000)
            }
            self.fd = fd
        }

        func release() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
