import GRDB

/// Roles enforced where data is written: every write transaction checks the role of the
/// identity it runs for, read from the database inside the same transaction (a role
/// changed by an admin a moment ago applies to the very next write).
extension ProjectStore {
    /// The role this identity acts with: `.admin` while nobody has been given access (a
    /// laptop, as before access existed) and for the database's owner acting as itself;
    /// otherwise the person's role. `nil`: not (or no longer) a person of this project, or
    /// connected with a key that is no longer theirs.
    func role(_ db: Database) throws -> Role? {
        if identity.isOwnerAsItself { return .admin }
        guard try Self.accessConfigured(db) else { return .admin }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT role, removed FROM access_person WHERE name = ?"),
                                         arguments: [identity.name]),
              !(row["removed"] as Bool), let role = Role(rawValue: row["role"]) else { return nil }
        if case .key(let fingerprint) = identity.source {
            let holder = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM access_key WHERE fingerprint = ?"),
                                             arguments: [fingerprint])
            guard holder == identity.name else { return nil }
        }
        return role
    }

    /// The role whose visibility applies to what this identity reads: before access is
    /// configured everyone reads as an annotator (so `visibility own` still hides others'
    /// verdicts, as it always did).
    func readingRole(_ db: Database) throws -> Role {
        guard try Self.accessConfigured(db) else { return .annotator }
        return try role(db) ?? .viewer
    }

    /// Refuses, with a message naming the role needed, unless this identity may do it.
    func authorize(_ db: Database, _ permission: Permission) throws {
        guard let role = try role(db) else {
            // The owner acting as a person (`--user`, `$TENET_USER`) can always act as itself.
            var next = "ask an admin (tenet access add)"
            switch identity.source {
            case .owner(let login), .superuser(let login):
                next = "as the database's owner, leave out --user and $TENET_USER to act as \(login), an admin, or ask an admin (tenet access add \(identity.name))"
            default: break
            }
            throw StoreError.forbidden("\(identity.name) has no access to this project (or this key is no longer theirs); \(next)")
        }
        guard role >= permission.role else {
            throw StoreError.forbidden("""
                \(permission.action) needs the \(permission.role.rawValue) role; \(identity.name) is \(role == .viewer ? "a" : "an") \(role.rawValue). An admin can change that (tenet access role \(identity.name) \(permission.role.rawValue))
                """)
        }
    }

    /// Checks, before anything is read or written, that this identity may do it (for
    /// reads and writes outside the versioned tables: export, tags, the queue's leases).
    public func authorize(_ permission: Permission) throws(StoreError) {
        try guarded { try reader.read { try authorize($0, permission) } }
    }

    /// What writing a revision of this kind, with these changed fields, needs. `snapshot`:
    /// the revision's new fields, when the writer has them.
    ///
    /// `reversal`: an undo or redo, which only ever reverses the user's own changeset (a
    /// revert of someone else's needs an admin, checked where it is chosen).
    func permission(kind: EntityKind, creating: Bool, changed: [String], snapshot: Snapshot? = nil,
                    reversal: Bool = false) -> Permission {
        switch kind {
        case .spec, .rule: return .author("changing specs and rules")
        case .instantiation: return .author("saving instantiations")
        case .person: return .admin("changing who has access")
        case .project: return .admin("changing the project's settings")
        case .suggestion: return .author("asking for, accepting or rejecting annotation suggestions")
        case .promptSet: return .author("importing prompt sets")
        case .evalRun: return .evaluate
        // As pairs: authors generate documents, annotators review them (changing a decision
        // someone else made needs an adjudicator, checked where documents are decided).
        case .document: return creating ? .author("adding midtraining documents") : .review
        case .pair:
            if creating { return .author("adding pairs") }
            let others = changed.filter { field in
                field == ReviewFields.reopened
                    || (field.hasPrefix(ReviewFields.decisionPrefix) && field != ReviewFields.decisionPrefix + identity.name)
            }
            // An annotator's edit or swap sets aside the verdicts on the old text (and sends
            // the pair back to their authors); that is all it may do to others' verdicts.
            let textChanged = changed.contains("chosen") || changed.contains("rejected")
            let onlySetAside = textChanged && others.allSatisfy { $0 == ReviewFields.reopened || snapshot?[$0] == .null }
            return others.isEmpty || onlySetAside || reversal ? .review : .adjudicate
        }
    }
}

extension ProjectStore {
    /// Whether `viewer` may see other annotators' decisions under the project's visibility.
    func seesOthers(_ db: Database, _ settings: ReviewSettings, viewer: String) throws -> Bool {
        if settings.visibility == "all" { return true }
        if viewer == identity.name { return settings.seesOthers(try readingRole(db)) }
        return settings.seesOthers(settings.roles[viewer] ?? .annotator)
    }

    /// Whether this identity may see other annotators' decisions, and so pairs' real statuses.
    func seesOthersVerdicts(_ db: Database) throws -> Bool {
        try seesOthers(db, try Self.reviewSettings(db), viewer: identity.name)
    }

    /// Whether this identity may see other annotators' decisions now.
    public func seesOthersVerdicts() throws(StoreError) -> Bool {
        try guarded { try reader.read { db in try seesOthersVerdicts(db) } }
    }
}
