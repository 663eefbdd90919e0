/// One quality gate a generated pair went through before it was stored, and what it found.
///
/// Tenet's own gates (`by: "tenet"`) look at the text: both answers present, well-formed
/// text, not the same, not nearly the same, not the spec's own answer of the wrong kind.
/// The first three (``textGates(prompt:chosen:rejected:)``) are what every stored pair
/// passes, however it comes in: generated, imported, edited, made from an evaluation. The judge's (`by:
/// "judge"`) read the answers against the rule: the chosen one complies, the rejected one
/// violates (or needlessly refuses an allowed request), and both answer the conversation.
public struct QualityCheck: Codable, Sendable, Equatable {
    /// The gates, by the name stored with a pair.
    public enum Gate: String, Codable, Sendable, CaseIterable {
        /// Neither answer is empty.
        case answered
        /// The prompt has text, and the prompt and answers are text: no NUL or other
        /// control characters but tab, newline and CRLF line breaks, no text hidden in
        /// invisible characters (``HiddenText``); each answer at most
        /// ``QualityCheck/longestAnswer``.
        case wellFormed = "well-formed"
        /// The answers are not the same text (ignoring case, spacing and punctuation).
        case distinct
        /// The answers are not nearly the same (see ``TextSimilarity``'s threshold).
        case notNearIdentical = "not-near-identical"
        /// The chosen answer follows the rule (for a prohibition: does none of it).
        case chosenComplies = "chosen-complies"
        /// The rejected answer breaks the rule, or needlessly refuses an allowed request.
        case rejectedViolates = "rejected-violates"
        /// Both answers respond to the conversation.
        case addressesPrompt = "addresses-prompt"
        /// The judge's overall verdict, from a judge template of the one-line kind
        /// (`PASS: …` / `FAIL: …`) that answers no single question.
        case judgeVerdict = "judge-verdict"
        /// The judge's reply could be read at all.
        case judgeReadable = "judge-readable"

        /// What a failure of this gate means, in a few words (`identical answers`).
        public var failure: String {
            switch self {
            case .answered: return "empty answer"
            case .wellFormed: return "malformed text"
            case .distinct: return "identical answers"
            case .notNearIdentical: return "near-identical answers"
            case .chosenComplies: return "chosen breaks the rule"
            case .rejectedViolates: return "rejected is no violation"
            case .addressesPrompt: return "answer ignores the prompt"
            case .judgeVerdict: return "judge said FAIL"
            case .judgeReadable: return "judge reply unreadable"
            }
        }
    }

    public var gate: Gate
    public var passed: Bool
    /// Why, in one sentence.
    public var reason: String
    /// `tenet` (a text check) or `judge` (the judge's reading).
    public var by: String

    public init(_ gate: Gate, passed: Bool, reason: String, by: String) {
        self.gate = gate
        self.passed = passed
        self.reason = reason
        self.by = by
    }
}

extension Array where Element == QualityCheck {
    /// The first gate that failed, if any.
    public var firstFailure: QualityCheck? { first { !$0.passed } }
}

extension QualityCheck {
    /// `identical answers 5, chosen breaks the rule 2`: failures by gate, most first;
    /// `nil` when none failed.
    public static func summary(failedBy counts: [Gate: Int]) -> String? {
        let parts = counts.filter { $0.value > 0 }
            .sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
            .map { "\($0.key.failure) \($0.value)" }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

extension QualityCheck {
    /// The longest answer Tenet stores, in UTF-8 bytes: history keeps every revision for
    /// good, so one pair must not fill the disk.
    public static let longestAnswer = 256 * 1024

    /// The gates every stored pair passes, whichever way it comes in, in order, stopping at
    /// the first failure: ``Gate/answered``, ``Gate/wellFormed`` (with `prompt`: it has text
    /// and no control characters) and ``Gate/distinct``.
    public static func textGates(prompt: [Turn]?, chosen: String, rejected: String) -> [QualityCheck] {
        var checks: [QualityCheck] = []
        func gate(_ gate: Gate, _ failure: String?, passed reason: String) -> Bool {
            checks.append(QualityCheck(gate, passed: failure == nil, reason: failure ?? reason, by: "tenet"))
            return failure == nil
        }
        let empty = answerIsEmpty(chosen) ? "the chosen answer is empty" : answerIsEmpty(rejected) ? "the rejected answer is empty" : nil
        guard gate(.answered, empty, passed: "both answers have text") else { return checks }
        var malformed = textProblem(chosen, "the chosen answer") ?? textProblem(rejected, "the rejected answer")
        if malformed == nil, let prompt {
            if prompt.allSatisfy({ answerIsEmpty($0.content) }) {
                malformed = "the prompt is empty"
            } else {
                malformed = prompt.enumerated().lazy.compactMap { textProblem($0.element.content, "prompt message \($0.offset + 1) (\($0.element.role))", limit: nil) }.first
            }
        }
        guard gate(.wellFormed, malformed, passed: "plain text within the size limit") else { return checks }
        _ = gate(.distinct, TextSimilarity.sameWords(chosen, rejected) ? "the two answers are the same text" : nil, passed: "the answers differ")
        return checks
    }

    /// ``Gate/notNearIdentical`` on two answers' words (``TextSimilarity/words(_:)``): fails
    /// when they are nearly the same (``TextSimilarity/nearIdenticalThreshold``).
    public static func nearIdenticalGate(_ chosenWords: [UInt64], _ rejectedWords: [UInt64]) -> QualityCheck {
        let similarity = TextSimilarity.similarity(chosenWords, rejectedWords)
        return QualityCheck(.notNearIdentical, passed: similarity == nil, reason: similarity.map {
            "the answers are \(Int(($0 * 100).rounded(.down))) % the same words (the limit is \(Int(TextSimilarity.nearIdenticalThreshold * 100)) %)"
        } ?? "the answers differ by more than one word in twenty", by: "tenet")
    }

    /// Whether an answer has no text but spaces, line breaks and characters that show
    /// nothing — zero-width spaces and joiners, a byte-order mark, a soft hyphen, bidi
    /// marks (format characters, Unicode's Cf): an answer of only those looked empty on
    /// screen and was accepted and exported.
    public static func answerIsEmpty(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.generalCategory == .format }
    }

    /// What keeps one answer (`what`: "the chosen answer") from being stored, or `nil`:
    /// a control character (anything below U+0020 but tab, newline and the CR of a CRLF;
    /// DEL; U+0080…U+009F — a NUL or an escape sequence is no text anyone wrote), more
    /// than `limit` bytes, or text hidden in invisible characters (``HiddenText/payload(in:)``).
    public static func textProblem(_ text: String, _ what: String, limit: Int? = longestAnswer) -> String? {
        if let limit, text.utf8.count > limit {
            return "\(what) is \(kibibytes(text.utf8.count)) KiB; an answer is at most \(limit / 1024) KiB of text"
        }
        // Over UTF-8 bytes (imports check every line): C0 and DEL are single bytes, and
        // C1 is U+0080…U+009F, encoded 0xC2 0x80…0x9F.
        var line = 1
        var previous: UInt8 = 0
        var mayHide = false
        for byte in text.utf8 {
            defer { previous = byte }
            // The lead bytes of tags and of variation selectors (F3, EF).
            if byte == 0xF3 || byte == 0xEF { mayHide = true }
            if previous == 0x0D, byte != 0x0A { return controlProblem("\r", line: line, what) }
            if previous == 0xC2, (0x80...0x9F).contains(byte) { return controlProblem(Unicode.Scalar(byte), line: line, what) }
            guard byte < 0x20 || byte == 0x7F else { continue }
            switch byte {
            case 0x0A: line += 1
            case 0x09, 0x0D: continue
            default: return controlProblem(Unicode.Scalar(byte), line: line, what)
            }
        }
        if previous == 0x0D { return controlProblem("\r", line: line, what) }
        if mayHide, let hidden = HiddenText.payload(in: text) {
            return "\(what) hides text no one reading it sees (\(hidden)); Tenet stores text a reader can see: delete those characters"
        }
        return nil
    }

    private static func controlProblem(_ scalar: Unicode.Scalar, line: Int, _ what: String) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        let name = scalar == "\r" ? "a carriage return outside a CRLF line break" : "control character U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
        return "\(what) holds \(name) (on its line \(line)); Tenet stores text, where tab, newline and CRLF are the only control characters"
    }

    private static func kibibytes(_ bytes: Int) -> Int { (bytes + 1023) / 1024 }
}
