import Foundation
import Testing
@testable import TenetSpec

/// The seventh pass's shortcuts answer as the readings they replaced: ``LetterRun`` reads
/// eight bytes as the byte-at-a-time loop of ``ProseWords`` read them (kept here as the
/// reference), on every byte value in every position and on random and fixture bytes; a
/// ``WordSet/Key`` is packed exactly for the words ``WordSet`` packs.
@Suite struct LetterRunTests {
    /// The byte loop of `appendLettersAndDigits` before the seventh pass: how many bytes
    /// from the first are letters or digits, and each of them as it was appended.
    static func bytewise(_ bytes: [UInt8]) -> (count: Int, appended: [UInt8]) {
        var appended: [UInt8] = []
        for c in bytes {
            let lower = c | 0x20
            let isLetter = lower >= 0x61 && lower <= 0x7A
            guard isLetter || (c >= 0x30 && c <= 0x39) else { break }
            appended.append(isLetter ? lower : c)
        }
        return (appended.count, appended)
    }

    static func same(_ bytes: [UInt8]) -> Bool {
        var x: UInt64 = 0
        for (k, byte) in bytes.enumerated() { x |= UInt64(byte) << UInt64(8 * k) }
        let (count, lower) = LetterRun.of(x)
        let expected = bytewise(bytes)
        let made = (0..<count).map { UInt8(truncatingIfNeeded: lower >> UInt64(8 * $0)) }
        return count == expected.count && made == expected.appended
    }

    @Test func eightBytesReadAsOneAtATime() throws {
        // Every byte value at every position, after letters and among them.
        for position in 0..<8 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: 0x61, count: 8)
                bytes[position] = UInt8(value)
                #expect(Self.same(bytes), "\(bytes)")
                bytes = [UInt8](repeating: 0x5A, count: 8)
                bytes[position] = UInt8(value)
                #expect(Self.same(bytes), "\(bytes)")
            }
        }
        var generator = SystemRandomNumberGenerator()
        // The bounds of each class and their neighbours, and any byte.
        let edges: [UInt8] = [0x2F, 0x30, 0x39, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0xB0, 0xC1, 0xE1, 0xFA, 0xFF, 0x00, 0x20]
        for _ in 0..<200_000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &generator) ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            #expect(Self.same(bytes), "\(bytes)")
        }
        for path in Paths.sampleFiles {
            let text = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
            for start in 0..<max(0, text.count - 8) { #expect(Self.same(Array(text[start..<start + 8])), "\(path) \(start)") }
        }
    }

    /// Words that cross the eight-byte steps at every offset, up to and past 16 bytes (the
    /// last that are packed), read as the reference reading reads them.
    @Test func longRunsPackAsBefore() {
        let letters = Array("aZ0b9Yq".utf8)
        for length in 1...40 {
            for lead in 0..<9 {
                var bytes = [UInt8](repeating: 0x20, count: lead)
                bytes += (0..<length).map { letters[$0 % letters.count] }
                bytes += Array(" x's. Claude’s".utf8)
                let same = bytes.withUnsafeBufferPointer { ProseWords.sentences($0) == ProseWordsBytesTests.oldSentences($0) }
                #expect(same, "\(length) \(lead)")
            }
        }
    }

    @Test func aKeyIsPackedForTheWordsWordSetPacks() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab'-Zé\u{0}—".unicodeScalars)
        for _ in 0..<20_000 {
            var word = ""
            for _ in 0..<Int.random(in: 0...18, using: &generator) { word.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            let bytes = Array(word.utf8)
            let packs = !bytes.isEmpty && bytes.count <= 16 && bytes.allSatisfy { $0 != 0 && $0 < 0x80 }
            #expect(WordSet.Key(word).isPacked == packs, "\(Array(word.unicodeScalars))")
            #expect(bytes.withUnsafeBufferPointer { WordSet.Key(bytes: $0) } == WordSet.Key(word))
        }
    }
}
