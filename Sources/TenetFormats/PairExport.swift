import Foundation
import TenetSpec

/// What an exported line says about where a pair came from and how it was reviewed.
public struct ExportProvenance: Sendable, Equatable {
    public var status: String
    /// Annotator → decision (accept, reject, flag, skip, tie).
    public var decisions: [String: String]
    public var edited: Bool

    public init(status: String, decisions: [String: String], edited: Bool) {
        self.status = status
        self.decisions = decisions
        self.edited = edited
    }
}

/// Writes pairs as lines of the formats training tools read (see `formats.md`).
public enum PairExport {
    /// TRL's two shapes: message lists (the default) or plain strings.
    public enum Style: String, Sendable, CaseIterable { case conversational, standard }

    /// One JSON line (no newline) for a pair, with its human edits and swaps already in it.
    /// `system` leads the prompt as a system message (the instance's rendered spec);
    /// `provenance` adds the pair's ID, spec revision, rules, strategy, generator and
    /// review as extra columns.
    public static func line(_ pair: PreferencePair, format: PairFormat, style: Style = .conversational,
                            system: String? = nil, provenance: ExportProvenance? = nil) -> String {
        object(pair, format: format, style: style, system: system, provenance: provenance).text
    }

    /// The same line appended to `out` as UTF-8 (what a streaming export writes).
    public static func write(_ pair: PreferencePair, format: PairFormat, style: Style = .conversational,
                             system: String? = nil, provenance: ExportProvenance? = nil, into out: inout [UInt8]) {
        object(pair, format: format, style: style, system: system, provenance: provenance).write(into: &out)
    }

    private static func object(_ pair: PreferencePair, format: PairFormat, style: Style,
                               system: String?, provenance: ExportProvenance?) -> JSONLine {
        var prompt = pair.prompt
        if let system, !(prompt.first?.role == "system") { prompt.insert(Turn(role: "system", content: system), at: 0) }
        var object: [String: JSONLine] = [:]
        func messages(_ turns: [Turn]) -> JSONLine {
            .array(turns.map { turn in
                var message: [String: JSONLine] = ["role": .string(turn.role), "content": .string(turn.content)]
                if let name = turn.name { message["name"] = .string(name) }
                return .object(message)
            })
        }
        func assistant(_ text: String) -> JSONLine { .array([.object(["role": .string("assistant"), "content": .string(text)])]) }
        switch format {
        case .trlConversational, .trlStandard:
            if style == .standard || format == .trlStandard {
                object["prompt"] = .string(plainPrompt(prompt))
                object["chosen"] = .string(pair.chosen)
                object["rejected"] = .string(pair.rejected)
            } else {
                object["prompt"] = messages(prompt)
                object["chosen"] = assistant(pair.chosen)
                object["rejected"] = assistant(pair.rejected)
            }
        case .openai:
            object["input"] = .object(["messages": messages(prompt)])
            object["preferred_output"] = assistant(pair.chosen)
            object["non_preferred_output"] = assistant(pair.rejected)
        case .distilabel:
            let text = plainPrompt(prompt)
            object["prompt"] = .string(text)
            object["prompt_id"] = .string(PreferencePair.sha256(text))
            object["chosen"] = .string(pair.chosen)
            object["rejected"] = .string(pair.rejected)
            let model = pair.provenance.model ?? pair.provenance.generator
            object["chosen_model"] = .string(model)
            object["rejected_model"] = .string(model)
        }
        if let provenance {
            object["id"] = .string(pair.id)
            if let spec = pair.spec { object["spec"] = .string(spec) }
            if let revision = pair.specRevision { object["spec_revision"] = .int(revision) }
            object["rule_ids"] = .array(pair.rules.map(JSONLine.string))
            if let strategy = pair.strategy { object["strategy"] = .string(strategy) }
            object["generator"] = .string(pair.provenance.generator)
            object["status"] = .string(provenance.status)
            object["decisions"] = .object(provenance.decisions.mapValues(JSONLine.string))
            object["annotators"] = .array(provenance.decisions.keys.sorted().map(JSONLine.string))
            object["edited"] = .bool(provenance.edited)
        }
        return .object(object)
    }

    /// A prompt as one string: the single user turn as it is, or each turn on its own
    /// lines under its role when there are several.
    static func plainPrompt(_ turns: [Turn]) -> String {
        if turns.count == 1 { return turns[0].content }
        return turns.map { "\($0.role): \($0.content)" }.joined(separator: "\n\n")
    }
}
