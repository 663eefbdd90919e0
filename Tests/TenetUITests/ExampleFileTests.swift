import Testing
import TenetSpec
@testable import TenetUI

/// A boundary example goes out to $EDITOR as text and comes back the same.
@Suite struct ExampleFileTests {
    @Test func anExampleSurvivesTheRoundTrip() throws {
        let examples = [
            Example(verdict: .bad, title: "Steps", turns: [
                Turn(role: "system", content: "Tools: search."),
                Turn(role: "user", content: "Steps:\n# heading\nend"),
                Turn(role: "tool", content: "{\"ok\": true}", name: "search"),
                Turn(role: "assistant", content: "Sure:\n\n1. one\n2. two"),
            ], reason: "Two lines\nof reason.", violates: ["travel.a", "travel.b"], line: 0),
            Example(verdict: .unspecified, title: "No verdict yet", turns: [
                Turn(role: "user", content: "Hi"), Turn(role: "assistant", content: "Hello"),
            ], line: 0),
        ]
        for example in examples {
            let text = ExampleFile.text(example, ruleID: "travel.x", ruleTitle: "A rule")
            guard case .example(let back) = ExampleFile.parse(text) else {
                Issue.record("did not parse its own output:\n\(text)"); continue
            }
            #expect(back == example)
        }
    }

    @Test func problemsNameTheLine() {
        let text = "verdict: GOOD\ntitle: t\nmood: happy\n---\nuser: a\nassistant: b\n"
        guard case .invalid(let line, let reason) = ExampleFile.parse(text) else { Issue.record("accepted"); return }
        #expect(line == 3)
        #expect(reason.contains("unknown key `mood`"))
        guard case .invalid(let verdictLine, _) = ExampleFile.parse("title: t\nverdict: SOSO\n---\nuser: a\nassistant: b\n") else {
            Issue.record("accepted a bad verdict"); return
        }
        #expect(verdictLine == 2)
        if case .cancelled = ExampleFile.parse(ExampleFile.text(nil, ruleID: "r", ruleTitle: "t")) {} else {
            Issue.record("an untouched template must cancel")
        }
    }
}
