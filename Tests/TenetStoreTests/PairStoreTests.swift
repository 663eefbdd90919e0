import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// Pairs in the versioned store: the bulk import path and the snapshot they are kept as.
@Suite struct PairStoreTests {
    static func pair(_ n: Int, spec: String? = "s", rule: String = "r") -> PreferencePair {
        PreferencePair(spec: spec, rules: [rule], prompt: [Turn(role: "user", content: "question \(n)")],
                       chosen: "answer \(n)", rejected: "bad \(n)", provenance: Provenance(generator: "import", source: "f:\(n)"))
    }

    /// Pairs with every optional field in turn, odd characters and nested provenance.
    static func variedPairs(_ count: Int) -> [PreferencePair] {
        var random = SeededRandom(seed: 7)
        let pieces = ["plain", "quote \" and \\ back", "tab\tnew\nline", "ctrl \u{1}\u{1F}", "é 中文 🏳️‍🌈", ""]
        func text() -> String { (0..<Int.random(in: 1...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined(separator: " ") }
        return (0..<count).map { n in
            let maybe = { Bool.random(using: &random) }
            var provenance = Provenance(generator: maybe() ? "openai" : "offline-template")
            if maybe() { provenance.model = text() }
            if maybe() { provenance.seed = "\(n)" }
            if maybe() { provenance.createdAt = "2026-11-23T10:00:00Z" }
            if maybe() { provenance.templates = ["planner": text(), "judge": text()] }
            if maybe() { provenance.judge = text() }
            if maybe() { provenance.exchanges = [Exchange(role: "attacker", request: text(), response: text(), status: maybe() ? 200 : nil)] }
            if maybe() { provenance.source = text() }
            if maybe() { provenance.format = "trl-standard" }
            let turns = (0..<Int.random(in: 1...3, using: &random)).map { k in
                Turn(role: k % 2 == 0 ? "user" : "assistant", content: text(), name: maybe() ? text() : nil)
            }
            return PreferencePair(spec: maybe() ? text() : nil, specRevision: maybe() ? n : nil, instantiation: maybe() ? text() : nil,
                                  rules: maybe() ? [] : [text(), "r.\(n)"], prompt: turns, chosen: text(), rejected: text(),
                                  strategy: maybe() ? "role-play" : nil, provenance: provenance)
        }
    }

    @Test func theDirectSnapshotIsTheCodableOne() throws {
        for pair in Self.variedPairs(300) {
            let direct = pair.snapshot
            #expect(direct == (try SnapshotCoding.flatten(pair, groups: [])))
            #expect(try SnapshotCoding.unflatten(try SnapshotCoding.decode(SnapshotCoding.encode(direct)), as: PreferencePair.self) == pair)
        }
    }

    @Test func theContentIDDependsOnContentOnly() {
        let a = Self.pair(1), b = Self.pair(1)
        #expect(a.id == b.id)
        #expect(a.id.hasPrefix("p-") && a.id.count == 18)
        #expect(a.id.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        var other = Self.pair(1)
        other.provenance.source = "elsewhere"
        #expect(PreferencePair(spec: other.spec, rules: other.rules, prompt: other.prompt, chosen: other.chosen,
                               rejected: other.rejected, provenance: other.provenance).id == a.id, "provenance is not content")
        #expect(Self.pair(2).id != a.id)
        #expect(Self.pair(1, spec: nil).id != a.id)
        // The separators keep neighbouring fields apart.
        let split1 = PreferencePair(prompt: [Turn(role: "user", content: "ab")], chosen: "c", rejected: "d", provenance: Provenance(generator: "x"))
        let split2 = PreferencePair(prompt: [Turn(role: "user", content: "a")], chosen: "bc", rejected: "d", provenance: Provenance(generator: "x"))
        #expect(split1.id != split2.id)
        // Pinned: IDs already stored in projects must not change.
        #expect(PreferencePair(prompt: [Turn(role: "user", content: "hi")], chosen: "hello", rejected: "go away",
                               provenance: Provenance(generator: "x")).id == "p-" + PreferencePair.sha256("\u{1F}user\u{1E}hi\u{1F}hello\u{1F}go away").prefix(16))
    }

    @Test func bulkImportKeepsTheFirstOfEachAndSkipsStoredOnes() throws {
        let directory = try StoreSettingsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/p.db", author: "t")
        _ = try store.savePairs([Self.pair(1), Self.pair(2)], message: "first")
        var duplicate = Self.pair(3)
        duplicate.provenance.source = "second copy"
        let report = try #require(try store.importPairs(message: "bulk") { writer in
            for n in [5, 3, 1, 4, 2] { try writer.add(Self.pair(n)) }
            try writer.add(duplicate)
            return true
        })
        #expect(report.added == 3)
        #expect(report.unchanged == 3, "1 and 2 were stored; 3 came twice")
        let stored = try store.pairs()
        #expect(stored.count == 5)
        #expect(try store.pair(Self.pair(3).id).pair.provenance.source == "f:3", "the first occurrence wins")
        #expect(try store.pair(Self.pair(4).id).status == "pending")
        #expect(try store.pair(Self.pair(4).id).revision == 1)
        #expect(try store.pairs(rule: "r").count == 5)
        // One changeset for the bulk import, and the versioned guards still hold afterwards.
        let again = try #require(try store.importPairs(message: "again") { writer in
            try writer.add(Self.pair(5))
            return true
        })
        #expect(again.added == 0 && again.unchanged == 1 && again.changeset == nil)
    }

    @Test func aDeclinedImportWritesNothing() throws {
        let directory = try StoreSettingsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/p.db", author: "t")
        let report = try store.importPairs(message: "bulk") { writer in
            for n in 0..<50 { try writer.add(Self.pair(n)) }
            return false
        }
        #expect(report == nil)
        #expect(try store.pairs().isEmpty)
        struct Stop: Error {}
        #expect(throws: StoreError.self) {
            try store.importPairs(message: "bulk") { writer in
                try writer.add(Self.pair(1))
                throw Stop()
            }
        }
        #expect(try store.pairs().isEmpty)
        // The staging table is gone with the transaction: the next import starts clean.
        let report2 = try #require(try store.importPairs(message: "bulk") { writer in
            try writer.add(Self.pair(9))
            return true
        })
        #expect(report2.added == 1 && report2.unchanged == 0)
    }

    /// While an import stages its pairs, the project is not locked: another writer with
    /// no patience at all (busy timeout 0) saves at once; nothing of the import shows
    /// until it finishes; and a pair that writer added meanwhile counts as already there.
    @Test func stagingLocksNothingAndSeesWhatOthersAddedMeanwhile() throws {
        let directory = try StoreSettingsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/p.db", author: "t")
        _ = try store.savePairs([Self.pair(1)], message: "first")
        let other = try ProjectStore(path: directory + "/p.db", author: "other", busyTimeout: 0)
        let report = try #require(try store.importPairs(message: "bulk") { writer in
            for n in 2...40 { try writer.add(Self.pair(n)) }
            #expect(try other.savePairs([Self.pair(7), Self.pair(100)], message: "meanwhile").added == 2)
            #expect(try other.pairs().count == 3, "the staged pairs are not visible")
            try writer.add(Self.pair(1))
            return true
        })
        #expect(report.added == 38)
        #expect(report.unchanged == 2, "1 was stored before; 7 was added while the import staged")
        #expect(try store.pairs().count == 41)
        #expect(try store.pair(Self.pair(7).id).revision == 1)
    }
}
