import Testing
@testable import TenetSpec

/// Do/Don't marks in front of headings, bullets and paragraphs — `### ❌ Don't`,
/// `- ❌ Use sarcasm`, `- ⚠️ Never share passwords`. Before, the mark was read as the first
/// word: every bullet under "❌ Don't" became a rule to follow (the heading was no lead-in),
/// and a bullet or paragraph that opened with a mark made no rule at all.
@Suite struct LeadingMarkTests {
    @Test func aMarkIsSplitFromTheTextAfterIt() {
        #expect(LeadingMark.split("❌ Use sarcasm").map { $0.mark } == .prohibits("❌"))
        #expect(LeadingMark.split("❌ Use sarcasm").map { String($0.rest) } == "Use sarcasm")
        #expect(LeadingMark.split("✔️ Quote the list").map { $0.mark } == .approves("✔️"))
        #expect(LeadingMark.split("🚫Never share").map { String($0.rest) } == "Never share")
        #expect(LeadingMark.split("⚠️ Never share").map { $0.mark } == .decoration("⚠️"))
        #expect(LeadingMark.split("→ Keep replies short").map { $0.mark } == .decoration("→"))
        // Letters, digits, ASCII and punctuation are no mark.
        for text in ["Use sarcasm", "Éviter le sarcasme", "1️⃣ First", "“Quoted”", "— a dash", "*Never*", "", "中文"] {
            #expect(LeadingMark.split(text) == nil, "\(text)")
        }
        #expect(LeadingMark.trimmingMarks("❌ Don't") == "Don't")
        #expect(LeadingMark.trimmingMarks("Don't ❌") == "Don't")
        #expect(LeadingMark.trimmingMarks("✅") == "✅", "a heading of marks alone stays as it is")
    }

    static let policy = """
    # Support bot

    ## Privacy

    ### ✅ Do

    - Verify the order number first

    ### ❌ Don't

    - Share one customer's order with another

    ### Don't ⛔

    - Confirm whether an email address has an account

    ## Tone

    - ❌ Use sarcasm
    - ✅ Use the customer's first name
    - 🚫 Never share card numbers
    - ⚠️ Always greet the customer
    - ✖️ Argue about whether an item is faulty

    ### ✅ Do

    - ❌ Promise a delivery date

    ## Notes

    ⚠️ The assistant must never reveal a customer's address.

    ❌ Do not blame the courier.

    ❌ Offer a refund without checking the order.
    """

    @Test func marksAreReadAsDoAndDont() throws {
        let spec = try parse(Self.policy)
        let read = Dictionary(uniqueKeysWithValues: spec.rules.map { ($0.title, $0) })
        func direction(_ title: String) -> Direction? { read[title]?.direction }
        #expect(spec.rules.count == 12, "\(spec.rules.map(\.title))")
        #expect(direction("Verify the order number first") == .require)
        #expect(direction("Share one customer's order with another") == .prohibit)
        #expect(read["Share one customer's order with another"]?.leadIn == "Don't", "the heading without its mark")
        #expect(direction("Confirm whether an email address has an account") == .prohibit)

        #expect(direction("Use sarcasm") == .prohibit)
        #expect(read["Use sarcasm"]?.leadIn == "Don't")
        #expect(read["Use sarcasm"]?.directionReason == "mark: “❌” (Don't)")
        #expect(direction("Use the customer's first name") == .require)
        #expect(direction("Never share card numbers") == .prohibit)
        #expect(read["Never share card numbers"]?.leadIn == nil, "not “Don't: Never share …”")
        #expect(direction("Always greet the customer") == .require)
        #expect(direction("Argue about whether an item is faulty") == .prohibit)
        #expect(direction("Promise a delivery date") == .prohibit, "the mark on the bullet wins over the heading above it")

        #expect(direction("The assistant must never reveal a customer's address") == .prohibit)
        #expect(read["The assistant must never reveal a customer's address"]?.text.hasPrefix("The assistant") == true)
        #expect(direction("Do not blame the courier") == .prohibit)
        // Marked as not to do, worded as something to do: asked, not guessed.
        let refund = try #require(read["Offer a refund without checking the order"])
        #expect(refund.direction == nil)
        #expect(refund.directionReason?.hasPrefix("unknown: marked “❌”") == true, "\(refund.directionReason ?? "")")
    }
}
