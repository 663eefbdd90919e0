import Testing
@testable import TenetSpec

/// Do/Don't tables: each cell of a column headed Do, Don't, Never, Avoid, ✅ or ❌ is a rule
/// in that direction, with the first other column saying when. Before, a table made no
/// rules and said nothing: a direction audit's retail policy lost 22 of its rules.
@Suite struct DoDontTableTests {
    static let policy = """
    # Support bot

    ## Payments

    | ✅ Do | ❌ Don't |
    |---|---|
    | Direct customers to the secure payment page | Take card numbers in the chat |
    | Confirm the last 4 digits | — |
    | Never guess a delivery date | Read out the full card number |

    ## Product questions

    | Situation | Always | Avoid |
    |---|---|---|
    | Customer asks about allergens | Quote the ingredient list exactly | Saying a product is "safe for" an allergy |

    ## Marks alone

    | Topic | ✅ | ❌ |
    |---|---|---|
    | Recalls | Link the official notice | Downplay the recall |

    ## Not rules

    | Plan | Price |
    |---|---|
    | Basic | €5 |
    """

    @Test func eachCellOfADoOrDontColumnIsARule() throws {
        let spec = try parse(Self.policy)
        let read = Dictionary(uniqueKeysWithValues: spec.rules.map { ($0.title, $0) })
        #expect(spec.rules.count == 9, "\(spec.rules.map(\.title))")
        #expect(read["Direct customers to the secure payment page"]?.direction == .require)
        #expect(read["Direct customers to the secure payment page"]?.leadIn == "Do")
        #expect(read["Take card numbers in the chat"]?.direction == .prohibit)
        #expect(read["Take card numbers in the chat"]?.leadIn == "Don't")
        #expect(read["Take card numbers in the chat"]?.line == 7)
        #expect(read["Confirm the last 4 digits"]?.direction == .require, "a dash is no rule")
        #expect(read["Never guess a delivery date"]?.direction == .prohibit, "a cell that forbids in its own words forbids")
        #expect(read["Read out the full card number"]?.direction == .prohibit)

        let allergens = try #require(read["Quote the ingredient list exactly"])
        #expect(allergens.direction == .require && allergens.leadIn == "Customer asks about allergens — Always")
        let safeFor = try #require(read["Saying a product is \"safe for\" an allergy"])
        #expect(safeFor.direction == .prohibit && safeFor.leadIn == "Customer asks about allergens — Avoid")

        #expect(read["Link the official notice"]?.direction == .require)
        #expect(read["Downplay the recall"]?.direction == .prohibit)
        #expect(read["Downplay the recall"]?.leadIn == "Recalls — Don't")
        #expect(!spec.rules.contains { $0.title.contains("Basic") || $0.title.contains("€5") }, "a table of facts makes no rule")
    }

    @Test func aTableRuleReadsWithItsHeaderAndSituation() throws {
        let spec = try parse(Self.policy)
        let rule = try #require(spec.rules.first { $0.title == "Downplay the recall" })
        #expect(RuleStatement.stated(rule.text, direction: rule.direction, leadIn: rule.leadIn, authored: false)
                == "Recalls — Don't: Downplay the recall")
        let card = try #require(spec.rules.first { $0.title == "Take card numbers in the chat" })
        #expect(RuleStatement.stated(card.text, direction: card.direction, leadIn: card.leadIn, authored: false)
                == "Don't: Take card numbers in the chat")
    }
}
