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

    /// The lists of two items or more, directly in `regions` whose title forbids and with no
    /// lead-in of their own, that none of `ruleLines` (the spec's rules' first lines,
    /// ascending) falls in.
    static func find(in regions: [ProseReader.Region], ruleLines: [Int], document: MarkdownDocument) -> [Finding] {
        var findings: [Finding] = []
        for region in regions where says(region.title) {
            for (position, index) in region.blocks.enumerated() where document.blocks[index].kind == .list {
                // A list with a lead-in of its own is led by that: one that neither forbids nor
                // negates ("Examples that are fine:") allows what the heading forbids.
                var ownLeadIn: String?
                if position > 0, case let previous = region.blocks[position - 1], document.blocks[previous].kind == .paragraph {
                    let last = document.lastLine(previous)
                    let leadIn = document.source.lines(last, last).trimmed()
                    if leadIn.hasSuffix(":") {
                        if headingForbids(leadIn) != true, !words(leadIn).contains(where: negations.contains) { continue }
                        ownLeadIn = leadIn
                    }
                }
                let items = document.children(of: index)
                guard items.count >= 2 else { continue }
                let first = Int(document.blocks[index].startLine), last = document.lastLine(index)
                guard !contains(ruleLines, from: first, through: last) else { continue }
                let heading = capped(InlineScan.plainText(region.title), SpecLimits.overBudgetBytes)
                let example = capped(InlineScan.plainText(document.itemFirstLine(items[0])), 60)
                let advice = ownLeadIn.map { "its lead-in “\(capped(InlineScan.plainText($0), SpecLimits.overBudgetBytes))” does not say "
                    + "who must not: if the assistant must not produce or do them, word it as “The assistant must never produce:”" }
                    ?? "if the assistant must not produce or do them, put a lead-in such as “The assistant must never produce:” above the list"
                findings.append(Finding(line: first, message: "the \(items.count) items of this list under “\(heading)” were read as "
                    + "no rules: they say neither what to do nor what not to (“\(example)”); " + advice))
            }
        }
        return findings
    }

    /// Whether a heading says what it heads is forbidden.
    static func says(_ title: String) -> Bool { headingForbids(title) == true }

    /// What a heading says of what it heads: `true` forbidden ("Prohibited content", "Things
    /// to avoid", "Never"), `false` not forbidden ("Not prohibited", "Never banned": a
    /// forbidding word after a negation), `nil` neither. Asked of every section of a prose
    /// spec: its first 64 ``words(_:)`` (every forbidding word is ASCII).
    static func headingForbids(_ title: String) -> Bool? {
        let words = words(title)
        var negated = false
        for (k, word) in words.enumerated() where forbiddingWords.contains(word) {
            // "Never prohibited": "never" negates the word after it rather than forbidding.
            if negations.contains(word), k + 1 < words.count, forbiddingWords.contains(words[k + 1]) { continue }
            if k > 0, negations.contains(words[k - 1]) { negated = true; continue }
            return true
        }
        return negated ? false : nil
    }

    /// The first 64 words of `text`, lower case, as ASCII bytes (`’` read as `'`): each as a
    /// `String` when as long as a forbidding word can be, empty otherwise.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        func end() {
            guard !word.isEmpty else { return }
            words.append((2...13).contains(word.count) ? String(decoding: word, as: UTF8.self) : "")
            word.removeAll(keepingCapacity: true)
        }
        var bytes = text.utf8.makeIterator()
        while words.count < 64, let byte = bytes.next() {
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
        return words
    }

    private static let negations: Set<String> = ["not", "never", "no", "non", "don't", "dont"]

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
