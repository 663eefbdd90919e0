import Foundation
import TenetSpec
import TenetStore

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
            if let system { prompt = PairExport.led(prompt, by: system) }
            line.reset()
            switch format {
            case .trlConversational, .trlStandard:
                if style == .standard || format == .trlStandard {
                    line.string("prompt", StandardTranscript.prompt(prompt))
                    line.string("chosen", StandardTranscript.answer(pair.chosen))
                    line.string("rejected", StandardTranscript.answer(pair.rejected))
                } else {
                    messageLists(DecodedPairText(pair: pair, prompt: prompt), openai: false)
                }
            case .openai:
                messageLists(DecodedPairText(pair: pair, prompt: prompt), openai: true)
            case .distilabel:
                // distilabel's DPO columns (FormatChatGenerationDPO): `prompt` is the first user
                // message, `chosen` and `rejected` the whole conversation ending with the answer.
                let text = distilabelPrompt(prompt)
                let decoded = DecodedPairText(pair: pair, prompt: prompt)
                line.string("prompt", text)
                line.string("prompt_id", PreferencePair.sha256(text))
                line.field("chosen") { Self.conversation(decoded, then: pair.chosen, into: &$0) }
                line.field("rejected") { Self.conversation(decoded, then: pair.rejected, into: &$0) }
                let model = pair.provenance.model ?? pair.provenance.generator
                line.string("chosen_model", model)
                line.string("rejected_model", model)
                // Reviewed pairs have no graded ratings: the preference itself, as floats.
                line.raw("chosen_rating", PairExport.chosenRating)
                line.raw("rejected_rating", PairExport.rejectedRating)
            }
            provenance?.write(DecodedPairText(pair: pair, prompt: prompt), into: &line)
            line.finish(into: &out)
        }

        /// Appends the line of a pair read as its stored snapshot's text, whose strings are
        /// copied as they are stored (no spec leading the prompt). Only the formats of
        /// message lists: TRL's conversational one (`openai: false`) and OpenAI's. The same
        /// bytes as ``write(_:format:style:system:provenance:into:)`` writes for the pair.
        public mutating func write(_ text: PairSnapshotText, openai: Bool, provenance: ExportProvenance?, into out: inout [UInt8]) {
            line.reset()
            messageLists(text, openai: openai)
            provenance?.write(text, into: &line)
            line.finish(into: &out)
        }

        /// The fields of the message-list formats: TRL's conversational `prompt`, `chosen`,
        /// `rejected`, or OpenAI's `input`, `preferred_output`, `non_preferred_output`.
        private mutating func messageLists<Text: PairLineText>(_ text: Text, openai: Bool) {
            if openai {
                line.field("input") { out in
                    out += #"{"messages":"#.utf8
                    Self.messages(text, into: &out)
                    out.append(0x7D)
                }
                line.field("preferred_output") { Self.assistant(into: &$0, text.chosen) }
                line.field("non_preferred_output") { Self.assistant(into: &$0, text.rejected) }
            } else {
                line.field("prompt") { Self.messages(text, into: &$0) }
                line.field("chosen") { Self.assistant(into: &$0, text.chosen) }
                line.field("rejected") { Self.assistant(into: &$0, text.rejected) }
            }
        }

        /// `[{"content":…,"name":…,"role":…}, …]`: each message's keys in sorted order.
        private static func messages<Text: PairLineText>(_ text: Text, into out: inout [UInt8]) {
            out.append(0x5B)
            for k in 0..<text.turnCount {
                if k > 0 { out.append(0x2C) }
                out += #"{"content":"#.utf8
                text.content(k, into: &out)
                let end = out.count
                out += #","name":"#.utf8
                if !text.name(k, into: &out) { out.removeSubrange(end...) }
                out += #","role":"#.utf8
                text.role(k, into: &out)
                out.append(0x7D)
            }
            out.append(0x5D)
        }

        /// The prompt's messages followed by the answer as the assistant's message.
        private static func conversation(_ text: DecodedPairText, then answer: String, into out: inout [UInt8]) {
            messages(text, into: &out)
            out.removeLast()
            if text.turnCount > 0 { out.append(0x2C) }
            out += #"{"content":"#.utf8
            JSONString.append(answer, to: &out)
            out += #","role":"assistant"}]"#.utf8
        }

        /// The one assistant message TRL and OpenAI take as an answer.
        private static func assistant(into out: inout [UInt8], _ answer: (inout [UInt8]) -> Void) {
            out += #"[{"content":"#.utf8
            answer(&out)
            out += #","role":"assistant"}]"#.utf8
        }
    }

    /// distilabel's `chosen_rating` and `rejected_rating`: Tenet's reviewers choose, they
    /// do not grade, so every pair carries its preference as 1.0 against 0.0.
    static let chosenRating = "1.0"
    static let rejectedRating = "0.0"

    /// distilabel's `prompt`: the first user message (as its chat formatting takes it), or
    /// the whole prompt as one string when there is none.
    static func distilabelPrompt(_ turns: [Turn]) -> String {
        turns.first { $0.role == "user" }?.content ?? plainPrompt(turns)
    }

    /// The prompt led by the instance's rules as its system message. A conversation that
    /// has a system turn of its own (the deployment an example is set in) keeps it, after
    /// the rules and a blank line, in the one system message.
    public static func led(_ prompt: [Turn], by system: String) -> [Turn] {
        var prompt = prompt
        if prompt.first?.role == "system" {
            prompt[0].content = system + "\n\n" + prompt[0].content
        } else {
            prompt.insert(Turn(role: "system", content: system), at: 0)
        }
        return prompt
    }

    /// A prompt as one string: the single user turn as it is, or each turn on its own
    /// lines under its role when there are several.
    static func plainPrompt(_ turns: [Turn]) -> String {
        if turns.count == 1 { return turns[0].content }
        return turns.map { "\($0.role): \($0.content)" }.joined(separator: "\n\n")
    }
}
