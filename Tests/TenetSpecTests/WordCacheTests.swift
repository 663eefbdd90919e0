import Foundation
import Testing
@testable import TenetSpec

/// The prose reader's shortcuts of the fifth pass answer as the plain readings do:
/// ``ProseWords/sentences(_:cache:)`` with a ``WordCache`` (even one so small that every
/// word evicts another) gives the same sentences, byte for byte, as without; the one-hash
/// ``Slug/Uniquer/claim(_:)`` claims what the four-hash one did; ``ProseReader/moveAll(_:to:)``
/// appends in order and empties its source; `collapsingWhitespace` written into the string's
/// storage equals the byte-array version, bad UTF-8 included. (`headingKind` now asks its lists
/// by key: `WordSetTests` shows a key answers as its word.)
@Suite struct WordCacheTests {
    private static func bytes(_ sentences: [ProseSentence]) -> [[[UInt8]]] {
        sentences.map { $0.words.map { Array($0.utf8) } }
    }

    private static func texts() throws -> [String] {
        var paths = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs)
            .filter { $0.hasSuffix(".md") }.map { Paths.publicSpecs + "/" + $0 }
        paths += Paths.sampleFiles
        return try paths.flatMap { try String(contentsOfFile: $0, encoding: .utf8).components(separatedBy: "\n\n") }
    }

    @Test func cachedSentencesEqualUncached() throws {
        var generator = SystemRandomNumberGenerator()
        // One slot, four slots, and the default size: hits, misses and evictions all happen.
        let caches = [WordCache(bits: 0), WordCache(bits: 2), WordCache()]
        var texts = try Self.texts()
        for _ in 0..<20_000 {
            texts.append((0..<Int.random(in: 0...40, using: &generator))
                .map { _ in ProseWordsBytesTests.pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let plain = ProseWords.sentences(text)
            for cache in caches {
                let cached = ProseWords.sentences(text, cache: cache)
                #expect(cached == plain, "\(Array(text.unicodeScalars))")
                #expect(Self.bytes(cached) == Self.bytes(plain), "\(Array(text.unicodeScalars))")
            }
        }
    }

    @Test func aSlotHoldsTheLastWordPackedIntoIt() {
        let cache = WordCache(bits: 0)
        var made = 0
        func word(_ text: String) -> String {
            // Packed as `WordSet` packs: byte k of the word in byte k of the two integers.
            var a: UInt64 = 0, b: UInt64 = 0
            for (k, byte) in text.utf8.enumerated() {
                if k < 8 { a |= UInt64(byte) << (8 * UInt64(k)) } else { b |= UInt64(byte) << (8 * UInt64(k - 8)) }
            }
            return cache.word(packed: a, b) { made += 1; return text }
        }
        #expect(word("claude") == "claude" && made == 1)
        #expect(word("claude") == "claude" && made == 1)
        #expect(word("should") == "should" && made == 2)
        #expect(word("claude") == "claude" && made == 3)
        #expect(word("sixteen-letters1") == "sixteen-letters1" && made == 4)
    }

    /// The claim before the fifth pass: four hashes per claim.
    private struct OldUniquer {
        var used: Set<String> = []
        var nextSuffix: [String: Int] = [:]
        mutating func claim(_ base: String) -> String {
            var candidate = base
            var n = nextSuffix[base] ?? 2
            while used.contains(candidate) {
                candidate = "\(base)-\(n)"
                n += 1
            }
            nextSuffix[base] = n
            used.insert(candidate)
            return candidate
        }
    }

    @Test func claimsAsBefore() {
        var generator = SystemRandomNumberGenerator()
        // Bases that collide with each other's suffixed forms ("a-2" as a base), and reserved IDs.
        let bases = ["a", "a-2", "a-3", "a-2-2", "b", "rule-1", "rule-1-2", "x.y", "x.y-2", ""]
        for _ in 0..<2_000 {
            let reserved = bases.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 }
            var old = OldUniquer(used: Set(reserved)), new = Slug.Uniquer(reserved: reserved)
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                let base = bases.randomElement(using: &generator)!
                #expect(new.claim(base) == old.claim(base), "\(reserved) \(base)")
            }
        }
    }

    @Test func moveAllAppendsInOrder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let first = (0..<Int.random(in: 0...20, using: &generator)).map { "d\($0)" }
            let second = (0..<Int.random(in: 0...20, using: &generator)).map { "s\($0)" + String(repeating: "x", count: $0) }
            var destination = first, source = second
            ProseReader.moveAll(&source, to: &destination)
            #expect(destination == first + second)
            #expect(source.isEmpty)
        }
    }

    /// `collapsingWhitespace` before the fifth pass.
    private static func oldCollapsing(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for byte in bytes {
            if isASCIIWhitespace(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func collapsingWhitespaceAsBefore() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x20], [0x0A], [0x09], [0x0D], [0x0B], [0x0C], Array("word".utf8), Array("é".utf8), Array("—".utf8),
                                 [0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0x00]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            let start = Int.random(in: 0...bytes.count, using: &generator)
            let new = collapsingWhitespace(bytes[start...]), old = Self.oldCollapsing(bytes[start...])
            #expect(Array(new.utf8) == Array(old.utf8), "\(bytes)")
        }
    }
}
