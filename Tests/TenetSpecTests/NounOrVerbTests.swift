import Testing
@testable import TenetSpec

/// A sentence that opens with a noun that is also a verb ("Search results may be
/// incomplete", "Report templates are provided", "Plan mode is active") was read as an
/// imperative — "Search …", a rule to follow — and gave its paragraph that direction,
/// though the next sentence forbade: "… Do not make assumptions beyond what is returned"
/// became a rule to follow (real system prompts: Bing's, a coding agent's plan mode).
@Suite struct NounOrVerbTests {
    @Test(arguments: [
        ("Search results may be incomplete. Do not make assumptions beyond what is returned.", Direction.prohibit),
        ("Report templates are provided. Do not invent new ones.", .prohibit),
        ("Plan mode is active. The user does not want you to act yet, so you must not make any edit.", .prohibit),
    ])
    func aNounAndItsVerbOpenNoImperative(paragraph: String, expected: Direction) throws {
        try expectRule(paragraph, reads: expected)
    }

    /// A verb whose object is a clause with a verb of its own is still an imperative.
    @Test(arguments: [
        "Ensure answers are sourced.",
        "Remember users are adults.",
        "Check results are correct before replying.",
        "Do what has been asked; nothing more, nothing less.",
        "Tell them they are welcome to call back.",
    ])
    func aVerbWithAClauseIsStillAnImperative(paragraph: String) throws {
        try expectRule(paragraph, reads: .require)
    }
}
