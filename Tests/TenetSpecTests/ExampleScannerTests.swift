import Testing
@testable import TenetSpec

@Suite struct ExampleScannerTests {
    @Test func verdictCommentsInAllTheirForms() {
        #expect(ExampleScanner.parseVerdict(" GOOD ")?.verdict == .good)
        #expect(ExampleScanner.parseVerdict(" bad: too long ")?.reason == "too long")
        let named = ExampleScanner.parseVerdict(" BAD[#respect_time]: ignores the deadline ")
        #expect(named?.violates == ["respect_time"])
        #expect(named?.reason == "ignores the deadline")
        #expect(ExampleScanner.parseVerdict(" BORDERLINE ")?.verdict == .borderline)
        #expect(ExampleScanner.parseVerdict(" just a comment ") == nil)
        #expect(ExampleScanner.parseVerdict(" GOODNESS ") == nil)
    }

    @Test func chatTurnsContinueOverLinesAndKeepFencedCode() {
        let result = ExampleScanner.scanChat("""
        system: Be terse.
        user: Write a shell loop.
        assistant: Here:
        ```sh
        user: this line is code, not a turn
        ```
        tool (search): 3 results
        assistant: Done.
        """, firstLine: 10, verdict: .good)
        #expect(result.problems.isEmpty)
        let turns = result.answers.first?.turns ?? []
        #expect(turns.map(\.role) == ["system", "user", "assistant", "tool", "assistant"])
        #expect(turns[2].content == "Here:\n```sh\nuser: this line is code, not a turn\n```")
        #expect(turns[3].name == "search")
    }

    @Test func chatProblemsCarryTheirLine() {
        let result = ExampleScanner.scanChat("no role here\nuser: only a question", firstLine: 20, verdict: .bad)
        #expect(result.problems.map(\.line) == [20, 20])
        #expect(result.answers.isEmpty)
    }

    @Test func xmlTurnsOnOneLineAndAcrossLines() {
        let result = ExampleScanner.scanXML("""
        <system>Rules.</system>
        <user>
        Question & more <b>bold</b>?
        </user>
        <assistant> <!-- GOOD -->
        Answer.
        </assistant>
        """, firstLine: 1)
        #expect(result.problems.isEmpty)
        #expect(result.answers.count == 1)
        #expect(result.answers[0].turns.map(\.content) == ["Rules.", "Question & more <b>bold</b>?", "Answer."])
        #expect(result.answers[0].line == 5)
    }
}
