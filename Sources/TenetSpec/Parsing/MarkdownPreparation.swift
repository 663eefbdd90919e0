/// What is taken out of a Markdown spec before its blocks are read — the front matter, the
/// footnotes, tag lines and examples in tags (``TagLines``) — and, the first two, put back
/// into the spec read from the rest. Lines keep their numbers: what is taken out leaves
/// empty lines.
struct MarkdownPreparation: Sendable {
    /// The source the reader is given.
    var source: SourceText
    var frontMatter: FrontMatter?
    var footnotes: Footnotes?
    /// Warnings about what was changed before parsing (a table too large to expand).
    var warnings: [Diagnostic] = []

    init(_ original: SourceText) {
        source = original
        var bytes = original.bytes
        var changed = false
        if let matter = FrontMatter.read(bytes) {
            frontMatter = matter
            let end = matter.lineCount < original.lineStarts.count ? original.lineStarts[matter.lineCount] : bytes.count
            bytes.replaceSubrange(0..<end, with: bytes[0..<end].filter { $0 == 0x0A })
            changed = true
        }
        if let (stripped, notes) = Footnotes.take(from: bytes) {
            bytes = stripped
            footnotes = notes
            changed = true
        }
        // `<rules>` on a line of its own would hide the rules under it in an HTML block.
        if let opened = TagLines.apply(bytes) {
            bytes = opened
            changed = true
        }
        if let (bounded, warnings) = TableBudget.apply(bytes, file: original.path) {
            bytes = bounded
            self.warnings = warnings
            changed = true
        }
        // Whole lines and ASCII markers were taken out, `-` made `=`: the bytes are still
        // valid UTF-8 without a NUL, and are not checked again (they may now be empty).
        if changed, let prepared = try? SourceText(path: original.path, preparedFrom: bytes) { source = prepared }
    }

    /// The title from the front matter, and the notes cited by each rule.
    func finish(_ spec: inout Spec) {
        if let title = frontMatter?.title { spec.title = InlineScan.plainText(title) }
        footnotes?.attach(to: &spec, copyBudget: SpecLimits.copyBudgetFactor * source.bytes.count)
        spec.diagnostics += warnings
    }
}
