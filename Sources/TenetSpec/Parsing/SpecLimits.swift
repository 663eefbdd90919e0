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
