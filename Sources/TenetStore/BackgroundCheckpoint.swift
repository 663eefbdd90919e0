import Foundation
import GRDB
import GRDBSQLite

/// Copies the write-ahead log back into the database on a thread of its own, so that no
/// commit waits for it.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold: that
/// one commit (a review decision, say) then also copies thousands of log pages into a
/// large file and syncs it — tens of milliseconds at a million pairs, where a decision
/// takes one or two. Here the writing connection's log hook only notes that the log is
/// long and starts a passive checkpoint on a connection of its own, in the background;
/// the commit returns as soon as it is durable (the log itself is synced, `synchronous =
/// FULL`, before the hook is called). A passive checkpoint never blocks a writer or a
/// reader and is safe to interrupt: what it did not copy stays in the log.
///
/// The log starts over from its beginning only when a write begins after a checkpoint
/// copied all of it — between a person's decisions, for instance. Should commits follow
/// each other so closely that this never happens, the log is copied in the commit once it
/// reaches four times the threshold, as SQLite would: the log stays bounded.
final class BackgroundCheckpoint: @unchecked Sendable {
    /// Log pages after which a checkpoint starts, by default (SQLite's own default is
    /// 1,000; a decision writes ~10–20).
    static let defaultThreshold: Int32 = 4000

    private let path: String
    private let threshold: Int32
    private let queue = DispatchQueue(label: "tenet.checkpoint", qos: .utility)
    private let lock = NSLock()
    private var running = false
    /// Commits filled the log further while a checkpoint was running.
    private var again = false
    private var finished = 0

    init(path: String, threshold: Int32 = BackgroundCheckpoint.defaultThreshold) {
        self.path = path
        self.threshold = threshold
    }

    /// Checkpoints run to their end so far.
    var completed: Int {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }

    /// Replaces SQLite's automatic checkpoint on `db`, the writing connection. The
    /// checkpointer must live as long as that connection (the pool's configuration holds
    /// it, see ``DatabaseOpener``).
    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, name, pages in
            guard let context else { return SQLITE_OK }
            let checkpoint = Unmanaged<BackgroundCheckpoint>.fromOpaque(context).takeUnretainedValue()
            if pages >= 4 * checkpoint.threshold {
                // Commits so close together that the log never got copied to its end in
                // between (it starts over only then): copied here, in the commit, as SQLite
                // itself would, so that the log stays bounded.
                sqlite3_wal_checkpoint(connection, name)
            } else if pages >= checkpoint.threshold {
                checkpoint.start()
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Waits for a checkpoint in progress to end (tests read the log after it). Nothing
    /// waits at exit: a process that ends during a checkpoint leaves what it did not copy
    /// in the log, which a passive checkpoint always may.
    func wait() {
        queue.sync {}
    }

    /// Starts a checkpoint, or another one after the one running (which copies only the
    /// log as it was when it began).
    private func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !running else {
            again = true
            return
        }
        running = true
        queue.async { [self] in
            while true {
                checkpoint()
                lock.lock()
                finished += 1
                if !again {
                    running = false
                    lock.unlock()
                    return
                }
                again = false
                lock.unlock()
            }
        }
    }

    /// Pauses before trying again when a checkpoint could not copy the whole log (a reader
    /// still on an older snapshot, the log index busy for a moment): 10 ms, then longer.
    private static let retryPauses: [useconds_t] = [10_000, 20_000, 40_000, 80_000, 160_000]

    /// Copies the log, trying again after a pause while it could not copy all of it and no
    /// commit has come since (one that has will start another checkpoint anyway). On a
    /// loaded machine the first try can find the log's index busy or a reader still on an
    /// older snapshot; without trying again, a person's pause went by with the log uncopied.
    private func checkpoint() {
        for pause in Self.retryPauses {
            if copyLog() { return }
            lock.lock()
            let committedSince = again
            lock.unlock()
            if committedSince { return }
            usleep(pause)
        }
    }

    /// One passive checkpoint on a connection of its own; whether it copied the whole log.
    private func copyLog() -> Bool {
        var connection: OpaquePointer?
        defer { sqlite3_close(connection) }
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nil) == SQLITE_OK else { return false }
        // Waits out a moment's lock on the schema read below (the checkpoint itself, being
        // passive, never waits).
        sqlite3_busy_timeout(connection, 1000)
        // The database file is synced after the copy, before the log may be started over.
        // A connection finds the database in WAL mode only once it has read it: until then
        // a checkpoint does nothing.
        guard sqlite3_exec(connection, "PRAGMA synchronous = FULL; SELECT 1 FROM sqlite_schema LIMIT 1", nil, nil, nil) == SQLITE_OK else { return false }
        var logged: Int32 = 0, copied: Int32 = 0
        guard sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, &logged, &copied) == SQLITE_OK else { return false }
        return copied >= logged
    }
}

extension ProjectStore {
    /// Puts SQLite's own checkpoint back on the writing connection — inside the commit that
    /// fills the log to 4,000 pages, as before ``BackgroundCheckpoint`` — for the review
    /// benchmark's before/after comparison only.
    @_spi(Benchmarks) public func checkpointInsideCommits() throws(StoreError) {
        try guarded { try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 4000") } }
    }
}
