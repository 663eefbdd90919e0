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
