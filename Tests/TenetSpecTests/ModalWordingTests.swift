import Testing
@testable import TenetSpec

/// Modals as British, legal and contracted English writes them. A direction audit found
/// "Sally mustn't fail to mention …" read as a prohibition (the full "must not fail to"
/// required), "It is not necessary for the assistant to cite …" as a prohibition, and
/// "is (not) to", "isn't allowed to", "oughtn't to" and numbered legal clauses lost.
@Suite struct ModalWordingTests {
    static func read(_ paragraph: String) throws -> Rule? {
        try parse("# Shop\n\n## Rules\n\n\(paragraph)\n").rules.first
    }

    @Test(arguments: [
        ("The assistant mustn't fail to mention the 30-day returns policy.", Direction.require),
        ("The assistant shouldn't forget to log the call.", .require),
        ("The assistant mustn't be rude to a customer.", .prohibit),
        ("The assistant is to sign off every conversation with \"Kind regards\".", .require),
        ("The assistant is not to issue refunds above £50 without approval.", .prohibit),
        ("The assistant isn't to argue with a customer about a complaint.", .prohibit),
        ("The assistant isn't allowed to say it is a human.", .prohibit),
        ("The assistant oughtn't to offer a discount code unprompted.", .prohibit),
        ("The assistant shan't read out a customer's address in full.", .prohibit),
        ("It is not appropriate for the assistant to joke about refunds.", .prohibit),
        ("3.1 The assistant shall identify itself as an automated assistant.", .require),
        ("7.2 Where a question is out of scope, the assistant shall decline to answer and refer the customer to a manager.", .require),
        ("The assistant shall decline to answer questions about other customers.", .prohibit),
    ])
    func aModalSaysWhichWay(paragraph: String, expected: Direction) throws {
        let rule = try #require(try Self.read(paragraph), "no rule from: \(paragraph)")
        #expect(rule.direction == expected, "\(paragraph): \(rule.directionReason ?? "")")
    }

    /// What need not be done may still be done: no prohibition.
    @Test(arguments: [
        "It is not necessary for the assistant to cite sources in every message.",
        "The assistant need not apologise more than once.",
        "She needn't apologise more than once for the same problem.",
        "Nothing in this policy shall be construed as requiring the assistant to give advice.",
    ])
    func whatNeedNotBeDoneIsNoProhibition(paragraph: String) throws {
        let rule = try Self.read(paragraph)
        #expect(rule == nil || rule?.direction == nil, "\(paragraph): \(rule?.directionReason ?? "")")
    }

    /// The reason quotes the words of the text.
    @Test func theReasonQuotesTheSubject() throws {
        let rule = try #require(try Self.read("It is not necessary for the assistant to cite sources."))
        #expect(rule.directionReason?.contains("not necessary for the assistant to") == true, "\(rule.directionReason ?? "")")
    }

    /// A name used only with contracted modals is found: "Sally mustn't …".
    @Test func aNameUsedWithContractedModalsIsTheAssistant() throws {
        let spec = try parse("""
            # House rules

            ## Manners

            Sally mustn't be rude to a customer.

            Sally shouldn't fail to greet returning customers.

            Sally shan't use slang.
            """)
        #expect(spec.rules.map(\.direction) == [.prohibit, .require, .prohibit])
    }

    /// Lettered clauses written as paragraphs are the items of the lead-in above them.
    @Test func letteredClausesAfterALeadInAreItsItems() throws {
        let spec = try parse("""
            # Policy

            ## 5. Restrictions

            5.1 The assistant shall not:

            (a) store any personal data outside the European Economic Area;

            (b) communicate with an opposing party or its representatives;

            5.2 The assistant shall keep a record of every conversation.
            """)
        #expect(spec.rules.map(\.direction) == [.prohibit, .prohibit, .require], "\(spec.rules.map(\.title))")
        #expect(spec.rules.first?.leadIn == "5.1 The assistant shall not:")
    }

    /// What a that-clause after the prohibition says is not a second negation.
    @Test func aNegationInTheClauseAfterAProhibitionDoesNotCancelIt() throws {
        let rule = try #require(try Self.read("It is not permitted to tell a person that they do not need to see a doctor."))
        #expect(rule.direction == .prohibit, "\(rule.directionReason ?? "")")
    }
}
