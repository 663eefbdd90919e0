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

        // The conversation, line numbers counted from the top of the text: the one check
        // every way of adding an example shares.
        let chat = ExampleCheck.read(body.joined(separator: "\n"), firstLine: bodyStart)
        if chat.isEmpty { return .cancelled }
        problems += chat.problems.map { Problem(line: $0.line, message: $0.message) }

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
                violates.append(entry.hasPrefix("#") ? String(entry.dropFirst()) : entry)
                if let problem = ExampleCheck.ruleIDProblem(entry, knownRuleIDs: knownRuleIDs) {
                    unknownIDs.append(Problem(line: piece.line, message: problem))
                }
            }
        }

        let title = (values["title"]?.value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = (values["reason"]?.value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let example = Example(verdict: verdict, title: title.isEmpty ? "Example" : title,
                              turns: chat.turns,
                              reason: reason.isEmpty ? nil : reason, violates: violates, line: 0)
        let same = original.map { normalized($0) == normalized(example) } ?? false
        if !same { problems += unknownIDs }
        if !problems.isEmpty { return .invalid(sorted(problems)) }
        return same ? .unchanged : .example(example)
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
