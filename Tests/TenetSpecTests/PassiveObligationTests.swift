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

    @Test(arguments: [
        "The forum is used by 40,000 gardeners.", "Our models should be used for gardening questions.",
        "It should be noted that moderators are volunteers.", "Sellers are expected to answer within a day.",
        "Commercial posts are restricted to the Marketplace board.",
    ])
    func aDescriptionIsNoRule(bullet: String) throws {
        #expect(try Self.read(bullet) == nil, "\(bullet)")
    }
}
