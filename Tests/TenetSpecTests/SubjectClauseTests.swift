import Testing
@testable import TenetSpec

/// Statements whose subject is more than a noun: "Content that attacks a person for their
/// religion is not allowed" (a relative clause before the verb that forbids), and "It must
/// never diagnose …" after a sentence about the assistant. A moderation policy written this
/// way had made no rule of either.
@Suite struct SubjectClauseTests {
    @Test(arguments: [
        "Content that attacks a person for their religion is not allowed.",
        "Messages which threaten violence are prohibited.",
        "Images that you upload of other people are not permitted.",
    ])
    func aSubjectWithARelativeClauseForbidsInAParagraphAndABullet(sentence: String) throws {
        for body in [sentence, "- \(sentence)"] {
            let spec = try parse("# Forum\n\n## Content\n\n\(body)\n")
            let rule = try #require(spec.rules.first, "no rule from: \(body)")
            #expect(rule.direction == .prohibit, "\(body): \(rule.directionReason ?? "")")
        }
    }

    /// Under a lead-in that requires, a bullet that forbids in its own words still does.
    @Test func aBulletUnderALeadInThatRequiresForbidsWithARelativeSubject() throws {
        let spec = try parse("""
            # Forum

            ## Content

            The assistant should:

            - Content that is hateful is not allowed
            - Welcome new members
            """)
        #expect(spec.rules.map(\.direction) == [.prohibit, .require])
    }

    @Test(arguments: [
        "The fact that vaping is banned means staff must step outside.",
        "Users who post spam are banned from the forum.",
        "Rules that cannot be overridden are listed below.",
    ])
    func aClauseThatIsNotTheSubjectsSaysNothing(sentence: String) throws {
        let spec = try parse("# Forum\n\n## Content\n\n\(sentence)\n")
        #expect(spec.rules.isEmpty, "\(sentence): \(spec.rules.map(\.directionReason))")
    }

    @Test func itAfterASentenceAboutTheAssistantIsTheAssistant() throws {
        let spec = try parse("""
            # Clinic

            ## Triage

            The assistant is a triage aid. It must never diagnose a condition.

            The assistant keeps a log of every call. It MUST NOT share that log with other users.

            Claude's log is private. It should be kept for a year.
            """)
        #expect(spec.rules.map(\.direction) == [.prohibit, .prohibit])
        #expect(spec.rules.first?.title == "It must never diagnose a condition")
    }
}

/// More of a direction audit's lost and spurious rules: a subject that can be read as a
/// verb, a pronoun after a condition, "It" after the assistant's possessive, an impersonal
/// prohibition anywhere in a paragraph, and rules that bind someone else.
@Suite struct SubjectWordingTests {
    @Test(arguments: [
        ("Reports must not be dismissed without reading the post in full.", Direction.prohibit),
        ("When a report is received, it should be reviewed within 24 hours.", .require),
        ("Diagnosis is outside the assistant's role. It should not tell anyone what condition they have.", .prohibit),
        ("The assistant should err on the side of caution. It is not permitted to tell a person that they need no doctor.", .require),
    ])
    func aParagraphIsRead(paragraph: String, expected: Direction) throws {
        let spec = try parse("# Clinic\n\n## Care\n\n\(paragraph)\n")
        let rule = try #require(spec.rules.first, "no rule from: \(paragraph)")
        #expect(rule.direction == expected, "\(paragraph): \(rule.directionReason ?? "")")
    }

    /// The impersonal prohibition is read where it stands, not only as the opening sentence.
    @Test func anImpersonalProhibitionIsARuleAfterADescription() throws {
        let spec = try parse("# Clinic\n\n## Care\n\nPeople come to the pharmacy worried. It is not permitted to tell a person that they need no doctor.\n")
        #expect(spec.rules.map(\.direction) == [.prohibit], "\(spec.rules.map(\.directionReason))")
    }

    @Test func whatAnotherPartyMustNotDoIsNoRuleForTheAssistant() throws {
        let spec = try parse("""
            # StudyBuddy

            StudyBuddy is a homework helper. StudyBuddy should explain ideas step by step. StudyBuddy must never
            write a whole essay. StudyBuddy should be kind.

            ## Your account

            You must not share your login with anyone else.

            Teachers must not use StudyBuddy summaries as the sole basis for a grade.

            Customers must not be charged twice for one session.
            """)
        let account = spec.rules.filter { $0.path.last == "your-account" }.map(\.title)
        #expect(account == ["Customers must not be charged twice for one session"], "\(spec.rules.map(\.title))")
    }

    @Test func anUnacceptableColumnForbidsAndAnAcceptableOneIsNoSituation() throws {
        let spec = try parse("""
            # Code

            ## Edits

            | Acceptable | Unacceptable |
            |---|---|
            | Rewriting only the function asked about | Rewriting the whole file without being asked |
            | Renaming a variable when asked | Silently changing behaviour |
            """)
        #expect(spec.rules.map(\.direction) == [.prohibit, .prohibit])
        #expect(spec.rules.map(\.leadIn) == ["Unacceptable", "Unacceptable"])
    }
}
