import GRDB
import TenetSpec

/// A change to a rule's annotations: each field set in `values` is written; `clear` names
/// fields to reset to what the spec file says. The fields are those of ``RuleAnnotations``
/// (`change.rationale = "…"`); its examples are changed with the example methods instead.
@dynamicMemberLookup
public struct AnnotationChange: Sendable, Equatable {
    public var values = RuleAnnotations()
    public var clear: Set<String> = []

    public init() {}

    public subscript<T>(dynamicMember field: WritableKeyPath<RuleAnnotations, T>) -> T {
        get { values[keyPath: field] }
        set { values[keyPath: field] = newValue }
    }

    public var isEmpty: Bool { values == RuleAnnotations() && clear.isEmpty }

    /// Sets the fields in a rule snapshot (`annotations.kind` …); cleared fields are removed,
    /// as an absent optional is when a record is encoded.
    func apply(to snapshot: inout Snapshot) {
        for field in clear { snapshot.removeValue(forKey: "annotations." + field) }
        for (field, value) in values.setFields { snapshot["annotations." + field] = value }
    }
}

extension RuleAnnotations {
    /// The fields set (not nil), as their snapshot values, examples aside: what
    /// `SnapshotCoding.flatten` gives for them through the `Codable` form, built directly
    /// because an edit is the annotators' hot path (the encoder was a fifth of an edit's
    /// CPU). `RuleAnnotationFieldsTests` holds the two equal.
    var setFields: [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if let kind { fields.append(("kind", .string(kind.rawValue))) }
        if let direction { fields.append(("direction", .string(direction.rawValue))) }
        if let authority { fields.append(("authority", .string(authority.rawValue))) }
        if let priority { fields.append(("priority", .number(Double(priority)))) }
        if let family { fields.append(("family", .string(family))) }
        if let scope { fields.append(("scope", .string(scope))) }
        if let rationale { fields.append(("rationale", .string(rationale))) }
        if let exceptions { fields.append(("exceptions", .array(exceptions.map(JSONValue.string)))) }
        if let concreteness { fields.append(("concreteness", .string(concreteness))) }
        return fields
    }
}

/// What an edit wrote: the changeset (nil when nothing changed), the rule and its
/// revision afterwards, and the fields that changed.
public struct EditResult: Sendable, Equatable {
    public var changeset: Int64?
    /// The rule's entity key and its current ID.
    public var key: String
    public var id: String
    /// The revision this edit wrote (or the current one, when nothing changed).
    public var revision: Int
    public var changed: [String]
}

extension ProjectStore {
    /// Sets annotations on a rule as a new revision. With `expectedRevision`, the write is
    /// refused with a conflict when the rule is no longer at that revision.
    ///
    /// This is the annotators' hot path: it patches the stored snapshot's annotation fields
    /// directly instead of decoding and re-encoding the whole rule.
    public func annotate(_ reference: String, _ change: AnnotationChange, expectedRevision: Int? = nil,
                         message: String = "") throws(StoreError) -> EditResult {
        var change = change
        if let given = change.concreteness {
            guard let concreteness = Rule.concreteness(annotation: given) else {
                throw StoreError.invalid("concreteness is concrete or general, not “\(given)”")
            }
            change.concreteness = concreteness
        }
        var key = ""
        var id = ""
        var currentRevision = 0
        let commit = try commit(kind: .edit, message: message) { db in
            key = try resolveRule(db, reference, asOf: nil)
            let annotation = try annotationRevision(db, key: key, change, expectedRevision: expectedRevision)
            currentRevision = annotation.revision
            id = annotation.pending.name
            return [annotation.pending]
        }
        let written = commit?.revisions.first
        return EditResult(changeset: commit?.changeset, key: key, id: id,
                          revision: written?.revision ?? currentRevision, changed: written?.changed ?? [])
    }

    /// The revision that sets annotations on a rule, to write in a changeset (of an edit,
    /// or of an accepted suggestion): the stored snapshot's annotation fields patched in
    /// place, expecting the rule at `expectedRevision` (`nil`: as it is now). Also returns
    /// the rule's current revision.
    func annotationRevision(_ db: Database, key: String, _ change: AnnotationChange,
                            expectedRevision: Int?) throws -> (pending: PendingRevision, revision: Int) {
        // Every way a priority is set passes here (`rule set`, the workbench, an accepted
        // suggestion — a model's text): one outside the range was stored, and then no read
        // of the rule succeeded.
        if let priority = change.priority, !Rule.priorities.contains(priority) {
            throw StoreError.invalid("rule \(key): priority \(priority) is not a whole number from \(Rule.priorities.lowerBound) (highest) "
                                     + "to \(Rule.priorities.upperBound)")
        }
        let (revision, text) = try currentRuleText(db, key: key)
        var patch = Snapshot()
        change.apply(to: &patch)
        let setting = patch.mapValues(\.description)
        let clearing = change.clear.map { "annotations." + $0 }
        let patched: RawSnapshotPatch.Result
        if let merged = RawSnapshotPatch.patch(text, setting: setting, clearing: clearing, reading: Self.editReads) {
            patched = merged
        } else {
            // Not in the canonical form the merge takes: split it, patch, write it anew.
            guard let old = RawSnapshot(text: text) else {
                throw StoreError.invalid("rule \(key): its stored revision \(revision) is not a snapshot object")
            }
            patched = old.patched(setting: setting, clearing: clearing, reading: Self.editReads)
        }
        func value(_ field: String) -> JSONValue? { patched.read[field].flatMap(RawSnapshot.value(raw:)) }
        let kind = value("annotations.kind") ?? value("source.kind") ?? .string("unclassified")
        let id = value("source.id")?.display ?? key
        let pending = PendingRevision(kind: .rule, id: key, parent: value("spec")?.display,
                                      expectedRevision: expectedRevision ?? revision, snapshot: [:],
                                      raw: (patched.text, patched.changed), name: id, title: value("source.title")?.display ?? "",
                                      state: value("removed") == .bool(true) ? "removed" : kind.display)
        return (pending, revision)
    }

    /// The fields of a rule's new snapshot an annotation edit reads for its revision row.
    private static let editReads = ["annotations.kind", "source.kind", "source.id", "spec", "source.title", "removed"]
    /// Adds a boundary example to a rule (after the file's own). Refused unless it passes
    /// ``ExampleCheck`` — the check the workbench's editor and the command line make too.
    public func addExample(_ reference: String, _ example: Example, expectedRevision: Int? = nil) throws(StoreError) -> EditResult {
        try edit(reference, expectedRevision: expectedRevision, message: "add example") { db, record in
            try Self.checkExample(db, spec: record.spec, example, original: nil)
            record.annotations.examples.append(example)
        }
    }

    /// Replaces example `number` (1-based over the rule's examples, the file's first).
    /// Only examples added in Tenet can be changed here; the file's are edited in the file.
    public func editExample(_ reference: String, number: Int, expectedRevision: Int? = nil,
                            _ update: @escaping @Sendable (inout Example) -> Void) throws(StoreError) -> EditResult {
        try edit(reference, expectedRevision: expectedRevision, message: "edit example \(number)") { db, record in
            let index = try Self.tenetExampleIndex(record, number)
            let original = record.annotations.examples[index]
            update(&record.annotations.examples[index])
            try Self.checkExample(db, spec: record.spec, record.annotations.examples[index], original: original)
        }
    }

    /// Removes example `number` (see ``editExample(_:number:expectedRevision:_:)``).
    public func removeExample(_ reference: String, number: Int, expectedRevision: Int? = nil) throws(StoreError) -> EditResult {
        try edit(reference, expectedRevision: expectedRevision, message: "remove example \(number)") { _, record in
            let index = try Self.tenetExampleIndex(record, number)
            record.annotations.examples.remove(at: index)
        }
    }

    /// Refuses an example that does not pass ``ExampleCheck``, each problem on its own
    /// line. Rule IDs are read only when `violates` names one the original did not.
    static func checkExample(_ db: Database, spec: String, _ example: Example, original: Example?) throws {
        var known: Set<String> = []
        if example.violates.contains(where: { !(original?.violates.contains($0) ?? false) }) {
            known = Set(try String.fetchAll(db, sql: """
                SELECT r.name FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                WHERE e.kind = 'rule' AND e.parent = ? AND r.state != 'removed'
                """, arguments: [spec]))
        }
        let problems = ExampleCheck.problems(example, knownRuleIDs: known, original: original)
        guard !problems.isEmpty else { return }
        throw StoreError.invalid("the example is not saved:" + (problems.count == 1 ? " " + problems[0] : "\n  " + problems.joined(separator: "\n  ")))
    }

    static func tenetExampleIndex(_ record: RuleRecord, _ number: Int) throws -> Int {
        let fromFile = record.source.examples.count
        let total = fromFile + record.annotations.examples.count
        guard number >= 1, number <= total else {
            throw StoreError.invalid("rule \(record.source.id) has \(total) example\(total == 1 ? "" : "s"); there is no example \(number)")
        }
        guard number > fromFile else {
            throw StoreError.invalid("example \(number) of rule \(record.source.id) comes from the spec file; edit it there and import the file again")
        }
        return number - fromFile - 1
    }

    private func edit(_ reference: String, expectedRevision: Int?, message: String,
                      _ change: (Database, inout RuleRecord) throws -> Void) throws(StoreError) -> EditResult {
        var key = ""
        var before = (revision: 0, record: RuleRecord(spec: "", source: Rule(id: "", explicitID: false, title: "", line: 0, endLine: 0),
                                                      annotations: RuleAnnotations(), removed: false))
        var after = before.record
        let commit = try commit(kind: .edit, message: message) { db in
            key = try resolveRule(db, reference, asOf: nil)
            before = try currentRuleRecord(db, key: key)
            after = before.record
            try change(db, &after)
            return [try ruleRevision(key: key, record: after, expected: expectedRevision ?? before.revision)]
        }
        // Report what this call wrote (a later read could see someone else's revision).
        let written = commit?.revisions.first
        return EditResult(changeset: commit?.changeset, key: key, id: after.source.id,
                          revision: written?.revision ?? before.revision, changed: written?.changed ?? [])
    }
}
