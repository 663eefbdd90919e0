import Foundation

/// Infers rules from prose: headings, paragraphs and bullets with no IDs or attributes.
///
/// Bullets with a few words and paragraphs that state a requirement (*should*, *must*,
/// *never*, *do not* …) become rules; a paragraph ending in `:` is a lead-in whose
/// wording gives its bullets a direction ("should never:" → prohibit). IDs are made from
/// the section and the rule's own words, so they do not move when other text changes.
enum ProseReader {
    struct InferredRule {
        var text: String
        var direction: Direction?
        var line: Int
        var endLine: Int
    }

    static func read(_ blocks: [Int], in document: MarkdownDocument) -> [InferredRule] {
        var rules: [InferredRule] = []
        var leadIn: Direction??
        for index in blocks {
            let block = document.blocks[index]
            switch block.kind {
            case .paragraph:
                let text = document.text(index).trimmed()
                if text.hasSuffix(":") {
                    leadIn = .some(direction(of: text))
                    continue
                }
                leadIn = nil
                if isNormative(text) {
                    rules.append(InferredRule(text: text, direction: direction(of: text),
                                              line: Int(block.startLine), endLine: document.lastLine(index)))
                }
            case .list:
                for item in document.children(of: index) {
                    let text = document.itemContent(item).trimmed()
                    let words = InlineScan.plainText(text).split(separator: " ").count
                    guard words >= 3, !isLinkOnly(text) else { continue }
                    let fromLeadIn: Direction? = leadIn ?? nil
                    rules.append(InferredRule(text: text, direction: fromLeadIn ?? direction(of: text),
                                              line: Int(document.blocks[item].startLine), endLine: document.lastLine(item)))
                }
                leadIn = nil
            default:
                leadIn = nil
            }
        }
        return rules
    }

    /// A bullet that is only a link (`[Overview](#overview)`) is navigation, not a rule.
    static func isLinkOnly(_ text: String) -> Bool {
        text.hasPrefix("[") && text.hasSuffix(")") && text.components(separatedBy: "](").count == 2
    }

    private static let prohibitive = [
        " never ", " do not ", " don't ", " dont ", " must not ", " should not ", " shouldn't ",
        " avoid ", " may not ", " refuse ", " not allowed ", " prohibited ", " cannot ", " can't ", " won't ",
    ]
    private static let prescriptive = [" should ", " must ", " always ", " need to ", " needs to ", " shall ", " ought ", " required "]

    static func words(_ text: String) -> String {
        " " + InlineScan.plainText(text).lowercased()
            .map { $0.isLetter || $0 == "'" || $0 == "’" ? ($0 == "’" ? "'" : $0) : " " }
            .reduce(into: "") { $0.append($1) } + " "
    }

    static func isNormative(_ text: String) -> Bool {
        let w = words(text)
        return (prohibitive + prescriptive).contains { w.contains($0) }
    }

    /// The direction the first sentence states, if it states one.
    static func direction(of text: String) -> Direction? {
        let w = words(InlineScan.firstSentence(text, limit: 400))
        if prohibitive.contains(where: { w.contains($0) }) { return .prohibit }
        if prescriptive.contains(where: { w.contains($0) }) { return .require }
        return nil
    }
}
