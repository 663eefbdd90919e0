import Foundation
import GRDB

/// The project database: the only writer of specs, rules, instantiations and pairs.
///
/// Every change is a revision tied to a changeset (one per user action). Writes carry the
/// revision they started from and are refused — by the database itself — when someone
/// else got there first. Several processes may use one database at once (WAL); commits
/// are durable (`synchronous = FULL`) before a call returns.
public final class ProjectStore: Sendable {
    /// The database file.
    public let path: String
    /// Who is acting, and how they were identified (recorded in every changeset).
    public let identity: Identity
    /// Who changesets are attributed to.
    public var author: String { identity.name }
    /// Identifies this process's changesets.
    public let session: String
    let database: ProjectDatabase

    /// Opens (migrating when needed) the database at `path`. A database that does not
    /// exist yet is not created here but by the first write: until then the store reads
    /// an empty project, and a command that only reads leaves no file behind.
    ///
    /// - Parameters:
    ///   - busyTimeout: how long to wait for another process's write to finish.
    ///   - connections: a pool (reads beside writes, for long-running work) or a single
    ///     connection (a short command).
    public init(path: String, identity: Identity, session: String? = nil, busyTimeout: TimeInterval = 5,
                connections: DatabaseConnections = .pool) throws(StoreError) {
        self.path = path
        self.identity = identity
        self.session = session ?? ProjectStore.newSession()
        self.database = try ProjectDatabase(path: path, busyTimeout: busyTimeout, connections: connections)
    }

    /// Opens the database as its owner acting under `author` (tests, benchmarks, a laptop).
    public convenience init(path: String, author: String, session: String? = nil, busyTimeout: TimeInterval = 5) throws(StoreError) {
        try self.init(path: path, identity: .owner(author), session: session, busyTimeout: busyTimeout)
    }

    /// `host:pid:random`, so changesets from one process can be told apart.
    static func newSession() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host):\(getpid()):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Whether the project has a database file yet (its first write creates it).
    public var exists: Bool { database.exists }

    /// Creates the (empty) database file now, when it does not exist yet: for a command that
    /// needs the file itself before its first write — `tenet access add` on a new project
    /// names it, owner and all, in `authorized_keys`.
    public func createFile() throws(StoreError) {
        _ = try database.created()
    }

    /// Runs `body`, a write that may create the database file. When the file did not exist
    /// before and `body` wrote nothing — it threw, or `wrote` says so of its result — the
    /// file it created is removed again (``ProjectDatabase/removeIfUnused()``): an import
    /// of bad lines into a new project leaves no empty project behind.
    func removingNewFileUnlessWritten<T>(_ body: () throws(StoreError) -> T, wrote: (T) -> Bool) throws(StoreError) -> T {
        let fresh = !database.exists
        do {
            let result = try body()
            if fresh && !wrote(result) { database.removeIfUnused() }
            return result
        } catch {
            if fresh { database.removeIfUnused() }
            throw error
        }
    }

    /// What reads read: the database file, or an empty project while there is none.
    var reader: any DatabaseReader {
        get throws(StoreError) { try database.current() }
    }

    /// The database file for writing, created by the first write.
    var writer: any DatabaseWriter {
        get throws(StoreError) { try database.created() }
    }

    /// The `synchronous` setting in effect on the file's writing connection (2 = FULL);
    /// creates the file when there is none.
    public func synchronousMode() throws(StoreError) -> Int {
        try guarded { try writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 } }
    }

    /// The file's journal mode (`wal`); creates the file when there is none.
    public func journalMode() throws(StoreError) -> String {
        try guarded { try writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" } }
    }

    /// The newest changeset (of those shown: see ``changes(after:)``), or 0 in an empty project.
    public func latestChangeset() throws(StoreError) -> Int64 {
        try guarded { try reader.read { try Self.feedLatest($0) } }
    }

    // MARK: errors

    /// Runs a database operation, turning SQLite's errors into messages about this file.
    func guarded<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw DatabaseOpener.describe(error, path: path)
        } catch {
            throw StoreError.invalid("\(error)")
        }
    }

    // MARK: writing

    /// A revision to write: the entity, what it should look like, and the revision the
    /// change was based on (`nil`: whatever is current inside the write transaction).
    struct PendingRevision {
        var kind: EntityKind
        var id: String
        var parent: String?
        var expectedRevision: Int?
        var snapshot: Snapshot
        /// The snapshot at `expectedRevision`, when the caller already has it.
        var previous: Snapshot? = nil
        /// Set by callers that edit the stored text directly (``RawSnapshot``): the new
        /// snapshot's text and the fields that changed. `snapshot` is then unused.
        var raw: (text: String, changed: [String])? = nil
        var name: String
        var title: String
        var state: String
    }

    /// What a commit wrote.
    public struct Commit: Sendable, Equatable {
        public var changeset: Int64
        /// (entity key, new revision, changed fields) for each revision written.
        public var revisions: [WrittenRevision]
    }

    public struct WrittenRevision: Sendable, Equatable {
        public var kind: EntityKind
        public var id: String
        public var revision: Int
        public var changed: [String]
        /// The revision's state (a pair's status; `removed` for a creation undone).
        public var state: String
    }

    /// Writes one changeset in one IMMEDIATE transaction. `build` runs inside it, so what
    /// it reads is current; revisions that change nothing are dropped, and when nothing is
    /// left no changeset is written (the result is `nil`).
    /// `undoes` is read after `build` has run, so `build` can decide it.
    /// `then` runs in the same transaction after the revisions are written (one durable
    /// commit for both).
    ///
    /// A project with no database file yet is created only by a commit that writes
    /// something: the changeset is first tried on the empty project and rolled back, so a
    /// refused undo or an unknown rule leaves no file behind. (`build` may therefore run
    /// twice: it must set, not accumulate, what it reports.)
    func commit(kind: ChangesetKind, undoes: @autoclosure () -> Int64? = nil, message: String,
                then: ((Database) throws -> Void)? = nil,
                _ build: (Database) throws -> [PendingRevision]) throws(StoreError) -> Commit? {
        func run(on database: any DatabaseWriter, keep: Bool) throws(StoreError) -> Commit? {
            try guarded {
                try database.writeWithoutTransaction { db -> Commit? in
                    var result: Commit?
                    try db.inTransaction(.immediate) {
                        let revisions = try build(db)
                        result = try write(db, kind: kind, undoes: undoes(), message: message, revisions)
                        if result != nil { try then?(db) }
                        return result == nil || !keep ? .rollback : .commit
                    }
                    return result
                }
            }
        }
        if let empty = try database.emptyWhileAbsent(), try run(on: empty, keep: false) == nil { return nil }
        return try run(on: try writer, keep: true)
    }

    private func write(_ db: Database, kind: ChangesetKind, undoes: Int64?, message: String,
                       _ pending: [PendingRevision]) throws -> Commit? {
        var planned: [(PendingRevision, parentRev: Int, changed: [String], op: String)] = []
        for revision in pending {
            let head = try Int.fetchOne(db.cachedStatement(sql: "SELECT head_rev FROM entity WHERE kind = ? AND id = ?"),
                                        arguments: [revision.kind.rawValue, revision.id])
            let parentRev = revision.expectedRevision ?? head ?? 0
            if let expected = revision.expectedRevision, expected != (head ?? 0) {
                throw StoreError.conflict(try conflict(db, kind: revision.kind, id: revision.id, name: revision.name,
                                                       expected: expected, current: head ?? 0))
            }
            if let raw = revision.raw, parentRev > 0 {
                if raw.changed.isEmpty { continue }
                planned.append((revision, parentRev, raw.changed, "update"))
                continue
            }
            let previous = parentRev > 0
                ? try revision.previous ?? snapshot(db, kind: revision.kind, id: revision.id, revision: parentRev) : nil
            let changed = previous.map { SnapshotCoding.changedFields($0, revision.snapshot) } ?? revision.snapshot.keys.sorted()
            if previous != nil && changed.isEmpty { continue }
            planned.append((revision, parentRev, changed, previous == nil ? "create" : "update"))
        }
        guard !planned.isEmpty else { return nil }
        // Roles are enforced here, where every versioned write passes: the most demanding
        // revision of the changeset decides.
        if let needed = planned.map({ permission(kind: $0.0.kind, creating: $0.op == "create", changed: $0.changed,
                                                 snapshot: $0.0.raw == nil ? $0.0.snapshot : nil,
                                                 reversal: kind == .undo || kind == .redo) })
            .max(by: { $0.role < $1.role }) {
            try authorize(db, needed)
        }
        let changeset = try insertChangeset(db, kind: kind, undoes: undoes, message: message)
        var written: [WrittenRevision] = []
        for (revision, parentRev, changed, op) in planned {
            if op == "create" {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity (kind, id, parent, head_rev) VALUES (?, ?, ?, 0)")
                    .execute(arguments: [revision.kind.rawValue, revision.id, revision.parent])
            }
            do {
                try db.cachedStatement(sql: """
                    INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [revision.kind.rawValue, revision.id, parentRev + 1, parentRev, changeset, op,
                                     changed.joined(separator: ","), revision.name, revision.title, revision.state,
                                     revision.raw?.text ?? SnapshotCoding.encode(revision.snapshot)])
            } catch let error as DatabaseError where error.message?.contains("stale_revision") == true {
                let current = try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = ? AND id = ?",
                                               arguments: [revision.kind.rawValue, revision.id]) ?? 0
                throw StoreError.conflict(try conflict(db, kind: revision.kind, id: revision.id, name: revision.name,
                                                       expected: parentRev, current: current))
            }
            if revision.kind == .pair && revision.raw == nil {
                try Self.syncReviewIndex(db, pair: revision.id, snapshot: revision.snapshot)
            }
            if revision.kind == .person { try Self.syncAccess(db, snapshot: revision.snapshot) }
            if revision.kind == .project { try Self.syncSettings(db, snapshot: revision.snapshot) }
            if revision.kind == .rule && op == "update" && changed.contains(where: { ReviewFields.meaningful.contains($0) }) {
                try Self.markDecisionsStale(db, ruleKey: revision.id, spec: revision.parent, snapshot: revision.snapshot, raw: revision.raw?.text)
            }
            written.append(WrittenRevision(kind: revision.kind, id: revision.id, revision: parentRev + 1, changed: changed, state: revision.state))
        }
        return Commit(changeset: changeset, revisions: written)
    }

    /// Writes the changeset row of a user action: who, how they were identified, from
    /// where, in which session, when. Returns its number.
    func insertChangeset(_ db: Database, kind: ChangesetKind, undoes: Int64?, message: String) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO changeset (author, created_at, session, kind, undoes, message, identified_by, client)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [author, Timestamp.now(), session, kind.rawValue, undoes, message,
                                     identity.identifiedBy, identity.client])
        return db.lastInsertedRowID
    }

    /// Who changed the entity after `expected`.
    func conflict(_ db: Database, kind: EntityKind, id: String, name: String, expected: Int, current: Int) throws -> Conflict {
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.rev, r.changed, c.id AS changeset, c.author, c.created_at
            FROM revision r JOIN changeset c ON c.id = r.changeset
            WHERE r.kind = ? AND r.id = ? AND r.rev > ? ORDER BY r.rev DESC
            """, arguments: [kind.rawValue, id, expected])
        return Conflict(entity: "\(kind.rawValue) \(name)", expectedRevision: expected, currentRevision: current,
                        changes: rows.map {
                            Conflict.Change(revision: $0["rev"], changeset: $0["changeset"], author: $0["author"],
                                            time: $0["created_at"], fields: Self.fields($0["changed"]))
                        },
                        readAgain: kind.showCommand(id: id, name: name), takesExpectedRevision: kind.takesExpectedRevision)
    }

    // MARK: reading

    /// The snapshot of an entity at a revision.
    func snapshot(_ db: Database, kind: EntityKind, id: String, revision: Int) throws -> Snapshot? {
        guard let data = try String.fetchOne(db.cachedStatement(sql: "SELECT data FROM revision WHERE kind = ? AND id = ? AND rev = ?"),
                                             arguments: [kind.rawValue, id, revision]) else { return nil }
        return try SnapshotCoding.decode(data)
    }

    /// The field names of a revision's `changed` column (comma-separated).
    static func fields(_ changed: String) -> [String] {
        changed.isEmpty ? [] : changed.utf8.split(separator: 0x2C).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The kinds of versioned entities.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    case spec, rule, instantiation, pair
    /// Someone with access (``Person``), by name.
    case person
    /// The project's settings (one entity, `settings`).
    case project
    /// A suggested annotation of one rule's field (``Suggestion``), keyed `RULE-KEY#FIELD`.
    case suggestion
    /// A set of prompts to evaluate models on, by name (its prompts are in `prompt_item`).
    case promptSet = "promptset"
    /// An evaluation run (``EvalRun``), by name (its results are in `eval_result`).
    case evalRun = "evalrun"
    /// A midtraining document (``DocumentRecord``), keyed by its content ID.
    case document
}

/// What a changeset did.
public enum ChangesetKind: String, Sendable, Codable, CaseIterable {
    case edit, `import`, undo, redo, revert
}

/// Changeset times: UTC, ISO 8601 with milliseconds, so they sort as text.
public enum Timestamp {
    /// Now, as `2026-12-05T09:30:02.123Z`.
    public static func now() -> String { at(secondsFromNow: 0) }

    /// The time `offset` seconds from now.
    static func at(secondsFromNow offset: Int) -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec + offset
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Not String(format:): its C-variadic arguments cost the runtime conformance
        // scans, ~3 % of a whole short command such as `tenet rule set`.
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-" + digits(Int(parts.tm_mday), 2)
            + "T" + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2) + ":" + digits(Int(parts.tm_sec), 2)
            + "." + digits(Int(spec.tv_nsec / 1_000_000), 3) + "Z"
    }
}
