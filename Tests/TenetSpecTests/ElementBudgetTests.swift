import Testing
@testable import TenetSpec

/// A spec with more inline marks or list items than any written one is refused before
/// cmark-gfm builds a node for each (40 MB of `[` took 7.9 GB, then aborted).
@Suite struct ElementBudgetTests {
    func source(_ text: String) throws -> SourceText { try SourceText(path: "big.md", bytes: Array(text.utf8)) }

    @Test func tooManyBracketsAreRefusedAtTheLineWhereTheCountWentOver() throws {
        let text = "# T\n\nSome text.\n" + String(repeating: "[[[[[[[[[[\n", count: 20)
        let problem = try #require(ElementBudget.problem(in: source(text), maximumInlineMarks: 100, maximumBlockLines: 1_000))
        #expect(problem.line == 14 && problem.reason.contains("more than 100 brackets, emphasis marks"), "\(problem)")
        #expect(ElementBudget.problem(in: try source(text), maximumInlineMarks: 200, maximumBlockLines: 1_000) == nil)
    }

    @Test func tooManyListItemsAreRefused() throws {
        let text = "# T\n\n## Safety\n\n" + String(repeating: "- Never a.\n  - b\n", count: 30)
        let problem = try #require(ElementBudget.problem(in: source(text), maximumInlineMarks: 1_000, maximumBlockLines: 50))
        #expect(problem.line == 53 && problem.reason.contains("more than 50 lines start a list item"), "\(problem)")
    }

    /// The real limits leave every fixture and sample alone, and the reader throws the
    /// budget's error for a file over it.
    @Test func theLimitsAreFarAboveAWrittenSpec() throws {
        #expect(ElementBudget.maximumInlineMarks >= 8_000_000 && ElementBudget.maximumBlockLines >= 1_000_000)
        let hostile = String(repeating: "[", count: ElementBudget.maximumInlineMarks / 1_000 + 1)
        let text = "# T\n\n" + String(repeating: hostile + "\n", count: 1_000)
        #expect(throws: SpecReadError.self) { try SpecReader.read(path: "brackets.md", text: text) }
    }
}
