import GRDB
import TenetSpec

extension ProjectStore {
    /// Refuses a filter that names what the project does not have — a mistyped `--spec` or
    /// `--rule` would otherwise select nothing and say "0 pairs" as if that were the answer.
    ///
    /// A spec is there if the project has ever imported it (as of `asOf`, when given):
    /// an archived spec is still there, as it is whenever a spec is named. A rule is there
    /// if some spec's rule bore that ID at some point (a rule since removed from its file
    /// still has pairs and documents), or if a pair names it (pairs imported from a file may
    /// target rules no spec of the project has). The message is the one every command gives
    /// for an unknown spec: `no spec `x`; the project has: …`. An annotator is there if
    /// someone of that name has access, made a decision, or wrote a changeset.
    public func checkFilters(spec: String? = nil, rule: String? = nil, annotator: String? = nil, asOf: Int64? = nil) throws(StoreError) {
        guard spec != nil || rule != nil || annotator != nil else { return }
        try guarded {
            try reader.read { db in
                if let spec {
                    let found = try Int.fetchOne(db.cachedStatement(sql: """
                        SELECT 1 FROM revision WHERE kind = 'spec' AND id = ? AND changeset <= ? LIMIT 1
                        """), arguments: [spec, asOf ?? Int64.max]) != nil
                    if !found { throw StoreError.notFound(try Self.noSpec(db, spec, asOf: asOf)) }
                }
                if let rule, try !Self.ruleNameKnown(db, rule) {
                    throw StoreError.notFound("no rule `\(rule)`; list them with tenet rule list")
                }
                if let annotator, try !Self.annotatorKnown(db, annotator) {
                    let names = try String.fetchAll(db, sql: "SELECT DISTINCT annotator FROM review ORDER BY annotator LIMIT 21")
                    let listed = names.prefix(20).map { SafeText.visible($0) }.joined(separator: ", ") + (names.count > 20 ? ", …" : "")
                    throw StoreError.notFound("no annotator `\(SafeText.visible(annotator))`; "
                                              + (names.isEmpty ? "no one has decided a pair yet" : "decisions were made by: \(listed)"))
                }
            }
        }
    }

    /// Whether someone named `name` has access, decided a pair, or wrote a changeset.
    static func annotatorKnown(_ db: Database, _ name: String) throws -> Bool {
        try Int.fetchOne(db, sql: """
            SELECT 1 WHERE EXISTS (SELECT 1 FROM review WHERE annotator = ?)
                OR EXISTS (SELECT 1 FROM entity WHERE kind = 'person' AND id = ?)
                OR EXISTS (SELECT 1 FROM changeset WHERE author = ?)
            """, arguments: [name, name, name]) != nil
    }

    /// Whether a rule of some spec bore `name`, or a pair targets it.
    static func ruleNameKnown(_ db: Database, _ name: String) throws -> Bool {
        if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM revision WHERE kind = 'rule' AND name = ? LIMIT 1"),
                            arguments: [name]) != nil {
            return true
        }
        return try Int.fetchOne(db, sql: """
            SELECT 1 FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'pair' AND (',' || r.title || ',') LIKE ? LIMIT 1
            """, arguments: ["%," + name + ",%"]) != nil
    }
}
