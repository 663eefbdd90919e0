import Foundation
import Testing

/// `tenet import pairs` never locks the team out, with real processes: between the short
/// transactions it writes its batches in, other people's saves go through at once, and
/// saves with little patience never give up; a killed import leaves nothing visible and
/// the database whole (the next import deletes what it left); a finished one is all there.
@Suite struct ImportLockoutTests {
    let directory: String
    var db: String { directory + "/tenet.db" }

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", db], in: directory, environment: ["TENET_USER": "alice"].merging(environment) { $1 })
    }

    /// `count` distinct TRL lines; returns the file's path.
    func pairsFile(_ count: Int) throws -> String {
        let path = directory + "/pairs.jsonl"
        var text = ""
        for n in 0..<count {
            text += #"{"prompt": [{"role": "user", "content": "Question \#(n): can you book trip \#(n)?"}], "chosen": [{"role": "assistant", "content": "Which dates for trip \#(n)?"}], "rejected": [{"role": "assistant", "content": "Booked trip \#(n)."}], "rule_ids": ["travel.booking-consent"]}"#
            text += "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs SQL on the project with Python's sqlite3 (another program than Tenet) and
    /// returns the first column of each row.
    func sql(_ query: String) throws -> [String] {
        let result = try TenetProcess.runProgram("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for row in db.execute(sys.argv[2]): print(row[0])
            """, db, query])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// Pairs anyone can see: those not in an import batch still being written.
    func pairCount() throws -> Int {
        Int(try sql("""
            SELECT count(*) FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'pair' AND r.changeset NOT IN (SELECT changeset FROM import_batch)
            """).first ?? "") ?? -1
    }

    /// Pair rows, seen or not.
    func storedPairRows() throws -> Int { Int(try sql("SELECT count(*) FROM entity WHERE kind = 'pair'").first ?? "") ?? -1 }

    /// Whether someone holds the project's write lock right now (a write with no patience
    /// at all is refused).
    func writeLocked() throws -> Bool {
        let result = try TenetProcess.runProgram("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE"); db.execute("ROLLBACK"); print("free")
            except sqlite3.OperationalError:
                print("locked")
            """, db])
        return result.stdout.contains("locked")
    }

    /// `tenet import pairs FILE`, started, its output dropped.
    func startImport(_ file: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TenetProcess.binary)
        process.arguments = ["import", "pairs", file, "--db", db]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(["TENET_USER": "alice"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts `tenet import pairs FILE` and returns it once it has read part of the file but
    /// not all of it (its read offset, from `/proc`), stopped with SIGSTOP there, between two
    /// of its write transactions (stopped inside one, it is let go and caught again a moment
    /// later); `nil` if it read the whole file before it could be caught (the caller tries
    /// again).
    func importStoppedMidway(_ file: String) throws -> Process? {
        let process = try startImport(file)
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if let offset = Self.readOffset(pid: process.processIdentifier, of: file), offset > 0 {
                kill(process.processIdentifier, SIGSTOP)
                let stoppedAt = Self.readOffset(pid: process.processIdentifier, of: file) ?? size
                if stoppedAt >= size {
                    kill(process.processIdentifier, SIGCONT)
                    process.waitUntilExit()
                    return nil
                }
                if try !writeLocked() { return process }
                kill(process.processIdentifier, SIGCONT)
            }
            usleep(1_000)
        }
        process.waitUntilExit()
        return nil
    }

    /// Where process `pid` has read `path` to, from `/proc/PID/fdinfo`.
    static func readOffset(pid: Int32, of path: String) -> Int? {
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return nil }
        for fd in fds where (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) == path {
            guard let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(fd)", encoding: .utf8),
                  let line = info.split(separator: "\n").first(where: { $0.hasPrefix("pos:") }) else { return nil }
            return Int(line.dropFirst(4).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Stopped halfway through its file, an import holds no lock: a save with a 1 s busy
    /// timeout goes through, and no pair is visible yet. Let go, it finishes with every pair.
    @Test func aSaveGoesThroughWhileAnImportIsHalfwayAndTheFinishedImportIsComplete() throws {
        let file = try pairsFile(40_000)
        var stopped: Process?
        for _ in 0..<5 where stopped == nil { stopped = try importStoppedMidway(file) }
        let process = try #require(stopped, "the import was never caught halfway through its file")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let save = try run(["rule", "set", "travel.accessibility", "--rationale", "saved during an import"], environment: ["TENET_BUSY_TIMEOUT": "1"])
        #expect(save.status == 0, "a save was refused while the import was reading: \(save.stderr)")
        #expect(try pairCount() == 0, "nothing of the import is visible before it finishes")

        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try pairCount() == 40_000)
        #expect(try sql("SELECT count(*) FROM revision WHERE kind = 'pair'") == ["40000"])
        #expect(try run(["rule", "show", "travel.accessibility"]).stdout.contains("saved during an import"))
    }

    /// SIGKILL at any point — while reading, or while writing — leaves all or nothing, and
    /// a database that passes SQLite's integrity check; no file is left behind.
    @Test func aKilledImportLeavesNothingVisible() throws {
        let file = try pairsFile(30_000)
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        var stopped: Process?
        for _ in 0..<5 where stopped == nil { stopped = try importStoppedMidway(file) }
        let process = try #require(stopped, "the import was never caught halfway through its file")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try pairCount() == 0)
        #expect(try sql("PRAGMA integrity_check") == ["ok"])
        #expect(try sql("SELECT count(*) FROM changeset WHERE id NOT IN (SELECT changeset FROM import_batch)") == ["1"], "only the spec's import")
        #expect(try !run(["log"]).stdout.contains("import pairs"))
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(after.subtracting(before).subtracting(["tenet.db-wal", "tenet.db-shm"]).isEmpty, "left behind: \(after.subtracting(before))")

        // Killed at other moments (some in the final write): never a part of the file.
        for delay in [200_000, 600_000, 1_200_000] as [UInt32] {
            let again = try startImport(file)
            usleep(delay)
            kill(again.processIdentifier, SIGKILL)
            again.waitUntilExit()
            let count = try pairCount()
            #expect(count == 0 || count == 30_000, "killed after \(delay / 1000) ms: \(count) pairs visible")
            #expect(try sql("PRAGMA integrity_check") == ["ok"])
            if count == 30_000 { break }
        }
        let finished = try run(["import", "pairs", file])
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(try pairCount() == 30_000)
        // What the killed imports left is gone: one changeset for the spec, one for the pairs.
        #expect(try storedPairRows() == 30_000)
        #expect(try sql("SELECT count(*) FROM import_batch") == ["0"])
        #expect(try sql("SELECT count(*) FROM changeset") == ["2"])
        #expect(try sql("PRAGMA integrity_check") == ["ok"])
    }

    /// Three people save annotation edits again and again while a large import runs, each
    /// willing to wait 2 s for the lock: every save lands and the import is whole. The
    /// import writes 60,000 pairs in batches of a few thousand, each a short transaction
    /// (the batches' size is checked in `ImportBatchTests`), so a save waits for one batch at
    /// most — tens of milliseconds, far below 2 s even on a loaded machine; written in one
    /// transaction, as it was, the pairs kept such savers waiting past their timeout.
    @Test func writersRacingAnImportLoseNothing() throws {
        let file = try pairsFile(60_000)
        let importer = try startImport(file)
        let rules = ["travel.accessibility", "travel.budget-honesty", "travel.booking-consent"]
        let failures = Lines()
        let lastSaves = Lines()
        DispatchQueue.concurrentPerform(iterations: rules.count) { k in
            var n = 0
            // Saves until the import is done (and at least a few).
            while importer.isRunning || n < 3 {
                n += 1
                do {
                    let save = try run(["rule", "set", rules[k], "--rationale", "writer \(k) save \(n)."],
                                       environment: ["TENET_BUSY_TIMEOUT": "2"])
                    if save.status != 0 { failures.add("writer \(k) save \(n): \(save.stderr)") }
                } catch {
                    failures.add("\(error)")
                }
            }
            lastSaves.add("writer \(k) save \(n).")
        }
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try pairCount() == 60_000)
        for (k, rule) in rules.enumerated() {
            let shown = try run(["rule", "show", rule]).stdout
            #expect(lastSaves.all.contains { shown.contains($0) && $0.hasPrefix("writer \(k) ") }, "\(rule): the last save is not there")
        }
    }

    /// Lines collected from several threads.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ text: String) { lock.withLock { list.append(text) } }
        var all: [String] { lock.withLock { list } }
    }
}
