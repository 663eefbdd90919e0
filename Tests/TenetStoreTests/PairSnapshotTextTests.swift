import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// An export copies a stored snapshot's string literals into its lines as they are: each
/// literal must be exactly what escaping its text afresh writes (``JSONString``), and
/// anything else — another writer's escapes, invalid UTF-8, another shape — must be left
/// to the general reading.
@Suite struct PairSnapshotTextTests {
    /// The bytes each snapshot read here points into, alive until the test ends (a read
    /// snapshot is valid only while its bytes are: pointing into a `String`'s storage past
    /// `withUTF8` made this suite crash now and then).
    final class Kept {
        var buffers: [UnsafeMutableBufferPointer<UInt8>] = []
        deinit { for buffer in buffers { buffer.deallocate() } }
    }
    let kept = Kept()

    func read(_ text: String) -> PairSnapshotText? {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.utf8.count)
        _ = buffer.initialize(from: text.utf8)
        kept.buffers.append(buffer)
        var read = PairSnapshotText()
        return PairSnapshotText.read(UnsafeBufferPointer(buffer), into: &read) ? read : nil
    }

    /// The literal's bytes, its text, and its sizes agree with the text decoded and escaped again.
    func expectLiteral(_ snapshot: PairSnapshotText, _ literal: JSONText?, is text: String?, _ what: String) {
        guard let literal, let text else {
            #expect(literal == nil && text == nil, "\(what): \(String(describing: literal)) against \(String(describing: text))")
            return
        }
        var copied: [UInt8] = [], escaped: [UInt8] = []
        snapshot.append(literal, to: &copied)
        JSONString.append(text, to: &escaped)
        #expect(copied == escaped, "\(what) copied")
        #expect(snapshot.string(literal) == text, "\(what) read")
        #expect(literal.bytes == text.utf8.count, "\(what) bytes")
        #expect(literal.characters == text.unicodeScalars.count, "\(what) characters")
    }

    @Test func copiesWhatEscapingAfreshWritesAndMeansWhatTheGeneralReadingMeans() throws {
        var random = SeededRandom(seed: 12)
        for (n, pair) in PairStoreTests.variedPairs(400).enumerated() {
            let snapshot = PairSnapshotReadingTests.withReviewFields(pair, n, note: "fine \"quoted\"\u{7F}\u{202E}", &random)
            let encoded = SnapshotCoding.encode(snapshot)
            let text = try #require(read(encoded), "snapshot \(n) was not read as text")
            let general = try SnapshotCoding.decode(encoded)
            let decoded = try ProjectStore.decodePair(general)
            expectLiteral(text, text.id, is: decoded.id, "id of \(n)")
            expectLiteral(text, text.spec, is: decoded.spec, "spec of \(n)")
            expectLiteral(text, text.instantiation, is: decoded.instantiation, "instantiation of \(n)")
            expectLiteral(text, text.strategy, is: decoded.strategy, "strategy of \(n)")
            expectLiteral(text, text.chosen, is: decoded.chosen, "chosen of \(n)")
            expectLiteral(text, text.rejected, is: decoded.rejected, "rejected of \(n)")
            expectLiteral(text, text.generator, is: decoded.provenance.generator, "generator of \(n)")
            #expect(text.specRevision == decoded.specRevision, "spec revision of \(n)")
            #expect(text.rules.count == decoded.rules.count, "rules of \(n)")
            for (rule, expected) in zip(text.rules, decoded.rules) { expectLiteral(text, rule, is: expected, "a rule of \(n)") }
            #expect(text.prompt.count == decoded.prompt.count, "turns of \(n)")
            for (turn, expected) in zip(text.prompt, decoded.prompt) {
                expectLiteral(text, turn.role, is: expected.role, "a role of \(n)")
                expectLiteral(text, turn.content, is: expected.content, "a content of \(n)")
                expectLiteral(text, turn.name, is: expected.name, "a name of \(n)")
            }
            #expect(text.decisions == ReviewFields.decisions(general), "decisions of \(n)")
            #expect(text.edited == ReviewFields.edited(general), "edited of \(n)")
        }
    }

    /// Every control character, quotes, backslashes, DEL, C1 controls, bidi controls,
    /// astral scalars: as JSONString writes them, copied as they are.
    @Test func everyCharacterTheWriterEscapesOrNot() throws {
        var all = (0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }.map(String.init).joined()
        all += "\u{80}\u{9F}\u{A0}\u{202A}\u{202E}\u{2066}\u{2069}\u{2028}\u{FEFF}é中🏳️‍🌈\u{10FFFF}"
        let pair = PreferencePair(rules: [all], prompt: [Turn(role: all, content: all, name: all)], chosen: all, rejected: "/" + all,
                                  provenance: Provenance(generator: all))
        let text = try #require(read(SnapshotCoding.encode(pair.snapshot)))
        expectLiteral(text, text.chosen, is: all, "chosen")
        expectLiteral(text, text.rejected, is: "/" + all, "rejected")
        expectLiteral(text, text.prompt.first?.content, is: all, "content")
        expectLiteral(text, text.prompt.first?.name, is: all, "name")
        expectLiteral(text, text.generator, is: all, "generator")
    }

    /// Escapes another JSON writer uses (Foundation's `\/`, `\b`, upper-case hex, `\u`
    /// for a printable character or a line break), invalid UTF-8, a raw control: not
    /// copied, left to the general reading (which decodes and escapes them afresh).
    @Test func otherEscapesAreLeftToTheGeneralReading() throws {
        let pair = PreferencePair(prompt: [Turn(role: "user", content: "question")], chosen: "CHOSEN", rejected: "no",
                                  provenance: Provenance(generator: "g"))
        let encoded = SnapshotCoding.encode(pair.snapshot)
        #expect(read(encoded) != nil)
        for other in [#"a\/b"#, #"a\bb"#, #"a\fb"#, #"\u001F"#, #"\u00e9"#, #"\u000a"#, #"\u0009"#, #"\u000d"#, #"\ud83d\ude00"#,
                      #"\u0041"#, "tab\traw", "a\u{1}b", #"\x"#] {
            let changed = encoded.replacingOccurrences(of: "CHOSEN", with: other)
            #expect(read(changed) == nil, "\(other)")
        }
        for valid in [#"\u001f"#, #"\u0000"#, #"\u0008"#, #"\u000c"#, #"\n\r\t\"\\"#, "é", "/"] {
            let changed = encoded.replacingOccurrences(of: "CHOSEN", with: valid)
            #expect(read(changed) != nil, "\(valid)")
        }
        let invalid = Array(encoded.utf8)
        let at = try #require(invalid.firstIndex(of: UInt8(ascii: "C")))
        for bytes: [UInt8] in [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            var copy = invalid
            copy.replaceSubrange(at..<(at + 1), with: bytes)
            var read = PairSnapshotText()
            #expect(!copy.withUnsafeBufferPointer { PairSnapshotText.read($0, into: &read) }, "\(bytes)")
        }
    }

    @Test func anotherShapeIsLeftToTheGeneralReading() {
        for shape in PairSnapshotReadingTests.otherShapes { #expect(read(shape) == nil, "\(shape)") }
    }
}
