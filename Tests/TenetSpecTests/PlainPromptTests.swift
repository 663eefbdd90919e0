import Testing
@testable import TenetSpec

/// System prompts kept as plain text: no headings, one instruction to a line. Real ones
/// (a voice assistant's, a coding agent's) read as one rule each, or none: the text of a
/// document with no sections was read as an introduction (no imperatives), and lines
/// joined into one paragraph took the first instruction's direction.
@Suite struct PlainPromptTests {
    static let prompt = """
    You are a support bot for Acme.
    NEVER say you are an AI language model.
    Always answer in English.
    Don't be formal, dry, or robotic.
    Use plain words; avoid jargon.

    You must not give legal advice.
    """

    @Test func aPromptWithNoHeadingsIsItsRules() throws {
        let spec = try parse(Self.prompt)
        let rules = spec.rules.map { ($0.title, $0.direction, $0.line) }
        #expect(rules.map(\.0) == ["NEVER say you are an AI language model", "Always answer in English",
                                   "Don't be formal, dry, or robotic", "Use plain words", "You must not give legal advice"])
        #expect(rules.map(\.1) == [.prohibit, .require, .prohibit, .require, .prohibit])
        #expect(rules.map(\.2) == [2, 3, 4, 5, 7], "each rule on its own line")
    }

    /// A paragraph wrapped at a width stays one paragraph: its lines end mid-sentence.
    @Test func aWrappedParagraphIsOneRule() throws {
        let spec = try parse("""
        # Policy

        ## Conduct

        The assistant must never give a diagnosis or name a medicine and a dose for a
        person, even when asked twice, and even when the person says a doctor told them
        to ask; it refers them to a pharmacist or their doctor instead, and says why.
        """)
        #expect(spec.rules.count == 1)
        #expect(spec.rules.first?.direction == .prohibit)
        #expect(spec.rules.first?.line == 5 && spec.rules.first?.endLine == 7)
    }

    /// A line that goes on from the one before it — "It …", or one in lower case — stays
    /// with it: the assistant named on one line is what "it" is on the next.
    @Test func aLineThatGoesOnStaysWithTheLineBefore() throws {
        let spec = try parse("""
        # Triage

        ## Rules

        The assistant is a triage aid for the clinic's nurses.
        It must never diagnose a patient.
        Always ask for the patient's age first.
        Never promise a same-day appointment.
        """)
        #expect(spec.rules.map(\.direction) == [.prohibit, .require, .prohibit])
        #expect(spec.rules.first?.text == "The assistant is a triage aid for the clinic's nurses.\nIt must never diagnose a patient.")
    }

    /// What comes before the first section of a document that has sections still only
    /// introduces them: its imperatives are the reader's, not rules.
    @Test func anIntroductionBeforeTheSectionsMakesNoImperativeRules() throws {
        let spec = try parse("""
        # Handbook

        Read this before your first shift. Ask your lead if anything is unclear.

        ## Rules

        - Never share a customer's address.
        """)
        #expect(spec.rules.map(\.title) == ["Never share a customer's address"])
    }
}
