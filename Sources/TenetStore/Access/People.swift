import GRDB

/// A public key a person connects with.
public struct PersonKey: Sendable, Codable, Equatable {
    /// `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256` …
    public var type: String
    /// The key itself, base64 as in a `.pub` file.
    public var key: String
    /// The `.pub` file's comment (often user@host).
    public var comment: String
    /// `SHA256:…`, as `ssh-keygen -lf` prints it.
    public var fingerprint: String

    public init(type: String, key: String, comment: String, fingerprint: String) {
        self.type = type
        self.key = key
        self.comment = comment
        self.fingerprint = fingerprint
    }
}

/// Someone with access to a project: a name, a role and the keys they connect with.
public struct Person: Sendable, Codable, Equatable {
    public var name: String
    public var role: Role
    public var keys: [PersonKey]
    /// Removed people keep their history; they can no longer connect or act.
    public var removed: Bool

    public init(name: String, role: Role, keys: [PersonKey] = [], removed: Bool = false) {
        self.name = name
        self.role = role
        self.keys = keys
        self.removed = removed
    }
}

extension ProjectStore {
    // MARK: reading

    /// Whether anyone has been given access: from then on identities are checked and
    /// roles enforced on every write.
    public func accessConfigured() throws(StoreError) -> Bool {
        try guarded { try reader.read { try Self.accessConfigured($0) } }
    }

    static func accessConfigured(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM access_person WHERE removed = 0)")) ?? false
    }

    /// The people with access (and, with `removed`, those whose access was removed).
    public func people(includingRemoved removed: Bool = false) throws(StoreError) -> [Person] {
        try guarded {
            try reader.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM access_person \(removed ? "" : "WHERE removed = 0") ORDER BY name")
                    .compactMap { try Self.person(db, $0) }
            }
        }
    }

    /// One person as stored now, or `nil`.
    public func person(_ name: String) throws(StoreError) -> Person? {
        try guarded { try reader.read { try Self.person($0, name) } }
    }

    static func person(_ db: Database, _ name: String) throws -> Person? {
        guard let head = try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = 'person' AND id = ?", arguments: [name]),
              let data = try String.fetchOne(db, sql: "SELECT data FROM revision WHERE kind = 'person' AND id = ? AND rev = ?",
                                             arguments: [name, head]) else { return nil }
        return try JSONValue.object(SnapshotCoding.decode(data)).decode(Person.self)
    }

    /// The role this store's identity acts with now (what ``authorize(_:)`` checks).
    /// `nil`: access is configured and this identity is not (or no longer) a person of it.
    public func currentRole() throws(StoreError) -> Role? {
        try guarded { try reader.read { try role($0) } }
    }

    /// Changesets that changed access or project settings, newest first.
    public func accessLog(limit: Int = 100) throws(StoreError) -> [LogEntry] {
        try guarded {
            try reader.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT c.*, r.rev, r.name, CASE r.op WHEN 'create' THEN 'created' ELSE r.changed END AS changed,
                           1 AS entities, r.name AS names
                    FROM revision r JOIN changeset c ON c.id = r.changeset
                    WHERE r.kind IN ('person', 'project') ORDER BY c.id DESC, r.id LIMIT ?
                    """, arguments: [limit]).map(Self.logEntry)
            }
        }
    }

    // MARK: changing

    /// Gives `name` access with `role` (a new person, or one removed before), or adds keys to
    /// someone who has it with that role; a different role is refused (``setRole(_:_:)``
    /// changes it). A key already registered to someone else is refused. Admins only.
    @discardableResult
    public func grant(_ name: String, role: Role, keys: [PersonKey]) throws(StoreError) -> Person {
        if let problem = PersonName.problem(name) { throw StoreError.invalid("\(name): \(problem)") }
        var result: Person?
        let with = keys.isEmpty ? "" : " with key" + (keys.count == 1 ? " " : "s ") + keys.map(\.fingerprint).joined(separator: ", ")
        _ = try commit(kind: .edit, message: "grant \(name) \(role.rawValue)" + with) { db in
            var person = try Self.person(db, name) ?? Person(name: name, role: role)
            // Adding keys never changes a role on the side: that is `access role`, logged as such.
            if !person.removed && person.role != role {
                throw StoreError.invalid("\(name) already has access as \(person.role.rawValue); tenet access add gives keys with the "
                                         + "same role (--role \(person.role.rawValue)); tenet access role \(name) \(role.rawValue) changes the role")
            }
            person.role = role
            person.removed = false
            // A key already someone else's is refused where the index is written (syncAccess).
            person.keys += keys.filter { key in !person.keys.contains { $0.fingerprint == key.fingerprint } }
            result = person
            try keepAnAdmin(db, after: person)
            return [try self.personRevision(db, person)]
        }
        guard let result else { throw StoreError.invalid("nothing changed") }
        return result
    }

    /// Refuses a change that would leave no admin on the list, unless the database's owner
    /// makes it (an admin who demoted or removed themselves could no longer undo it).
    private func keepAnAdmin(_ db: Database, after person: Person) throws {
        guard !identity.isOwnerAsItself else { return }
        let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM access_person WHERE removed = 0 AND role = 'admin' AND name != ?",
                                      arguments: [person.name]) ?? 0
        let was = try Int.fetchOne(db, sql: "SELECT count(*) FROM access_person WHERE removed = 0 AND role = 'admin' AND name = ?",
                                   arguments: [person.name]) ?? 0
        if others == 0 && was > 0 && (person.removed || person.role != .admin) {
            throw StoreError.refused("\(person.name) is the only admin: give someone else the admin role first (tenet access role NAME admin)")
        }
    }

    /// Changes a person's role. Admins only.
    @discardableResult
    public func setRole(_ name: String, _ role: Role) throws(StoreError) -> Person {
        try changePerson(name, message: "role of \(name): \(role.rawValue)") { $0.role = role }
    }

    /// Takes a person's access away (their keys stop working; their history stays).
    /// Admins only. (The database's owner stays an admin whatever the list says.)
    @discardableResult
    public func removePerson(_ name: String) throws(StoreError) -> Person {
        try changePerson(name, message: "remove \(name)") { $0.removed = true }
    }

    private func changePerson(_ name: String, message: String, _ change: (inout Person) -> Void) throws(StoreError) -> Person {
        var result: Person?
        _ = try commit(kind: .edit, message: message) { db in
            guard var person = try Self.person(db, name), !person.removed else {
                throw StoreError.notFound("no person \(name) in this project; see tenet access list")
            }
            change(&person)
            result = person
            try keepAnAdmin(db, after: person)
            return [try self.personRevision(db, person)]
        }
        guard let result else { throw StoreError.invalid("nothing changed") }
        return result
    }

    private func personRevision(_ db: Database, _ person: Person) throws -> PendingRevision {
        guard case .object(let snapshot) = try JSONValue.from(person) else { throw StoreError.invalid("a person cannot be stored") }
        let head = try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = 'person' AND id = ?", arguments: [person.name])
        return PendingRevision(kind: .person, id: person.name, parent: nil, expectedRevision: head ?? 0, snapshot: snapshot,
                               name: person.name, title: person.role.rawValue, state: person.removed ? "removed" : person.role.rawValue)
    }

    /// Rewrites a person's rows in the access index from a new snapshot (every person
    /// revision, undo and revert included).
    static func syncAccess(_ db: Database, snapshot: Snapshot) throws {
        let person = try JSONValue.object(snapshot).decode(Person.self)
        try db.execute(sql: "DELETE FROM access_key WHERE name = ?", arguments: [person.name])
        try db.execute(sql: "INSERT OR REPLACE INTO access_person (name, role, removed) VALUES (?, ?, ?)",
                       arguments: [person.name, person.role.rawValue, person.removed])
        if !person.removed {
            for key in person.keys {
                if let owner = try String.fetchOne(db, sql: "SELECT name FROM access_key WHERE fingerprint = ?", arguments: [key.fingerprint]) {
                    throw StoreError.refused("the key \(key.fingerprint) is already \(owner)'s; one key identifies one person")
                }
                try db.execute(sql: "INSERT INTO access_key (fingerprint, name, type, key, comment) VALUES (?, ?, ?, ?, ?)",
                               arguments: [key.fingerprint, person.name, key.type, key.key, key.comment])
            }
        }
    }
}
