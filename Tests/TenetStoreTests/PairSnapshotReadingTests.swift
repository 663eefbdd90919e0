import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// The export's direct reading of a pair's snapshot means what the general reading means:
/// the same pair, decisions and edited flag, for every optional field, odd text, review
/// fields of every kind — and `nil` (the general way then) for a snapshot of another shape.
@Suite struct PairSnapshotReadingTests {
    func read(_ text: String) -> PairSnapshotFields? {
        var text = text
        return text.withUTF8 { PairSnapshotFields.read($0) }
    }

    /// A pair's snapshot with review fields of every kind, each there or not at random:
    /// decisions (one null, one of no known shape), originals (as text, or null as an undo of
    /// a first edit wrote them before undo restored fields exactly), the imported-edit
    /// flag, a swap, a reopening.
    static func withReviewFields(_ pair: PreferencePair, _ n: Int, note: String, _ random: inout SeededRandom) -> Snapshot {
        var snapshot = pair.snapshot
        if Bool.random(using: &random) {
            snapshot["decisions.alice"] = .object(["decision": .string("accept"), "at": .string("2026-12-01T00:00:00.000Z"),
                                                   "note": .string(note), "blind": .bool(true), "textRevision": .number(2)])
        }
        if Bool.random(using: &random) { snapshot["decisions.bob"] = .null }
        if Bool.random(using: &random) { snapshot["decisions.carol"] = .object(["decision": .string("nonsense")]) }
        if Bool.random(using: &random) {
            snapshot["original.chosen"] = Bool.random(using: &random) ? .string(pair.chosen) : .string("before \(n)")
            snapshot["original.rejected"] = .string(pair.rejected)
        } else if Bool.random(using: &random) {
            snapshot["original.chosen"] = .null
            snapshot["original.rejected"] = .null
        }
        if Bool.random(using: &random) { snapshot["editedBeforeImport"] = .bool(Bool.random(using: &random)) }
        if Bool.random(using: &random) { snapshot["swapped"] = .bool(true) }
        if Bool.random(using: &random) { snapshot["reopened"] = .object(["by": .string("x"), "list": .array([.number(1), .null])]) }
        return snapshot
    }

    @Test func agreesWithTheGeneralReading() throws {
        var random = SeededRandom(seed: 11)
        for (n, pair) in PairStoreTests.variedPairs(400).enumerated() {
            let snapshot = Self.withReviewFields(pair, n, note: "fine \"quoted\"", &random)
            let text = SnapshotCoding.encode(snapshot)
            let fast = try #require(read(text), "snapshot \(n) was not read directly")
            let general = try SnapshotCoding.decode(text)
            #expect(fast.pair == (try ProjectStore.decodePair(general)), "pair \(n)")
            #expect(fast.decisions == ReviewFields.decisions(general), "decisions of \(n)")
            #expect(fast.edited == ReviewFields.edited(general), "edited of \(n)")
            if general["original.chosen"] == .null, general["editedBeforeImport"] != .bool(true) {
                #expect(!fast.edited, "null originals are no edit (\(n))")
            }
        }
    }

    /// Snapshots that are not of a pair's usual shape (each direct reader leaves them to
    /// the general reading).
    static var otherShapes: [String] {
        let pair = PairStoreTests.variedPairs(1)[0]
        var shapes: [String] = []
        var snapshot = pair.snapshot
        snapshot["prompt"] = .array([.string("not a turn")])
        shapes.append(SnapshotCoding.encode(snapshot))
        snapshot = pair.snapshot
        snapshot["provenance"] = .object(["model": .string("no generator")])
        shapes.append(SnapshotCoding.encode(snapshot))
        snapshot = pair.snapshot
        snapshot["chosen"] = .number(3)
        shapes.append(SnapshotCoding.encode(snapshot))
        snapshot = pair.snapshot
        snapshot["prompt"] = nil
        shapes.append(SnapshotCoding.encode(snapshot))
        return shapes + ["[1, 2]", "{\"id\": "]
    }

    @Test func anotherShapeIsLeftToTheGeneralReading() {
        for shape in Self.otherShapes { #expect(read(shape) == nil, "\(shape)") }
    }
}
