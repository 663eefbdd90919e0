import Foundation
import TenetSpec

/// A boundary example as a small text, for the built-in editor or $EDITOR: a header of `key: value` lines
/// (a value continues on lines indented by two spaces; `#` lines are comments), `---`,
/// then the conversation as `user:` / `assistant:` turns (`tool (name):` with a name),
/// taken as written — `#` there is text.
public enum ExampleFile {
    /// The text for an example (`nil`: a blank template) of a rule.
    public static func text(_ example: Example?, ruleID: String, ruleTitle: String) -> String {
        let e = example ?? Example(verdict: .bad, title: "", turns: [
            Turn(role: "user", content: ""), Turn(role: "assistant", content: ""),
        ], line: 0)
        var out = """
        # Boundary example for \(ruleID): \(ruleTitle)
        # verdict is GOOD, BAD or BORDERLINE. Above the --- line, lines starting with # are
        # ignored and a value goes on over lines indented by two spaces.
        # Save to keep it; leave the conversation empty to cancel.
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
        case cancelled
        case invalid(line: Int, reason: String)
    }

    /// Reads a text written in this format; a problem names its line (from 1).
    public static func parse(_ text: String) -> Outcome {
        var values: [String: String] = [:]
        var order: [(key: String, line: Int)] = []
        var body: [String] = []
        var inBody = false
        var bodyStart = 0
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if inBody { body.append(line); continue }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("  "), let last = order.last {
                values[last.key, default: ""] += "\n" + line.dropFirst(2)
                continue
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.trimmingCharacters(in: .whitespaces) == "---" { inBody = true; bodyStart = index + 2; continue }
            guard let colon = line.firstIndex(of: ":") else {
                return .invalid(line: index + 1, reason: "expected `key: value` (verdict, title, reason, violates) or `---`")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard ["verdict", "title", "reason", "violates"].contains(key) else {
                return .invalid(line: index + 1, reason: "unknown key `\(key)`; use verdict, title, reason, violates")
            }
            values[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            order.append((key, index + 1))
        }
        guard inBody else { return .invalid(line: 1, reason: "no `---` line before the conversation") }
        let turns: [Turn]
        switch Example.conversation(fromChat: body.joined(separator: "\n")) {
        case .success(let parsed): turns = parsed.filter { !$0.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        case .failure(let error): return .invalid(line: bodyStart + error.line - 1, reason: error.message)
        }
        if turns.isEmpty { return .cancelled }
        let verdictText = (values["verdict"] ?? "").trimmingCharacters(in: .whitespaces)
        let verdictLine = order.first { $0.key == "verdict" }?.line ?? 1
        guard !verdictText.isEmpty else { return .invalid(line: verdictLine, reason: "missing `verdict:` (GOOD, BAD or BORDERLINE)") }
        guard let verdict = Verdict(label: verdictText) ?? (verdictText.uppercased() == "UNSPECIFIED" ? .unspecified : nil) else {
            return .invalid(line: verdictLine, reason: "verdict must be GOOD, BAD or BORDERLINE, not `\(verdictText)`")
        }
        guard turns.contains(where: { $0.role == "assistant" }) else {
            return .invalid(line: bodyStart, reason: "the conversation needs an `assistant:` turn: the answer being judged")
        }
        let title = (values["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = (values["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let violates = (values["violates"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return .example(Example(verdict: verdict, title: title.isEmpty ? "Example" : title, turns: turns,
                                reason: reason.isEmpty ? nil : reason, violates: violates, line: 0))
    }
}
