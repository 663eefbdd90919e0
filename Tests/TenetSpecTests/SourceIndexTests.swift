import Foundation
import Testing
@testable import TenetSpec

/// A large file's lines are indexed and its encoding checked in pieces on all cores: the
/// result must be that of one pass from the start, wherever the pieces are cut.
@Suite struct SourceIndexTests {
    /// Line starts as one pass finds them: after each line break, except one at the very end.
    static func oneLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A && i + 1 < bytes.count { starts.append(i + 1) }
        return starts
    }

    /// Lines of varied lengths, some of them multibyte, past the size read in pieces.
    static func largeText(lines: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededRandom(seed: seed)
        var text: [UInt8] = []
        let words = ["rule", "the assistant", "é", "日本語", "—", "", "```", "| a | b |", String(repeating: "x", count: 300)]
        for _ in 0..<lines {
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text += Array((words.randomElement(using: &generator)! + " ").utf8) }
            text.append(0x0A)
        }
        return text
    }

    @Test func piecesIndexLinesAsOnePassDoes() throws {
        for seed in 1...2 as ClosedRange<UInt64> {
            var bytes = Self.largeText(lines: 60_000, seed: seed)
            #expect(bytes.count >= MarkdownBlocks.parallelThreshold)
            if seed % 2 == 0 { bytes.removeLast() }          // no break at the end
            let source = try SourceText(path: "big.md", bytes: bytes)
            #expect(source.lineStarts == Self.oneLineStarts(source.bytes))
        }
    }

    /// A run of lines reads as its lines joined by line breaks, whatever ends them: a lone
    /// `\n` (read as one slice of the file), `\r\n`, a lone `\r` inside a line, or the end.
    @Test func runsOfLinesReadAsTheirLinesJoined() throws {
        var generator = SeededRandom(seed: 7)
        let pieces = ["a", "é", "", " ", "\r", "\n", "\r\n", "\n\n", "rule text"]
        for _ in 0..<2_000 {
            let text = "x" + (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let source = try SourceText(path: "s.md", bytes: Array(text.utf8))
            for first in 0...(source.lineCount + 1) {
                for last in (first - 1)...(source.lineCount + 1) {
                    let lo = max(1, first), hi = min(last, source.lineCount)
                    let joined = lo <= hi ? (lo...hi).map { source.line($0) }.joined(separator: "\n") : ""
                    #expect(source.lines(first, last) == joined, "\(text.debugDescription) \(first)...\(last)")
                }
            }
        }
    }

    /// A NUL or a bad byte anywhere — at the start, near each piece's first and last bytes,
    /// at the end — is reported at its own line and column, and the first one wins.
    @Test func theFirstBadByteIsFoundInAnyPiece() throws {
        let text = Self.largeText(lines: 50_000, seed: 9)
        let count = text.count
        // The cores' pieces are cut just after the first line break past each eighth.
        let starts = Self.oneLineStarts(text)
        var positions = [0, 1, count / 2, count - 2, count - 1]
        for k in 1..<8 {
            let cut = starts.first { $0 > count * k / 8 }!
            positions += [cut - 1, cut, cut + 1]
        }
        for position in positions {
            for bad in [UInt8(0x00), 0xFF] {
                var bytes = text
                bytes[position] = bad
                // A second bad byte later must not be the one reported.
                if position + 5_000 < count { bytes[position + 5_000] = 0xC0 }
                // The oracle: one pass from the start (a 0xFF in place of a continuation
                // byte makes its lead byte the first bad one).
                let first = bad == 0 ? position : SourceText.firstInvalidUTF8(bytes)!
                // No bad byte is a line break: the lines are the text's.
                let line = starts.lastIndex { $0 <= first }! + 1
                let reason = bad == 0
                    ? "contains a NUL byte; this looks like a binary file, not a Markdown or JSON spec"
                    : "invalid UTF-8 (byte 0x\(String(bytes[first], radix: 16, uppercase: true))); save the file as UTF-8"
                #expect(first <= position)
                #expect(throws: SpecReadError(file: "big.md", line: line, column: first - starts[line - 1] + 1, reason: reason)) {
                    _ = try SourceText(path: "big.md", bytes: bytes)
                }
            }
        }
    }

    /// A multibyte character cut short by a line break is invalid wherever the pieces fall.
    @Test func aSequenceCutByALineBreakIsInvalid() throws {
        var bytes = Self.largeText(lines: 50_000, seed: 3)
        let at = bytes.count / 2
        let lineEnd = bytes[at...].firstIndex(of: 0x0A)!
        bytes[lineEnd - 1] = 0xE2                              // a three-byte lead, then the break
        let lineStart = (bytes[..<(lineEnd - 1)].lastIndex(of: 0x0A) ?? -1) + 1
        let line = bytes[..<lineEnd].filter { $0 == 0x0A }.count + 1
        #expect(throws: SpecReadError(file: "big.md", line: line, column: lineEnd - 1 - lineStart + 1,
                                      reason: "invalid UTF-8 (byte 0xE2); save the file as UTF-8")) {
            _ = try SourceText(path: "big.md", bytes: bytes)
        }
    }
}
