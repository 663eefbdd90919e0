import Foundation
import TenetSpec
import TenetStore

/// One annotator's decision as an export lists it: one schema for every export, so that
/// any two exports load as one dataset (`datasets.concatenate_datasets`). No field is
/// ever null — a field that is null in every row of one file would be inferred as a
/// `null` type there and clash with the other file's type.
public struct ExportedDecision: Sendable, Equatable {
    /// Who decided.
    public var annotator: String
    /// accept, reject, flag, skip or tie.
    public var decision: String
    /// The annotator's note; empty when they left none.
    public var note: String
    /// Made in blind mode (the answers shown as A and B in random order).
    public var blind: Bool
    /// The pair's revision whose answers it judged (``ReviewDecision/textRevision``).
    public var textRevision: Int

    public init(annotator: String, decision: String, note: String = "", blind: Bool = false, textRevision: Int = 1) {
        self.annotator = annotator
        self.decision = decision
        self.note = note
        self.blind = blind
        self.textRevision = textRevision
    }
}

/// What an exported line says about where a pair came from and how it was reviewed.
public struct ExportProvenance: Sendable, Equatable {
    /// Where the pair's review stands (accepted, edited, rejected …).
    public var status: String
    /// In annotator order (by their names' UTF-8 bytes).
    public var decisions: [ExportedDecision]
    /// Whether a person edited an answer.
    public var edited: Bool

    /// The decisions are put in annotator order.
    public init(status: String, decisions: [ExportedDecision], edited: Bool) {
        self.status = status
        self.decisions = decisions.sorted { JSONLine.precedes($0.annotator, $1.annotator) }
        self.edited = edited
    }

    /// From the store's record of a pair's review.
    public init(status: String, decisions: [String: ReviewDecision], edited: Bool) {
        self.init(status: status, decisions: decisions.map { name, record in
            ExportedDecision(annotator: name, decision: record.decision.rawValue, note: record.note ?? "",
                             blind: record.blind ?? false, textRevision: record.textRevision ?? 1)
        }, edited: edited)
    }

    /// The provenance columns, every one on every line: `id`, `spec`, `spec_revision`,
    /// `rule_ids`, `strategy`, `generator`, `status`, `decisions`, `annotators`, `edited`.
    /// What a pair does not have is null (top-level nulls align across files).
    func write<Text: PairLineText>(_ pair: Text, into line: inout JSONLine) {
        line.field("id") { pair.id(into: &$0) }
        line.field("spec") { if !pair.spec(into: &$0) { $0 += "null".utf8 } }
        if let revision = pair.specRevision { line.int("spec_revision", revision) } else { line.null("spec_revision") }
        line.field("rule_ids") { pair.rules(into: &$0) }
        line.field("strategy") { if !pair.strategy(into: &$0) { $0 += "null".utf8 } }
        line.field("generator") { pair.generator(into: &$0) }
        line.string("status", status)
        line.field("decisions") { out in
            out.append(0x5B)
            for (k, decision) in decisions.enumerated() {
                if k > 0 { out.append(0x2C) }
                out += #"{"annotator":"#.utf8
                JSONString.append(decision.annotator, to: &out)
                out += (decision.blind ? #","blind":true,"decision":"# : #","blind":false,"decision":"#).utf8
                JSONString.append(decision.decision, to: &out)
                out += #","note":"#.utf8
                JSONString.append(decision.note, to: &out)
                out += #","text_revision":"#.utf8
                out += String(decision.textRevision).utf8
                out.append(0x7D)
            }
            out.append(0x5D)
        }
        line.field("annotators") { JSONLine.strings(decisions.map(\.annotator), into: &$0) }
        line.bool("edited", edited)
    }
}
