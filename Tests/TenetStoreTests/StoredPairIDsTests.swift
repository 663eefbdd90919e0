import Foundation
import GRDB
import Testing
@testable import TenetStore

/// An import asks whether pairs are stored in ascending ID order, a look-up answering many
/// IDs at once (``StoredPairIDs``): every answer is the stored set's.
@Suite struct StoredPairIDsTests {
    @Test func everyAnswerIsTheStoredSets() throws {
        let directory = try StoreSettingsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/p.db"
        // An empty project: the schema, nothing written.
        try ProjectStore(path: path, author: "t").createFile()
        // Short IDs over a small alphabet: many are prefixes of others, some are equal.
        var generator = SystemRandomNumberGenerator()
        func id() -> String { "p-" + String((0..<Int.random(in: 0...3, using: &generator)).map { _ in "ab\u{e9}".randomElement(using: &generator)! }) }
        let queue = try DatabaseQueue(path: path)
        for round in 0..<20 {
            let stored = Set((0..<(round % 5 == 0 ? 0 : 30)).map { _ in id() })
            try queue.write { db in
                try db.execute(sql: "DELETE FROM entity WHERE kind = 'pair'")
                for id in stored { try db.execute(sql: "INSERT INTO entity (kind, id, head_rev) VALUES ('pair', ?, 0)", arguments: [id]) }
                try db.execute(sql: "INSERT OR IGNORE INTO entity (kind, id, head_rev) VALUES ('rule', 'p-a', 0)")
            }
            let asked = (0..<60).map { _ in id() }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            try queue.read { db in
                var ids = try StoredPairIDs(RawStatements(db))
                for id in asked {
                    let found = try Array(id.utf8).withUnsafeBytes { try ids.contains($0) }
                    #expect(found == stored.contains(id), "\(id) in \(stored.sorted())")
                }
            }
        }
    }
}
