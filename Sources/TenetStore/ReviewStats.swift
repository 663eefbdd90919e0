import GRDB

/// Review progress and agreement, as `tenet stats` shows them.
public struct ReviewStats: Sendable, Equatable, Codable {
    /// Status → pairs.
    public var statuses: [String: Int] = [:]
    /// Spec → status → pairs.
    public var specs: [String: [String: Int]] = [:]
    /// Rule ID → status → pairs (a pair targeting two rules counts for each).
    public var rules: [String: [String: Int]] = [:]
    /// Annotator → decision → count.
    public var annotators: [String: [String: Int]] = [:]
    /// Agreement over all pairs (`scope` "all") and per rule.
    public var agreement: [AgreementFigure] = []

    public var total: Int { statuses.values.reduce(0, +) }
}

/// Agreement among the verdicts on pairs that two or more annotators decided.
public struct AgreementFigure: Sendable, Equatable, Codable {
    /// `all`, or a rule ID.
    public var scope: String
    /// Pairs with two or more verdicts.
    public var pairs: Int
    public var annotators: [String]
    /// Cohen's κ, when exactly two annotators decided those pairs.
    public var kappa: Double?
    /// Krippendorff's α (nominal).
    public var alpha: Double?
}

extension ProjectStore {
    /// Progress per status, spec, rule and annotator, and agreement per rule.
    public func reviewStats(spec: String? = nil) throws(StoreError) -> ReviewStats {
        try guarded {
            try reader.read { db in
                var stats = ReviewStats()
                let scope = QueueFilter(spec: spec)
                // The pairs counted: the spec's, or (no spec named) every spec's — archived
                // specs' pairs too: stats keep them, as log and show do (docs/operations.md).
                let pairs = try Self.scope(db, scope, keepingArchived: true)
                let specFilter = pairs.sql.map { " AND " + $0 }.joined()
                let arguments = pairs.arguments
                // Statuses and decisions as the review screen counts them (one definition).
                stats.statuses = try Self.statusCounts(db, in: scope, keepingArchived: true)
                stats.annotators = try Self.decisionCounts(db, in: scope, keepingArchived: true)
                let head = "FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev WHERE e.kind = 'pair' AND \(ImportBatch.shown("r"))"
                for row in try Row.fetchAll(db, sql: "SELECT coalesce(e.parent, '-'), r.title, r.state, count(*) \(head)\(specFilter) GROUP BY 1, 2, 3",
                                            arguments: arguments) {
                    let owner: String = row[0], title: String = row[1], status: String = row[2], count: Int = row[3]
                    stats.specs[owner, default: [:]][status, default: 0] += count
                    for rule in title.split(separator: ",") { stats.rules[String(rule), default: [:]][status, default: 0] += count }
                }
                // Verdicts per pair, with the pair's rules.
                var verdicts: [String: (rules: [String], by: [String: String])] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT v.pair, v.annotator, v.decision, r.title FROM review v
                    JOIN entity e ON e.kind = 'pair' AND e.id = v.pair
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE \(Self.standingDecision) AND v.decision != 'skip'\(specFilter)
                    """, arguments: arguments) {
                    let pair: String = row[0], annotator: String = row[1], decision: String = row[2], title: String = row[3]
                    verdicts[pair, default: (title.split(separator: ",").map(String.init), [:])].by[annotator] = decision
                }
                let shared = verdicts.values.filter { $0.by.count >= 2 }
                func figure(_ scope: String, _ units: [(rules: [String], by: [String: String])]) -> AgreementFigure? {
                    guard !units.isEmpty else { return nil }
                    let annotators = Set(units.flatMap(\.by.keys)).sorted()
                    var kappa: Double?
                    if annotators.count == 2 {
                        kappa = Agreement.cohensKappa(units.compactMap { unit in
                            unit.by[annotators[0]].flatMap { a in unit.by[annotators[1]].map { (a, $0) } }
                        })
                    }
                    return AgreementFigure(scope: scope, pairs: units.count, annotators: annotators, kappa: kappa,
                                           alpha: Agreement.krippendorffAlpha(units.map { Array($0.by.values) }))
                }
                if let all = figure("all", shared) { stats.agreement.append(all) }
                for rule in Set(shared.flatMap(\.rules)).sorted() {
                    if let one = figure(rule, shared.filter { $0.rules.contains(rule) }) { stats.agreement.append(one) }
                }
                // Under `visibility own`, an annotator's figures are their own: others' counts
                // and agreement (which is made of others' verdicts) are left out.
                if try !seesOthersVerdicts(db) {
                    stats.annotators = stats.annotators.filter { $0.key == identity.name }
                    stats.agreement = []
                    stats.statuses = Self.shown(stats.statuses)
                    stats.specs = stats.specs.mapValues(Self.shown)
                    stats.rules = stats.rules.mapValues(Self.shown)
                }
                return stats
            }
        }
    }
}

extension ProjectStore {
    /// Counts per status as someone who does not see others' verdicts is shown them: the
    /// verdict statuses added up as `finished`.
    static func shown(_ counts: [String: Int]) -> [String: Int] {
        counts.reduce(into: [:]) { shown, count in shown[Self.shown(count.key, seeingOthers: false), default: 0] += count.value }
    }

    /// A row of the `review` index (`v`) that counts: a decision standing on the pair. A
    /// verdict set aside because the text it judged was edited or swapped is indexed as
    /// `reopened` for its author, and counts nowhere.
    static let standingDecision = "v.decision != 'reopened'"

    /// The conditions on `entity e` (and its head `r`) for the pairs a filter selects, its
    /// status aside: without a spec, archived specs' pairs are left out (as everywhere
    /// specs are not named) unless `keepingArchived` (`tenet stats`).
    static func scope(_ db: Database, _ filter: QueueFilter, keepingArchived: Bool = false) throws -> (sql: [String], arguments: StatementArguments) {
        filter.conditions(leavingOut: filter.spec == nil && !keepingArchived ? try archivedSpecs(db) : [])
    }

    /// Pairs per status among those a filter selects (its status aside), each pair in the
    /// status its current revision records: what `tenet stats` lists as statuses and what
    /// the review screen's "done N" adds up (the finished ones). By spec, from the counts
    /// the database keeps with every pair revision; a filter on the pairs' content reads
    /// every pair's head, so the screen counts it in the background.
    static func statusCounts(_ db: Database, in filter: QueueFilter, keepingArchived: Bool = false) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        if !filter.needsRevision {
            // By spec (or all specs not archived): the counts the database keeps (`pair_count`).
            var sql = "SELECT state, pairs FROM pair_count WHERE pairs > 0"
            var arguments: StatementArguments = []
            if let spec = filter.spec {
                sql += " AND spec = ?"
                arguments += [spec]
            } else if !keepingArchived, let hidden = leavingOut(try archivedSpecs(db), column: "spec") {
                sql += " AND " + hidden.sql
                arguments += hidden.arguments
            }
            for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments) {
                counts[row[0], default: 0] += row[1] as Int
            }
            counts[removedState] = nil          // pairs an undone import took back
            return counts
        }
        let extra = try scope(db, filter, keepingArchived: keepingArchived)
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.state, count(*) FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE \((["e.kind = 'pair'", ImportBatch.shown("r")] + extra.sql).joined(separator: " AND ")) GROUP BY r.state
            """), arguments: extra.arguments) {
            counts[row[0], default: 0] += row[1] as Int
        }
        counts[removedState] = nil
        return counts
    }

    /// Standing decisions (skips included) per annotator and decision, on the pairs a
    /// filter selects (its status aside): what `tenet stats` lists per annotator and what
    /// the review screen's "you N" adds up for its user. `annotator`: only theirs (from
    /// the index on annotators, fast at any queue size).
    static func decisionCounts(_ db: Database, in filter: QueueFilter, by annotator: String? = nil,
                               keepingArchived: Bool = false) throws -> [String: [String: Int]] {
        var conditions = [standingDecision]
        var arguments: StatementArguments = []
        if let annotator { conditions.append("v.annotator = ?"); arguments += [annotator] }
        var from = "review v"
        let extra = try scope(db, filter, keepingArchived: keepingArchived)
        if !extra.sql.isEmpty {
            from += " JOIN entity e ON e.kind = 'pair' AND e.id = v.pair"
            if filter.needsRevision { from += " JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev" }
            conditions += extra.sql
            arguments += extra.arguments
        }
        var counts: [String: [String: Int]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT v.annotator, v.decision, count(*) FROM \(from) WHERE \(conditions.joined(separator: " AND ")) GROUP BY 1, 2
            """), arguments: arguments) {
            counts[row[0] as String, default: [:]][row[1] as String, default: 0] += row[2] as Int
        }
        return counts
    }

    /// This user's standing decisions on the pairs a filter selects, as ``queueProgress(_:countingFinished:)``
    /// and `tenet stats` count them: quick (an index), for the review screen after each decision.
    public func decisionsByMe(_ filter: QueueFilter = QueueFilter()) throws(StoreError) -> Int {
        try guarded { try reader.read { db in try Self.decisionCounts(db, in: filter, by: author)[author]?.values.reduce(0, +) ?? 0 } }
    }
}
