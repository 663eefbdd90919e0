import Foundation
import Testing
@testable import TenetSpec

/// ``InlineScan/label(_:)`` reads `**Label:** value` in place, from the string's own bytes;
/// it must answer as the earlier form did, which copied the first 96 bytes into an array
/// and trimmed strings made from them. Held equal on random labels (stray, doubled and
/// unclosed markers, colons inside and after, line breaks, non-ASCII and combining text,
/// labels past 96 bytes) and on every line of the fixtures and samples.
@Suite struct InlineLabelTests {
    static let pieces: [String] = [
        "*", "**", "_", "__", ":", ": ", " ", "\t", "\n", "a", "Label", "Why", "é", "e\u{301}", "规", "🙂",
        String(repeating: "x", count: 40), String(repeating: "y", count: 90), "value", "  ",
    ]

    /// The earlier form, kept as the oracle.
    static func oracle(_ text: String) -> (label: String, value: String)? {
        guard let m = text.utf8.first, m == 0x2A || m == 0x5F else { return nil }
        let head = Array(text.utf8.prefix(96))
        let width = head.count > 1 && head[1] == m ? 2 : 1
        var close = width
        while close + width <= head.count {
            if head[close] == m, width == 1 || head[close + 1] == m { break }
            if head[close] == 0x0A { return nil }
            close += 1
        }
        guard close + width <= head.count else { return nil }
        var labelBytes = head[width..<close]
        var valueStart = close + width
        if labelBytes.last == 0x3A {
            labelBytes = labelBytes.dropLast()
        } else if valueStart < head.count, head[valueStart] == 0x3A {
            valueStart += 1
        } else {
            return nil
        }
        let label = String(decoding: labelBytes, as: UTF8.self).trimmed()
        guard !label.isEmpty, label.count <= 40 else { return nil }
        let value = String(decoding: text.utf8.dropFirst(valueStart), as: UTF8.self)
        return (label.lowercased(), value.trimmed())
    }

    private static func same(_ text: String) -> Bool {
        let new = InlineScan.label(text), old = oracle(text)
        return new?.label == old?.label && new?.value == old?.value
    }

    @Test func readsAsTheEarlierForm() throws {
        var generator = SeededRandom(seed: 21)
        var found = 0
        for _ in 0..<30_000 {
            func words(_ most: Int) -> String {
                (0..<Int.random(in: 0...most, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            }
            let marker = ["*", "**", "_", "__", ""].randomElement(using: &generator)!
            // Half are shaped like a label (marker, words, colon, marker, value), so the
            // labelled branch is taken often; the rest are any mix.
            let text = Bool.random(using: &generator)
                ? marker + words(4) + [":", "", " :"].randomElement(using: &generator)! + marker
                    + [":", " ", ""].randomElement(using: &generator)! + words(6)
                : marker + words(10)
            #expect(Self.same(text), "\(Array(text.unicodeScalars))")
            if Self.oracle(text) != nil { found += 1 }
        }
        // The random texts reach the labelled branch often, not only the refusals.
        #expect(found > 3_000)
        var paths = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs)
            .filter { $0.hasSuffix(".md") }.map { Paths.publicSpecs + "/" + $0 }
        paths += Paths.sampleFiles
        for path in paths {
            for line in try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n") {
                #expect(Self.same(line.trimmed()), "\(path): \(line)")
            }
        }
    }
}
