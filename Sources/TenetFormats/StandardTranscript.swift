import TenetSpec

/// TRL's standard preference format as Tenet writes it (`--style standard`): plain strings
/// that a trainer joins as `prompt + chosen` and `prompt + rejected`, so the boundary
/// between them is written into the text.
///
/// The prompt is the conversation, each message after its role's label (`System:`,
/// `User:`, `Assistant:` …) with a blank line between messages, and it ends with a blank
/// line and `Assistant:` — the cue for the answer. Each answer starts with one space, as
/// in TRL's own example (`"prompt": "The sky is", "chosen": " blue."`):
///
///     prompt:  "User: Can you book it while I'm staying in?\n\nAssistant:"
///     chosen:  " Before I book: which dates?"
///
/// so that `prompt + chosen` reads `…staying in?\n\nAssistant: Before I book…`. A message
/// whose text holds a blank line followed by a role label reads back as two messages.
enum StandardTranscript {
    /// What ends every prompt.
    static let cue = "Assistant:"
    /// The roles read back from a prompt; others are written with their name capitalised.
    static let roles = ["system", "developer", "user", "assistant", "tool"]

    static func label(_ role: String) -> String { role.prefix(1).uppercased() + role.dropFirst() }

    static func prompt(_ turns: [Turn]) -> String {
        var out = ""
        for turn in turns {
            out += label(turn.role) + ": " + turn.content + "\n\n"
        }
        return out + cue
    }

    static func answer(_ text: String) -> String { " " + text }

    /// The conversation and answers of a standard line: a prompt written as above is read
    /// back into its messages and the answers lose their leading space; any other prompt
    /// is one user message and the answers are as they are.
    static func read(prompt: String, chosen: String, rejected: String) -> (turns: [Turn], chosen: String, rejected: String) {
        guard let turns = turns(prompt) else { return ([Turn(role: "user", content: prompt)], chosen, rejected) }
        func unspaced(_ text: String) -> String { text.hasPrefix(" ") ? String(text.dropFirst()) : text }
        return (turns, unspaced(chosen), unspaced(rejected))
    }

    private static func turns(_ prompt: String) -> [Turn]? {
        guard prompt.hasSuffix("\n\n" + cue) else { return nil }
        var body = Substring(prompt.dropLast(cue.count + 2))
        let labels = roles.map { (role: $0, text: label($0) + ": ") }
        guard let first = labels.first(where: { body.hasPrefix($0.text) }) else { return nil }
        var turns: [Turn] = []
        var role = first.role
        body = body.dropFirst(first.text.count)
        // Each message runs to the next blank line that starts a label.
        var start = body.startIndex
        var search = body.startIndex
        while let gap = body[search...].range(of: "\n\n") {
            let after = body[gap.upperBound...]
            if let next = labels.first(where: { after.hasPrefix($0.text) }) {
                turns.append(Turn(role: role, content: String(body[start..<gap.lowerBound])))
                role = next.role
                start = body.index(gap.upperBound, offsetBy: next.text.count)
                search = start
            } else {
                search = body.index(after: gap.lowerBound)
            }
        }
        turns.append(Turn(role: role, content: String(body[start...])))
        return turns
    }
}
