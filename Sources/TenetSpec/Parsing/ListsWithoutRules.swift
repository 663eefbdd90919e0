/// Lists that read as no rule at all under a heading that says they are forbidden:
/// "## Prohibited Content" over "- Graphic violence", "- Sexual content involving minors".
/// Noun phrases state no direction, and a heading that names a topic is no lead-in (in a
/// moderation policy "Prohibited content" is what users may not post), so the list is
/// rightly no rule — but its author almost certainly meant rules, and silence would lose
/// them. Each such list is a `list-without-rules` warning saying how to make it rules.
enum ListsWithoutRules {
    /// Words of a heading that say what is under it is not to be done.
    static let forbiddingWords: Set<String> = [
        "prohibited", "forbidden", "disallowed", "banned", "barred", "unacceptable", "impermissible", "restricted",
        "avoid", "never", "don't", "dont", "don'ts", "donts", "off-limits", "blocked",
    ]

    struct Finding: Sendable, Equatable {
        var line: Int
        var message: String
    }

    /// The lists of two items or more, directly in `regions` whose title has a forbidding
    /// word, that none of `ruleLines` (the spec's rules' first lines, ascending) falls in.
    static func find(in regions: [ProseReader.Region], ruleLines: [Int], document: MarkdownDocument) -> [Finding] {
        var findings: [Finding] = []
        for region in regions where says(region.title) {
            for index in region.blocks where document.blocks[index].kind == .list {
                let items = document.children(of: index)
                guard items.count >= 2 else { continue }
                let first = Int(document.blocks[index].startLine), last = document.lastLine(index)
                guard !contains(ruleLines, from: first, through: last) else { continue }
                let heading = capped(InlineScan.plainText(region.title), SpecLimits.overBudgetBytes)
                let example = capped(InlineScan.plainText(document.itemFirstLine(items[0])), 60)
                findings.append(Finding(line: first, message: "the \(items.count) items of this list under “\(heading)” were read as "
                    + "no rules: they say neither what to do nor what not to (“\(example)”); if the assistant must not produce "
                    + "or do them, put a lead-in such as “The assistant must never produce:” above the list"))
            }
        }
        return findings
    }

    /// Whether a heading says what it heads is forbidden. Asked of every section of a prose
    /// spec: read as ASCII bytes (every forbidding word is ASCII; `’` is read as `'`), a
    /// `String` made only of a word as long as one of them.
    static func says(_ title: String) -> Bool {
        var word: [UInt8] = []
        var found = false
        func end() {
            if (3...13).contains(word.count), forbiddingWords.contains(String(decoding: word, as: UTF8.self)) { found = true }
            word.removeAll(keepingCapacity: true)
        }
        var bytes = title.utf8.makeIterator()
        while !found, let byte = bytes.next() {
            switch byte {
            case 0x41...0x5A: word.append(byte | 0x20)
            case 0x61...0x7A, 0x27, 0x2D: word.append(byte)
            case 0xE2:
                // ’ (E2 80 99) is an apostrophe; any other character of three bytes ends the word.
                let (second, third) = (bytes.next(), bytes.next())
                if second == 0x80 && third == 0x99 { word.append(0x27) } else { end() }
            default: end()
            }
        }
        end()
        return found
    }

    /// Whether a value of the ascending `lines` is in `first...last`.
    static func contains(_ lines: [Int], from first: Int, through last: Int) -> Bool {
        var (low, high) = (0, lines.count)
        while low < high {
            let middle = (low + high) / 2
            if lines[middle] < first { low = middle + 1 } else { high = middle }
        }
        return low < lines.count && lines[low] <= last
    }
}
