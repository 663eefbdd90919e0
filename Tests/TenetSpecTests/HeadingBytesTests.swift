import Testing
@testable import TenetSpec

/// Headings are read by bytes when their line is printable ASCII, and trailing spaces are
/// trimmed by bytes when no character can join them: both must read as the character by
/// character reading they replace.
@Suite struct HeadingBytesTests {
    private static let pieces = ["#", "##", " ", "  ", "\t", "a", "Title", "{#id}", "#x", "é", "\u{301}", "\u{600}", "—", "##  ", " #", "\r", ""]

    private static func randomLines(_ count: Int) -> [String] {
        var generator = SeededRandom(seed: 21)
        return (0..<count).map { _ in (0..<Int.random(in: 0...9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
    }

    /// The ATX reading of a heading line as it was, character by character.
    private static func atxByCharacters(_ line: String) -> String? {
        let afterIndent = line.drop { $0 == " " }
        guard afterIndent.hasPrefix("#") else { return nil }
        var rest = afterIndent.drop { $0 == "#" }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        var text = trimmedByCharacters(String(rest))
        if let lastNonHash = text.lastIndex(where: { $0 != "#" }), lastNonHash < text.index(before: text.endIndex),
           text[lastNonHash] == " " || text[lastNonHash] == "\t" {
            text = trimmedByCharacters(String(text[...lastNonHash]))
        } else if text.allSatisfy({ $0 == "#" }) {
            text = ""
        }
        return text
    }

    private static func trimmedByCharacters(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard text[before] == " " || text[before] == "\t" else { break }
            end = before
        }
        return String(text[..<end])
    }

    @Test func asciiHeadingLinesReadAsByCharacters() {
        var checked = 0
        for line in Self.randomLines(30_000) {
            guard let byBytes = HeadingLine.asciiATXText(Array(line.utf8)[...]) else { continue }
            checked += 1
            #expect(byBytes == Self.atxByCharacters(line), "\(line.debugDescription)")
        }
        #expect(checked > 1_000)
        #expect(HeadingLine.asciiATXText(Array("## Title ##".utf8)[...]) == "Title")
        #expect(HeadingLine.asciiATXText(Array("# C# #".utf8)[...]) == "C#")
        #expect(HeadingLine.asciiATXText(Array("## Été".utf8)[...]) == nil)
    }

    @Test func trailingSpacesTrimmedAsByCharacters() {
        for line in Self.randomLines(30_000) {
            #expect(line.trimmingTrailingSpaces() == Self.trimmedByCharacters(line), "\(line.debugDescription)")
            let inner = line.dropFirst()
            #expect(inner.trimmingTrailingSpaces() == Self.trimmedByCharacters(String(inner)), "\(line.debugDescription)")
        }
        // A prepended character joins the space after it: that space is not trailing.
        #expect("a\u{600} ".trimmingTrailingSpaces() == "a\u{600} ")
    }
}
