import GRDB
import TenetSpec

/// Which pairs a review queue serves.
public struct QueueFilter: Sendable, Equatable {
    public var spec: String?
    public var rule: String?
    /// `pending` (the default) serves pairs still needing reviews; any other status serves
    /// pairs in it, for a second look (no lease rules beyond one annotator at a time).
    public var status: String
    /// Only pairs made with this probing strategy (`role-play`…).
    public var strategy: String?
    /// Only pairs from this generator (`offline-template`, `openai`, `import`…).
    public var generator: String?
    /// Only pairs whose prompt or answers contain this text (ASCII letters match either case).
    public var text: String?

    public init(spec: String? = nil, rule: String? = nil, status: String = PairStatus.pending.rawValue,
                strategy: String? = nil, generator: String? = nil, text: String? = nil) {
        self.spec = spec
        self.rule = rule
        self.status = status
        self.strategy = strategy
        self.generator = generator
        self.text = text
    }

    /// Conditions on `entity e` joined with its head revision `r`, beyond kind and status.
    /// Without a spec, the pairs of the `archived` specs are left out.
    func conditions(leavingOut archived: [String]) -> (sql: [String], arguments: StatementArguments) {
        var sql: [String] = []
        var arguments: StatementArguments = []
        if let spec { sql.append("e.parent = ?"); arguments += [spec] }
        else if let hidden = ProjectStore.leavingOut(archived) { sql.append(hidden.sql); arguments += hidden.arguments }
        if let rule { sql.append("(',' || r.title || ',') LIKE ?"); arguments += ["%," + rule + ",%"] }
        if let strategy { sql.append("json_extract(r.data, '$.strategy') = ?"); arguments += [strategy] }
        if let generator { sql.append("json_extract(r.data, '$.provenance.generator') = ?"); arguments += [generator] }
        if let text, !text.isEmpty {
            // The JSON text holds the prompt and answers escaped: search for the text as
            // it is escaped there.
            var escaped = JSONValue.string(text).description
            escaped.removeFirst()
            escaped.removeLast()
            let pattern = escaped.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            sql.append("r.data LIKE ? ESCAPE '\\'")
            arguments += ["%" + pattern + "%"]
        }
        return (sql, arguments)
    }

    /// Whether the filter needs the head revision (anything beyond the spec).
    var needsRevision: Bool { rule != nil || strategy != nil || generator != nil || !(text ?? "").isEmpty }

    /// As people read it: `status pending · rule travel.x · …`.
    public var summary: String {
        var parts = ["status \(status)"]
        if let rule { parts.append("rule \(rule)") }
        if let strategy { parts.append("strategy \(strategy)") }
        if let generator { parts.append("generator \(generator)") }
        if let text, !text.isEmpty { parts.append("“\(text)”") }
        return parts.joined(separator: " · ")
    }
}

/// How far a queue is: what this annotator has decided, what is left for them.
public struct QueueProgress: Sendable, Equatable {
    /// Pairs under the filter.
    public var total: Int
    /// Of those, pairs this annotator has decided (skips included).
    public var decidedByMe: Int
    /// Of those, pairs whose review is finished; `nil` while not counted (it needs a look
    /// at every pair, so it is counted in the background).
    public var finished: Int?

    public init(total: Int, decidedByMe: Int, finished: Int?) {
        self.total = total
        self.decidedByMe = decidedByMe
        self.finished = finished
    }
}

extension ProjectStore {
    /// Serves the next pair for this user to review and reserves it (a lease) until the
    /// project's lease time passes: within the filter, not decided by this user yet, and
    /// with fewer verdicts plus others' leases than the overlap asks for. A pair whose rule
    /// changed since this user decided it comes first, then one reopened for them, then one
    /// they already hold, then the next after `after` in queue order (wrapping around).
    /// `passed`: pairs this user moved past without deciding in this session; the first
    /// three kinds skip them while anything else is left, so moving on always moves.
    /// Safe across processes: the choice and the lease are one write transaction.
    public func claimNext(_ filter: QueueFilter = QueueFilter(), after: String? = nil,
                          passed: [String] = []) throws(StoreError) -> StoredPair? {
        // A project with no file has no pairs: its queue is read (and leased) in the empty
        // project, which leaves no file behind.
        let id: String? = try guarded { try database.current().write { db in try claim(db, filter, after: after, passed: passed) } }
        return try id.map { (id: String) throws(StoreError) -> StoredPair in try pair(id) }
    }

    /// The most pairs `passed` holds: a session that moves past more forgets the oldest.
    public static let passedLimit = 500

    /// The claim itself, inside a write transaction: the pair chosen (leased), or nil.
    func claim(_ db: Database, _ filter: QueueFilter, after: String?, passed: [String] = []) throws -> String? {
        try authorize(db, .review)
        let settings = try Self.reviewSettings(db)
        let now = Timestamp.now()
        try db.cachedStatement(sql: "DELETE FROM lease WHERE expires_at <= ?").execute(arguments: [now])
        let states = Self.state(in: try storedStatuses(db, matching: filter.status))
        var conditions = ["e.kind = 'pair'", states.sql, ImportBatch.shown("r")]
        var arguments = states.arguments
        // An archived spec's pairs are served only when the filter names the spec.
        let archived = filter.spec == nil ? try Self.archivedSpecs(db) : []
        let extra = filter.conditions(leavingOut: archived)
        conditions += extra.sql
        arguments += extra.arguments
        let base = """
            SELECT e.id FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE \(conditions.joined(separator: " AND "))
            """
        // Pairs mine to look at again whatever their status now, within the rest of the
        // filter: one I decided whose rule has changed since, one reopened for me (a
        // reopen, or an edit of the text I judged), one I already hold undecided.
        let anyStatus = """
            SELECT e.id FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE \((["e.kind = 'pair'", ImportBatch.shown("r")] + extra.sql).joined(separator: " AND "))
            """
        let mine: [(sql: String, arguments: StatementArguments)] = [
            (anyStatus + " AND e.id IN (SELECT pair FROM review_stale WHERE annotator = ?)", extra.arguments + [author]),
            (anyStatus + " AND e.id IN (SELECT pair FROM review WHERE annotator = ? AND decision = 'reopened')", extra.arguments + [author]),
            (base + " AND e.id IN (SELECT pair FROM lease WHERE annotator = ?) AND NOT EXISTS (SELECT 1 FROM review v WHERE v.pair = e.id AND v.annotator = ? AND v.decision != 'reopened')",
             arguments + [author, author]),
        ]
        let skipped = Array(passed.suffix(Self.passedLimit))
        let leavingOutPassed = skipped.isEmpty ? "" : " AND e.id NOT IN (\(skipped.map { _ in "?" }.joined(separator: ",")))"
        for query in mine {
            let sql = query.sql + leavingOutPassed + " ORDER BY e.id LIMIT 1"
            // The text varies with the number passed: kept only when it does not.
            let statement = skipped.isEmpty ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
            if let found = try String.fetchOne(statement, arguments: query.arguments + StatementArguments(skipped)) {
                try lease(db, found, settings)
                return found
            }
        }
        // Then the next open one, after the last served.
        // Pending pairs need `overlap` verdicts: leases and verdicts so far count against it.
        // A pair in another status (flagged, disputed…) already has its verdicts and is being
        // looked at again: one person at a time.
        let pending = filter.status == PairStatus.pending.rawValue
        let verdicts = pending ? "(SELECT count(*) FROM review v WHERE v.pair = e.id AND v.decision NOT IN ('skip', 'reopened')) + " : ""
        let open = base + """
             AND NOT EXISTS (SELECT 1 FROM review v WHERE v.pair = e.id AND v.annotator = ? AND v.decision != 'reopened')
             AND \(verdicts)(SELECT count(*) FROM lease l WHERE l.pair = e.id AND l.annotator != ?) < ?
            """
        let reviews = pending ? settings.overlap : 1
        // First after the last one served, then from the start.
        let passes: [String?] = after.map { [$0, nil] } ?? [nil]
        for bound in passes {
            var sql = open
            var all = arguments + [author, author, reviews]
            if let bound { sql += " AND e.id > ?"; all += [bound] }
            if let found = try String.fetchOne(db.cachedStatement(sql: sql + " ORDER BY e.id LIMIT 1"), arguments: all) {
                try lease(db, found, settings)
                return found
            }
        }
        // Nothing else is left: the pairs moved past come round again.
        return skipped.isEmpty ? nil : try claim(db, filter, after: after)
    }

    private func lease(_ db: Database, _ pair: String, _ settings: ReviewSettings) throws {
        try db.cachedStatement(sql: """
            INSERT INTO lease (pair, annotator, session, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(pair, annotator) DO UPDATE SET session = excluded.session, expires_at = excluded.expires_at
            """).execute(arguments: [pair, author, session, Timestamp.at(secondsFromNow: settings.leaseSeconds)])
    }

    /// Gives back this user's lease on a pair (moving on without deciding); `false` when
    /// they held none. A pair that never existed is refused, as every pair command refuses
    /// it (one an undo took back can still be given back).
    @discardableResult
    public func release(_ pair: String) throws(StoreError) -> Bool {
        try guarded {
            try database.current().write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM entity WHERE kind = 'pair' AND id = ?", arguments: [pair]) != nil else {
                    throw StoreError.notFound("no pair `\(SafeText.visible(pair))`; see tenet pair list")
                }
                try db.execute(sql: "DELETE FROM lease WHERE pair = ? AND annotator = ?", arguments: [pair, author])
                return db.changesCount > 0
            }
        }
    }

    /// Who holds a lease on a pair now, and until when.
    public func leases(_ pair: String) throws(StoreError) -> [(annotator: String, expires: String)] {
        try guarded {
            try reader.read { db in
                try Row.fetchAll(db, sql: "SELECT annotator, expires_at FROM lease WHERE pair = ? AND expires_at > ? ORDER BY annotator",
                                 arguments: [pair, Timestamp.now()]).map { ($0[0], $0[1]) }
            }
        }
    }

    /// Pairs under a filter, its status aside: from the kept counts (``statusCounts(_:in:)``)
    /// unless the filter looks at the pairs' content, which is counted pair by pair.
    static func pairTotal(_ db: Database, in filter: QueueFilter) throws -> Int {
        guard filter.needsRevision else { return try statusCounts(db, in: filter).values.reduce(0, +) }
        let extra = try scope(db, filter)
        return try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE \((["e.kind = 'pair'", ImportBatch.shown("r")] + extra.sql).joined(separator: " AND "))
            """), arguments: extra.arguments) ?? 0
    }

    /// This user's progress through a queue, counted as `tenet stats` counts (the same
    /// definitions: ``statusCounts(_:in:)``, ``decisionCounts(_:in:by:)``). The total and
    /// this user's decisions come from kept counts and indexes (fast at any size);
    /// `countingFinished` also counts finished pairs, which reads every pair's head when
    /// the filter looks at the pairs' content (else the kept counts again).
    public func queueProgress(_ filter: QueueFilter = QueueFilter(), countingFinished: Bool = true) throws(StoreError) -> QueueProgress {
        try guarded {
            try reader.read { db in
                let mine = try Self.decisionCounts(db, in: filter, by: author)[author]?.values.reduce(0, +) ?? 0
                if countingFinished {
                    let statuses = try Self.statusCounts(db, in: filter)
                    let finished = statuses.filter { PairStatus(rawValue: $0.key)?.isFinished == true }.values.reduce(0, +)
                    return QueueProgress(total: statuses.values.reduce(0, +), decidedByMe: mine, finished: finished)
                }
                return QueueProgress(total: try Self.pairTotal(db, in: filter), decidedByMe: mine, finished: nil)
            }
        }
    }
}
