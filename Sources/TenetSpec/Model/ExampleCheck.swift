import Foundation

/// The one check of a boundary example added in Tenet, whichever way it comes in: the
/// workbench's editor (`ExampleFile`), `tenet rule example add|edit` (`--turn`,
/// `--chat-file`) and the store's write (`ProjectStore.addExample`, `editExample`), so no
/// way in accepts what another refuses, and no turn is ever dropped silently.
///
/// An example needs a `user:` turn and the judged `assistant:` answer last; no turn may be
/// empty, hold a control character or more than ``QualityCheck/longestAnswer`` bytes (the
/// text check every stored pair passes, ``QualityCheck/textProblem(_:_:limit:)``), or have a role Tenet does not know (`human:` is reported, with the role meant);
/// every `violates` entry names a rule of the example's spec.
public enum ExampleCheck {
    /// One thing wrong with a conversation: the turn it is about (an index into the turns;
    /// `nil`: the conversation as a whole) and what to do about it.
    public struct Problem: Sendable, Equatable {
        public var turn: Int?
        public var message: String
    }

    /// Checks a conversation's turns: known roles, speakers' names that are names
    /// (``ShownName``), none empty, plain text (no control characters), a `user:` turn, and the judged `assistant:` answer last. All problems
    /// are reported, in turn order.
    public static func conversation(_ turns: [Turn]) -> [Problem] {
        var problems: [Problem] = []
        var written: [Int] = []
        for (index, turn) in turns.enumerated() {
            if !Turn.roles.contains(turn.role) {
                problems.append(Problem(turn: index, message: "`\(turn.role):` is not a role; " + roleHint(turn.role)))
            } else if let name = turn.name, let problem = ShownName.problem(name) {
                // `assistant (NAME):` — the name is shown on its own, as a role is.
                problems.append(Problem(turn: index, message: "the speaker's name \(problem)"))
                written.append(index)
            } else if turn.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                // The last answer is the one judged: it cannot be left out.
                let judged = turn.role == "assistant" && !turns[(index + 1)...].contains { $0.role == "assistant" }
                problems.append(Problem(turn: index, message: judged ? "the `assistant:` turn is empty; write the answer being judged here"
                                                                    : "the `\(turn.role):` turn is empty; write it, or leave it out"))
            } else if let problem = QualityCheck.textProblem(turn.content, "the `\(turn.role):` turn") {
                problems.append(Problem(turn: index, message: problem))
                written.append(index)
            } else {
                written.append(index)
            }
        }
        if !written.contains(where: { turns[$0].role == "user" }) {
            problems.append(Problem(turn: nil, message: "the conversation has no `user:` turn; add what the user said, as `user: …` above the answer"))
        }
        if let answer = written.last(where: { turns[$0].role == "assistant" }) {
            for late in written where late > answer {
                problems.append(Problem(turn: late, message: "this `\(turns[late].role):` turn comes after the judged answer (the last `assistant:` turn) "
                                        + "and would be dropped; move it above the answer, or delete it"))
            }
        } else if !turns.contains(where: { $0.role == "assistant" }) {
            // (An empty `assistant:` turn is reported where it is, above.)
            problems.append(Problem(turn: nil, message: "the conversation has no `assistant:` turn; add the answer being judged, as `assistant: …`, last"))
        }
        return problems
    }

    /// A conversation read from text as a `chat` block is (`user: …`, `assistant: …`, lines
    /// continuing a turn), and what is wrong with it, by line.
    public struct Reading: Sendable, Equatable {
        /// The turns with text, in order (empty turns are reported, not kept).
        public var turns: [Turn]
        /// What is wrong, in line order; `line` counts from `firstLine`.
        public var problems: [ConversationError]
        /// Nothing was written: no turn has text and no text stands outside a turn.
        public var isEmpty: Bool
    }

    /// Reads a conversation written as text and checks it (``conversation(_:)``), also for
    /// what only text can get wrong: text before the first turn, and a line inside a turn
    /// that reads like a turn of a role Tenet does not know (`Human:`, `assitant:`), which
    /// would otherwise silently join the turn above. `firstLine` is the text's first line
    /// in the file it came from.
    public static func read(_ text: String, firstLine: Int = 1) -> Reading {
        let chat = Example.readChat(text)
        let shift = firstLine - 1
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var problems: [ConversationError] = []
        for line in chat.unassigned {
            let label = lines.indices.contains(line - 1) ? Self.label(lines[line - 1]) : nil
            if let label, let meant = meantRole(label) {
                problems.append(ConversationError(line: line + shift, message: "`\(label):` is not a role; write `\(meant):` (roles: \(roleList))"))
            } else {
                problems.append(ConversationError(line: line + shift, message: "this text belongs to no turn; start the conversation with `user:`"))
            }
        }
        for labelled in chat.labelled {
            guard let meant = meantRole(labelled.label) else { continue }
            problems.append(ConversationError(line: labelled.line + shift, message: "`\(labelled.label):` is not a role, so this line is read as text of the turn above; "
                                              + "write `\(meant):` (roles: \(roleList)), or indent the line if it is text"))
        }
        let turns = chat.turns
        let firstTurnLine = (turns.first?.line ?? 1) + shift
        for problem in conversation(turns.map(\.turn)) {
            problems.append(ConversationError(line: problem.turn.map { turns[$0].line + shift } ?? firstTurnLine, message: problem.message))
        }
        let written = turns.map(\.turn).filter { !$0.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        let ordered = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return Reading(turns: written, problems: ordered, isEmpty: written.isEmpty && chat.unassigned.isEmpty)
    }

    /// Why a `violates` entry (a leading `#` allowed) is not a rule ID of the spec, with
    /// what may have been meant; `nil` when it is one.
    public static func ruleIDProblem(_ entry: String, knownRuleIDs: Set<String>) -> String? {
        let id = entry.hasPrefix("#") ? String(entry.dropFirst()) : entry
        guard !knownRuleIDs.contains(id) else { return nil }
        return "`violates: \(entry)` is not a rule ID in this spec; " + idHint(id, knownRuleIDs)
    }

    /// Everything wrong with an example as a value (for a write that has no text to point
    /// into): its turns (`turn 2: …`, counting from 1) and its `violates` entries. With
    /// `original` (the example being replaced), an ID it already named that has left the
    /// spec is not held against it.
    public static func problems(_ example: Example, knownRuleIDs: Set<String>, original: Example? = nil) -> [String] {
        var out = conversation(example.turns).map { problem in
            problem.turn.map { "turn \($0 + 1) (`\(example.turns[$0].role):`): \(problem.message)" } ?? problem.message
        }
        for (text, what) in [(example.title, "the title"), (example.reason ?? "", "the reason")] {
            if let problem = QualityCheck.textProblem(text, what) { out.append(problem) }
        }
        for entry in example.violates where !(original?.violates.contains(entry) ?? false) {
            if let problem = ruleIDProblem(entry, knownRuleIDs: knownRuleIDs) { out.append(problem) }
        }
        return out
    }

    /// The roles, as messages list them.
    static let roleList = Turn.roles.joined(separator: ", ")

    /// Speaker labels of other transcript formats, and the role a writer meant by them.
    private static let otherSpeakers = ["human": "user", "ai": "assistant", "bot": "assistant", "chatbot": "assistant"]

    /// The role a label that is not one was meant to be (`Human` → user, `assitant` →
    /// assistant), or `nil` when it does not look like one (`Note`).
    public static func meantRole(_ label: String) -> String? {
        let word = label.lowercased()
        return otherSpeakers[word] ?? CloseMatches.of(word, in: ["assistant", "developer"]).first
    }

    /// What to write instead of an unknown role.
    private static func roleHint(_ role: String) -> String {
        (meantRole(role).map { "write `\($0):`; " } ?? "") + "the roles are \(roleList)"
    }

    /// The word of a line that starts like a turn: `word:` or `word (name):`, a word of 2
    /// to 12 ASCII letters at the start of the line.
    private static func label(_ line: Substring) -> String? {
        let word = line.prefix { $0.isASCII && $0.isLetter }
        guard (2...12).contains(word.count) else { return nil }
        let rest = line.dropFirst(word.count)
        return rest.hasPrefix(":") || rest.hasPrefix(" (") ? String(word) : nil
    }

    /// What a `violates` entry that is not an ID may have meant, or what IDs look like.
    private static func idHint(_ entry: String, _ known: Set<String>) -> String {
        let ids = known.sorted()
        guard !ids.isEmpty else { return "this spec has no rules to name; leave `violates:` empty" }
        let withSpec = ids.filter { $0.hasSuffix("." + entry) }
        let close = withSpec.isEmpty ? CloseMatches.of(entry, in: ids) : withSpec
        if !close.isEmpty { return "did you mean " + close.prefix(3).joined(separator: " or ") + "?" }
        return "IDs look like " + ids.prefix(2).joined(separator: ", ") + " (as in the rule tree); separate several with commas"
    }
}
