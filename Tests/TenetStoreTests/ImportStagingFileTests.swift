import Foundation
import GRDB
import Testing
import TenetSpec
@testable import TenetStore

/// The import's staging file: records come back in key order, SQLite's order for text, the
/// first of each key only, whether they stayed in memory or went through many sorted runs
/// of the file; the file is never visible in its directory; memory is bounded by the run.
@Suite struct ImportStagingFileTests {
    /// Random keys — many repeated, some prefixes of others, some not ASCII — with values of
    /// every size (empty, and larger than a run's read buffer).
    static func records(count: Int, seed: UInt64) -> [(key: [UInt8], value: [UInt8])] {
        var random = SeededRandom(seed: seed)
        let alphabet = ["a", "b", "-", "p", "0", "é", "\u{1F600}"]
        var keys: [String] = []
        var out: [(key: [UInt8], value: [UInt8])] = []
        for n in 0..<count {
            let key: String
            if !keys.isEmpty, random.int(in: 0...3) == 0 {
                key = random.element(of: keys)!                        // a repeat
            } else if !keys.isEmpty, random.int(in: 0...7) == 0 {
                key = String(random.element(of: keys)!.dropLast())      // a prefix (maybe empty)
            } else {
                key = (0...random.int(in: 0...11)).map { _ in random.element(of: alphabet)! }.joined()
            }
            keys.append(key)
            let size = n % 97 == 0 ? ImportStagingFile.readBytes + 1_000 : random.int(in: 0...300)
            let value = [UInt8]("\(n):".utf8) + (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            out.append((Array(key.utf8), value))
        }
        return out
    }

    /// What should come back: SQLite orders the distinct keys (the project's B-tree order),
    /// and the first record of each key is kept.
    static func expected(_ records: [(key: [UInt8], value: [UInt8])]) throws -> [(key: [UInt8], value: [UInt8])] {
        var first: [[UInt8]: [UInt8]] = [:]
        for (key, value) in records where first[key] == nil { first[key] = value }
        let order = try DatabaseQueue().write { db -> [[UInt8]] in
            try db.execute(sql: "CREATE TABLE k (key TEXT)")
            for key in first.keys {
                try db.execute(sql: "INSERT INTO k VALUES (?)", arguments: [String(decoding: key, as: UTF8.self)])
            }
            return try String.fetchAll(db, sql: "SELECT key FROM k ORDER BY key").map { Array($0.utf8) }
        }
        return order.map { ($0, first[$0]!) }
    }

    static func readBack(_ staging: ImportStagingFile) throws -> [(key: [UInt8], value: [UInt8])] {
        var out: [(key: [UInt8], value: [UInt8])] = []
        try staging.forEachFirstInKeyOrder { key, value in out.append((Array(key), Array(value))) }
        return out
    }

    @Test(arguments: [1, 2, 3])
    func recordsComeBackInKeyOrderFirstOfEachKey(seed: UInt64) throws {
        let directory = try StoreSettingsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let records = Self.records(count: 3_000, seed: seed)
        let expected = try Self.expected(records)
        #expect(expected.count < records.count, "the input repeats keys")

        for runBytes in [ImportStagingFile.defaultRunBytes, 20_000, 1] {
            let staging = ImportStagingFile(runBytes: runBytes, directory: directory)
            for (key, value) in records {
                try key.withUnsafeBytes { key in try value.withUnsafeBytes { try staging.add(key: key, value: $0) } }
            }
            #expect(staging.count == records.count)
            let back = try Self.readBack(staging)
            #expect(back.count == expected.count, "run of \(runBytes) bytes")
            #expect(zip(back, expected).allSatisfy { $0.key == $1.key && $0.value == $1.value }, "run of \(runBytes) bytes")
            if runBytes == ImportStagingFile.defaultRunBytes { #expect(staging.spilledRuns == 0) }
            else { #expect(staging.spilledRuns > 10, "run of \(runBytes) bytes: \(staging.spilledRuns) runs") }
        }
    }

    /// The file is unlinked as soon as it is made: the directory is empty while records are
    /// staged and read back, and after; and the memory held is one run (plus one record),
    /// however many records there are.
    @Test func theFileIsNeverVisibleAndMemoryIsOneRun() throws {
        let directory = try StoreSettingsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runBytes = 10_000
        let staging = ImportStagingFile(runBytes: runBytes, directory: directory)
        let value = [UInt8](repeating: 0x61, count: 500)
        var largest = 0
        for n in 0..<5_000 {
            try staging.add(key: "p-\(n * 7919 % 5_000)", value: value)
            largest = max(largest, staging.heldBytes)
        }
        #expect(staging.spilledRuns >= 200)
        #expect(largest < runBytes + 600, "held \(largest) bytes for runs of \(runBytes)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        var seen = 0
        var listedMidway: [String]?
        try staging.forEachFirstInKeyOrder { _, _ in
            seen += 1
            if seen == 2_500 { listedMidway = try FileManager.default.contentsOfDirectory(atPath: directory) }
        }
        #expect(listedMidway == [])
        #expect(seen == 5_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    /// A directory the file cannot be made in is a clear error, not a crash.
    @Test func anUnwritableDirectoryIsAClearError() throws {
        let staging = ImportStagingFile(runBytes: 10, directory: "/nonexistent-tenet-directory")
        #expect(throws: StoreError.self) {
            for n in 0..<10 { try staging.add(key: "k\(n)", value: [1, 2, 3]) }
        }
    }
}
