/// A boundary example: a short conversation whose last assistant turn is judged.
public struct Example: Sendable, Codable, Equatable {
    public var verdict: Verdict
    public var title: String
    /// The conversation, oldest first; the judged answer is the last assistant turn.
    public var turns: [Turn]
    public var reason: String?
    /// Rules the answer breaks, when the example names them (`BAD[#id]`, `(BAD #id)`).
    public var violates: [String]
    /// Source line of the example's title (or of its block).
    public var line: Int
    /// Answers from one `<comparison>` share this number (per rule, from 1), so GOOD and
    /// BAD answers to the same prompt can be paired.
    public var comparison: Int?
    /// The verdict word as the source wrote it, when it is not one of Tenet's: the Model
    /// Spec's `OK` (an acceptable answer, though not the best) is read as BORDERLINE and
    /// keeps `OK` here. `nil` for GOOD, BAD and BORDERLINE as written.
    public var sourceVerdict: String? = nil

    public init(verdict: Verdict, title: String, turns: [Turn], reason: String? = nil,
                violates: [String] = [], line: Int, comparison: Int? = nil) {
        self.verdict = verdict
        self.title = title
        self.turns = turns
        self.reason = reason
        self.violates = violates
        self.line = line
        self.comparison = comparison
    }
}

/// How an example's answer stands against the rule.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case good = "GOOD", bad = "BAD", borderline = "BORDERLINE"
    /// The answer carries no verdict (reported by the linter).
    case unspecified = "UNSPECIFIED"

    public init?(label: String) {
        switch label.uppercased() {
        case "GOOD": self = .good
        case "BAD": self = .bad
        case "BORDERLINE": self = .borderline
        default: return nil
        }
    }
}

/// One turn of a conversation.
public struct Turn: Sendable, Codable, Equatable {
    /// `system`, `developer`, `user`, `assistant` or `tool`.
    public var role: String
    public var content: String
    /// A tool's name, or an assistant turn's recipient, when given.
    public var name: String?

    public init(role: String, content: String, name: String? = nil) {
        self.role = role
        self.content = content
        self.name = name
    }
}

/// A turn of a conversation read from text, and the line (from 1) it starts on.
public struct NumberedTurn: Sendable, Equatable {
    public var turn: Turn
    public var line: Int
}

/// A conversation written as in a chat block, read line by line for an editor that
/// points at the line at fault.
public struct ChatReading: Sendable, Equatable {
    /// Every turn — also those after the last assistant turn — with the line it starts on.
    public var turns: [NumberedTurn] = []
    /// Lines with text before the first turn: they belong to no turn.
    public var unassigned: [Int] = []
    /// Lines inside a turn (outside code blocks) that start the way a turn does, `word:`
    /// or `word (name):`, with a word that is not a role. They are read as text of the turn
    /// above; whether one was meant as a turn is for the caller to judge.
    public var labelled: [Label] = []

    public struct Label: Sendable, Equatable {
        public var line: Int
        public var label: String
    }
}

extension Turn {
    /// The roles a turn may have.
    public static let roles = ["user", "assistant", "system", "developer", "tool"]
}

extension Example {
    /// Reads a conversation written as in a Tenet `chat` block (`user: …`, `assistant: …`,
    /// following lines continuing a turn), line by line: see ``ChatReading``. To read and
    /// check one, see ``ExampleCheck/read(_:firstLine:)``.
    public static func readChat(_ text: String) -> ChatReading {
        ExampleScanner.readChat(text, firstLine: 1, labels: true)
    }
}

/// One thing wrong with a conversation read from text: its line and what to do.
public struct ConversationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}
