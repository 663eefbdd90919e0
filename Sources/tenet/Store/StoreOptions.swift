import ArgumentParser
import Foundation
import TenetStore

/// `--db` and `--user`, shared by every command that uses the project database.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The project database (default: $TENET_DB, else ./tenet.db).")
    var database: String?

    @Option(help: "Who changes are attributed to (default: $TENET_USER, else the login name).")
    var user: String?

    var resolvedPath: String {
        if let database { return database }
        if let env = ProcessInfo.processInfo.environment["TENET_DB"], !env.isEmpty { return env }
        return "tenet.db"
    }

    var resolvedUser: String {
        if let user, !user.isEmpty { return user }
        if let env = ProcessInfo.processInfo.environment["TENET_USER"], !env.isEmpty { return env }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.userName
    }

    /// Seconds to wait for another process's write: `$TENET_BUSY_TIMEOUT`, else 5.
    var busyTimeout: TimeInterval {
        ProcessInfo.processInfo.environment["TENET_BUSY_TIMEOUT"].flatMap(TimeInterval.init) ?? 5
    }

    /// Opens the store, or prints why not and exits 1.
    func open() throws -> ProjectStore {
        try storeCall { () throws(StoreError) in
            try ProjectStore(path: resolvedPath, author: resolvedUser, busyTimeout: busyTimeout)
        }
    }
}

/// Runs a store operation; a ``StoreError`` is printed as `tenet: …` and becomes the
/// documented exit status (1, or 3 for a conflict).
func storeCall<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Output.error("tenet: " + TreePrinter.clean(error.description).replacingOccurrences(of: "↵", with: "\n"))
        throw ExitCode(error.exitCode)
    }
}

/// `--as-of TAG|CHANGESET` on read commands.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Read the project as it was at a tag or changeset number.")
    var asOf: String?

    func changeset(in store: ProjectStore) throws -> Int64? {
        guard let asOf else { return nil }
        return try storeCall { () throws(StoreError) in try store.changeset(named: asOf) }
    }
}
