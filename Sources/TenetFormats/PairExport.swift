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
                            system: String? = nil, provenance: ExportProvenance? = nil) throws -> String {
        var prompt = pair.prompt
        if let system, !(prompt.first?.role == "system") { prompt.insert(Turn(role: "system", content: system), at: 0) }
        var object: [String: Any] = [:]
        func messages(_ turns: [Turn]) -> [[String: Any]] {
            turns.map { turn in
                var message: [String: Any] = ["role": turn.role, "content": turn.content]
                if let name = turn.name { message["name"] = name }
                return message
            }
        }
        let assistant = { (text: String) in [["role": "assistant", "content": text]] }
        switch format {
        case .trlConversational, .trlStandard:
            if style == .standard || format == .trlStandard {
                object["prompt"] = plainPrompt(prompt)
                object["chosen"] = pair.chosen
                object["rejected"] = pair.rejected
            } else {
                object["prompt"] = messages(prompt)
                object["chosen"] = assistant(pair.chosen)
                object["rejected"] = assistant(pair.rejected)
            }
        case .openai:
            object["input"] = ["messages": messages(prompt)]
            object["preferred_output"] = assistant(pair.chosen)
            object["non_preferred_output"] = assistant(pair.rejected)
        case .distilabel:
            let text = plainPrompt(prompt)
            object["prompt"] = text
            object["prompt_id"] = PreferencePair.sha256(text)
            object["chosen"] = pair.chosen
            object["rejected"] = pair.rejected
            let model = pair.provenance.model ?? pair.provenance.generator
            object["chosen_model"] = model
            object["rejected_model"] = model
        }
        if let provenance {
            object["id"] = pair.id
            if let spec = pair.spec { object["spec"] = spec }
            if let revision = pair.specRevision { object["spec_revision"] = revision }
            object["rule_ids"] = pair.rules
            if let strategy = pair.strategy { object["strategy"] = strategy }
            object["generator"] = pair.provenance.generator
            object["status"] = provenance.status
            object["decisions"] = provenance.decisions
            object["annotators"] = provenance.decisions.keys.sorted()
            object["edited"] = provenance.edited
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// A prompt as one string: the single user turn as it is, or each turn on its own
    /// lines under its role when there are several.
    static func plainPrompt(_ turns: [Turn]) -> String {
        if turns.count == 1 { return turns[0].content }
        return turns.map { "\($0.role): \($0.content)" }.joined(separator: "\n\n")
    }
}
