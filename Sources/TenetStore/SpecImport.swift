import Foundation
import GRDB
import TenetSpec

/// What importing a spec file did.
public struct ImportReport: Sendable, Equatable {
    public var spec: String
    /// The spec's revision after the import, and whether this import created it.
    public var revision: Int
    public var created: Bool
    /// The changeset written, or `nil` when the file was already imported as it is.
    public var changeset: Int64?
    public var added: [String] = []
    /// (rule ID, changed fields); a rule whose ID changed lists `id` and its old ID in `renamed`.
    public var changed: [(id: String, fields: [String])] = []
    public var removed: [String] = []
    public var moved: [String] = []
    /// Rules that had been removed and are back.
    public var restored: [String] = []
    public var renamed: [(from: String, to: String)] = []
    public var unchanged = 0
    /// The rules the file has (none: the import says so, as `tenet lint` does).
    public var rules = 0
    /// What the reader found in the file — text hidden in invisible characters, a list
    /// read as no rules, examples left out, nesting cut: text the import did not take as
    /// written, or that no one reviewing it can see. The import says them, as `tenet lint`
    /// does (with the linter's own findings, which are not these).
    public var readerFindings: [Diagnostic] = []

    public static func == (a: ImportReport, b: ImportReport) -> Bool {
        a.spec == b.spec && a.revision == b.revision && a.changeset == b.changeset && a.added == b.added
            && a.removed == b.removed && a.moved == b.moved && a.restored == b.restored && a.unchanged == b.unchanged
            && a.changed.map(\.id) == b.changed.map(\.id)
    }
}

/// A file that could not be imported because it cannot be read as a spec (the reason
/// names the file and, where it has one, the line).
public struct SpecFileError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension ProjectStore {
    /// The most rules one stored spec may have: far past any written spec (the public
    /// Model Spec has a few hundred; 50 MB of prose about 120,000).
    public static let maximumRulesPerSpec = 150_000

    /// Reads a spec file and imports it: the one way the command line (`tenet import
    /// spec`) and the workbench (`:open`, the samples, a spec edited in `$EDITOR`) bring a
    /// file in. The file is read once (what is parsed is what is stored), and remembered by
    /// absolute path. Throws ``SpecFileError`` when it is no spec, ``StoreError`` when the
    /// project refuses it.
    public func importSpec(file path: String, message: String = "") throws -> ImportReport {
        let source: SourceText
        var spec: Spec
        do throws(SpecReadError) {
            source = try SourceText(contentsOf: path)
            spec = try SpecReader.read(source)
        } catch {
            throw SpecFileError(description: error.description)
        }
        spec.source = path == "-" ? source.path : URL(fileURLWithPath: path).standardizedFileURL.path
        let bytes = source.bytes
        return try importSpec(spec, text: String(decoding: bytes, as: UTF8.self), message: message)
    }

    /// Why a parsed spec cannot be imported, whatever the project holds — more rules than
    /// a spec may have, or two rules with one ID — or `nil`. `importSpec` refuses it, and
    /// `tenet open` says it before any screen opens.
    public static func importProblem(_ spec: Spec) -> String? {
        // Past this a spec is generated, not written, and storing it took gigabytes (about
        // 6 KB a rule) before it failed.
        guard spec.rules.count <= maximumRulesPerSpec else {
            return "\(SafeText.visible(spec.source)): \(spec.rules.count) rules, more than the \(maximumRulesPerSpec) "
                + "a spec may hold in a project; split it into smaller specs (tenet parse and tenet lint still read it whole)"
        }
        if let duplicate = Linter.lint(spec).first(where: { $0.code == "duplicate-id" }) {
            return "\(duplicate.description)\nRule IDs must be unique before import: annotations and pairs hang off them."
        }
        return nil
    }

    /// Imports a parsed spec and its source text: creates the spec or a new revision of
    /// it. Rules keep their identity across edits of the file (explicit IDs first, then
    /// matching by content, see ``SpecDiff``), so their annotations stay attached; rules no
    /// longer in the file are marked removed, never deleted.
    public func importSpec(_ spec: Spec, text: String, message: String = "") throws(StoreError) -> ImportReport {
        if let problem = Self.importProblem(spec) { throw StoreError.invalid(problem) }
        var report = ImportReport(spec: spec.id, revision: 0, created: false)
        let commit = try commit(kind: .import, message: message.isEmpty ? "import \(spec.source)" : message) { db in
            report = ImportReport(spec: spec.id, revision: 0, created: false)
            report.rules = spec.rules.count
            report.readerFindings = spec.diagnostics
            let stored = try currentRules(db, spec: spec.id)
            let storedSpec = try currentSnapshot(db, kind: .spec, id: spec.id)
            report.created = storedSpec == nil
            // An archived spec stays archived until someone restores it: an import (a
            // `make run` of the samples, say) does not bring it back behind their back.
            if let storedSpec, Self.isArchived(storedSpec) {
                throw StoreError.refused("""
                    spec `\(spec.id)` is archived; restore it first (tenet spec restore \(spec.id)), then import \(spec.source) again
                    """)
            }

            // Match the file's rules against every stored rule, removed ones included.
            var old = spec
            old.rules = stored.map { $0.record.source }
            let diff = SpecDiff.compare(old, spec)
            var keyByOldIndex: [String: StoredRule] = [:]
            for rule in stored { keyByOldIndex[rule.record.source.id] = keyByOldIndex[rule.record.source.id] ?? rule }

            var pending: [PendingRevision] = []
            var usedKeys = Set(try String.fetchAll(db, sql: "SELECT id FROM entity WHERE kind = 'rule' AND parent = ?",
                                                   arguments: [spec.id]))
            var lines: [String: [Int]] = [:]
            var matchedKeys: Set<String> = []
            for (change, rule) in zip(diff.changes.filter { $0.status != .removed }, spec.rules) {
                let previous = keyByOldIndex[change.oldID ?? change.id].flatMap { change.status == .added ? nil : $0 }
                let key: String
                var record: RuleRecord
                if let previous {
                    key = previous.key
                    record = previous.record
                    if record.removed { report.restored.append(rule.id) }
                    else if change.status == .changed {
                        report.changed.append((rule.id, change.fields.filter { $0 != "section" && $0 != "position" }))
                        if let oldID = change.oldID { report.renamed.append((oldID, rule.id)) }
                    } else if change.status == .moved { report.moved.append(rule.id) }
                    else { report.unchanged += 1 }
                    if change.status == .changed, change.fields.contains("section") { report.moved.append(rule.id) }
                } else {
                    var candidate = "\(spec.id)/\(rule.id)"
                    var n = 2
                    while usedKeys.contains(candidate) { candidate = "\(spec.id)/\(rule.id)~\(n)"; n += 1 }
                    key = candidate
                    record = RuleRecord(spec: spec.id, source: rule, annotations: RuleAnnotations(), removed: false)
                    report.added.append(rule.id)
                }
                usedKeys.insert(key)
                matchedKeys.insert(key)
                record.source = RuleRecord.storable(rule)
                record.removed = false
                lines[key] = [rule.line, rule.endLine]
                pending.append(try ruleRevision(key: key, record: record, expected: nil))
            }
            for rule in stored where !matchedKeys.contains(rule.key) && !rule.record.removed {
                var record = rule.record
                record.removed = true
                report.removed.append(rule.record.source.id)
                pending.append(try ruleRevision(key: rule.key, record: record, expected: nil))
            }
            let record = SpecRecord(title: spec.title, description: spec.description, file: spec.source,
                                    dialect: spec.dialect, text: text, parameters: spec.parameters,
                                    sections: spec.sections, ruleLines: lines, removed: false)
            pending.insert(PendingRevision(kind: .spec, id: spec.id, parent: nil, expectedRevision: nil,
                                           snapshot: try SnapshotCoding.flatten(record, groups: []),
                                           name: spec.id, title: spec.title, state: spec.dialect.rawValue), at: 0)
            return pending
        }
        report.changeset = commit?.changeset
        report.revision = try guarded {
            try reader.read { try Int.fetchOne($0, sql: "SELECT head_rev FROM entity WHERE kind = 'spec' AND id = ?", arguments: [spec.id]) ?? 0 }
        }
        return report
    }

    func ruleRevision(key: String, record: RuleRecord, expected: Int?) throws -> PendingRevision {
        PendingRevision(kind: .rule, id: key, parent: record.spec, expectedRevision: expected,
                        snapshot: try SnapshotCoding.flatten(record, groups: RuleRecord.groups),
                        name: record.source.id, title: record.source.title,
                        state: record.removed ? "removed" : record.effective.kind.rawValue)
    }

    /// The current rules of a spec (removed ones included), in document order.
    func currentRules(_ db: Database, spec: String) throws -> [StoredRule] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.id, e.head_rev, r.data FROM entity e
            CROSS JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'rule' AND e.parent = ?
            """, arguments: [spec])
        let lines = try currentSnapshot(db, kind: .spec, id: spec).flatMap { try? SnapshotCoding.unflatten($0, as: SpecRecord.self) }?.ruleLines ?? [:]
        return try rows.map { row in
            let key: String = row["id"]
            return StoredRule(key: key, revision: row["head_rev"],
                              record: try SnapshotCoding.unflatten(try SnapshotCoding.decode(row["data"]), as: RuleRecord.self),
                              lines: lines[key])
        }.sorted { ($0.record.removed ? 1 : 0, $0.lines?.first ?? Int.max, $0.key) < ($1.record.removed ? 1 : 0, $1.lines?.first ?? Int.max, $1.key) }
    }

    func currentSnapshot(_ db: Database, kind: EntityKind, id: String) throws -> Snapshot? {
        guard let rev = try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = ? AND id = ?",
                                         arguments: [kind.rawValue, id]), rev > 0 else { return nil }
        return try snapshot(db, kind: kind, id: id, revision: rev)
    }
}
