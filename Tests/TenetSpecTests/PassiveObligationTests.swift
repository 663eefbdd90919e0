import Testing
@testable import TenetSpec

/// Bullets that say, in the passive, what is to be done: "Requests to find this information
/// should be declined" forbids, "Posts containing it must be removed" requires. A direction
/// audit's moderation policy, written this way, lost 13 of its rules.
@Suite struct PassiveObligationTests {
    static func read(_ bullet: String) throws -> (Direction?, String?)? {
        let spec = try parse("# Forum\n\n## Moderation\n\n- \(bullet)\n")
        return spec.rules.first.map { ($0.direction, $0.directionReason) }
    }

    @Test(arguments: [
        ("Requests to find this information should be declined.", Direction.prohibit),
        ("Drafting fake reviews or testimonials must be refused.", .prohibit),
        ("Posts containing it must be removed within the hour.", .require),
        ("Appeals should be routed to a human moderator.", .require),
        ("Claims that a plant cures cancer are to be labelled with a health warning.", .require),
        ("Personal details of a minor must be removed immediately.", .require),
    ])
    func aPassiveObligationIsARule(bullet: String, expected: Direction) throws {
        let read = try #require(try Self.read(bullet), "no rule from: \(bullet)")
        #expect(read.0 == expected, "\(bullet): \(String(describing: read.0)) (\(read.1 ?? ""))")
    }

    /// A paragraph that opens so is a rule too, and one whose subject has a clause with a
    /// verb of its own, or which opens with a condition, is read past them.
    @Test(arguments: [
        ("Posts that threaten violence must be removed.", Direction.require),
        ("Posts revealing that a user is under 16 should be escalated to the safety team.", .require),
        ("When a post is removed, the author should be notified.", .require),
        ("Requests for a member's address are to be declined. Moderators see them first.", .prohibit),
    ])
    func aParagraphThatOpensWithOneIsARule(paragraph: String, expected: Direction) throws {
        let spec = try parse("# Forum\n\n## Moderation\n\n\(paragraph)\n")
        let rule = try #require(spec.rules.first, "no rule from: \(paragraph)")
        #expect(rule.direction == expected, "\(paragraph): \(String(describing: rule.direction)) (\(rule.directionReason ?? ""))")
    }

    /// The passive opening gives way to a sentence that says what the assistant does, and
    /// a modal in a relative clause after the main verb "is" says nothing.
    @Test func aParagraphTakesItsDirectionFromTheAssistantsSentence() throws {
        let spec = try parse("""
            # Kids

            ## Tone

            Religious topics are to be handled respectfully. The assistant shouldn't tell a child that any religion is wrong.

            Below is a list of guidelines that should be adhered to for each task.
            """)
        #expect(spec.rules.map(\.direction) == [.prohibit])
        #expect(spec.rules.first?.title == "The assistant shouldn't tell a child that any religion is wrong")
    }

    @Test(arguments: [
        "The forum is used by 40,000 gardeners.", "Our models should be used for gardening questions.",
        "It should be noted that moderators are volunteers.", "Sellers are expected to answer within a day.",
        "Commercial posts are restricted to the Marketplace board.",
    ])
    func aDescriptionIsNoRule(bullet: String) throws {
        #expect(try Self.read(bullet) == nil, "\(bullet)")
    }
}
