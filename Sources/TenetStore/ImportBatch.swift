import Foundation
import GRDB

/// An import's rows while they are being written: `entity`/`revision` rows under a
/// changeset listed in `import_batch` (schema `v9-import-batches`). Nobody sees them —
/// every reader of pairs and of the history leaves the batch out (``shown(_:)``,
/// ``changesetShown(_:)``) and `pair_count` does not count them — until the import's last,
/// tiny transaction deletes the batch's row. A batch whose importer died is deleted by the
/// next import (``ProjectStore/removeAbandonedImports(_:)``), in short transactions too.
enum ImportBatch {
    /// Rows per write transaction: small enough that others' saves wait a few tens of
    /// milliseconds for one, large enough that a commit's sync is paid rarely.
    static let rowsPerTransaction = 5_000

    /// Pauses after a batch's transaction for an eighth of the time it held the write lock
    /// (at least 2 ms, at most 125 ms). SQLite's locks are not fair: an importer that took
    /// the lock again at once would win nearly every time against a save waiting for it,
    /// and the save would wait for batch after batch. Tenet's connections poll for the lock
    /// every millisecond while they wait (``BusyPolling``), so a short gap lets a waiting
    /// save in; the gap grows with the batch's time when the machine is busy and a waiting
    /// process is slow to be scheduled.
    static func yieldLock(held nanoseconds: UInt64) {
        usleep(UInt32(min(max(nanoseconds / 8_000, 2_000), 125_000)))
    }

    /// Checks, once for a whole batch, the references its rows make — written with the
    /// connection's foreign keys off (``PairWriter``), which had SQLite look up, for every
    /// row, its changeset, its entity, and the revisions under the new entity. A batch's
    /// revisions and entities are made from the same rows by two statements of one
    /// transaction (the entities' fails on any ID already there), so each revision has its
    /// entity and each new entity has no revision before its own; what is left is the one
    /// changeset they all name, which must exist: else the batch is refused as SQLite
    /// would refuse it.
    static func checkReferences(_ db: Database, changeset: Int64?) throws {
        guard let changeset,
              try Bool.fetchOne(db, sql: "SELECT 1 FROM main.changeset WHERE id = ?", arguments: [changeset]) == true
        else {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY,
                                message: "FOREIGN KEY constraint failed: the import's changeset \(changeset.map(String.init) ?? "none") is gone")
        }
    }

    /// The SQL condition that a revision (alias `revision`, e.g. `r`, a pair's head) is not
    /// part of an unfinished import.
    static func shown(_ revision: String) -> String {
        "\(revision).changeset NOT IN (SELECT changeset FROM import_batch)"
    }

    /// The SQL condition that a changeset (alias `changeset`, e.g. `c`) is not an
    /// unfinished import.
    static func changesetShown(_ changeset: String) -> String {
        "\(changeset).id NOT IN (SELECT changeset FROM import_batch)"
    }

    /// Who writes a batch: this process, as `PID START` (the start time from `/proc`, so
    /// that a later process given the same PID is not taken for it).
    static var thisProcess: String { owner(pid: getpid()) ?? "\(getpid())" }

    static func owner(pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return "\(pid) \(fields[19])"
    }

    /// Whether the process that wrote `owner` is still running (then its batch is left alone).
    static func isAlive(_ owner: String) -> Bool {
        guard let pid = Int32(owner.split(separator: " ").first ?? "") else { return false }
        if let now = Self.owner(pid: pid) { return now == owner || !owner.contains(" ") }
        if FileManager.default.fileExists(atPath: "/proc/self/stat") { return false }
        return kill(pid, 0) == 0 || errno == EPERM     // no /proc: the PID alone
    }

    /// Deletes a batch of `owner` (this process, or one that died) — its rows a short
    /// transaction per ``rowsPerTransaction`` pairs, then, in a last one, its changeset and
    /// the batch itself. Until that last one the
    /// rows left stay hidden; a crash halfway leaves a batch the next import finishes
    /// deleting.
    static func remove(_ changeset: Int64, owner: String, on db: Database) throws {
        var done = false
        while !done {
            do {
                try db.inTransaction(.immediate) {
                    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM import_batch WHERE changeset = ? AND owner = ?",
                                             arguments: [changeset, owner]) == true
                    else { done = true; return .commit }
                    let rows = try Row.fetchAll(db, sql: "SELECT kind, id FROM revision WHERE changeset = ? LIMIT ?",
                                                arguments: [changeset, rowsPerTransaction])
                    let revision = try db.cachedStatement(sql: "DELETE FROM revision WHERE kind = ? AND id = ? AND changeset = ?")
                    let entity = try db.cachedStatement(sql: "DELETE FROM entity WHERE kind = ? AND id = ?")
                    for row in rows {
                        let kind: String = row[0], id: String = row[1]
                        try revision.execute(arguments: [kind, id, changeset])
                        try entity.execute(arguments: [kind, id])
                    }
                    if rows.isEmpty {
                        try db.execute(sql: """
                            DELETE FROM import_review WHERE changeset = ?;
                            DELETE FROM changeset WHERE id = ?;
                            DELETE FROM import_batch WHERE changeset = ?;
                            """, arguments: [changeset, changeset, changeset])
                        done = true
                    }
                    return .commit
                }
            }
        }
    }
}

extension ProjectStore {
    /// Deletes the batches of imports whose process is gone (killed, or the machine
    /// stopped): nothing of them was ever shown. Batches of running imports are left alone.
    func removeAbandonedImports(_ queue: DatabaseQueue) throws {
        let batches = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT changeset, owner FROM import_batch ORDER BY changeset")
        }
        for batch in batches where !ImportBatch.isAlive(batch["owner"]) {
            try queue.inDatabase { try ImportBatch.remove(batch["changeset"], owner: batch["owner"], on: $0) }
        }
    }
}
