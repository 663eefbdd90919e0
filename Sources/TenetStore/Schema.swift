import GRDB

/// The project database's schema and its migrations.
///
/// - `changeset`: one row per user action, in commit order; append-only.
/// - `entity`: one row per versioned thing (spec, rule, instantiation, pair); `head_rev`
///   is the optimistic-concurrency token.
/// - `revision`: full snapshots, append-only. The database itself refuses a revision that
///   does not follow the current head (`stale_revision`), advances the head, and forbids
///   updating or deleting history.
/// - `tag`: named points in history.
/// - `review`: who decided what on each pair — an index of the pairs' current
///   `decisions.*` fields, rewritten with every pair revision (never edited by hand).
/// - `lease`: which annotator is reviewing which pair, until when (not history: a lease
///   that expires simply goes away).
/// - `project_setting`: review settings (overlap, visibility, lease length, roles).
/// - `prompt_item`, `eval_result`: a prompt set's prompts per set revision, and an
///   evaluation run's results per prompt (append-only).
/// - `pair_count`: pairs per spec and status, kept by a trigger on pair revisions (the
///   review screen's totals without a full count).
/// - `import_batch`, `import_review`: imports still being written, hidden from every
///   reader until their last transaction (see ``ImportBatch``).
enum Schema {
    /// The newest schema this binary knows. Older databases are migrated forward; a newer
    /// one is refused.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE changeset (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    author TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    session TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('edit', 'import', 'undo', 'redo', 'revert')),
                    undoes INTEGER REFERENCES changeset(id),
                    message TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX changeset_author ON changeset(author, id);
                CREATE INDEX changeset_undoes ON changeset(undoes);

                CREATE TABLE entity (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    parent TEXT,
                    head_rev INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (kind, id)
                ) WITHOUT ROWID;
                CREATE INDEX entity_parent ON entity(kind, parent);

                CREATE TABLE revision (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    rev INTEGER NOT NULL,
                    parent_rev INTEGER NOT NULL,
                    changeset INTEGER NOT NULL REFERENCES changeset(id),
                    op TEXT NOT NULL CHECK (op IN ('create', 'update')),
                    changed TEXT NOT NULL,
                    name TEXT NOT NULL,
                    title TEXT NOT NULL,
                    state TEXT NOT NULL,
                    data TEXT NOT NULL,
                    PRIMARY KEY (kind, id, rev),
                    FOREIGN KEY (kind, id) REFERENCES entity(kind, id)
                ) WITHOUT ROWID;
                CREATE INDEX revision_changeset ON revision(changeset);
                CREATE INDEX revision_name ON revision(kind, name);
                CREATE INDEX revision_asof ON revision(kind, id, changeset);

                CREATE TABLE tag (
                    name TEXT PRIMARY KEY,
                    changeset INTEGER NOT NULL REFERENCES changeset(id),
                    author TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );

                CREATE TRIGGER revision_follows_head BEFORE INSERT ON revision
                BEGIN
                    SELECT RAISE(ABORT, 'stale_revision')
                    WHERE NEW.parent_rev IS NOT (SELECT head_rev FROM entity WHERE kind = NEW.kind AND id = NEW.id)
                       OR NEW.rev != NEW.parent_rev + 1;
                END;
                CREATE TRIGGER revision_advances_head AFTER INSERT ON revision
                BEGIN
                    UPDATE entity SET head_rev = NEW.rev WHERE kind = NEW.kind AND id = NEW.id;
                END;
                CREATE TRIGGER revision_is_append_only BEFORE UPDATE ON revision
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER revision_is_never_deleted BEFORE DELETE ON revision
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER changeset_is_append_only BEFORE UPDATE ON changeset
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER changeset_is_never_deleted BEFORE DELETE ON changeset
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER entity_is_never_deleted BEFORE DELETE ON entity
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER entity_head_moves_by_one BEFORE UPDATE ON entity
                WHEN NEW.head_rev != OLD.head_rev + 1 OR NEW.kind != OLD.kind OR NEW.id != OLD.id
                     OR NEW.parent IS NOT OLD.parent
                BEGIN SELECT RAISE(ABORT, 'entity heads only move forward, one revision at a time'); END;
                CREATE TRIGGER tag_is_append_only BEFORE UPDATE ON tag
                BEGIN SELECT RAISE(ABORT, 'tags cannot be moved'); END;
                CREATE TRIGGER tag_is_never_deleted BEFORE DELETE ON tag
                BEGIN SELECT RAISE(ABORT, 'tags cannot be deleted'); END;
                """)
        }
        // Blame asks, per field, for the newest revision that changed it: grouping by the
        // `changed` column on this index answers that without reading every revision.
        migrator.registerMigration("v2-blame-index") { db in
            try db.execute(sql: "CREATE INDEX revision_blame ON revision(kind, id, changed, rev)")
        }
        // Every index is another page written per revision. As-of reads find the newest
        // revision at or before a changeset on the primary key (kind, id, rev) just as well,
        // since an entity's revisions and their changesets grow together.
        migrator.registerMigration("v3-drop-asof-index") { db in
            try db.execute(sql: "DROP INDEX revision_asof")
        }
        migrator.registerMigration("v4-review") { db in
            try db.execute(sql: """
                CREATE TABLE review (
                    pair TEXT NOT NULL,
                    annotator TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    PRIMARY KEY (pair, annotator)
                ) WITHOUT ROWID;
                CREATE INDEX review_annotator ON review(annotator, decision);
                CREATE TABLE lease (
                    pair TEXT NOT NULL,
                    annotator TEXT NOT NULL,
                    session TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    PRIMARY KEY (pair, annotator)
                ) WITHOUT ROWID;
                CREATE INDEX lease_expiry ON lease(expires_at);
                CREATE TABLE project_setting (
                    name TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """)
        }
        // Decided pairs whose rule changed meaning after the decision, per annotator: the
        // queue serves them to that annotator again first.
        migrator.registerMigration("v5-review-stale") { db in
            try db.execute(sql: """
                CREATE TABLE review_stale (
                    pair TEXT NOT NULL,
                    annotator TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    PRIMARY KEY (pair, annotator)
                ) WITHOUT ROWID;
                CREATE INDEX review_stale_annotator ON review_stale(annotator);
                """)
        }
        // Access: who may do what (people, their keys and roles, as versioned entities with
        // this index beside them), and how each changeset's author was identified. Roles
        // and settings kept in `project_setting` before become the first revisions of
        // those entities, so that from now on every change to them is in the history.
        migrator.registerMigration("v6-access") { db in
            try db.execute(sql: """
                ALTER TABLE changeset ADD COLUMN identified_by TEXT NOT NULL DEFAULT '';
                ALTER TABLE changeset ADD COLUMN client TEXT NOT NULL DEFAULT '';
                CREATE TABLE access_person (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    removed INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                CREATE TABLE access_key (
                    fingerprint TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    key TEXT NOT NULL,
                    comment TEXT NOT NULL DEFAULT ''
                ) WITHOUT ROWID;
                CREATE INDEX access_key_name ON access_key(name);
                """)
            try migrateSettings(db)
        }
        // Evaluation: a prompt set's prompts per revision of the set, and a run's results,
        // one row per prompt, written as each prompt finishes (SIGKILL loses only the prompts
        // in flight). Both append-only, like the history: a set's new revision brings its own
        // rows; a result is never rewritten.
        migrator.registerMigration("v7-evaluation") { db in
            try db.execute(sql: """
                CREATE TABLE prompt_item (
                    prompt_set TEXT NOT NULL,
                    set_rev INTEGER NOT NULL,
                    ordinal INTEGER NOT NULL,
                    id TEXT NOT NULL,
                    data TEXT NOT NULL,
                    PRIMARY KEY (prompt_set, set_rev, ordinal)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX prompt_item_id ON prompt_item(prompt_set, set_rev, id);
                CREATE TABLE eval_result (
                    run TEXT NOT NULL,
                    prompt TEXT NOT NULL,
                    ordinal INTEGER NOT NULL,
                    changeset INTEGER NOT NULL REFERENCES changeset(id),
                    created_at TEXT NOT NULL,
                    data TEXT NOT NULL,
                    PRIMARY KEY (run, prompt)
                ) WITHOUT ROWID;
                CREATE INDEX eval_result_order ON eval_result(run, ordinal);
                CREATE TRIGGER prompt_item_is_append_only BEFORE UPDATE ON prompt_item
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER prompt_item_is_never_deleted BEFORE DELETE ON prompt_item
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER eval_result_is_append_only BEFORE UPDATE ON eval_result
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER eval_result_is_never_deleted BEFORE DELETE ON eval_result
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                """)
        }
        registerLeanReviewWrites(&migrator)
        registerReviewCounts(&migrator)
        registerImportBatches(&migrator)
        return migrator
    }

    /// Every index is a page written per revision, and a decision writes a pair revision: the
    /// indexes only rules are looked up by (their names, blame's changed fields) now index
    /// only rules, so a decision or an import stops writing two random index pages per pair.
    /// Rules' names are looked up current-first (``ProjectStore/resolveRule(_:_:asOf:)``
    /// seeks each distinct rule bearing a name, not each revision that did). `undoes` is
    /// indexed only where set (undo, redo); leases are few, so their expiry needs no index.
    static func registerLeanReviewWrites(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-lean-review-writes") { db in
            try db.execute(sql: """
                DROP INDEX revision_name;
                DROP INDEX revision_blame;
                CREATE INDEX revision_rule_name ON revision(name, id) WHERE kind = 'rule';
                CREATE INDEX revision_rule_blame ON revision(id, changed, rev) WHERE kind = 'rule';
                DROP INDEX changeset_undoes;
                CREATE INDEX changeset_undoes ON changeset(undoes) WHERE undoes IS NOT NULL;
                DROP INDEX lease_expiry;
                """)
        }
    }

    /// Pairs per spec (`''`: pairs of no spec) and status, kept by the database itself with
    /// every pair revision (pairs are never deleted and never change spec): a queue's total
    /// and its finished pairs are a few rows to add up, not a million pairs to read, so the
    /// review screen's first frame (and `tenet stats`) need no full count. A revision moves
    /// its pair from the status of the revision it follows to its own.
    static func registerReviewCounts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-review-counts") { db in
            try db.execute(sql: """
                CREATE TABLE pair_count (
                    spec TEXT NOT NULL,
                    state TEXT NOT NULL,
                    pairs INTEGER NOT NULL,
                    PRIMARY KEY (spec, state)
                ) WITHOUT ROWID;
                INSERT INTO pair_count (spec, state, pairs)
                    SELECT coalesce(e.parent, ''), r.state, count(*)
                    FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'pair' GROUP BY 1, 2;
                CREATE TRIGGER pair_counted AFTER INSERT ON revision WHEN NEW.kind = 'pair'
                \(pairCountedBody)
                """)
        }
    }

    /// A large import writes its pairs in short transactions, as an **import batch**: rows of
    /// `entity`/`revision` under a changeset listed in `import_batch`, which no reader shows
    /// (``ImportBatch/hidden``) and `pair_count` does not count. The import's last, tiny
    /// transaction deletes the batch's row — from then on it is all visible. A batch whose
    /// importer died is deleted (``ProjectStore/removeAbandonedImports(_:)``): history stays
    /// append-only, except for the rows of a batch still listed here, which nobody ever saw.
    /// An entity may go only once no revision of it is left (so only a batch's own).
    /// `import_review` holds the decisions an import carries until its batch is shown.
    static func registerImportBatches(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-import-batches") { db in
            try db.execute(sql: """
                CREATE TABLE import_batch (
                    changeset INTEGER PRIMARY KEY,
                    owner TEXT NOT NULL
                );
                CREATE TABLE import_review (
                    changeset INTEGER NOT NULL,
                    pair TEXT NOT NULL,
                    annotator TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    PRIMARY KEY (changeset, pair, annotator)
                ) WITHOUT ROWID;
                DROP TRIGGER revision_is_never_deleted;
                CREATE TRIGGER revision_is_never_deleted BEFORE DELETE ON revision
                WHEN NOT EXISTS (SELECT 1 FROM import_batch WHERE changeset = OLD.changeset)
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                DROP TRIGGER changeset_is_never_deleted;
                CREATE TRIGGER changeset_is_never_deleted BEFORE DELETE ON changeset
                WHEN NOT EXISTS (SELECT 1 FROM import_batch WHERE changeset = OLD.id)
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                DROP TRIGGER entity_is_never_deleted;
                CREATE TRIGGER entity_is_never_deleted BEFORE DELETE ON entity
                WHEN EXISTS (SELECT 1 FROM revision WHERE kind = OLD.kind AND id = OLD.id)
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                DROP TRIGGER pair_counted;
                CREATE TRIGGER pair_counted AFTER INSERT ON revision
                WHEN NEW.kind = 'pair' AND NOT EXISTS (SELECT 1 FROM import_batch WHERE changeset = NEW.changeset)
                \(pairCountedBody)
                """)
        }
    }

    /// What `pair_counted` does (v8, and v9 which only narrows when it fires): a revision
    /// moves its pair from the status of the revision it follows to its own.
    static let pairCountedBody = """
        BEGIN
            UPDATE pair_count SET pairs = pairs - 1
            WHERE NEW.parent_rev > 0
              AND spec = (SELECT coalesce(parent, '') FROM entity WHERE kind = 'pair' AND id = NEW.id)
              AND state = (SELECT state FROM revision WHERE kind = 'pair' AND id = NEW.id AND rev = NEW.parent_rev);
            INSERT INTO pair_count (spec, state, pairs)
            VALUES ((SELECT coalesce(parent, '') FROM entity WHERE kind = 'pair' AND id = NEW.id), NEW.state, 1)
            ON CONFLICT (spec, state) DO UPDATE SET pairs = pairs + 1;
        END;
        """

    /// Moves `project_setting` rows written before v6 into versioned entities.
    private static func migrateSettings(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT name, value FROM project_setting ORDER BY name")
        guard !rows.isEmpty else { return }
        try db.execute(sql: """
            INSERT INTO changeset (author, created_at, session, kind, undoes, message, identified_by)
            VALUES ('tenet', ?, 'migration', 'import', NULL, 'settings and roles from before access', 'migration')
            """, arguments: [Timestamp.now()])
        let changeset = db.lastInsertedRowID
        func insert(_ kind: EntityKind, _ id: String, _ snapshot: Snapshot, title: String, state: String) throws {
            try db.execute(sql: "INSERT INTO entity (kind, id, parent, head_rev) VALUES (?, ?, NULL, 0)", arguments: [kind.rawValue, id])
            try db.execute(sql: """
                INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                VALUES (?, ?, 1, 0, ?, 'create', ?, ?, ?, ?, ?)
                """, arguments: [kind.rawValue, id, changeset, snapshot.keys.sorted().joined(separator: ","), id, title, state,
                                 SnapshotCoding.encode(snapshot)])
        }
        var settings: Snapshot = [:]
        for row in rows {
            let name: String = row[0], value: String = row[1]
            if name.hasPrefix("role.") {
                let person = String(name.dropFirst(5))
                guard PersonName.problem(person) == nil, let role = Role(rawValue: value),
                      case .object(let snapshot) = try JSONValue.from(Person(name: person, role: role)) else { continue }
                try insert(.person, person, snapshot, title: role.rawValue, state: role.rawValue)
                try db.execute(sql: "INSERT INTO access_person (name, role, removed) VALUES (?, ?, 0)", arguments: [person, role.rawValue])
            } else {
                settings[name] = .string(value)
            }
        }
        if !settings.isEmpty { try insert(.project, "settings", settings, title: "project settings", state: "") }
        try db.execute(sql: "DELETE FROM project_setting WHERE name LIKE 'role.%'")
    }
}
