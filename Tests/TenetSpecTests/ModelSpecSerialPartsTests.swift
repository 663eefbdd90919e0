import Foundation
import Testing
@testable import TenetSpec

/// The parts of reading a large spec that run on one thread before (or between) the
/// parallel ones were made cheaper; each faster form must read exactly as the form it
/// replaced, which is kept as the reference.
@Suite struct ModelSpecSerialPartsTests {
    /// Random Markdown lines built from the pieces that footnotes, fences, code spans and
    /// admonitions turn on.
    static func randomDocument(lines: Int, using generator: inout SystemRandomNumberGenerator) -> String {
        let pieces = [
            "text", "word ", " ", "  ", "\t", "[^a]", "[^note-1]", "[^x]: the note", "[^m12p]:", "[^a]: ", "[^",
            "]", "[", "^", "\\[^b]", "[^c](url)", "[^has space]", "[^\(String(repeating: "l", count: 70))]",
            "`", "``", "`code [^d]`", "```", "~~~", "```swift", "- item", "* ", "+", "# heading", "> quote",
            "1. ", "12) ", "1234567890. ", "é", "“", "\u{301}", "!!! meta", ",", ":", "(", ")", "-->",
        ]
        let starts = ["", "", "", " ", "  ", "    ", "\t", "   "]
        var out = ""
        for _ in 0..<lines {
            out += starts.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 0...5, using: &generator) { out += pieces.randomElement(using: &generator)! }
            out += "\n"
        }
        if !out.isEmpty, Bool.random(using: &generator) { out.removeLast() }
        return out
    }

    @Test func footnotesTakenInPlaceEqualTheReference() {
        var generator = SystemRandomNumberGenerator()
        var documents: [[UInt8]] = (0..<4_000).map { _ in
            Array(Self.randomDocument(lines: Int.random(in: 0...30, using: &generator), using: &generator).utf8)
        }
        documents += (try? MarkdownBlocksTests.documents().map(\.1)) ?? []
        var changed = 0
        for bytes in documents {
            let fast = Footnotes.take(from: bytes)
            let reference = FootnotesReference.take(from: bytes)
            #expect(fast?.bytes == reference?.bytes, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(fast?.notes.definitions == reference?.notes.definitions)
            #expect(fast?.notes.citations.map { "\($0.line) \($0.label)" } == reference?.notes.citations.map { "\($0.line) \($0.label)" })
            if fast != nil { changed += 1 }
        }
        #expect(changed > 1_000, "most documents had footnotes to take")
    }

    /// What the preparation hands the reader is what checking the prepared bytes again
    /// would give, including when they are left empty (then the original is kept).
    @Test func preparedSourceEqualsACheckedOne() throws {
        var generator = SystemRandomNumberGenerator()
        for k in 0..<2_000 {
            var text = Self.randomDocument(lines: Int.random(in: 0...20, using: &generator), using: &generator)
            if k % 3 == 0 { text = "---\ntitle: T\n---\n" + text }
            if k % 5 == 0 { text += "\n| a | b |\n| --- | --- |\n| 1 | 2 |\n" }
            guard let original = try? SourceText(path: "t.md", bytes: Array(text.utf8)) else { continue }
            let prepared = MarkdownPreparation(original)
            let checked = (try? SourceText(path: "t.md", bytes: prepared.source.bytes)) ?? original
            #expect(prepared.source.bytes == checked.bytes, "\(text.debugDescription)")
            #expect(prepared.source.lineStarts == checked.lineStarts)
        }
        // Only a note: nothing is left, and the original is read.
        let onlyNote = try SourceText(path: "t.md", bytes: Array("[^a]: a note\n".utf8))
        #expect(MarkdownPreparation(onlyNote).source.bytes == onlyNote.bytes)
    }

    @Test func admonitionBodyByBytesEqualsByCharacters() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["!!! meta \"T\"", "\n", "\n", " ", "  ", "\t", "text", "é", "“", "\u{301}", "\u{200D}", "\u{93F}",
                      "\r", "\r\n", "\u{1F600}", "\u{1F3FB}", "a\u{301}", "\u{0A}\u{301}", "x", "-", "\u{A0}"]
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &generator) { text += pieces.randomElement(using: &generator)! }
            #expect(RuleBodyReader.admonitionBody(text) == RuleBodyReader.admonitionBodyByCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test func byteCountEqualsCountingOneByOne() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...70, using: &generator)
            // Few distinct values, so that equal bytes sit next to each other and to 0x80, 0xFF, 0x00.
            let alphabet: [UInt8] = [0x0A, 0x0A, 0x00, 0x0B, 0x09, 0x80, 0x8A, 0xFF, 0x7F, 0x61]
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            bytes.withUnsafeBufferPointer { b in
                for start in [0, 1, 3, 7] where start <= count {
                    let part = UnsafeBufferPointer(rebasing: b[start...])
                    for byte: UInt8 in [0x0A, 0x00, 0x80, 0xFF, 0x61] {
                        #expect(ByteSearch.count(byte, in: part) == part.filter { $0 == byte }.count)
                    }
                }
            }
        }
    }

    /// The names found on their own thread are the names found on the calling one.
    @Test func assistantNamesFoundInAdvanceEqualThoseFoundInPlace() {
        var generator = SystemRandomNumberGenerator()
        let words = ["Claude", "should", "must", "shall", "The", "assistant", "model", "You", "you", "It", "Operators",
                     " ", " ", ". ", "\n", "never", "Aria", "always"]
        for k in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 0...60, using: &generator) { text += words.randomElement(using: &generator)! + " " }
            let declared: String? = k % 4 == 0 ? "the helper" : nil
            let bytes = Array(text.utf8)
            let task = AssistantNamesTask(bytes: bytes, declared: declared)
            let inPlace = AssistantNames.detect(in: bytes, declared: declared)
            let inAdvance = task.value()
            #expect(inAdvance.names == inPlace.names && inAdvance.thirdPerson == inPlace.thirdPerson)
            #expect(task.value().names == inPlace.names, "asked twice, the same answer")
        }
    }

    /// XML references decoded a run at a time equal them decoded a byte at a time.
    @Test func xmlEntitiesDecodedByRunsEqualOneByteAtATime() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["&", "&amp;", "&lt;", "&gt;", "&#39;", "&#x27;", "&#X1F600;", "&#0;", "&#xD800;", "&#1114112;",
                      "&nbsp;", "&mdash;", "&unknown;", "&;", "&#;", "&#x;", "&#12345678901;", ";", "#", "x", "text ",
                      "é", "“", "\n", "&amp", "&&lt;", "lt;"]
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            let start = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator)
            #expect(XMLEntities.decode(bytes: bytes[start...]) == Self.decodeOneByteAtATime(Array(bytes[start...])), "\(text.debugDescription)")
            #expect(XMLEntities.decode(text) == Self.decodeOneByteAtATime(bytes))
        }
    }

    /// The decoder as first written: each byte looked at, each reference read from its `&`.
    static func decodeOneByteAtATime(_ bytes: [UInt8]) -> String {
        let named: [String: String] = [
            "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'",
            "nbsp": "\u{A0}", "ndash": "–", "mdash": "—", "hellip": "…", "lsquo": "‘", "rsquo": "’",
            "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "copy": "©", "reg": "®",
            "trade": "™", "times": "×", "middot": "·", "bull": "•", "deg": "°", "euro": "€",
        ]
        func reference(at start: Int) -> (String, Int)? {
            let limit = min(bytes.count, start + 11)
            guard let semicolon = bytes[(start + 1)..<limit].firstIndex(of: 0x3B), semicolon > start + 1 else { return nil }
            let body = String(decoding: bytes[(start + 1)..<semicolon], as: UTF8.self)
            if body.hasPrefix("#") {
                var digits = Substring(body.dropFirst())
                var radix = 10
                if digits.hasPrefix("x") || digits.hasPrefix("X") { radix = 16; digits = digits.dropFirst() }
                guard !digits.isEmpty, digits.allSatisfy({ radix == 16 ? $0.isHexDigit : ("0"..."9").contains($0) }),
                      let value = UInt32(digits, radix: radix) else { return nil }
                let allowed = [0x09, 0x0A, 0x0D].contains(value)
                    || !(value < 0x20 || (0x7F...0x9F).contains(value) || (0xD800...0xDFFF).contains(value)) && value <= 0x10FFFF
                guard allowed, let scalar = Unicode.Scalar(value) else { return nil }
                return (String(Character(scalar)), semicolon + 1 - start)
            }
            return named[body].map { ($0, semicolon + 1 - start) }
        }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x26, let (replacement, length) = reference(at: i) {
                out += Array(replacement.utf8)
                i += length
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
