import Foundation
import GRDB
import GRDBSQLite
import TenetSpec

/// Opening a project database safely when several processes may do it at once, and
/// saying clearly why a file cannot be used.
enum DatabaseOpener {
    /// Says why the file at `path` cannot be a project database, without creating or
    /// changing anything. Returns whether the file exists.
    @discardableResult
    static func check(path: String) throws(StoreError) -> Bool {
        let fm = FileManager.default
        let folder = folder(of: path)
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.database(path: path, reason: "the directory \(folder) does not exist; create it first (mkdir -p \(ShellWord.quoted(folder)))")
        }
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue {
            throw StoreError.database(path: path, reason: "is a directory; give the path of a database file, such as \(path)/tenet.db")
        }
        // A FIFO would block the header check (and SQLite) for ever; a device is no database.
        var status = stat()
        if exists && stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFREG {
            throw StoreError.database(path: path, reason: "is not a regular file (a FIFO, a socket or a device); give the path of a database file")
        }
        if exists && !fm.isReadableFile(atPath: path) {
            throw StoreError.database(path: path, reason: "cannot be read (permission denied): ask its owner for access (tenet serve, or chmod g+rw), or copy it")
        }
        if exists && !fm.isWritableFile(atPath: path) {
            throw StoreError.database(path: path, reason: "is read-only; Tenet needs to write to it (check its permissions: chmod g+w, or copy it)")
        }
        if !exists && !fm.isWritableFile(atPath: folder) {
            throw StoreError.database(path: path, reason: "cannot be created: the directory \(folder) is not writable")
        }
        // A symbolic link with no file behind it: the file would be made at its target, so
        // that target's directory must be there (else SQLite failed after the lock file beside
        // the link was made, and left it).
        if !exists, let target = danglingTarget(path) {
            // Only through a link of one's own, as the kernel's protected_symlinks rule has it:
            // a link someone else planted would choose where this person's file is made —
            // their `.bashrc`, or for root (who gives the new file to the owner of the
            // folder it is named in) any path, handed to whoever may write that folder.
            if let owner = foreignLinkOwner(path) {
                throw StoreError.database(path: path, reason: "is a symbolic link to \(target), which does not exist, and a link on "
                    + "the way is another user's (uid \(owner)); Tenet creates a database through links only when they are yours: "
                    + "give the target's own path, or remove the link")
            }
            let targetFolder = Self.folder(of: target)
            guard fm.fileExists(atPath: targetFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw StoreError.database(path: path, reason: """
                    is a symbolic link to \(target), whose directory \(targetFolder) does not exist; \
                    create it first (mkdir -p \(ShellWord.quoted(targetFolder))), or give another path
                    """)
            }
            if !fm.isWritableFile(atPath: targetFolder) {
                throw StoreError.database(path: path, reason: "cannot be created: it is a symbolic link into \(targetFolder), which is not writable")
            }
        }
        // Refused here, before its lock file is made: a file that is not SQLite at all gets
        // nothing written beside it. Only while there is no lock file: reading the header
        // opens and closes the file, and closing any descriptor of a file drops every POSIX
        // lock this process holds on it — SQLite's own, from connections already open here.
        // Tenet makes the lock file before any connection, so without one there is none.
        if exists && !fm.fileExists(atPath: path + ".lock") && !SQLiteHeader.couldBeDatabase(path) {
            throw StoreError.database(path: path, reason: SQLiteHeader.notADatabase)
        }
        return exists
    }

    private static func folder(of path: String) -> String {
        FolderOfPath.folder(of: path)
    }

    /// Where a symbolic link at `path` finally points when nothing is there (following a
    /// link to a link, at most 40 of them); `nil` when `path` is no symbolic link.
    /// The owner of the first link on the way from `path` to its file that is not the
    /// effective user's, if any.
    private static func foreignLinkOwner(_ path: String) -> uid_t? {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return nil }
            if status.st_uid != geteuid() { return status.st_uid }
            let base = folder(of: current)
            current = target.hasPrefix("/") || base == "." ? target : base + "/" + target
        }
        return nil
    }

    private static func danglingTarget(_ path: String) -> String? {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                return current == path ? nil : current
            }
            let base = folder(of: current)
            current = target.hasPrefix("/") || base == "." ? target : base + "/" + target
        }
        return current
    }

    /// A database opened, and the shared lock that says so to others for as long as it is
    /// open (see ``ProjectDatabase/removeIfUnused()``).
    struct Opened {
        let writer: any DatabaseWriter
        let presence: ProjectPresence?
    }

    /// Opens the database at `path`, creating it (and its lock file) when it does not exist,
    /// with one connection or a pool (see ``DatabaseConnections``). The lock file is locked
    /// while the file is created and migrated, and the project's presence lock taken before
    /// that lock is let go.
    static func open(path: String, busyTimeout: TimeInterval, connections: DatabaseConnections) throws(StoreError) -> Opened {
        // SQLite takes the wait in whole milliseconds as a 32-bit integer: a non-finite or
        // huge value would trap in the database layer.
        guard busyTimeout.isFinite, (0...86_400).contains(busyTimeout) else {
            throw StoreError.invalid("the busy timeout must be 0 to 86400 seconds, not \(busyTimeout)")
        }
        let folder = folder(of: path)
        try check(path: path)
        // The project is its owner's alone (a served team reaches it through `tenet serve`).
        // Only in a setgid group directory — the old shared setup, where every member can
        // rewrite the history — are the files made group-writable.
        var folderStatus = stat()
        let shared = stat(folder, &folderStatus) == 0 && folderStatus.st_mode & S_ISGID != 0
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
        // Looked at again under the lock: the file may have been created, or removed, since.
        // (Through a symbolic link with no file behind it yet, the file is made at its target.)
        if !FileManager.default.fileExists(atPath: path) {
            let fd = Foundation.open(path, O_CREAT | O_RDWR, mode)
            if fd >= 0 {
                fchmod(fd, mode)
                if owned { fchown(fd, owner.st_uid, owner.st_gid) }
                close(fd)
            }
        }

        var configuration = Configuration()
        configuration.busyMode = BusyPolling.mode(timeout: busyTimeout)
        configuration.label = "tenet"
        // The log is copied into the database in the background, not by the commit that
        // fills it (``BackgroundCheckpoint``). The closure holds the checkpointer as long as
        // the connections live.
        let checkpoint = BackgroundCheckpoint(path: path)
        configuration.prepareDatabase { db in
            if !db.configuration.readonly { checkpoint.install(on: db) }
        }
        do {
            let database: any DatabaseWriter
            switch connections {
            case .pool:
                database = try DatabasePool(path: path, configuration: configuration)
            case .single:
                // The pool turns WAL on; a project is always in WAL mode (it persists in
                // the file), so this only does something for a new file.
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
                }
                database = queue
            }
            let migrator = Schema.migrator
            try database.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw StoreError.database(path: path, reason: "was written by a newer version of Tenet; upgrade tenet to open it")
                }
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if !tables.isEmpty && !tables.contains("grdb_migrations") {
                    throw StoreError.database(path: path, reason: "is an SQLite database but not a Tenet project (tables: \(tables.prefix(5).joined(separator: ", ")))")
                }
            }
            try MigrationProgress.migrate(migrator, database)
            // GRDB sets NORMAL after opening; annotators' work deserves FULL. (No
            // `wal_autocheckpoint` here: setting it would put SQLite's own checkpoint, run
            // inside a commit, back in place of the background one.)
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            if shared {
                for suffix in ["-wal", "-shm"] { chmod(path + suffix, mode) }
            }
            return Opened(writer: database, presence: ProjectPresence(path: path + ".lock"))
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
            return .database(path: path, reason: SQLiteHeader.notADatabase)
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
    struct Lock {
        let fd: Int32

        /// Opened where the name is, never through a link: the lock file is made mode `mode`
        /// (and, for root, given to the project's owner), so a link planted in its place
        /// would hand those changes to any file it pointed to.
        init(path: String, mode: mode_t, timeout: TimeInterval, database: String, owner: (uid_t, gid_t)?) throws(StoreError) {
            let fd = Foundation.open(path, O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, mode)
            guard fd >= 0 else {
                if errno == ELOOP {
                    throw StoreError.database(path: database, reason: "its lock file \(path) is a symbolic link; Tenet makes that file itself: "
                                              + "remove the link (rm \(path)) and try again")
                }
                throw StoreError.database(path: database, reason: "cannot create its lock file \(path): \(String(cString: strerror(errno)))")
            }
            var opened = stat()
            guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
                close(fd)
                throw StoreError.database(path: database, reason: "its lock file \(path) is not a regular file; remove it and try again")
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
            // Held on the file the name still names: a lock file removed while this waited
            // (with an unused project, ``ProjectDatabase/removeIfUnused()``) locks nothing.
            var held = stat(), named = stat()
            guard fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
                close(fd)
                self = try Lock(path: path, mode: mode, timeout: max(0, deadline.timeIntervalSinceNow), database: database, owner: owner)
                return
            }
            self.fd = fd
        }

        func release() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}

/// How a process connects to its project's database file.
public enum DatabaseConnections: Sendable {
    /// A writing connection and reading connections opened as reads overlap: reads never
    /// wait for a write. For the workbench and for model jobs, which read while saving.
    case pool
    /// One connection for everything: a short command that reads, or makes one change,
    /// and exits. Opens in about half the work of a pool — one connection parses the
    /// schema, and there is no WAL file to prepare.
    case single
}

/// The project's database file, opened when it exists and created by the first write.
///
/// Reading a project whose file does not exist yet reads an empty project kept in memory
/// (at the newest schema) and leaves nothing on disk: no database, no lock file. Once the
/// file exists — this process wrote, or another one created it meanwhile — it is opened
/// and used from then on.
final class ProjectDatabase: @unchecked Sendable {
    let path: String
    let busyTimeout: TimeInterval
    let connections: DatabaseConnections
    private let lock = NSLock()
    private var file: (any DatabaseWriter)?
    /// Says to others that the file is open here.
    private var presence: ProjectPresence?
    private var empty: DatabaseQueue?

    /// Opens the file when it exists; otherwise only checks that it could be created.
    init(path: String, busyTimeout: TimeInterval, connections: DatabaseConnections) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.connections = connections
        if try DatabaseOpener.check(path: path) {
            keep(try DatabaseOpener.open(path: path, busyTimeout: busyTimeout, connections: connections))
        }
    }

    private func keep(_ opened: DatabaseOpener.Opened) {
        file = opened.writer
        presence = opened.presence
    }

    /// Whether the file exists (or was opened by this process).
    var exists: Bool {
        lock.lock()
        defer { lock.unlock() }
        return file != nil || FileManager.default.fileExists(atPath: path)
    }

    /// The file when there is one, else the empty project in memory. Writes to the empty
    /// project are seen by no one: use it only for writes that change nothing in a project
    /// with no history (a lease in a queue with no pairs), or in a transaction rolled back.
    func current() throws(StoreError) -> any DatabaseWriter {
        lock.lock()
        defer { lock.unlock() }
        if let file { return file }
        if FileManager.default.fileExists(atPath: path) {
            let opened = try DatabaseOpener.open(path: path, busyTimeout: busyTimeout, connections: connections)
            keep(opened)
            return opened.writer
        }
        if let empty { return empty }
        let created = try DatabaseOpener.emptyProject()
        empty = created
        return created
    }

    /// The empty project in memory while the file does not exist; `nil` once it does.
    func emptyWhileAbsent() throws(StoreError) -> DatabaseQueue? {
        let reader = try current()
        lock.lock()
        defer { lock.unlock() }
        return file == nil ? reader as? DatabaseQueue : nil
    }

    /// The file, created now (with its lock file, mode and owner) when it does not exist.
    func created() throws(StoreError) -> any DatabaseWriter {
        lock.lock()
        defer { lock.unlock() }
        if let file { return file }
        let opened = try DatabaseOpener.open(path: path, busyTimeout: busyTimeout, connections: connections)
        keep(opened)
        empty = nil
        return opened.writer
    }

    /// Removes the file — with its log, shared memory and lock file — when no one else has
    /// it open and it holds nothing, and goes back to reading an empty project: for a
    /// write that created the file and then kept nothing (an import of bad lines), so that
    /// it leaves no empty project behind. The file goes only while this process holds the
    /// lock file's lock (no one is creating or migrating it) and can take the project's
    /// presence exclusively (no one else has it open: ``ProjectPresence``), and SQLite's
    /// exclusive lock besides. Does nothing otherwise (a file that holds anything — a
    /// changeset, a setting, a person — stays).
    func removeIfUnused() {
        lock.lock()
        defer { lock.unlock() }
        // One connection, whose closing is told to keep the log's name (below); a pool's
        // readers would delete it.
        guard case .single = connections, let writer = file, let presence,
              let opening = try? DatabaseOpener.Lock(path: path + ".lock", mode: 0o600, timeout: busyTimeout, database: path, owner: nil)
        else { return }
        defer { opening.release() }
        guard presence.tryExclusive() else { return }
        var removed = false
        try? writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            defer { try? db.execute(sql: "ROLLBACK") }
            // Nothing in any table but the schema's own bookkeeping: no changeset, and no
            // setting, person, key or lease written outside one.
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('grdb_migrations', 'sqlite_sequence')
                """)
            for table in tables where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \"\(table)\")") == true { return }
            // Closing this connection must not delete a log by the file's name: after the
            // removal, the name may be another process's new project.
            var persist: Int32 = 1
            sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            // Through a symbolic link, the file and SQLite's files beside it are at the
            // target; the link, which the person made, stays. The lock file is beside the link.
            let target = realpath(path, nil).map { resolved in defer { free(resolved) }; return String(cString: resolved) } ?? path
            for suffix in ["", "-wal", "-shm"] { unlink(target + suffix) }
            unlink(path + ".lock")
            removed = true
        }
        if removed {
            file = nil
            self.presence = nil
        } else {
            presence.share()
        }
    }
}

extension DatabaseOpener {
    /// An empty project in memory at the newest schema: what a project with no file reads.
    static func emptyProject() throws(StoreError) -> DatabaseQueue {
        do {
            var configuration = Configuration()
            configuration.label = "tenet-empty"
            let queue = try DatabaseQueue(configuration: configuration)
            try Schema.migrator.migrate(queue)
            return queue
        } catch {
            throw StoreError.database(path: ":memory:", reason: "an empty project cannot be made: \(error)")
        }
    }
}
