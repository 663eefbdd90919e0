/// Limits on a Markdown spec's shape, each far beyond any written spec, that turn hostile
/// input into a message naming the line instead of time or memory. (Tables have their own
/// budget: ``TableBudget``.)
enum SpecLimits {
    /// The longest line read, in bytes. Written specs wrap long before this; a longer line
    /// is generated or binary data.
    static let maximumLineBytes = 16 << 20

    /// The deepest nesting of block quotes, lists and list items that is read; blocks
    /// deeper than this are reported.
    static let maximumNesting = 100

    /// The most rules read from one spec. The 8 MB prose benchmark has about 19,000 and a
    /// 50 MB spec of short rule headings about 220,000 (a project stores at most 150,000 of
    /// one spec); each rule is several strings and arrays, so a spec of millions of
    /// one-line rules took gigabytes before anything refused it.
    static let maximumRules = 500_000

    /// The most boundary examples one rule keeps. Past this an example list is generated,
    /// not written, and every screen and generator that walks a rule's examples would
    /// pay for it; the rest are left out with a warning naming the first one dropped.
    static let maximumExamplesPerRule = 1_000

    /// How many times its own size a section's rules, a file's footnotes or an example
    /// block's answers may copy of the text they share (a lead-in over bullets, a
    /// description after a list, a note cited by many rules, the conversation before many
    /// answers): far more than any written spec copies. Past it each copy keeps its first
    /// ``overBudgetBytes`` bytes — a hundred kilobytes shared by thousands of rules was
    /// gigabytes.
    static let copyBudgetFactor = 32
    /// What a copy keeps of shared text once its budget is spent, and of a heading quoted
    /// in every rule's kind reason.
    static let overBudgetBytes = 120

    /// The most turns of conversation an example keeps before its answer: a block of
    /// comparisons that goes on from each one's best answer carries all the turns before
    /// into every example (written examples have a handful).
    static let maximumContextTurns = 64

    /// Drops examples past ``maximumExamplesPerRule`` from each rule, reporting each rule
    /// cut short at the line of its first example left out.
    static func capExamples(_ rules: inout [Rule], report: (Int, String) -> Void) {
        for r in rules.indices where rules[r].examples.count > maximumExamplesPerRule {
            let dropped = rules[r].examples.count - maximumExamplesPerRule
            report(rules[r].examples[maximumExamplesPerRule].line,
                   "rule \(rules[r].id) has \(rules[r].examples.count) examples; only the first \(maximumExamplesPerRule) are read "
                   + "and \(dropped) from here on are left out; split the rule, or move the examples to a pairs file")
            rules[r].examples.removeSubrange(maximumExamplesPerRule...)
        }
    }

    /// The first line longer than ``maximumLineBytes``, as an error to throw.
    static func overlongLine(in source: SourceText) -> SpecReadError? {
        let starts = source.lineStarts
        for k in starts.indices {
            let end = k + 1 < starts.count ? starts[k + 1] : source.bytes.count
            guard end - starts[k] > maximumLineBytes else { continue }
            return SpecReadError(
                file: source.path, line: k + 1,
                reason: "line \(k + 1) is \(end - starts[k]) bytes long, over the limit of \(maximumLineBytes) bytes; "
                    + "break it into shorter lines (a Markdown paragraph may span many)")
        }
        return nil
    }

    /// A warning for the first block nested deeper than ``maximumNesting``, if any.
    static func nestingProblem(in document: MarkdownDocument) -> (line: Int, message: String)? {
        guard let deep = document.blocks.first(where: { $0.depth > maximumNesting }) else { return nil }
        return (Int(deep.startLine),
                "blocks are nested more than \(maximumNesting) deep (block quotes, lists); flatten the nesting")
    }
}
