import Foundation
import TenetSpec
import TenetStore

/// The preference-pair line formats Tenet reads (and, issue 7, writes).
public enum PairFormat: String, Sendable, CaseIterable, Codable {
    /// TRL, standard: `prompt`, `chosen`, `rejected` as strings (Tenet writes the prompt as a
    /// labelled conversation ending `Assistant:`; see ``StandardTranscript``).
    case trlStandard = "trl-standard"
    /// TRL, conversational: lists of `{role, content}` messages (an explicit `prompt`, or
    /// the prompt implicit as the common start of `chosen` and `rejected`).
    case trlConversational = "trl-conversational"
    /// OpenAI-style preference: `input.messages`, `preferred_output`, `non_preferred_output`.
    case openai
    /// distilabel's DPO columns: `prompt` (the first user message), `prompt_id`, `chosen` and
    /// `rejected` (the conversation ending with each answer; strings in Tenet's older
    /// files), `chosen_model`, `rejected_model`, `chosen_rating`, `rejected_rating`.
    case distilabel
}

/// Why a line is not a pair.
public struct PairLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// One line read: the pair, the format it was in, and the review it carries when it came
/// from a Tenet export (its `status`, `decisions` and `edited` columns).
public struct PairLine: Sendable {
    public var pair: PreferencePair
    public var format: PairFormat
    public var review: ImportedReview?
}

/// Reads one JSONL line into a pair, in a given format or detecting it.
///
/// Lines are parsed with the store's own JSON parser (``JSONValue/parse(_:)-(String)``):
/// Foundation's `JSONSerialization` and the bridging of its objects were most of an
/// import's reading time.
public enum PairLineReader {
    /// A JSON object's fields.
    typealias Object = [String: JSONValue]

    /// Keys only distilabel's lines have.
    private static let distilabelKeys = ["prompt_id", "chosen_model", "rejected_model", "chosen_rating", "rejected_rating"]
    /// Where a line names its rules, in the order they are looked for.
    private static let ruleKeys = ["rule_ids", "rules", "rule_id", "rule"]

    /// The format a JSON object is in, from its keys.
    public static func detect(_ object: [String: JSONValue]) -> PairFormat? {
        if object["input"] != nil || object["preferred_output"] != nil { return .openai }
        if distilabelKeys.contains(where: { object[$0] != nil }) {
            return .distilabel
        }
        guard object["chosen"] != nil, object["rejected"] != nil else { return nil }
        if object["chosen"]?.stringValue != nil { return .trlStandard }
        return .trlConversational
    }

    /// Parses a line. With `format`, the line must be in it (files are read in one format,
    /// detected from their first line).
    public static func pair(_ line: String, number: Int, format expected: PairFormat?, spec: String?,
                            source: String) -> Result<PairLine, PairLineError> {
        commonPair(line, number: number, format: expected, spec: spec, source: source)
            ?? generalPair(line, number: number, format: expected, spec: spec, source: source)
    }

    /// ``pair(_:number:format:spec:source:)`` for any line: parsed into a ``JSONValue``,
    /// then read field by field.
    static func generalPair(_ line: String, number: Int, format expected: PairFormat?, spec: String?,
                            source: String) -> Result<PairLine, PairLineError> {
        func fail(_ message: String) -> Result<PairLine, PairLineError> { .failure(PairLineError(line: number, message: message)) }
        guard let parsed = try? JSONValue.parse(line) else {
            let problem = JSONValue.syntaxError(in: Data(line.utf8))
            return fail("not valid JSON" + (problem.map { " at byte \($0.offset + 1): \($0.reason)" } ?? ""))
        }
        guard case .object(let object) = parsed else { return fail("not a JSON object") }
        guard let format = detect(object) else {
            return fail("not a preference pair: expected prompt/chosen/rejected (TRL), input/preferred_output/non_preferred_output (OpenAI) or distilabel columns")
        }
        if let expected, format != expected {
            return fail("this line is \(format.rawValue) but the file is \(expected.rawValue) (from its first line); one format per file")
        }
        do {
            let (prompt, chosen, rejected) = try contents(object, format)
            return pair(object, format: format, prompt: prompt, chosen: chosen, rejected: rejected,
                        number: number, spec: spec, source: source)
        } catch let error as PairLineError {
            return fail(error.message)
        } catch {
            return fail("\(error)")
        }
    }

    /// A line of TRL's formats in the common shape (``PairLineScan``), read without a
    /// dictionary per message; `nil` for any other line, and for one that is not a good
    /// pair: the general reading then says why.
    private static func commonPair(_ line: String, number: Int, format expected: PairFormat?, spec: String?,
                                   source: String) -> Result<PairLine, PairLineError>? {
        guard let scan = PairLineScan.scan(line), let chosen = scan.chosen, let rejected = scan.rejected else { return nil }
        let object = scan.others
        // What `detect` would find first, and a review: read the general way.
        guard object["input"] == nil, object["preferred_output"] == nil, object["status"] == nil,
              !distilabelKeys.contains(where: { object[$0] != nil }) else { return nil }
        let contents: ([Turn], String, String)
        switch (scan.prompt, chosen, rejected) {
        case (.text(let prompt)?, .text(let chosen), .text(let rejected)):
            guard expected == nil || expected == .trlStandard else { return nil }
            contents = StandardTranscript.read(prompt: prompt, chosen: chosen, rejected: rejected)
        case (_, .messages(let chosen), .messages(let rejected)):
            guard expected == nil || expected == .trlConversational,
                  let chosenAnswer = commonAnswer(chosen), let rejectedAnswer = commonAnswer(rejected) else { return nil }
            switch scan.prompt {
            case .text(let text)?:
                contents = ([Turn(role: "user", content: text)], chosenAnswer, rejectedAnswer)
            case .messages(let prompt)?:
                guard !prompt.isEmpty, commonNames(prompt) else { return nil }
                contents = (prompt, chosenAnswer, rejectedAnswer)
            case nil:
                // Implicit prompt: the messages both share, before their last one.
                guard chosen.count >= 2, chosen.count == rejected.count, chosen.dropLast() == rejected.dropLast() else { return nil }
                contents = (Array(chosen.dropLast()), chosenAnswer, rejectedAnswer)
            }
        default:
            return nil
        }
        let format: PairFormat = if case .text = chosen { .trlStandard } else { .trlConversational }
        return pair(object, format: format, prompt: contents.0, chosen: contents.1, rejected: contents.2,
                    number: number, spec: spec, source: source)
    }

    /// A list's answer — its last message, the assistant's — when every message has a
    /// name that can be shown.
    private static func commonAnswer(_ messages: [Turn]) -> String? {
        guard let last = messages.last, last.role == "assistant", commonNames(messages) else { return nil }
        return last.content
    }

    private static func commonNames(_ messages: [Turn]) -> Bool {
        messages.allSatisfy { ShownName.problem($0.role) == nil && $0.name.map { ShownName.problem($0) == nil } ?? true }
    }

    /// The pair of a line whose conversation is read: its gates, rules, provenance and review.
    private static func pair(_ object: Object, format: PairFormat, prompt: [Turn], chosen: String, rejected: String,
                             number: Int, spec: String?, source: String) -> Result<PairLine, PairLineError> {
        func fail(_ message: String) -> Result<PairLine, PairLineError> { .failure(PairLineError(line: number, message: message)) }
        do {
            // The gates every stored pair passes (empty, control characters, size, identical).
            if let failed = QualityCheck.textGates(prompt: prompt, chosen: chosen, rejected: rejected).firstFailure { return fail(failed.reason) }
            var rules: [String] = []
            for key in ruleKeys {
                if let one = object[key]?.stringValue { rules = [one]; break }
                if case .array(let many)? = object[key] {
                    rules = many.compactMap(\.stringValue)
                    guard rules.count == many.count else { return fail("`\(key)` must be a list of rule ID strings") }
                    break
                }
            }
            // Names shown on their own in listings (`pair list`, the review screen's header):
            // one line, nothing a terminal acts on.
            for key in ["id", "spec", "strategy"] {
                if let value = object[key]?.stringValue, let problem = ShownName.problem(value, maximumLength: 256) {
                    return fail("`\(key)` \(problem)")
                }
            }
            for rule in rules {
                if let problem = ShownName.problem(rule, maximumLength: 256) { return fail("a rule ID \(problem)") }
            }
            // Provenance is text from the file like the answers: the same check on entry.
            for key in ["generator", "chosen_model", "rejected_model"] {
                if let value = object[key]?.stringValue, let problem = QualityCheck.textProblem(value, "`\(key)`", limit: 1024) {
                    return fail(problem)
                }
            }
            // A Tenet export names the generator that made the pair: it is kept.
            var provenance = Provenance(generator: object["generator"]?.stringValue ?? "import", source: "\(source):\(number)",
                                        format: format.rawValue)
            if format == .distilabel {
                let models = [object["chosen_model"]?.stringValue, object["rejected_model"]?.stringValue].compactMap { $0 }
                if !models.isEmpty { provenance.model = Array(Set(models)).sorted().joined(separator: ", ") }
            }
            var revision: Int?
            if let value = object["spec_revision"], value != .null {
                guard let number = value.intValue else { return fail("`spec_revision` must be a whole number") }
                revision = number
            }
            let pair = PreferencePair(id: object["id"]?.stringValue, spec: object["spec"]?.stringValue ?? spec, specRevision: revision,
                                      rules: rules, prompt: prompt, chosen: chosen, rejected: rejected,
                                      strategy: object["strategy"]?.stringValue, provenance: provenance)
            return .success(PairLine(pair: pair, format: format, review: try ReviewColumns.review(object)))
        } catch let error as PairLineError {
            return fail(error.message)
        } catch {
            return fail("\(error)")
        }
    }

    private static func contents(_ object: Object, _ format: PairFormat) throws -> ([Turn], String, String) {
        switch format {
        case .trlStandard:
            return StandardTranscript.read(prompt: try string(object, "prompt"), chosen: try string(object, "chosen"),
                                           rejected: try string(object, "rejected"))
        case .distilabel where object["chosen"]?.stringValue != nil:
            // distilabel lines as Tenet wrote them before they were message lists.
            let prompt = try string(object, "prompt")
            return ([Turn(role: "user", content: prompt)], try string(object, "chosen"), try string(object, "rejected"))
        case .trlConversational, .distilabel:
            let chosen = try messages(object, "chosen")
            let rejected = try messages(object, "rejected")
            let shared = chosen.count >= 2 && chosen.count == rejected.count && Array(chosen.dropLast()) == Array(rejected.dropLast())
            // distilabel's answers hold the whole conversation; its `prompt` is only the first user message.
            if format == .distilabel && shared {
                return (Array(chosen.dropLast()), try answer(chosen, "chosen"), try answer(rejected, "rejected"))
            }
            if let explicit = object["prompt"] {
                let prompt: [Turn]
                switch explicit {
                case .string(let text): prompt = [Turn(role: "user", content: text)]
                default: prompt = try messages(object, "prompt")
                }
                return (prompt, try answer(chosen, "chosen"), try answer(rejected, "rejected"))
            }
            // Implicit prompt: the messages both share, before their last one.
            guard shared else {
                throw PairLineError(line: 0, message: "no `prompt`, and `chosen` and `rejected` do not share the conversation before their last message")
            }
            return (Array(chosen.dropLast()), try answer(chosen, "chosen"), try answer(rejected, "rejected"))
        case .openai:
            guard case .object(let input)? = object["input"] else { throw PairLineError(line: 0, message: "`input` must be an object with `messages`") }
            let prompt = try messages(input, "messages")
            let preferred = try messages(object, "preferred_output")
            let other = try messages(object, "non_preferred_output")
            guard preferred.count == 1, other.count == 1 else {
                throw PairLineError(line: 0, message: "`preferred_output` and `non_preferred_output` must hold exactly one assistant message each")
            }
            return (prompt, try answer(preferred, "preferred_output"), try answer(other, "non_preferred_output"))
        }
    }

    private static func string(_ object: Object, _ key: String) throws -> String {
        guard let value = object[key] else { throw PairLineError(line: 0, message: "missing `\(key)`") }
        guard let text = value.stringValue else { throw PairLineError(line: 0, message: "`\(key)` must be a string") }
        return text
    }

    private static func messages(_ object: Object, _ key: String) throws -> [Turn] {
        guard let value = object[key] else { throw PairLineError(line: 0, message: "missing `\(key)`") }
        guard case .array(let list) = value, !list.isEmpty else { throw PairLineError(line: 0, message: "`\(key)` must be a non-empty list of messages") }
        return try list.enumerated().map { index, item in
            guard case .object(let message) = item, let role = message["role"]?.stringValue else {
                throw PairLineError(line: 0, message: "`\(key)`[\(index)] must be a message with `role` and `content`")
            }
            guard let content = message["content"]?.stringValue else {
                throw PairLineError(line: 0, message: "`\(key)`[\(index)].content must be a string")
            }
            let name = message["name"]?.stringValue
            for (field, shown) in [("role", role), ("name", name)] {
                if let shown, let problem = ShownName.problem(shown) { throw PairLineError(line: 0, message: "`\(key)`[\(index)].\(field) \(problem)") }
            }
            return Turn(role: role, content: content, name: name)
        }
    }

    /// The answer: the last message, which must be the assistant's.
    private static func answer(_ messages: [Turn], _ key: String) throws -> String {
        guard let last = messages.last, last.role == "assistant" else {
            throw PairLineError(line: 0, message: "the last message of `\(key)` must be the assistant's answer")
        }
        return last.content
    }
}
