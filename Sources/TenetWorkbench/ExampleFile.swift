import Foundation
import TenetSpec

/// A boundary example as a small text file for $EDITOR: a header of `key: value` lines,
/// `---`, then the conversation as `user:` / `assistant:` turns.
enum ExampleFile {
    static func text(_ example: Example?, ruleID: String, ruleTitle: String) -> String {
        let e = example ?? Example(verdict: .bad, title: "", turns: [
            Turn(role: "user", content: ""), Turn(role: "assistant", content: ""),
        ], line: 0)
        var out = """
        # Boundary example for \(ruleID): \(ruleTitle)
        # verdict is GOOD, BAD or BORDERLINE. Lines starting with # are ignored.
        # Save and quit to keep it; leave the conversation empty to cancel.
        verdict: \(e.verdict == .unspecified ? "BAD" : e.verdict.rawValue)
        title: \(e.title)
        reason: \(e.reason ?? "")
        violates: \(e.violates.joined(separator: ", "))
        ---

        """
        for turn in e.turns { out += "\(turn.role): \(turn.content)\n" }
        return out
    }

    enum Outcome {
        case example(Example)
        case cancelled
        case invalid(line: Int, reason: String)
    }

    static func parse(_ text: String) -> Outcome {
        var verdict: Verdict?
        var title = "", reason = "", violates: [String] = []
        var body: [String] = []
        var inBody = false
        var bodyStart = 0
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if inBody { body.append(line); continue }
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.trimmingCharacters(in: .whitespaces) == "---" { inBody = true; bodyStart = index + 2; continue }
            guard let colon = line.firstIndex(of: ":") else {
                return .invalid(line: index + 1, reason: "expected `key: value` (verdict, title, reason, violates) or `---`")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "verdict":
                guard let v = Verdict(label: value) else { return .invalid(line: index + 1, reason: "verdict must be GOOD, BAD or BORDERLINE, not `\(value)`") }
                verdict = v
            case "title": title = value
            case "reason": reason = value
            case "violates": violates = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            default: return .invalid(line: index + 1, reason: "unknown key `\(key)`; use verdict, title, reason, violates")
            }
        }
        guard inBody else { return .invalid(line: 1, reason: "no `---` line before the conversation") }
        let chat = body.filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let turns: [Turn]
        switch Example.conversation(fromChat: chat) {
        case .success(let parsed): turns = parsed.filter { !$0.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        case .failure(let error): return .invalid(line: bodyStart, reason: "\(error)")
        }
        if turns.isEmpty { return .cancelled }
        guard let verdict else { return .invalid(line: 1, reason: "missing `verdict:` (GOOD, BAD or BORDERLINE)") }
        guard turns.contains(where: { $0.role == "assistant" }) else {
            return .invalid(line: bodyStart, reason: "the conversation needs an `assistant:` turn: the answer being judged")
        }
        return .example(Example(verdict: verdict, title: title.isEmpty ? "Example" : title, turns: turns,
                                reason: reason.isEmpty ? nil : reason, violates: violates, line: 0))
    }
}
