/// Answers and prompts come with the hard line breaks of wherever they were written (a
/// model's 80 columns, a spec's source). Shown as they are, every width re-wraps them
/// raggedly; reflowed, a paragraph is one line that the screen wraps to its own width.
/// What a line break means is kept: blank lines, list items, quotes, headings, table
/// rows and code (fenced or indented) stay as written, and so does a break after a short
/// line — an address, a verse, a list with no marks ("Jane Doe / 12 Main Street /
/// Springfield" is the answer a pair may be about, and joined it read as the rejected
/// "Jane Doe, 12 Main Street, Springfield"). Tabs become spaces to the next tab stop.
public enum Reflow {
    /// A joined line stops growing at this many UTF-8 bytes: the screen wraps only what it
    /// shows, so a 10,000-line answer must not become one line to wrap on every frame.
    static let longest = 2_000

    /// A line at least this wide (in columns) may have been broken by its writer's wrapping
    /// (at 72, 80 or 100 columns, a line ends a word short of that); a shorter one was
    /// ended on purpose.
    static let wrapped = 50

    /// Columns from one tab stop to the next, as a terminal and `less` have them.
    static let tabStop = 8

    /// `text` as display lines: each paragraph joined into one line.
    public static func lines(_ text: String) -> [String] {
        var out: [String] = []
        var inFence = false
        var joinable = false   // whether the last line out is prose a next line may continue
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = expandingTabs(String(raw.hasSuffix("\r") ? raw.dropLast() : raw))
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                out.append(line)
                joinable = false
                continue
            }
            if inFence || line.trimmingCharacters(in: .whitespaces).isEmpty || isCode(line) {
                out.append(line)
                joinable = false
                continue
            }
            let speaker = isSpeakerTurn(trimmed)
            if speaker || startsBlock(trimmed) {
                out.append(line)
                // A list item's or a speaker's text may run on; a heading, quote or table
                // row may not.
                joinable = speaker || isListItem(trimmed)
                continue
            }
            if joinable, let last = out.last, last.utf8.count < longest {
                out[out.count - 1] = last + " " + trimmed
            } else {
                out.append(line)
            }
            joinable = columns(line) >= wrapped
        }
        return out
    }

    /// `line` with each tab replaced by the spaces up to the next tab stop.
    static func expandingTabs(_ line: String) -> String {
        guard line.utf8.contains(9) else { return line }
        var out = ""
        var column = 0
        let pieces = line.split(separator: "\t", omittingEmptySubsequences: false)
        for (k, piece) in pieces.enumerated() {
            out += piece
            column += SafeText.clusters(String(piece)).reduce(0) { $0 + $1.width }
            guard k < pieces.count - 1 else { break }
            let spaces = tabStop - column % tabStop
            out += String(repeating: " ", count: spaces)
            column += spaces
        }
        return out
    }

    /// Columns `line` takes (ASCII: its bytes).
    private static func columns(_ line: String) -> Int {
        let bytes = line.utf8.count
        // Wide enough by bytes alone, or all ASCII: no need to measure clusters.
        if bytes < wrapped || line.utf8.allSatisfy({ $0 < 0x80 }) { return bytes }
        return SafeText.clusters(line).reduce(0) { $0 + $1.width }
    }

    private static func isCode(_ line: String) -> Bool { line.hasPrefix("    ") || line.hasPrefix("\t") }

    private static func startsBlock(_ line: Substring) -> Bool {
        line.hasPrefix("#") || line.hasPrefix(">") || line.hasPrefix("|") || isListItem(line)
    }

    /// A line of a dialogue or transcript, `Ana: …` or `Dr. Sam Lee: …`: a short name
    /// (one to three words of letters, at most 24 characters) and a colon. A midtraining
    /// dialogue is turns on lines of their own; joined, a reviewer read it as one
    /// paragraph.
    static func isSpeakerTurn(_ line: Substring) -> Bool {
        guard let colon = line.prefix(25).firstIndex(of: ":"), colon > line.startIndex,
              line[line.index(after: colon)...].first == " " else { return false }
        let name = line[..<colon]
        guard name.first?.isUppercase == true, name.last != " " else { return false }
        let words = name.split(separator: " ")
        return words.count <= 3 && words.allSatisfy { word in word.allSatisfy { $0.isLetter || $0 == "." || $0 == "'" || $0 == "-" } }
    }

    private static func isListItem(_ line: Substring) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") || line.hasPrefix("• ") { return true }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return false }
        let rest = line.dropFirst(digits.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ")
    }
}
