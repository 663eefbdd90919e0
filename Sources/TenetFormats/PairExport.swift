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
        var out: [UInt8] = []
        write(pair, format: format, style: style, system: system, provenance: provenance, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same line appended to `out` as UTF-8.
    public static func write(_ pair: PreferencePair, format: PairFormat, style: Style = .conversational,
                             system: String? = nil, provenance: ExportProvenance? = nil, into out: inout [UInt8]) {
        var writer = Writer()
        writer.write(pair, format: format, style: style, system: system, provenance: provenance, into: &out)
    }

    /// Writes line after line with the same buffers (what a streaming export uses).
    public struct Writer {
        private var line = JSONLine()

        public init() {}

        /// Appends a pair's line (no newline) to `out`; see ``PairExport/line(_:format:style:system:provenance:)``.
        public mutating func write(_ pair: PreferencePair, format: PairFormat, style: Style = .conversational,
                                   system: String? = nil, provenance: ExportProvenance? = nil, into out: inout [UInt8]) {
            var prompt = pair.prompt
            if let system, !(prompt.first?.role == "system") { prompt.insert(Turn(role: "system", content: system), at: 0) }
            line.reset()
            switch format {
            case .trlConversational, .trlStandard:
                if style == .standard || format == .trlStandard {
                    line.string("prompt", plainPrompt(prompt))
                    line.string("chosen", pair.chosen)
                    line.string("rejected", pair.rejected)
                } else {
                    line.field("prompt") { Self.messages(prompt, into: &$0) }
                    line.field("chosen") { Self.assistant(pair.chosen, into: &$0) }
                    line.field("rejected") { Self.assistant(pair.rejected, into: &$0) }
                }
            case .openai:
                line.field("input") { out in
                    out += #"{"messages":"#.utf8
                    Self.messages(prompt, into: &out)
                    out.append(0x7D)
                }
                line.field("preferred_output") { Self.assistant(pair.chosen, into: &$0) }
                line.field("non_preferred_output") { Self.assistant(pair.rejected, into: &$0) }
            case .distilabel:
                let text = plainPrompt(prompt)
                line.string("prompt", text)
                line.string("prompt_id", PreferencePair.sha256(text))
                line.string("chosen", pair.chosen)
                line.string("rejected", pair.rejected)
                let model = pair.provenance.model ?? pair.provenance.generator
                line.string("chosen_model", model)
                line.string("rejected_model", model)
            }
            if let provenance {
                line.string("id", pair.id)
                if let spec = pair.spec { line.string("spec", spec) }
                if let revision = pair.specRevision { line.int("spec_revision", revision) }
                line.field("rule_ids") { JSONLine.strings(pair.rules, into: &$0) }
                if let strategy = pair.strategy { line.string("strategy", strategy) }
                line.string("generator", pair.provenance.generator)
                line.string("status", provenance.status)
                line.field("decisions") { JSONLine.stringObject(provenance.decisions, into: &$0) }
                line.field("annotators") { JSONLine.strings(provenance.decisions.keys.sorted(by: JSONLine.precedes), into: &$0) }
                line.bool("edited", provenance.edited)
            }
            line.finish(into: &out)
        }

        /// `[{"content":…,"name":…,"role":…}, …]`: each message's keys in sorted order.
        private static func messages(_ turns: [Turn], into out: inout [UInt8]) {
            out.append(0x5B)
            for (k, turn) in turns.enumerated() {
                if k > 0 { out.append(0x2C) }
                out += #"{"content":"#.utf8
                JSONString.append(turn.content, to: &out)
                if let name = turn.name {
                    out += #","name":"#.utf8
                    JSONString.append(name, to: &out)
                }
                out += #","role":"#.utf8
                JSONString.append(turn.role, to: &out)
                out.append(0x7D)
            }
            out.append(0x5D)
        }

        /// The one assistant message TRL and OpenAI take as an answer.
        private static func assistant(_ text: String, into out: inout [UInt8]) {
            out += #"[{"content":"#.utf8
            JSONString.append(text, to: &out)
            out += #","role":"assistant"}]"#.utf8
        }
    }

    /// A prompt as one string: the single user turn as it is, or each turn on its own
    /// lines under its role when there are several.
    static func plainPrompt(_ turns: [Turn]) -> String {
        if turns.count == 1 { return turns[0].content }
        return turns.map { "\($0.role): \($0.content)" }.joined(separator: "\n\n")
    }
}
