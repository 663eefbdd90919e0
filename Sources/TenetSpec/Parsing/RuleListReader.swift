/// Reads rules written as bullets rather than headings:
///
/// - SpecBench style: a `Safety` (or `Safety specifications`, …) heading and a
///   `Behavioral` heading, each followed by a list; each item is a rule of that kind,
///   with ID `safety-N` / `behavioral-N` by position.
/// - Numbered rule bullets: `- SP1: Do not …` with nested sub-bullets. The ID is `SP1`,
///   the priority 1 (lower numbers take priority), the kind comes from the section title.
enum RuleListReader {
    /// A rule read from a list item.
    struct ListedRule {
        var id: String?
        var kind: RuleKind
        var priority: Int?
        var text: String
        var line: Int
        var endLine: Int
    }

    /// The kind a whole list section declares (`## Safety`, `## Behavioral rules`), if any.
    static func listKind(ofSectionTitle title: String) -> RuleKind? {
        // Two words at most: a long title (a whole document on one heading line) is not one.
        guard title.utf8.count <= 200 else { return nil }
        let plain = InlineScan.plainText(title).lowercased()
        // The first run of letters is the first word: most titles start with another, and
        // end here without splitting the rest.
        let kind: RuleKind
        switch String(plain.drop(while: { !$0.isLetter }).prefix(while: \.isLetter)) {
        case "safety": kind = .safety
        case "behavioral", "behavioural", "behavior", "behaviour": kind = .behavioral
        default: return nil
        }
        let words = plain.split(whereSeparator: { !$0.isLetter }).map(String.init)
        guard words.count <= 2 else { return nil }
        if words.count == 2 {
            let suffixes: Set<String> = ["specifications", "specification", "rules", "rule", "guidelines",
                                         "principles", "requirements", "constraints", "specs", "policies"]
            guard suffixes.contains(words[1]) else { return nil }
        }
        return kind
    }

    /// The kind suggested by a section title's words (`Core Safety Principles (SPs)`).
    static func kindHint(ofSectionTitle title: String) -> RuleKind {
        let lower = title.lowercased()
        if lower.contains("safety") || lower.contains("harm") || lower.contains("hard constraint") { return .safety }
        if lower.contains("behavio") || lower.contains("style") || lower.contains("helpful") { return .behavioral }
        return .unclassified
    }

    /// Rules in the lists among `blocks` (top-level blocks of one section).
    /// `kindLists: false` reads only numbered bullets: in a spec whose rules are headings,
    /// a bullet list under `## Safety` is an overview, not rules.
    static func read(_ blocks: [Int], sectionTitle: String, kindLists: Bool = true,
                     in document: MarkdownDocument) -> [ListedRule] {
        let declared = kindLists ? listKind(ofSectionTitle: sectionTitle) : nil
        var rules: [ListedRule] = []
        for index in blocks where document.blocks[index].kind == .list {
            let items = document.children(of: index)
            // The first item decides; the others' contents are made only for a list that has rules.
            let numbered = items.first.map { numberedID(document.itemContent($0)) != nil } ?? false
            guard numbered || declared != nil else { continue }
            for item in items {
                let content = document.itemContent(item)
                let line = Int(document.blocks[item].startLine)
                let endLine = document.lastLine(item)
                if numbered {
                    guard let (id, number, rest) = numberedID(content), !isQuestion(rest) else { continue }
                    rules.append(ListedRule(id: id, kind: declared ?? kindHint(ofSectionTitle: sectionTitle),
                                            priority: number, text: rest, line: line, endLine: endLine))
                } else if let kind = declared {
                    rules.append(ListedRule(id: nil, kind: kind, priority: nil, text: content.trimmed(),
                                            line: line, endLine: endLine))
                }
            }
        }
        return rules
    }

    /// The numbered rules that are a series: an ID counts when another of the document's
    /// numbered bullets shares its letters with another number (`SP1` with `SP2`). One
    /// bullet that merely looks numbered — a product (`- Context7: documentation tools`,
    /// listed twice), a question's label (`- Q1: "Which files?"`) — is not a rule list:
    /// read as one, it had been the document's only rule, and every rule of its prose lost.
    static func series(_ listed: [[ListedRule]]) -> [[ListedRule]] {
        var idsByLetters: [Substring: Set<String>] = [:]
        for rules in listed {
            for rule in rules { if let id = rule.id { idsByLetters[letters(of: id), default: []].insert(id) } }
        }
        guard !idsByLetters.isEmpty else { return listed }
        return listed.map { rules in
            rules.filter { rule in rule.id.map { (idsByLetters[letters(of: $0)]?.count ?? 0) > 1 } ?? true }
        }
    }

    /// The letters an ID starts with (`SP` of `SP1`, `GP` of `GP2.1`).
    private static func letters(of id: String) -> Substring { id.prefix { !$0.isNumber } }

    /// The text's first line asks a question (`"Which CLAUDE.md files should /init set up?"`):
    /// a question's label, not a rule.
    static func isQuestion(_ text: String) -> Bool {
        let closing: Set<Character> = [" ", "\t", "\"", "'", "\u{201D}", "\u{2019}", "*", "_"]
        var line = text.prefix { $0 != "\n" }
        while let last = line.last, closing.contains(last) { line = line.dropLast() }
        return line.last == "?"
    }

    /// `SP1: text` → ("SP1", 1, "text"). The ID starts with a capital letter, has at most
    /// eight letters, then digits (optionally `.digits`), then `:`, `.` or `)`.
    static func numberedID(_ content: String) -> (String, Int, String)? {
        var letters = 0
        var index = content.startIndex
        guard let first = content.first, first.isASCII, first.isUppercase else { return nil }
        while index < content.endIndex, content[index].isASCII, content[index].isLetter, letters < 8 {
            index = content.index(after: index); letters += 1
        }
        let digitsStart = index
        while index < content.endIndex, content[index].isASCII,
              content[index].isNumber || (content[index] == "." && index > digitsStart
                  && content.index(after: index) < content.endIndex && content[content.index(after: index)].isNumber) {
            index = content.index(after: index)
        }
        guard index > digitsStart, index < content.endIndex, [":", ".", ")"].contains(content[index]) else { return nil }
        let id = String(content[..<index])
        let numberText = content[digitsStart..<index].prefix { $0.isNumber }
        let rest = content[content.index(after: index)...]
        guard rest.first == " " || rest.first == "\n" || rest.isEmpty else { return nil }
        return (id, Int(numberText) ?? 0, rest.trimmed())
    }
}
