import Foundation
import GRDB
import GRDBSQLite

/// Upgrades a project database, saying so on a terminal when it takes long: a million
/// pairs' revisions take a minute or more to re-index, and a command that sat silent that
/// long looked hung. After a second, standard error (only when it is a terminal) shows
/// `Upgrading the project database (v8-review-counts)… 12 s`, rewritten in place twice a
/// second, then `… done in 80 s`. SQLite calls back every million steps of its virtual
/// machine (a few milliseconds of work): the clock is read no more often than that.
enum MigrationProgress {
    static func migrate(_ migrator: DatabaseMigrator, _ pool: some DatabaseWriter) throws {
        guard isatty(STDERR_FILENO) == 1 else { return try migrator.migrate(pool) }
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        let pending = migrator.migrations.filter { !applied.contains($0) }
        guard !pending.isEmpty, !applied.isEmpty else { return try migrator.migrate(pool) }   // a new project: nothing to wait for
        let report = Report()
        let context = Unmanaged.passRetained(report)
        defer { context.release() }
        pool.writeWithoutTransaction { db in
            sqlite3_progress_handler(db.sqliteConnection, 1_000_000, { context in
                Unmanaged<Report>.fromOpaque(context!).takeUnretainedValue().tick()
                return 0
            }, context.toOpaque())
        }
        defer { pool.writeWithoutTransaction { db in sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) } }
        for name in pending {
            report.start(name)
            try migrator.migrate(pool, upTo: name)
            report.finish()
        }
    }

    /// What the terminal was last told, and when.
    private final class Report {
        private var name = ""
        private var started = 0.0, shown = 0.0
        private var showing = false

        func start(_ name: String) {
            self.name = name
            started = Self.now()
            shown = started
            showing = false
        }

        func tick() {
            let now = Self.now()
            guard now - started >= 1, now - shown >= 0.5 else { return }
            shown = now
            showing = true
            Self.write("\r\u{1B}[KUpgrading the project database (\(name))… \(Int(now - started)) s")
        }

        func finish() {
            guard showing else { return }
            Self.write("\r\u{1B}[KUpgrading the project database (\(name))… done in \(Int((Self.now() - started).rounded())) s\n")
        }

        private static func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }

        private static func write(_ text: String) {
            var text = text
            text.withUTF8 { _ = Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
    }
}
