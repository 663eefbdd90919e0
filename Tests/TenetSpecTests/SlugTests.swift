import Foundation
import Testing
@testable import TenetSpec

/// ``Slug/make(_:maxWords:maxLength:)`` reads ASCII text by bytes: it must give the slug the
/// scalar-by-scalar reading (``Slug/makeByScalars(_:maxWords:maxLength:)``) gives, on random
/// texts of letters, digits, apostrophes, separators and a few non-ASCII scalars, with small
/// and large limits, and on every paragraph of the public fixtures.
@Suite struct SlugTests {
    @Test func bytesAndScalarsGiveTheSameSlug() throws {
        var texts = ["", "'", "---", "Respect the User's Time!", "a", "A1 b2", "x’y", "été", "über alles", "abc\u{301}d",
                     String(repeating: "long", count: 30) + " word", "one two three four five six seven eight nine ten"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZq09 '’-._:\n\té\u{301}ß".unicodeScalars)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                // Mostly ASCII, so that the byte path is taken most of the time.
                let scalar = Int.random(in: 0..<10, using: &generator) == 0
                    ? alphabet.randomElement(using: &generator)!
                    : alphabet[Int.random(in: 0..<10, using: &generator)]
                text.unicodeScalars.append(scalar)
            }
            texts.append(text)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs) where name.hasSuffix(".md") {
            let text = try String(contentsOfFile: Paths.publicSpecs + "/" + name, encoding: .utf8)
            texts += text.split(separator: "\n\n").prefix(2000).map { InlineScan.plainText(String($0.prefix(400))) }
        }
        for text in texts {
            for (words, length) in [(8, 48), (6, 40), (1, 5), (3, 0), (0, 10)] {
                #expect(Slug.make(text, maxWords: words, maxLength: length) == Slug.makeByScalars(text, maxWords: words, maxLength: length),
                        "\(Array(text.unicodeScalars)) \(words) \(length)")
            }
        }
    }
}
