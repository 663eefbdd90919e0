import Foundation
import Testing
@testable import TenetSpec

/// ``ProseWords/boldLabel(_:)`` finds the closing `**` or `__` by bytes in text that is all
/// ASCII without a CR (``ProseWords/closingMarker(_:_:)``); it must find what Foundation's
/// `range(of:)` finds, which it still asks about any other text, on random labels with
/// stray markers, single markers, combining marks, CR LF and non-ASCII letters, and on
/// every fixture paragraph.
@Suite struct BoldLabelTests {
    static let pieces: [String] = [
        "*", "**", "***", "_", "__", "a", "Label", " ", ":", ": ", "x", "\n", "\r\n", "é", "e\u{301}", "\u{301}", "—", "Never deceive",
    ]

    private static func same(_ text: String) -> Bool {
        guard text.count >= 2 else { return true }
        let body = text.dropFirst(2)
        for marker: UInt8 in [0x2A, 0x5F] {
            let expected = body.range(of: marker == 0x2A ? "**" : "__")
            if ProseWords.closingMarker(body, marker) != expected { return false }
        }
        return true
    }

    @Test func closingMarkerAsFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            #expect(Self.same(text), "\(Array(text.unicodeScalars))")
            #expect(Self.same("**" + text), "\(Array(text.unicodeScalars))")
        }
        var paths = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs)
            .filter { $0.hasSuffix(".md") }.map { Paths.publicSpecs + "/" + $0 }
        paths += Paths.sampleFiles
        for path in paths {
            for paragraph in try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n") {
                #expect(Self.same(paragraph.trimmed()), "\(path): \(paragraph)")
            }
        }
    }
}
