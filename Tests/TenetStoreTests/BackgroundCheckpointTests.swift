import Foundation
import GRDB
import Testing
@testable import TenetStore

/// The write-ahead log is copied into the database by a thread of its own, not inside the
/// commit that fills it — and it is still copied: the log does not grow without end.
@Suite struct BackgroundCheckpointTests {
    /// A pool whose writer carries a checkpointer that starts after `threshold` log pages.
    private static func pool(_ path: String, threshold: Int32) throws -> (DatabasePool, BackgroundCheckpoint) {
        let checkpoint = BackgroundCheckpoint(path: path, threshold: threshold)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            if !db.configuration.readonly { checkpoint.install(on: db) }
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        }
        return (pool, checkpoint)
    }

    /// The log's first salt: a new one each time the log starts over from its beginning.
    private static func salt(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path + "-wal")).prefix(20).suffix(4))
    }

    /// `count` commits of one row of 3 KB each (a page or two of log each).
    private static func commit(_ count: Int, to pool: DatabasePool) throws {
        let text = String(repeating: "x", count: 3000)
        for n in 0..<count {
            try pool.write { try $0.execute(sql: "INSERT INTO item (value) VALUES (?)", arguments: ["\(n) \(text)"]) }
        }
    }

    private static func frames(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0) / (4096 + 24)
    }

    /// Commits with pauses between them (a person reviewing): the background copies the log,
    /// the next commit starts it over, and no commit copied anything itself (the log never
    /// reached four times the threshold).
    ///
    /// Each commit is followed by its pause — the test waits for the background to be idle —
    /// so the checkpoint that the commit crossing the threshold starts runs with no commit
    /// after it, as between a person's decisions. (Fifty commits back to back, then one
    /// wait, made the outcome depend on timing: when a checkpoint finished between two of
    /// them, the log started over and the last commits stayed below the threshold, so
    /// nothing was left to start a copy in the pause.)
    @Test func betweenPausedCommitsTheBackgroundCopiesTheLog() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let (pool, checkpoint) = try Self.pool(scratch.path, threshold: 40)
        var commits = 0
        // 3 KB a commit, a page or two of log: the threshold is crossed within 40 commits.
        while checkpoint.completed == 0, commits < 200 {
            try Self.commit(1, to: pool)
            commits += 1
            checkpoint.wait()
        }
        #expect(checkpoint.completed == 1, "one checkpoint, started by the commit that crossed the threshold")
        let before = try Self.salt(scratch.path)
        let frames = try Self.frames(scratch.path)
        #expect(frames < 160, "below four times the threshold: no commit copied the log itself (\(frames) frames)")
        try pool.write { try $0.execute(sql: "INSERT INTO item (value) VALUES ('after the pause')") }
        #expect(try Self.salt(scratch.path) != before, "the log started over")
        #expect(try Self.frames(scratch.path) == frames, "from its beginning: the file did not grow")
        let other = try DatabaseQueue(path: scratch.path)
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") } == commits + 1)
    }

    /// Commits back to back, never a pause: the log still stays bounded (copied in a commit
    /// at four times the threshold), where without checkpoints it would hold every commit.
    @Test func backToBackCommitsKeepTheLogBounded() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let (pool, _) = try Self.pool(scratch.path, threshold: 20)
        try Self.commit(600, to: pool)
        let frames = try Self.frames(scratch.path)
        #expect(frames < 300, "the log stayed bounded (\(frames) frames; the 600 commits wrote over 1,200)")
        #expect(try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") } == 600)
    }

    /// Under a short threshold no checkpoint starts before it is reached.
    @Test func noCheckpointBelowTheThreshold() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let (pool, checkpoint) = try Self.pool(scratch.path, threshold: 10_000)
        for n in 0..<50 { try pool.write { try $0.execute(sql: "INSERT INTO item (value) VALUES (?)", arguments: ["\(n)"]) } }
        #expect(checkpoint.completed == 0)
        #expect(try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") } == 50)
    }

    /// A project's writing connection has SQLite's own checkpoint off (the query form of
    /// the pragma reads 0 when another log hook is in place), with a pool and with one
    /// connection alike.
    @Test(arguments: [DatabaseConnections.pool, .single])
    func aProjectsCommitsDoNotCheckpoint(_ connections: DatabaseConnections) throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, identity: .owner("t"), connections: connections)
        try store.setReviewSetting("overlap", "2")
        #expect(try store.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == 0)
        #expect(try store.synchronousMode() == 2)
    }
}
