import Foundation
import TenetSpec
import TenetFormats
import TenetStore

/// Keeps the service account's `authorized_keys` in step with the project's access list:
/// Tenet's block is rewritten from the database, atomically, other lines left as they are.
enum AuthorizedKeysSync {
    /// Rewrites the block; returns what was written, for the command's output. Without
    /// `file`, the file is `~/.ssh/authorized_keys` of the account owning the database.
    static func run(_ store: ProjectStore, file: String?) throws -> String {
        let (target, database, binary, info) = try location(store, file: file)
        let folder = FolderOfPath.folder(of: target)
        if !FileManager.default.fileExists(atPath: folder) {
            guard mkdir(folder, 0o700) == 0 else { throw AccessFailure("cannot create \(folder): \(String(cString: strerror(errno)))") }
            if geteuid() == 0 { chown(folder, info.st_uid, info.st_gid) }
        }
        // Two admins at once: each rewrites from the database after the other's commit,
        // one at a time, so the file ends with the newest list.
        let lock = open(folder, O_RDONLY | O_DIRECTORY)
        guard lock >= 0 else { throw AccessFailure("cannot open \(folder): \(String(cString: strerror(errno)))") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }

        let people = try storeCall { () throws(StoreError) in try store.people() }
        let keys = people.reduce(0) { $0 + $1.keys.count }
        let existing = FileManager.default.contents(atPath: target).map { String(decoding: $0, as: UTF8.self) }
        if keys == 0 && !AuthorizedKeys.hasBlock(existing ?? "", database: database) {
            return "no keys registered: \(target) left as it is"
        }
        let block = AuthorizedKeys.block(people, command: .init(binary: binary, database: database))
        let text: String
        switch AuthorizedKeys.splice(existing ?? "", block: block, database: database) {
        case .success(let spliced): text = spliced
        case .failure(let damaged): throw AccessFailure("\(target): \(damaged); nothing was changed in it")
        }
        try write(text, to: target, uid: info.st_uid, gid: info.st_gid)
        let holders = people.filter { !$0.keys.isEmpty }.count
        var report = "\(target): \(keys) key\(keys == 1 ? "" : "s") of \(holders) \(holders == 1 ? "person" : "people") of \(database)"
        let registered = Set(people.filter { !$0.removed }.flatMap { $0.keys.map(\.key) })
        let open = AuthorizedKeys.unrestrictedLines(text, keys: registered)
        if !open.isEmpty {
            let one = open.count == 1
            report += "\nwarning: line\(one ? "" : "s") \(open.map(String.init).joined(separator: ", ")) of \(target) "
                + "\(one ? "lets the same key" : "let the same keys") in without Tenet (OpenSSH uses the first line that matches a key); "
                + "remove \(one ? "it" : "them") or register another key"
        }
        return report
    }

    /// After an undo, redo or revert that changed who has access: rewrites the default
    /// file's block when it has one for this database (as `tenet access sync` would), and
    /// says what it did, or what to run for a file kept elsewhere.
    static func follow(_ store: ProjectStore) -> String {
        let elsewhere = "access changed: run tenet access sync --authorized-keys FILE for the authorized_keys file that holds this project's keys, so that SSH logins follow"
        guard let (target, database, _, _) = try? location(store, file: nil),
              let data = FileManager.default.contents(atPath: target),
              AuthorizedKeys.hasBlock(String(decoding: data, as: UTF8.self), database: database) else { return elsewhere }
        do {
            return try run(store, file: nil)
        } catch {
            return "tenet: access changed, but \(target) was not rewritten: \(error); run tenet access sync"
        }
    }

    /// Refuses, before anything is written to the project, when the file cannot be kept
    /// (a damaged block, a path a forced command cannot carry).
    static func check(_ store: ProjectStore, file: String?) throws {
        let (target, database, _, _) = try location(store, file: file)
        // ``run(_:file:)`` makes the file's folder (`~/.ssh`), not the folders above it: a
        // person saved before that failed stayed in the project, reported as a failure.
        let folder = FolderOfPath.folder(of: target)
        if !FileManager.default.fileExists(atPath: folder), !FileManager.default.fileExists(atPath: FolderOfPath.folder(of: folder)) {
            throw AccessFailure("\(folder) does not exist, nor the folder that would hold it; give --authorized-keys FILE in a folder "
                                + "that exists; nothing was changed")
        }
        guard let data = FileManager.default.contents(atPath: target) else { return }
        if case .failure(let damaged) = AuthorizedKeys.splice(String(decoding: data, as: UTF8.self), block: [], database: database) {
            throw AccessFailure("\(target): \(damaged); nothing was changed")
        }
    }

    /// The file to keep, the database and the binary (absolute), and the database's owner.
    private static func location(_ store: ProjectStore, file: String?) throws -> (String, String, String, stat) {
        let database = realpath(store.path)
        let binary = realpath("/proc/self/exe")
        for path in [database, binary] {
            if let problem = AuthorizedKeys.Command.problem(path) { throw AccessFailure(problem) }
        }
        var info = stat()
        guard stat(database, &info) == 0 else { throw AccessFailure("\(database): cannot read its owner") }
        let target: String
        if let file {
            target = file
        } else {
            guard let owner = getpwuid(info.st_uid), let home = owner.pointee.pw_dir else {
                throw AccessFailure("the database's owner (uid \(info.st_uid)) has no home directory; give --authorized-keys FILE")
            }
            target = String(cString: home) + "/.ssh/authorized_keys"
        }
        try refuseUnlessRegular(target)
        return (target, database, binary, info)
    }

    /// The file is replaced by renaming a new one over it: a FIFO, a device or a symbolic
    /// link there would be replaced by a regular file (as root, `/dev/zero` was), and
    /// reading a FIFO first would block. Only a regular file, or none, is kept.
    private static func refuseUnlessRegular(_ target: String) throws {
        var status = stat()
        guard lstat(target, &status) == 0 else { return }
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK: kind = "a symbolic link; give the file it points to with --authorized-keys"
        case S_IFDIR: kind = "a directory; give the path of the authorized_keys file"
        default: kind = "not a regular file (a FIFO, a socket or a device); give the path of the authorized_keys file"
        }
        throw AccessFailure("\(target) is \(kind); nothing was changed")
    }

    /// Writes beside the target (mode 0600, owned like the database), syncs, renames.
    private static func write(_ text: String, to target: String, uid: uid_t, gid: gid_t) throws {
        let temporary = target + ".tenet-\(getpid()).tmp"
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw AccessFailure("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        if geteuid() == 0 { fchown(fd, uid, gid) }
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0, rename(temporary, target) == 0 else {
            unlink(temporary)
            throw AccessFailure("cannot write \(target): \(String(cString: strerror(errno)))")
        }
        let folder = open(FolderOfPath.folder(of: target), O_RDONLY | O_DIRECTORY)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    private static func realpath(_ path: String) -> String {
        guard let resolved = Foundation.realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// An access command that could not be carried out, worded for the user.
struct AccessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
