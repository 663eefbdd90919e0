import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// A pair's snapshot written straight to bytes is the same text as the snapshot dictionary
/// encoded — for random pairs with every optional field present or absent, and text with
/// quotes, backslashes, control characters and non-ASCII — and lists the same fields.
@Suite struct PairSnapshotBytesTests {
    static func text(_ random: inout SeededRandom) -> String {
        let pieces = ["a", "Z", " ", "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "/", "é", "\u{1F600}", "\u{202E}", "{", "}", ":", ",", "0"]
        return (0..<random.int(in: 0...12)).map { _ in random.element(of: pieces)! }.joined()
    }

    static func maybe<T>(_ random: inout SeededRandom, _ make: (inout SeededRandom) -> T) -> T? {
        random.int(in: 0...1) == 0 ? nil : make(&random)
    }

    static func pair(_ random: inout SeededRandom) -> PreferencePair {
        let turns = (0...random.int(in: 0...3)).map { _ in
            Turn(role: text(&random), content: text(&random), name: maybe(&random, text))
        }
        let checks = maybe(&random) { random in
            (0..<random.int(in: 0...2)).map { _ in
                QualityCheck(random.element(of: QualityCheck.Gate.allCases)!, passed: random.int(in: 0...1) == 1,
                             reason: text(&random), by: text(&random))
            }
        }
        let exchanges = maybe(&random) { random in
            (0..<random.int(in: 0...2)).map { _ in
                Exchange(role: text(&random), request: text(&random), response: text(&random),
                         status: maybe(&random) { $0.int(in: -5...600) })
            }
        }
        let templates = maybe(&random) { random in
            Dictionary((0..<random.int(in: 0...3)).map { _ in (text(&random), text(&random)) }, uniquingKeysWith: { a, _ in a })
        }
        let provenance = Provenance(generator: text(&random), model: maybe(&random, text), seed: maybe(&random, text),
                                    createdAt: maybe(&random, text), templates: templates, judge: maybe(&random, text),
                                    checks: checks, exchanges: exchanges, source: maybe(&random, text),
                                    format: maybe(&random, text))
        let specRevision: Int? = maybe(&random) { random in
            random.element(of: [0, 1, -3, 999_999_999_999_999, 1_000_000_000_000_000, Int.max])!
        }
        return PreferencePair(id: maybe(&random, text), spec: maybe(&random, text), specRevision: specRevision,
                              instantiation: maybe(&random, text), rules: (0..<random.int(in: 0...3)).map { _ in text(&random) },
                              prompt: turns, chosen: text(&random), rejected: text(&random), strategy: maybe(&random, text),
                              provenance: provenance)
    }

    @Test func theBytesAreTheSnapshotsCanonicalJSON() {
        var random = SeededRandom(seed: 21)
        for n in 0..<2_000 {
            let pair = Self.pair(&random)
            var bytes: [UInt8] = []
            PairSnapshotBytes.append(pair, to: &bytes)
            let expected = SnapshotCoding.encode(pair.snapshot)
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "pair \(n)")
            #expect(PairSnapshotBytes.changed(pair) == pair.snapshot.keys.sorted().joined(separator: ","), "pair \(n)")
            if String(decoding: bytes, as: UTF8.self) != expected { break }
        }
    }
}
