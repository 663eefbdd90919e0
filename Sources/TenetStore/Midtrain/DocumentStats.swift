import TenetSpec

/// How far a project's midtraining documents have got: per rule and per type, the
/// documents made and accepted, and their estimated tokens
/// (``MidtrainDocument/estimatedTokens``); the rules no accepted document teaches yet.
public struct DocumentStats: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var name: String
        public var documents = 0
        /// Accepted as they are, or after an edit.
        public var accepted = 0
        public var tokens = 0
        /// Tokens of the accepted ones: what an export holds.
        public var acceptedTokens = 0
        public init(name: String) { self.name = name }
    }

    public var documents = 0
    public var accepted = 0
    public var tokens = 0
    public var acceptedTokens = 0
    /// Documents per status.
    public var statuses: [String: Int] = [:]
    public var rules: [Row] = []
    public var types: [Row] = []
    /// Rules of the spec (or specs) that have no accepted document, in document order.
    public var uncovered: [String] = []

    /// Accepted documents over all documents (0 when there are none).
    public var acceptedShare: Double { documents == 0 ? 0 : Double(accepted) / Double(documents) }
}

extension ProjectStore {
    /// Counts the documents of one spec (else of every spec). `rules`: the rule IDs to
    /// look for coverage of, in order.
    public func documentStats(spec: String? = nil, rules: [String]) throws(StoreError) -> DocumentStats {
        var stats = DocumentStats()
        var byRule: [String: DocumentStats.Row] = [:]
        var byType: [String: DocumentStats.Row] = [:]
        try forEachDocument(spec: spec, statuses: []) { stored in
            let tokens = stored.document.estimatedTokens
            let accepted = stored.status.isAccepted
            stats.documents += 1
            stats.tokens += tokens
            stats.statuses[stored.status.rawValue, default: 0] += 1
            if accepted {
                stats.accepted += 1
                stats.acceptedTokens += tokens
            }
            func count(_ row: inout DocumentStats.Row) {
                row.documents += 1
                row.tokens += tokens
                if accepted {
                    row.accepted += 1
                    row.acceptedTokens += tokens
                }
            }
            for rule in stored.document.rules { count(&byRule[rule, default: DocumentStats.Row(name: rule)]) }
            count(&byType[stored.document.type, default: DocumentStats.Row(name: stored.document.type)])
        }
        let order = Dictionary(rules.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        stats.rules = byRule.values.sorted { (order[$0.name] ?? .max, $0.name) < (order[$1.name] ?? .max, $1.name) }
        stats.types = byType.values.sorted { ($1.documents, $0.name) < ($0.documents, $1.name) }
        stats.uncovered = rules.filter { (byRule[$0]?.accepted ?? 0) == 0 }
        return stats
    }
}
