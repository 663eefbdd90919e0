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
                let specFilter = spec == nil ? "" : " AND e.parent = ?"
                let arguments: StatementArguments = spec.map { [$0] } ?? []
                let head = "FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev WHERE e.kind = 'pair'"
                for row in try Row.fetchAll(db, sql: "SELECT coalesce(e.parent, '-'), r.title, r.state, count(*) \(head)\(specFilter) GROUP BY 1, 2, 3",
                                            arguments: arguments) {
                    let owner: String = row[0], title: String = row[1], status: String = row[2], count: Int = row[3]
                    stats.statuses[status, default: 0] += count
                    stats.specs[owner, default: [:]][status, default: 0] += count
                    for rule in title.split(separator: ",") { stats.rules[String(rule), default: [:]][status, default: 0] += count }
                }
                // Verdicts per pair, with the pair's rules.
                var verdicts: [String: (rules: [String], by: [String: String])] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT v.pair, v.annotator, v.decision, r.title FROM review v
                    JOIN entity e ON e.kind = 'pair' AND e.id = v.pair
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE v.decision != 'reopened'\(specFilter)
                    """, arguments: arguments) {
                    let pair: String = row[0], annotator: String = row[1], decision: String = row[2], title: String = row[3]
                    stats.annotators[annotator, default: [:]][decision, default: 0] += 1
                    guard decision != Decision.skip.rawValue else { continue }
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
                if try !seesOthers(db, try Self.reviewSettings(db), viewer: identity.name) {
                    stats.annotators = stats.annotators.filter { $0.key == identity.name }
                    stats.agreement = []
                }
                return stats
            }
        }
    }
}
