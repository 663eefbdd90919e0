import Testing
import TenetSpec
@testable import TenetStore

/// An edit writes the annotation fields built directly (`RuleAnnotations.setFields`); they
/// must be exactly what the `Codable` form flattens to, for any values.
@Suite struct RuleAnnotationFieldsTests {
    private static let pieces = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1B}", "é", "e\u{301}",
                                 "\u{202E}", "🇫🇷", "👩‍👩‍👧", "\u{FEFF}", "1e3", "null", "{}", "[]", "—"]

    private static func text(_ random: inout SeededRandom) -> String {
        (0..<random.int(in: 0...12)).map { _ in pieces[random.int(in: 0...(pieces.count - 1))] }.joined()
    }

    private static func annotations(_ random: inout SeededRandom) -> RuleAnnotations {
        func maybe<T>(_ make: (inout SeededRandom) -> T) -> T? {
            random.int(in: 0...2) == 0 ? nil : make(&random)
        }
        var values = RuleAnnotations()
        values.kind = maybe { RuleKind.allCases[$0.int(in: 0...(RuleKind.allCases.count - 1))] }
        values.direction = maybe { Direction.allCases[$0.int(in: 0...(Direction.allCases.count - 1))] }
        values.authority = maybe { Authority.allCases[$0.int(in: 0...(Authority.allCases.count - 1))] }
        values.priority = maybe { [0, 1, -1, 7, Int.max, Int.min, 1 << 53 + 1][$0.int(in: 0...6)] }
        values.family = maybe(text)
        values.scope = maybe(text)
        values.rationale = maybe(text)
        values.exceptions = maybe { r in (0..<r.int(in: 0...3)).map { _ in text(&r) } }
        values.concreteness = maybe(text)
        return values
    }

    @Test func theDirectFieldsEqualTheCodableOnes() throws {
        var random = SeededRandom(seed: 21)
        var sets = 0
        for _ in 0..<3_000 {
            let values = Self.annotations(&random)
            let codable = try SnapshotCoding.flatten(values, groups: []).filter { $0.key != "examples" }
            let direct = Dictionary(values.setFields, uniquingKeysWith: { first, _ in first })
            #expect(direct == codable)
            #expect(direct.count == values.setFields.count)
            #expect(direct.mapValues(\.description) == codable.mapValues(\.description))
            sets += direct.count
        }
        #expect(sets > 3_000 * 5)
    }

    /// A field added to `RuleAnnotations` must be added to `setFields` too (and to this
    /// test's random values): an edit would silently drop it otherwise.
    @Test func everyFieldIsCovered() {
        let stored = Mirror(reflecting: RuleAnnotations()).children.compactMap(\.label)
        #expect(stored == RuleAnnotations.fieldNames + ["examples"])
        var all = RuleAnnotations()
        all.kind = .safety; all.direction = .prohibit; all.authority = Authority.allCases.first
        all.priority = 1; all.family = "f"; all.scope = "s"; all.rationale = "r"; all.exceptions = []; all.concreteness = "c"
        #expect(all.setFields.map(\.0) == RuleAnnotations.fieldNames)
    }
}
