import Testing
@testable import TenetSpec

/// Policies written in RFC 2119's words, with numbered clauses: "5.3. Customers in hardship
/// SHALL NOT be shown …", "It is REQUIRED that the assistant offer …", "It is NOT RECOMMENDED
/// for the assistant to …". A direction audit's banking policy lost each of these: the
/// clause number was read as the paragraph's first sentence, and the that-clause and
/// "recommended" were not read at all.
@Suite struct RFCWordingTests {
    static func direction(_ paragraph: String) throws -> (Direction?, String?)? {
        let spec = try parse("# Bank\n\n## 5. Customers\n\n\(paragraph)\n")
        return spec.rules.first.map { ($0.direction, $0.directionReason) }
    }

    @Test(arguments: [
        ("5.3. Customers in hardship SHALL NOT be shown promotional offers.", Direction.prohibit),
        ("4.1.2 Passwords must never be shared.", .prohibit),
        ("It is REQUIRED that the assistant offer to freeze a card when the customer reports it lost.", .require),
        ("It is recommended that the assistant summarise the call.", .require),
        ("It is NOT RECOMMENDED for the assistant to describe any product as guaranteed.", .prohibit),
        ("It is essential that the assistant never reveals a PIN.", .prohibit),
        ("It is important that the assistant does not guess account numbers.", .prohibit),
        ("The assistant is not recommended to quote exchange rates.", .prohibit),
    ])
    func aRuleInRFCWordsHasItsDirection(paragraph: String, expected: Direction) throws {
        let read = try #require(try Self.direction(paragraph), "no rule from: \(paragraph)")
        #expect(read.0 == expected, "\(paragraph): \(String(describing: read.0)) (\(read.1 ?? ""))")
    }

    @Test func notRequiredPermitsAndAFactIsNoRule() throws {
        let permitted = try #require(try Self.direction("It is not required that the assistant reads the terms aloud."))
        #expect(permitted.0 == nil && permitted.1?.hasPrefix("permits") == true, "\(permitted)")
        #expect(try Self.direction("It is important that the office is closed on Sundays.") == nil)
        #expect(try Self.direction("5.3. The branch opens at nine.") == nil)
    }

    @Test func aClauseNumberIsOnlyANumber() {
        for number in ["5.3.", "4.1.2", "(a)", "A.", "§ 2"] {
            #expect(ProseReader.isClauseNumber(ProseWords.sentences(number)[0]), "\(number)")
        }
        for text in ["Never.", "Be kind.", "In 2026."] {
            #expect(!ProseReader.isClauseNumber(ProseWords.sentences(text)[0]), "\(text)")
        }
    }
}
