import Testing
import TenetSpec
@testable import TenetStore

/// An edit splits the stored snapshot into its fields' text and writes it back
/// (`RawSnapshot`): unchanged, that must give the canonical text it read.
@Suite struct RawSnapshotTests {
    @Test func splittingAndJoiningGivesTheSameCanonicalText() throws {
        var rng = SeededRandom(seed: 2112)
        let names = ["annotations.kind", "source.text", "spec", "a-b_c.9", "Z", "é", "quote\"", "back\\slash", "new\nline", "", "/", "\u{7F}"]
        var fieldsSeen = 0
        for _ in 0..<3_000 {
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int(rng.next() % 8) {
                object[names[Int(rng.next() % UInt64(names.count))]] = JSONParserTests.random(&rng, depth: 1)
            }
            let text = JSONValue.object(object).description
            let raw = try #require(RawSnapshot(text: text))
            #expect(raw.fields.count == object.count)
            #expect(raw.text == text)
            for (name, value) in object { #expect(raw.value(name) == value) }
            fieldsSeen += object.count
        }
        #expect(fieldsSeen > 3_000 * 2)
    }

    @Test func anythingButAnObjectIsRefused() {
        for text in ["", "[]", "null", "\"x\"", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "{\"a:1}"] {
            #expect(RawSnapshot(text: text) == nil, "\(text)")
        }
    }
}
