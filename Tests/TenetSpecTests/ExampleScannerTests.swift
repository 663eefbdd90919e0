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

    /// One conversation in the layouts specs write it in: the scanner keeps a turn's lines
    /// as the block's own bytes while they follow each other and copies them when a tag,
    /// a comment or a dropped CR comes between; every layout must read the same turns.
    @Test func xmlTurnsReadTheSameInEveryLayout() {
        let layouts = [
            "<user>\nHello &amp; <i>hi</i>\n</user>\n<comparison>\n<assistant>\n<!-- GOOD -->\nLine one\n\n  Line two\n</assistant>\n<assistant>\n<!-- BAD: rude -->\nGo away\n</assistant>\n</comparison>\n",
            "<user>Hello &amp; <i>hi</i></user>\n<comparison>\n<assistant><!-- GOOD -->Line one\n\n  Line two</assistant>\n<assistant> <!-- BAD: rude --> Go away </assistant>\n</comparison>",
            "<user>\r\nHello &amp; <i>hi</i>\r\n</user>\r\n<comparison>\r\n<assistant>\r\n<!-- GOOD -->\r\nLine one\r\n\r\n  Line two\r\n</assistant>\r\n<!-- BAD: rude -->\r\n<assistant>\r\nGo away\r\n</assistant>\r\n</comparison>",
            "  <user>  \n\n Hello &amp; <i>hi</i> \n  </user>\n<comparison><assistant>\n\n<!-- GOOD -->\n\nLine one\n\n  Line two  \n\n</assistant><assistant>\nGo away<!-- BAD: rude --></assistant></comparison>\n",
        ]
        for layout in layouts {
            let result = ExampleScanner.scanXML(layout, firstLine: 1)
            #expect(result.problems.isEmpty, "\(layout.debugDescription): \(result.problems)")
            #expect(result.answers.map(\.verdict) == [.good, .bad], "\(layout.debugDescription)")
            #expect(result.answers.map { $0.turns.map(\.content) } == [["Hello & <i>hi</i>", "Line one\n\n  Line two"], ["Hello & <i>hi</i>", "Go away"]],
                    "\(layout.debugDescription)")
            #expect(result.answers.last?.reason == "rude", "\(layout.debugDescription)")
        }
    }

    /// Text between turns is reported from its own bytes, wherever on the line it stands.
    @Test func xmlTextOutsideTurnsIsReportedAsWritten() {
        let result = ExampleScanner.scanXML("<user>Hi</user> stray &amp; <words>\n<assistant><!-- GOOD -->Yes</assistant>\n[...]\n", firstLine: 7)
        #expect(result.problems.map(\.line) == [7])
        #expect(result.problems.first?.message == "text outside any turn is ignored: “stray &amp; <words>”")
        #expect(result.answers.first?.turns.map(\.content) == ["Hi", "Yes"])
    }

    /// A role is named by its bytes exactly (capitals read as small letters when asked),
    /// whatever the length or the letters around it.
    @Test func rolesAreReadByTheirBytes() {
        func asciiLowercased(_ text: String) -> String {
            String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        var generator = SeededRandom(seed: 9)
        var names = Turn.roles + ["User", "ASSISTANT", "users", "use", "", "assistant!", "toolx", "Tool", "developer1",
                                  "user\u{0}", String(repeating: "a", count: 17), "ßystem", "tööl"]
        let letters = Array("userassistantsystemdevelopertoolUSERTOOL")
        for _ in 0..<5_000 { names.append(String((0..<Int.random(in: 0...10, using: &generator)).map { _ in letters.randomElement(using: &generator)! })) }
        for name in names {
            for lowercasing in [false, true] {
                let wanted = Turn.roles.first { $0 == (lowercasing ? asciiLowercased(name) : name) }
                #expect(ExampleScanner.role(named: Array(name.utf8), lowercasing: lowercasing) == wanted, "\(name.debugDescription) \(lowercasing)")
            }
        }
    }
}
