import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `--db` and `--user`, shared by every command that uses the project database.
///
/// Who you are comes from how you reached Tenet: in a served session (`tenet serve`,
/// run by OpenSSH for a registered key) the key's person; otherwise your operating-system
/// account. `--user` / `$TENET_USER` choose another name only while the project has no
/// access configured, or for the account that owns the database.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The project database (default: $TENET_DB, else ./tenet.db).")
    var database: String?

    @Option(help: "Who changes are attributed to (default: $TENET_USER, else the login name). Once access is configured, only the database's owner may use it.")
    var user: String?

    /// `--db ""` opened a private, temporary database that SQLite throws away: an import
    /// into it reported success and kept nothing.
    func validate() throws {
        if let database, database.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs the path of a project database (e.g. --db tenet.db), or leave it out for $TENET_DB, else ./tenet.db")
        }
    }

    var resolvedPath: String {
        if let served = ServedSession.current { return served.database }
        if let database { return database }
        if let env = Environment.value("TENET_DB"), !env.isEmpty { return env }
        return "tenet.db"
    }

    /// The name asked for with `--user` or `$TENET_USER`, if any.
    private var claimedUser: String? {
        if let user, !user.isEmpty { return user }
        if let env = Environment.value("TENET_USER"), !env.isEmpty { return env }
        return nil
    }

    /// Seconds to wait for another process's write: `$TENET_BUSY_TIMEOUT`, else 5. A value
    /// that is not a number of seconds from 0 to ``maximumBusyTimeout`` is refused (exit 64)
    /// rather than read as something else: `5s`, `-1`, `inf` and `nan` used to be taken
    /// silently, and a huge value crashed the database layer.
    func busyTimeout() throws -> TimeInterval {
        guard let text = Environment.value("TENET_BUSY_TIMEOUT"), !text.isEmpty else { return 5 }
        switch Self.busyTimeout(text) {
        case .success(let seconds): return seconds
        case .failure(let problem):
            Output.error("tenet: $TENET_BUSY_TIMEOUT is “\(SafeText.visible(text))”: \(problem.message)")
            throw ExitStatus.usage
        }
    }

    /// The longest wait `$TENET_BUSY_TIMEOUT` may ask for: an hour.
    static let maximumBusyTimeout: TimeInterval = 3600

    /// `$TENET_BUSY_TIMEOUT` read: plain decimal seconds (`5`, `0.5`, `30`), 0 to an hour.
    static func busyTimeout(_ text: String) -> Result<TimeInterval, BusyTimeoutProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let plain = !trimmed.isEmpty && trimmed.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && trimmed.filter { $0 == "." }.count <= 1
        guard plain, let seconds = TimeInterval(trimmed), seconds.isFinite, seconds >= 0, seconds <= maximumBusyTimeout else {
            return .failure(BusyTimeoutProblem(message: "give the seconds to wait for another process's write, a number from 0 to "
                                               + "\(Int(maximumBusyTimeout)) (e.g. TENET_BUSY_TIMEOUT=5), or unset it for 5"))
        }
        return .success(seconds)
    }

    struct BusyTimeoutProblem: Error { var message: String }

    /// Opens the store as whoever is really acting, or prints why not and exits (1, or 77
    /// when the identity is refused). A short command takes one connection (the default);
    /// the workbench and model jobs, which read while they save, take a pool.
    func open(connections: DatabaseConnections = .single) throws -> ProjectStore {
        let timeout = try busyTimeout()
        if let served = ServedSession.current {
            let store = try storeCall { () throws(StoreError) in
                try ProjectStore(path: served.database, identity: served.identity, busyTimeout: timeout, connections: connections)
            }
            try storeCall { () throws(StoreError) in try store.authorize(.read) }
            return store
        }
        let login = LocalAccount.login
        let path = resolvedPath
        // Commands a message suggests name this project too (not $TENET_DB or the default:
        // those carry over by themselves).
        CommandHint.database = database
        let owner = LocalAccount.owns(path)
        if let claimed = claimedUser, let problem = PersonName.problem(claimed) {
            // Named as the user gave it: a bad $TENET_USER was reported as `--user`, an option never typed.
            let given = user?.isEmpty == false ? "--user" : "$TENET_USER"
            // At most 64 characters of it: a name of 100,000 was echoed whole.
            let shown = claimed.count > 64 ? String(claimed.prefix(64)) + "…" : claimed
            Output.error("tenet: \(given) \(SafeText.visible(shown)): \(problem)")
            throw ExitStatus.usage
        }
        let name = claimedUser ?? login
        let store = try storeCall { () throws(StoreError) in
            try ProjectStore(path: path, identity: Identity(name: name, source: geteuid() == 0 ? .superuser(login: login)
                                                                : owner ? .owner(login: login) : .account(login: login)),
                             busyTimeout: timeout, connections: connections)
        }
        try storeCall { () throws(StoreError) in
            guard try store.accessConfigured() else { return }
            if name != login && !owner {
                throw StoreError.forbidden("""
                    this project has access configured, so changes are attributed to your account (\(login)); \
                    --user and $TENET_USER are for the account that owns the database only
                    """)
            }
            try store.authorize(.read)
        }
        return store
    }

    /// Opens the store for a command that makes no sense before anything was written (a
    /// review screen, an export): where there is no database yet, says so and exits 1
    /// instead of acting on an empty project.
    func openExisting(connections: DatabaseConnections = .single) throws -> ProjectStore {
        let store = try open(connections: connections)
        guard store.exists else {
            Output.error("tenet: no project at \(SafeText.visible(resolvedPath)): import a spec first with tenet import spec FILE")
            throw ExitStatus.failure
        }
        return store
    }
}

/// The operating-system account this process runs as.
enum LocalAccount {
    /// The login name of the effective user.
    static var login: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.userName
    }

    /// Whether this account owns the database at `path` (root does; so does whoever is
    /// about to create it). The owner could rewrite the file anyway, so Tenet lets it act
    /// for anyone.
    static func owns(_ path: String) -> Bool {
        if geteuid() == 0 { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { return true }
        return info.st_uid == geteuid()
    }
}

/// Runs a store operation; a ``StoreError`` is printed as `tenet: …` and becomes the
/// documented exit status (1, or 3 for a conflict).
func storeCall<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Output.error("tenet: " + error.description)
        throw ExitStatus.of(error)
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
