import GRDB
import TenetSpec

/// A rule to ask about: what the file says, where it sits, and the fields that have no
/// suggestion for its current text yet.
public struct SuggestionRequest: Sendable, Equatable {
    /// The rule's entity key, ID and revision now.
    public var key: String
    public var id: String
    public var revision: Int
    /// ``SuggestionDigest`` of its text now.
    public var digest: String
    /// The rule as the file has it: what the prompt quotes and the heuristics read.
    public var rule: Rule
    /// The titles of the sections it sits in, outermost first, and the spec's title.
    public var sections: [String]
    public var specTitle: String
    /// Fields with no suggestion for this text (none yet, undone, or made for an earlier text).
    public var missing: [SuggestionField]
}

/// What saving a batch of suggestions did.
public struct SuggestionSaveReport: Sendable, Equatable {
    public var changeset: Int64?
    public var saved = 0
    /// Already there for the same text (another run got there first), or made for a text
    /// that changed while the model was thinking.
    public var skipped = 0
}

/// What accepting or rejecting a rule's suggestions did.
public struct SuggestionDecision: Sendable, Equatable {
    /// The changeset written; `nil` when every field was already decided so.
    public var changeset: Int64?
    public var rule: String
    public var ruleID: String
    public var accepted: Bool
    /// Fields decided now, and fields that already were (nothing written for them).
    public var decided: [SuggestionField]
    public var unchanged: [SuggestionField]
    /// The rule's fields the acceptance wrote as annotations (`annotations.kind` …).
    public var annotated: [String]
    /// The rule's revision afterwards.
    public var ruleRevision: Int
}

extension ProjectStore {
    /// The rules of a spec (or the named ones of it) with the fields they have no
    /// suggestion for, for their current text: what a run asks about, so that a stopped
    /// run resumes with only what is missing. Removed rules are left out.
    public func suggestionRequests(spec: String, rules references: [String] = [],
                                   from source: SuggestionSource? = nil) throws(StoreError) -> [SuggestionRequest] {
        let stored = try self.spec(spec)
        return try guarded {
            try reader.read { db in
                var keys: Set<String>?
                if !references.isEmpty {
                    keys = Set(try references.map { reference in
                        let key = try resolveRule(db, reference, asOf: nil)
                        guard key.hasPrefix(spec + "/") else {
                            throw StoreError.invalid("rule `\(reference)` is not in spec \(spec)")
                        }
                        return key
                    })
                }
                let existing = try currentSuggestions(db, spec: spec)
                let titles = Self.sectionTitles(stored.record.sections)
                return try currentRules(db, spec: spec).compactMap { rule -> SuggestionRequest? in
                    guard !rule.record.removed, keys?.contains(rule.key) ?? true else { return nil }
                    let digest = SuggestionDigest.of(rule.record.source)
                    let missing = SuggestionField.allCases.filter { field in
                        guard let made = existing[Suggestion.key(rule: rule.key, field: field)] else { return true }
                        return made.suggestion.textDigest != digest || !(source.map(made.suggestion.source.isSameReader) ?? true)
                    }
                    return SuggestionRequest(key: rule.key, id: rule.id, revision: rule.revision, digest: digest,
                                             rule: rule.record.source, sections: rule.record.source.path.compactMap { titles[$0] },
                                             specTitle: stored.record.title, missing: missing)
                }
            }
        }
    }

    /// Saves suggestions a run made, as one changeset. A suggestion is skipped when one for
    /// the same field and text by the same reader is already there, or when the rule's
    /// text is no longer the one it was made for; any other is a new revision of its
    /// field's suggestion (a model's reading replaces Tenet's heuristics', and the other
    /// way round).
    public func saveSuggestions(_ suggestions: [Suggestion], message: String) throws(StoreError) -> SuggestionSaveReport {
        var report = SuggestionSaveReport()
        let commit = try commit(kind: .edit, message: message) { db in
            var digests: [String: String] = [:]
            var pending: [PendingRevision] = []
            var skipped = 0
            for suggestion in suggestions {
                let key = Suggestion.key(rule: suggestion.rule, field: suggestion.field)
                if digests[suggestion.rule] == nil {
                    digests[suggestion.rule] = SuggestionDigest.of(try currentRuleRecord(db, key: suggestion.rule).record.source)
                }
                let made = try currentSuggestion(db, key: key)
                if digests[suggestion.rule] != suggestion.textDigest
                    || (made?.suggestion.textDigest == suggestion.textDigest && made?.suggestion.source.isSameReader(suggestion.source) == true) {
                    skipped += 1
                    continue
                }
                pending.append(try suggestionRevision(suggestion, expected: nil))
            }
            report = SuggestionSaveReport(changeset: nil, saved: pending.count, skipped: skipped)
            return pending
        }
        report.changeset = commit?.changeset
        if commit == nil { report.saved = 0 }
        return report
    }

    /// The suggestions of a spec's rules, or of one rule (removed and undone ones left
    /// out), in document order and field order, each with the rule's value now.
    public func suggestions(spec: String? = nil, rule reference: String? = nil) throws(StoreError) -> [StoredSuggestion] {
        if let spec, reference == nil { _ = try self.spec(spec) }
        return try guarded {
            try reader.read { db in
                var rules: [StoredRule]
                if let reference {
                    // Most rules have none: the rule is read only when there are some
                    // (this runs each time the workbench shows a rule).
                    let key = try resolveRule(db, reference, asOf: nil)
                    guard try Self.hasSuggestions(db, rule: key) else { return [] }
                    rules = [try storedRule(db, key: key, asOf: nil)]
                } else if let spec {
                    rules = try currentRules(db, spec: spec)
                } else {
                    rules = []
                }
                var listed: [StoredSuggestion] = []
                for rule in rules {
                    let made = try currentSuggestions(db, rule: rule.key)
                    guard !made.isEmpty else { continue }
                    let digest = SuggestionDigest.of(rule.record.source)
                    let effective = rule.record.effective
                    for field in SuggestionField.allCases {
                        guard let found = made[Suggestion.key(rule: rule.key, field: field)] else { continue }
                        listed.append(StoredSuggestion(revision: found.revision, changeset: found.changeset, suggestion: found.suggestion,
                                                       ruleID: rule.id, current: field.current(effective),
                                                       stale: found.suggestion.textDigest != digest,
                                                       settled: field.isSettled(rule.record)))
                    }
                }
                return listed
            }
        }
    }

    /// Accepts or rejects suggestions for some fields of a rule, in one changeset. An
    /// accepted value becomes the author's annotation — a normal revision of the rule
    /// written through the annotation path — in the same changeset, whose message names
    /// the suggestion (its field, value and source); undo takes both back. A suggestion
    /// made for an earlier text of the rule is never accepted. `expectedRevisions`: the
    /// suggestion revisions the decision was made on (a newer one is a conflict).
    public func decideSuggestions(_ reference: String, fields: [SuggestionField], accept: Bool,
                                  expectedRevisions: [SuggestionField: Int] = [:]) throws(StoreError) -> SuggestionDecision {
        try authorize(.author("accepting or rejecting annotation suggestions"))
        let fields = Array(Set(fields)).sorted()
        // What is decided, read first to word the changeset; checked again in the write.
        let (key, rule, found) = try guarded {
            try reader.read { db in
                let key = try resolveRule(db, reference, asOf: nil)
                let rule = try currentRuleRecord(db, key: key)
                var found: [SuggestionField: (revision: Int, changeset: Int64, suggestion: Suggestion)] = [:]
                for field in fields { found[field] = try currentSuggestion(db, key: Suggestion.key(rule: key, field: field)) }
                return (key, rule, found)
            }
        }
        let id = rule.record.source.id
        let missing = fields.filter { found[$0] == nil }
        guard missing.isEmpty else {
            throw StoreError.notFound("""
                no suggestion for \(missing.map(\.rawValue).joined(separator: ", ")) of \(id); \
                ask for them with tenet annotate \(rule.record.spec) --suggest --rule \(id)
                """)
        }
        let digest = SuggestionDigest.of(rule.record.source)
        if accept, let stale = fields.first(where: { found[$0]?.suggestion.textDigest != digest }) {
            throw StoreError.refused("""
                the text of \(id) changed since its \(stale.rawValue) suggestion was made (for revision \(found[stale]?.suggestion.ruleRevision ?? 0)); \
                ask again with tenet annotate \(rule.record.spec) --suggest --rule \(id)
                """)
        }
        let target: SuggestionState = accept ? .accepted : .rejected
        let deciding = fields.filter { found[$0]?.suggestion.state != target }
        var decision = SuggestionDecision(changeset: nil, rule: key, ruleID: id, accepted: accept, decided: deciding,
                                          unchanged: fields.filter { !deciding.contains($0) }, annotated: [], ruleRevision: rule.revision)
        guard !deciding.isEmpty else { return decision }
        var change = AnnotationChange()
        if accept { for field in deciding { field.apply(found[field]?.suggestion.value, to: &change) } }
        let what = deciding.compactMap { found[$0]?.suggestion }.map { "\($0.field.rawValue) → \($0.value?.display ?? "none given")" }
        let sources = Set(deciding.compactMap { found[$0]?.suggestion.source }).map { source in
            source.label + (source.template.map { ", template \($0)" } ?? "")
        }.sorted()
        let message = "\(accept ? "accept" : "reject") suggestion for \(id): \(what.joined(separator: "; ")) (\(sources.joined(separator: "; ")))"

        let commit = try commit(kind: .edit, message: message) { db in
            var pending: [PendingRevision] = []
            for field in deciding {
                guard let seen = found[field] else { continue }
                var decided = seen.suggestion
                decided.state = target
                pending.append(try suggestionRevision(decided, expected: expectedRevisions[field] ?? seen.revision))
            }
            if !change.isEmpty {
                guard SuggestionDigest.of(try currentRuleRecord(db, key: key).record.source) == digest else {
                    throw StoreError.refused("the text of \(id) changed a moment ago; ask for suggestions again")
                }
                pending.append(try annotationRevision(db, key: key, change, expectedRevision: nil).pending)
            }
            return pending
        }
        decision.changeset = commit?.changeset
        if let written = commit?.revisions.first(where: { $0.kind == .rule }) {
            decision.annotated = written.changed
            decision.ruleRevision = written.revision
        }
        return decision
    }

    // MARK: reading and writing one suggestion

    /// The revision that stores a suggestion (`expected`: the revision it replaces).
    func suggestionRevision(_ suggestion: Suggestion, expected: Int?) throws -> PendingRevision {
        let snapshot: Snapshot
        do { snapshot = try SnapshotCoding.flatten(suggestion, groups: Suggestion.groups) } catch {
            throw StoreError.invalid("the suggestion for \(suggestion.field.rawValue) of \(suggestion.ruleID) cannot be stored: \(error)")
        }
        return PendingRevision(kind: .suggestion, id: Suggestion.key(rule: suggestion.rule, field: suggestion.field),
                               parent: suggestion.rule, expectedRevision: expected, snapshot: snapshot,
                               name: suggestion.ruleID + "#" + suggestion.field.rawValue,
                               title: String((suggestion.value?.display ?? "none given").prefix(200)), state: suggestion.state.rawValue)
    }

    /// A field's suggestion as it stands, unless there is none (or its run was undone).
    func currentSuggestion(_ db: Database, key: String) throws -> (revision: Int, changeset: Int64, suggestion: Suggestion)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT e.head_rev, r.changeset, r.data FROM entity e
            JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'suggestion' AND e.id = ?
            """), arguments: [key]) else { return nil }
        return try Self.suggestion(row)
    }

    private static func hasSuggestions(_ db: Database, rule: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM entity WHERE kind = 'suggestion' AND parent = ?)"),
                          arguments: [rule]) ?? false
    }

    /// The current suggestions of one rule, by entity key.
    func currentSuggestions(_ db: Database, rule: String) throws -> [String: (revision: Int, changeset: Int64, suggestion: Suggestion)] {
        try suggestions(db, where: "e.parent = ?", rule)
    }

    /// The current suggestions of every rule of a spec, by entity key.
    func currentSuggestions(_ db: Database, spec: String) throws -> [String: (revision: Int, changeset: Int64, suggestion: Suggestion)] {
        try suggestions(db, where: "e.parent IN (SELECT id FROM entity WHERE kind = 'rule' AND parent = ?)", spec)
    }

    private func suggestions(_ db: Database, where condition: String, _ argument: String) throws
        -> [String: (revision: Int, changeset: Int64, suggestion: Suggestion)] {
        var found: [String: (revision: Int, changeset: Int64, suggestion: Suggestion)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT e.id, e.head_rev, r.changeset, r.data FROM entity e
            JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'suggestion' AND \(condition)
            """, arguments: [argument]) {
            if let suggestion = try Self.suggestion(row) { found[row["id"]] = suggestion }
        }
        return found
    }

    private static func suggestion(_ row: Row) throws -> (revision: Int, changeset: Int64, suggestion: Suggestion)? {
        var suggestion = try SnapshotCoding.unflatten(try SnapshotCoding.decode(row["data"]), as: Suggestion.self)
        guard suggestion.removed != true else { return nil }
        // An undo back to "none given" leaves the value's fields null rather than absent.
        if suggestion.value?.text == nil && suggestion.value?.items == nil { suggestion.value = nil }
        return (row["head_rev"], row["changeset"], suggestion)
    }

    /// Section ID → title, for every section of a spec.
    private static func sectionTitles(_ sections: [Section]) -> [String: String] {
        var titles: [String: String] = [:]
        func visit(_ sections: [Section]) {
            for section in sections {
                titles[section.id] = section.title
                visit(section.sections)
            }
        }
        visit(sections)
        return titles
    }
}
