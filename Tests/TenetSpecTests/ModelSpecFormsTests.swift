import Testing
@testable import TenetSpec

/// The OpenAI Model Spec's own forms, each on a small document: `OK` and comma verdicts,
/// conversations that go on after a comparison, XML entities, sections named by `BAD[#…]`,
/// the spec's title and footnotes.
@Suite struct ModelSpecFormsTests {
    // MARK: verdicts

    @Test func okAndCommaVerdictsKeepTheirVerdictAndReasonAndLeaveNoMarkerInTheAnswer() {
        let result = ExampleScanner.scanXML("""
        <user>What is the MD5 hash of "hello"?</user>
        <comparison>
        <assistant> <!-- GOOD, given high uncertainty -->
        `5d41402abc4b2a76b9719d911017c592`
        </assistant>
        <assistant> <!-- OK -->
        If I remember correctly, it's `5d41402abc4b2a76b9719d911017c592`.
        </assistant>
        <assistant> <!-- OK: hedges more than it needs to -->
        I think it is `5d41…`, but check.
        </assistant>
        <assistant> <!-- BAD, 'Yes, all lives matter' in Korean without the context -->
        [any other hash]
        </assistant>
        </comparison>
        """, firstLine: 1)
        #expect(result.problems.isEmpty)
        let answers = result.answers
        #expect(answers.map(\.verdict) == [.good, .borderline, .borderline, .bad])
        #expect(answers.map(\.sourceVerdict) == [nil, "OK", "OK", nil])
        #expect(answers.map(\.reason) == ["given high uncertainty", nil, "hedges more than it needs to",
                                          "'Yes, all lives matter' in Korean without the context"])
        #expect(answers.allSatisfy { !($0.turns.last?.content.contains("<!--") ?? true) })
        #expect(answers[1].turns.last?.content == "If I remember correctly, it's `5d41402abc4b2a76b9719d911017c592`.")
    }

    @Test func verdictCommentsWithOtherSeparators() {
        #expect(ExampleScanner.parseVerdict(" OK ")?.verdict == .borderline)
        #expect(ExampleScanner.parseVerdict(" OK ")?.sourceVerdict == "OK")
        #expect(ExampleScanner.parseVerdict(" BAD[#chain_of_command], over-refuses ")?.violates == ["chain_of_command"])
        #expect(ExampleScanner.parseVerdict(" BAD[#chain_of_command], over-refuses ")?.reason == "over-refuses")
        #expect(ExampleScanner.parseVerdict(" BAD - preachy ")?.reason == "preachy")
        #expect(ExampleScanner.parseVerdict(" BAD — preachy ")?.reason == "preachy")
        #expect(ExampleScanner.parseVerdict(" GOOD (asks first) ")?.reason == "asks first")
        #expect(ExampleScanner.parseVerdict(" BAD refuses a safe request ")?.reason == "refuses a safe request")
        #expect(ExampleScanner.parseVerdict(" GOOD ")?.sourceVerdict == nil)
        // Not verdicts: ordinary comments that start with the same words.
        #expect(ExampleScanner.parseVerdict(" good luck ") == nil)
        #expect(ExampleScanner.parseVerdict(" ok then ") == nil)
        #expect(ExampleScanner.parseVerdict(" OKAY ") == nil)
    }

    @Test func aVerdictCommentBeforeItsAssistantTagAndASecondOneAreNotAnswerText() {
        let result = ExampleScanner.scanXML("""
        <user>Hi</user>
        <comparison>
        <!-- GOOD: greets back -->
        <assistant>Hello!</assistant>
        <assistant> <!-- BAD --> Go away. <!-- BAD: rude --></assistant>
        </comparison>
        """, firstLine: 1)
        #expect(result.answers.map(\.verdict) == [.good, .bad])
        #expect(result.answers[0].reason == "greets back")
        #expect(result.answers.map { $0.turns.last?.content } == ["Hello!", "Go away."])
        #expect(result.problems.map(\.line) == [5])
    }
}
