import Foundation
import GRDB
import Testing
import TenetSpec
@testable import TenetStore

/// An annotation edit merges the fields it sets into the stored snapshot's text
/// (`RawSnapshotPatch`); it must give what splitting the snapshot into a dictionary,
/// patching and writing it again gives (`RawSnapshot.patched`), and refuse text it cannot
/// merge so the edit falls back to that.
@Suite struct RawSnapshotPatchTests {
    static let plainNames = ["annotations.kind", "annotations.rationale", "annotations.scope", "source.id",
                             "source.kind", "source.title", "spec", "removed", "a-b_c.9", "Z", "z", ""]
    static let reads = ["annotations.kind", "source.kind", "source.id", "spec", "source.title", "removed", "Z"]

    @Test func mergingEqualsSplittingPatchingAndJoining() throws {
        var rng = SeededRandom(seed: 4077)
        var merged = 0, changedSeen = 0
        for _ in 0..<5_000 {
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int(rng.next() % 9) {
                object[Self.plainNames[Int(rng.next() % UInt64(Self.plainNames.count))]] = JSONParserTests.random(&rng, depth: 2)
            }
            let text = JSONValue.object(object).description
            var setting: [String: String] = [:]
            for _ in 0..<Int(rng.next() % 4) {
                let name = Self.plainNames[Int(rng.next() % UInt64(Self.plainNames.count))]
                // Sometimes the value the field already has: not a change.
                setting[name] = rng.next() % 3 == 0 ? (object[name] ?? .null).description
                                                     : JSONParserTests.random(&rng, depth: 1).description
            }
            let clearing = (0..<Int(rng.next() % 3)).map { _ in Self.plainNames[Int(rng.next() % UInt64(Self.plainNames.count))] }
            let expected = try #require(RawSnapshot(text: text)).patched(setting: setting, clearing: clearing, reading: Self.reads)
            let result = try #require(RawSnapshotPatch.patch(text, setting: setting, clearing: clearing, reading: Self.reads),
                                      "canonical text with plain names is merged: \(text)")
            #expect(result == expected, "\(text) set \(setting) clear \(clearing)")
            // The merged text is canonical: what the JSON writer gives for the parsed object.
            #expect(try JSONValue.parse(Data(result.text.utf8)).description == result.text)
            merged += 1
            changedSeen += result.changed.count
        }
        #expect(merged == 5_000)
        #expect(changedSeen > 5_000)
    }

    @Test func textOutsideTheCanonicalFormIsLeftToTheDictionaryPath() {
        let refused = [
            "{\"b\":1,\"a\":2}",            // keys out of order
            "{\"a\":1,\"a\":2}",            // a key twice
            "{ \"a\":1}", "{\"a\": 1}", "{\"a\":1 }", "{\"a\":1, \"b\":2}",
            "{\"é\":1}", "{\"q\\\"\":1}",   // names that are not plain
            "{\"a\":1", "[]", "", "{\"a\":}", "{\"a\":\"x}", "{\"a\":1}x",
        ]
        for text in refused {
            #expect(RawSnapshotPatch.patch(text, setting: ["a": "3"], clearing: [], reading: []) == nil, "\(text)")
        }
        // A field name to set that would need escapes is refused too.
        #expect(RawSnapshotPatch.patch("{\"a\":1}", setting: ["q\"": "3"], clearing: [], reading: []) == nil)
        #expect(RawSnapshotPatch.patch("{}", setting: ["a": "3"], clearing: ["b"], reading: ["a"])
                == RawSnapshotPatch.Result(text: "{\"a\":3}", changed: ["a"], read: ["a": "3"]))
    }

    /// A rule edited through the store keeps the same stored text and changed fields as
    /// the dictionary path gives, with a field cleared and two set at once.
    @Test func anEditWritesWhatTheDictionaryPathWrites() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, identity: .owner("alice"))
        let text = "# S {#s}\n\n## A {#a kind=safety}\n\nDo not do a.\n"
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: text), text: text)
        var change = AnnotationChange()
        change.rationale = "because"
        change.family = "f"
        change.clear = ["kind"]
        let result = try store.annotate("a", change)
        let database = try DatabaseQueue(path: scratch.path)
        let texts = try database.read { db in
            try String.fetchAll(db, sql: "SELECT data FROM revision WHERE kind = 'rule' ORDER BY rev")
        }
        #expect(texts.count == 2)
        var patch = Snapshot()
        change.apply(to: &patch)
        let expected = try #require(RawSnapshot(text: texts[0])).patched(setting: patch.mapValues(\.description),
                                                                        clearing: ["annotations.kind"], reading: [])
        #expect(texts[1] == expected.text)
        #expect(result.changed == expected.changed)
        #expect(result.changed.contains("annotations.rationale") && result.changed.contains("annotations.family"))
    }
}
