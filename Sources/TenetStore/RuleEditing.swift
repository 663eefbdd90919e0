import GRDB
import TenetSpec

/// A change to a rule's annotations: each non-nil field is set; `clear` names fields to
/// reset to what the spec file says.
public struct AnnotationChange: Sendable, Equatable {
    public var kind: RuleKind?
    public var direction: Direction?
    public var authority: Authority?
    public var priority: Int?
    public var family: String?
    public var scope: String?
    public var rationale: String?
    public var exceptions: [String]?
    public var concreteness: String?
    public var clear: Set<String> = []

    public init() {}

    public var isEmpty: Bool {
        kind == nil && direction == nil && authority == nil && priority == nil && family == nil && scope == nil
            && rationale == nil && exceptions == nil && concreteness == nil && clear.isEmpty
    }

    func apply(to annotations: inout RuleAnnotations) {
        for field in clear {
            switch field {
            case "kind": annotations.kind = nil
            case "direction": annotations.direction = nil
            case "authority": annotations.authority = nil
            case "priority": annotations.priority = nil
            case "family": annotations.family = nil
            case "scope": annotations.scope = nil
            case "rationale": annotations.rationale = nil
            case "exceptions": annotations.exceptions = nil
            case "concreteness": annotations.concreteness = nil
            default: break
            }
        }
        if let kind { annotations.kind = kind }
        if let direction { annotations.direction = direction }
        if let authority { annotations.authority = authority }
        if let priority { annotations.priority = priority }
        if let family { annotations.family = family }
        if let scope { annotations.scope = scope }
        if let rationale { annotations.rationale = rationale }
        if let exceptions { annotations.exceptions = exceptions }
        if let concreteness { annotations.concreteness = concreteness }
    }
}

/// What an edit wrote: the changeset (nil when nothing changed) and the rule afterwards.
public struct EditResult: Sendable, Equatable {
    public var changeset: Int64?
    public var rule: StoredRule
    public var changed: [String]
}

extension ProjectStore {
    /// Sets annotations on a rule as a new revision. With `expectedRevision`, the write is
    /// refused with a conflict when the rule is no longer at that revision.
    public func annotate(_ reference: String, _ change: AnnotationChange, expectedRevision: Int? = nil,
                         message: String = "") throws(StoreError) -> EditResult {
        try edit(reference, expectedRevision: expectedRevision, message: message) { record in
            change.apply(to: &record.annotations)
        }
    }

    /// Adds a boundary example to a rule (after the file's own).
    public func addExample(_ reference: String, _ example: Example, expectedRevision: Int? = nil) throws(StoreError) -> EditResult {
        try edit(reference, expectedRevision: expectedRevision, message: "add example") { record in
            record.annotations.examples.append(example)
        }
    }

    /// Replaces example `number` (1-based over the rule's examples, the file's first).
    /// Only examples added in Tenet can be changed here; the file's are edited in the file.
    public func editExample(_ reference: String, number: Int, expectedRevision: Int? = nil,
                            _ update: @escaping @Sendable (inout Example) -> Void) throws(StoreError) -> EditResult {
        try edit(reference, expectedRevision: expectedRevision, message: "edit example \(number)") { record in
            let index = try Self.tenetExampleIndex(record, number)
            update(&record.annotations.examples[index])
        }
    }

    /// Removes example `number` (see ``editExample(_:number:expectedRevision:_:)``).
    public func removeExample(_ reference: String, number: Int, expectedRevision: Int? = nil) throws(StoreError) -> EditResult {
        try edit(reference, expectedRevision: expectedRevision, message: "remove example \(number)") { record in
            let index = try Self.tenetExampleIndex(record, number)
            record.annotations.examples.remove(at: index)
        }
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
                      _ change: (inout RuleRecord) throws -> Void) throws(StoreError) -> EditResult {
        var key = ""
        var before = (revision: 0, record: RuleRecord(spec: "", source: Rule(id: "", explicitID: false, title: "", line: 0, endLine: 0),
                                                      annotations: RuleAnnotations(), removed: false))
        var after = before.record
        let commit = try commit(kind: .edit, message: message) { db in
            key = try resolveRule(db, reference, asOf: nil)
            before = try currentRuleRecord(db, key: key)
            after = before.record
            try change(&after)
            return [try ruleRevision(key: key, record: after, expected: expectedRevision ?? before.revision)]
        }
        // Report what this call wrote (a later read could see someone else's revision).
        let written = commit?.revisions.first
        return EditResult(changeset: commit?.changeset,
                          rule: StoredRule(key: key, revision: written?.revision ?? before.revision,
                                           record: written == nil ? before.record : after, lines: nil),
                          changed: written?.changed ?? [])
    }
}
