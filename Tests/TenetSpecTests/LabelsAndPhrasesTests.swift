import Testing
@testable import TenetSpec

/// A second direction audit's findings: labels read as verbs ("Note: Do not log secrets"
/// was a rule to follow), refusals in several words, a lead-in that forbids a failing, a
/// permission that hid the prohibition after it, FAQ answers, and tables whose cells are
/// marks or responses.
@Suite struct LabelsAndPhrasesTests {
    static func directions(_ body: String) throws -> [Direction?] {
        try parse("# Bank\n\n## Rules\n\n\(body)\n").rules.map(\.direction)
    }

    @Test(arguments: [
        ("- Note: Do not log secrets.", Direction.prohibit),
        ("- Important: Never share tokens.", .prohibit),
        ("6.1 **Rule:** Do not send the user's source code to any external service.", .prohibit),
        ("- Make sure you never reveal account numbers.", .prohibit),
        ("- Be careful not to reveal account numbers.", .prohibit),
        ("- Make sure you never forget to mention the fee.", .require),
        ("- Steer clear of politics.", .prohibit),
        ("- Leave out personal opinions.", .prohibit),
        ("- pls dont swear in the chat.", .prohibit),
        ("The assistant may share general health information, but it must not diagnose a condition.", .prohibit),
        ("**Can the assistant give medical advice?** No. It may share general information, but it must not diagnose a condition.", .prohibit),
    ])
    func aRuleIsReadPastItsLabelOrPhrase(body: String, expected: Direction) throws {
        #expect(try Self.directions(body) == [expected], "\(body)")
    }

    @Test func aLabelBeforeAFactMakesNoRule() throws {
        #expect(try Self.directions("Note: The legal team maintains the list of approved licences.").isEmpty)
    }

    /// A rule that forbids in words other than "never" is rendered as written: a "Never"
    /// in front of "Steer clear of politics" or "Make sure you never …" said the opposite.
    @Test(arguments: [
        "Steer clear of politics.", "Make sure you never reveal account numbers.", "Be careful not to reveal account numbers.",
        "Leave out personal opinions.", "Hold off on recommendations until asked.",
    ])
    func aProhibitionInItsOwnWordsIsRenderedAsWritten(text: String) throws {
        #expect(RuleStatement.stated(text, direction: .prohibit, authored: false) == text)
    }

    @Test func aResponseColumnIsReadByItsOwnWords() throws {
        let spec = try parse("""
            # Shop

            ## Requests

            | Request | Response |
            |---|---|
            | Is this safe for my peanut allergy? | Do not say a product is safe for an allergy; point to the allergen list |
            | Where is my order? | Look up the order and give the tracking link |
            """)
        #expect(spec.rules.map(\.direction) == [.prohibit, .require])
        #expect(spec.rules.first?.leadIn == "Is this safe for my peanut allergy? — Response")
    }

    /// "| Action | Yes | No |" with marks: a ❌ forbids the row's action, a ✅ under Yes
    /// only allows it (no rule). The Action column had been read as what to do.
    @Test func marksInAYesNoTableSayWhichWay() throws {
        let spec = try parse("""
            # Shop

            ## Allowed actions

            | Action | Yes | No |
            |---|---|---|
            | Start a return | ✅ | |
            | Change the email address on an account | | ❌ |
            """)
        #expect(spec.rules.map(\.title) == ["Change the email address on an account"])
        #expect(spec.rules.map(\.direction) == [.prohibit])
    }
}
