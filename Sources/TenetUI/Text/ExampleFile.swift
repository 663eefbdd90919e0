import Foundation
import TenetSpec

/// A boundary example as a small text, for the built-in editor or $EDITOR: a header of `key: value` lines
/// (a value continues on lines indented by two spaces; `#` lines are comments), `---`,
/// then the conversation as `user:` / `assistant:` turns (`tool (name):` with a name),
/// taken as written — `#` there is text.
public enum ExampleFile {
    /// The text for an example (`nil`: a blank template) of a rule. The first turn is on
    /// line 10 (where $EDITOR opens the template).
    public static func text(_ example: Example?, ruleID: String, ruleTitle: String) -> String {
        let e = example ?? Example(verdict: .bad, title: "", turns: [
            Turn(role: "user", content: ""), Turn(role: "assistant", content: ""),
        ], line: 0)
        var out = """
        # Boundary example for \(ruleID): \(ruleTitle)
        # verdict is GOOD, BAD or BORDERLINE; violates lists the IDs of rules of this spec the answer breaks, with commas.
        # Turns are user:, assistant:, system:, developer: or tool (name):; the judged answer is the last assistant turn.
        # Above the --- line, # lines are ignored and a value goes on over lines indented by two spaces. Save to keep it; leave the conversation empty to cancel.
        verdict: \(e.verdict.rawValue)
        title: \(indented(e.title))
        reason: \(indented(e.reason ?? ""))
        violates: \(e.violates.joined(separator: ", "))
        ---

        """
        for turn in e.turns { out += "\(turn.role)\(turn.name.map { " (\($0))" } ?? ""): \(turn.content)\n" }
        return out
    }

    /// A header value with its line breaks as continuation lines.
    private static func indented(_ value: String) -> String {
        value.replacingOccurrences(of: "\n", with: "\n  ")
    }

    /// What a text reads as.
    public enum Outcome: Sendable, Equatable {
        case example(Example)
        /// It says what the example being edited already says: nothing to save.
        case unchanged
        /// The conversation was left empty.
        case cancelled
        /// What is wrong, in line order; nothing is saved.
        case invalid([Problem])
    }

    /// One thing wrong with the text: its line (from 1) and what to do about it.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Problems in one sentence for a status line: the first in full, then where the others are.
    public static func summary(_ problems: [Problem]) -> String {
        guard let first = problems.first else { return "" }
        let others = problems.dropFirst().map { String($0.line) }
        switch others.count {
        case 0: return first.description
        case 1: return first.description + " · 1 more problem, on line \(others[0])"
        default:
            return first.description + " · \(others.count) more problems, on lines "
                + others.dropLast().joined(separator: ", ") + " and " + others.last!
        }
    }

    /// Speaker labels of other transcript formats, and the role a writer meant by them.
    private static let otherSpeakers = ["human": "user", "ai": "assistant", "bot": "assistant", "chatbot": "assistant"]

    /// Reads a text written in this format and checks it. A pure function: the same
    /// arguments always give the same outcome.
    ///
    /// - The header needs `verdict:` GOOD, BAD or BORDERLINE (UNSPECIFIED is read back for
    ///   examples that have none); its keys are verdict, title, reason and violates, each
    ///   once.
    /// - The conversation needs a `user:` turn and an `assistant:` turn, the judged answer,
    ///   last; no turn may be empty, no text may stand before the first turn, and a line
    ///   that reads like a turn of a role Tenet does not know (`human:`, `assitant:`) is
    ///   reported rather than silently joining the turn above.
    /// - Every `violates` entry must be in `knownRuleIDs` (a leading `#` is allowed).
    /// - With `original` (the example being edited), a text that reads the same is
    ///   ``Outcome/unchanged`` — an ID the example already named that has left the spec
    ///   is then not held against it.
    ///
    /// Each problem names its line and what to do; all are reported, in line order.
    public static func parse(_ text: String, knownRuleIDs: Set<String>, original: Example? = nil) -> Outcome {
        var problems: [Problem] = []
        var values: [String: (value: String, line: Int)] = [:]
        var pieces: [String: [(line: Int, text: Substring)]] = [:]
        var lastKey: String?
        var body: [String] = []
        var bodyStart: Int?
        var turnInHeader = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if bodyStart != nil { body.append(String(line)); continue }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("  "), let key = lastKey {
                values[key]?.value += "\n" + line.dropFirst(2)
                pieces[key, default: []].append((number, line.dropFirst(2)))
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed == "---" { bodyStart = number + 1; continue }
            lastKey = nil
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(Problem(line: number, message: "expected `key: value` (verdict, title, reason, violates), or the `---` line before the conversation"))
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...]
            if Turn.roles.contains(String(key.prefix { $0 != " " && $0 != "(" })) {
                if turnInHeader { continue }
                turnInHeader = true
                problems.append(Problem(line: number, message: "the conversation starts before the `---` line; put `---` on a line of its own above it"))
                continue
            }
            guard ["verdict", "title", "reason", "violates"].contains(key) else {
                problems.append(Problem(line: number, message: "unknown key `\(key)`; use verdict, title, reason or violates"))
                continue
            }
            if let earlier = values[key] {
                problems.append(Problem(line: number, message: "`\(key):` is given twice (also on line \(earlier.line)); keep one"))
                continue
            }
            values[key] = (value.trimmingCharacters(in: .whitespaces), number)
            pieces[key] = [(number, value)]
            lastKey = key
        }
        guard let bodyStart else {
            if !turnInHeader {
                let end = text.split(separator: "\n", omittingEmptySubsequences: false).count
                problems.append(Problem(line: end, message: "no `---` line: put one between the header and the conversation"))
            }
            return .invalid(sorted(problems))
        }

        // The conversation, line numbers counted from the top of the text.
        let chat = Example.readChat(body.joined(separator: "\n"))
        let shift = bodyStart - 1
        let turns = chat.turns.map { (turn: $0.turn, line: $0.line + shift) }
        let written = turns.filter { !$0.turn.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if written.isEmpty && chat.unassigned.isEmpty { return .cancelled }
        for line in chat.unassigned {
            problems.append(Problem(line: line + shift, message: "this text belongs to no turn; start the conversation with `user:`"))
        }
        for labelled in chat.labelled {
            let word = labelled.label.lowercased()
            guard let meant = otherSpeakers[word] ?? ConfigSyntax.closeMatches(for: word, in: ["assistant", "developer"]).first else { continue }
            problems.append(Problem(line: labelled.line + shift, message: "`\(labelled.label):` is not a role, so this line is read as text of the turn above; "
                                    + "write `\(meant):` (roles: \(Turn.roles.joined(separator: ", "))), or indent the line if it is text"))
        }
        for turn in turns where turn.turn.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(line: turn.line, message: "the `\(turn.turn.role):` turn is empty; write it, or delete the line"))
        }
        let firstTurnLine = turns.first?.line ?? bodyStart
        if !written.contains(where: { $0.turn.role == "user" }) {
            problems.append(Problem(line: firstTurnLine, message: "the conversation has no `user:` turn; add what the user said, as `user: …` above the answer"))
        }
        let lastAnswer = written.lastIndex { $0.turn.role == "assistant" }
        if let lastAnswer {
            for late in written[(lastAnswer + 1)...] {
                problems.append(Problem(line: late.line, message: "this `\(late.turn.role):` turn comes after the judged answer (the last `assistant:` turn) "
                                        + "and would be dropped; move it above the answer, or delete it"))
            }
        } else {
            problems.append(Problem(line: firstTurnLine, message: "the conversation has no `assistant:` turn; add the answer being judged, as `assistant: …`, last"))
        }

        // The header's values.
        let verdictText = values["verdict"]?.value ?? ""
        let verdictLine = values["verdict"]?.line ?? 1
        var verdict = Verdict.unspecified
        if verdictText.isEmpty {
            problems.append(Problem(line: verdictLine, message: "no verdict; write `verdict: GOOD` (or BAD, BORDERLINE) above the `---` line"))
        } else if let read = Verdict(label: verdictText) ?? (verdictText.uppercased() == "UNSPECIFIED" ? .unspecified : nil) {
            verdict = read
        } else {
            problems.append(Problem(line: verdictLine, message: "verdict must be GOOD, BAD or BORDERLINE, not `\(verdictText)`"))
        }
        var violates: [String] = []
        var unknownIDs: [Problem] = []
        for piece in pieces["violates"] ?? [] {
            for entry in piece.text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
                let id = entry.hasPrefix("#") ? String(entry.dropFirst()) : entry
                violates.append(id)
                if !knownRuleIDs.contains(id) {
                    unknownIDs.append(Problem(line: piece.line, message: "`violates: \(entry)` is not a rule ID in this spec; " + idHint(id, knownRuleIDs)))
                }
            }
        }

        let title = (values["title"]?.value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = (values["reason"]?.value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let example = Example(verdict: verdict, title: title.isEmpty ? "Example" : title,
                              turns: (lastAnswer.map { Array(written[...$0]) } ?? written).map(\.turn),
                              reason: reason.isEmpty ? nil : reason, violates: violates, line: 0)
        let same = original.map { normalized($0) == normalized(example) } ?? false
        if !same { problems += unknownIDs }
        if !problems.isEmpty { return .invalid(sorted(problems)) }
        return same ? .unchanged : .example(example)
    }

    /// What a `violates` entry that is not an ID may have meant, or what IDs look like.
    private static func idHint(_ entry: String, _ known: Set<String>) -> String {
        let ids = known.sorted()
        guard !ids.isEmpty else { return "this spec has no rules to name; leave `violates:` empty" }
        let withSpec = ids.filter { $0.hasSuffix("." + entry) }
        let close = withSpec.isEmpty ? ConfigSyntax.closeMatches(for: entry, in: ids) : withSpec
        if !close.isEmpty { return "did you mean " + close.prefix(3).joined(separator: " or ") + "?" }
        return "IDs look like " + ids.prefix(2).joined(separator: ", ") + " (as in the rule tree); separate several with commas"
    }

    /// An example as this format reads it back: no source line, a title, trimmed text.
    private static func normalized(_ e: Example) -> Example {
        let title = e.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = (e.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let turns = e.turns.map { Turn(role: $0.role, content: $0.content.trimmingCharacters(in: .whitespacesAndNewlines), name: $0.name) }
        return Example(verdict: e.verdict, title: title.isEmpty ? "Example" : title, turns: turns.filter { !$0.content.isEmpty },
                       reason: reason.isEmpty ? nil : reason, violates: e.violates, line: 0)
    }

    private static func sorted(_ problems: [Problem]) -> [Problem] {
        problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }
}
