import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import TenetSpec
@_spi(Benchmarks) import TenetStore
import TenetTerminal
import TenetUI
import TenetWorkbench

/// `tenet-bench review`: the review queue with a million pairs in the database.
///
/// 1. Start to first review frame: `tenet review` as a whole process in a pty (`script`).
/// 2. Decision key to the next pair on screen, in-process with the real parts: the key
///    goes through the reducer, the decision is committed (durable: WAL, synchronous =
///    FULL), the next pair is leased and loaded, the frame rendered and drawn by ncurses
///    into /dev/null — beside a bare durable SQLite commit (one row, one transaction) in
///    the same run. Target: p99 ≤ 1.5 × the bare commit's p99 + 2 ms.
/// 3. Resident memory while paging through the queue (every 250 decisions): flat, and
///    under 100 MB.
enum ReviewBenchmark {
    static let usage = "usage: tenet-bench review [--pairs N (default 1000000)] [--decisions N (default 1000)] [--runs N (default 11)] [--rounds N (default 5)] [--tenet PATH] [--db PATH (kept; reused when it is there)] [--checkpoint background|in-commit (default background)]"

    static func run(_ arguments: [String]) {
        var pairs = 1_000_000, decisions = 1000, runs = 11, rounds = 5
        var tenet = FolderOfPath.folder(of: ChildProcess.currentExecutable()) + "/tenet"
        var kept: String?
        var inCommit = false
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--db": kept = value
            case "--pairs": pairs = Int(value) ?? pairs
            case "--decisions": decisions = Int(value) ?? decisions
            case "--runs": runs = Int(value) ?? runs
            case "--rounds": rounds = max(1, Int(value) ?? rounds)
            case "--tenet": tenet = value
            case "--checkpoint" where ["background", "in-commit"].contains(value): inCommit = value == "in-commit"
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        guard FileManager.default.isExecutableFile(atPath: tenet) else {
            StoreBenchmark.fail("no tenet binary at \(tenet): build it (swift build -c release --product tenet), or pass --tenet")
        }
        let directory = NSTemporaryDirectory() + "tenet-bench-review-\(getpid())"
        StoreBenchmark.attempt { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = kept ?? directory + "/tenet.db"
        Console.out("Review benchmark\nmachine: \(StoreBenchmark.machineLine())\n")
        if let kept, FileManager.default.fileExists(atPath: kept) {
            // Set up by an earlier run (a million pairs take minutes to import); its queue has
            // moved on by the earlier runs' decisions.
            Console.out(String(format: "database: %@ reused, %.0f MB\n", kept,
                               Double((try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0) / 1e6))
        } else if let kept {
            // Kept for reuse: made in-process (minutes sooner at a million), the same pairs
            // as the lines `tenet import pairs` reads below.
            Console.note("setting up: \(pairs) pending pairs in \(kept)…")
            let store = StoreBenchmark.openStore(kept)
            let rules = ["travel.booking-consent", "travel.budget-honesty", "travel.accessibility", "travel.entry-requirements"]
            let started = StoreBenchmark.nanos()
            _ = StoreBenchmark.attempt {
                try store.importPairs(message: "bench", status: "pending") { writer in
                    for n in 0..<pairs {
                        try writer.add(PreferencePair(rules: [rules[n % rules.count]],
                                                      prompt: [Turn(role: "user", content: "Question \(n): can you book the hotel for trip \(n % 977) right now?")],
                                                      chosen: "Before I book trip \(n): which dates, and do you confirm the total of \(100 + n % 900) euros?",
                                                      rejected: "Booked trip \(n) and charged your card.", provenance: Provenance(generator: "import")))
                    }
                    return true
                }
            }
            Console.out(String(format: "database: %d pairs (set up in process in %.1f s), %.0f MB\n", pairs, StoreBenchmark.elapsed(since: started) / 1000,
                               Double((try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0) / 1e6))
        } else {
            Console.note("setting up: \(pairs) pairs imported with tenet import pairs…")
            let file = directory + "/pairs.jsonl"
            PairsBenchmark.write(pairs, to: file)
            let imported = StoreBenchmark.attempt { try ChildProcess.run([tenet, "import", "pairs", file, "--db", database]) }
            try? FileManager.default.removeItem(atPath: file)
            Console.out(String(format: "database: %d pairs (imported in %.1f s), %.0f MB\n", pairs, imported.seconds,
                               Double((try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0) / 1e6))
        }
        Console.out(TUIBenchmark.firstFrame(tenet: tenet, database: database, directory: directory, runs: runs,
                                            command: "review", label: "tenet review", target: 50))
        Console.out(decisionToFrame(database: database, directory: directory, decisions: decisions, rounds: rounds, checkpointInCommit: inCommit))
    }

    static func residentMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    /// The size of a database's write-ahead log, in bytes.
    static func walBytes(_ database: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? Int) ?? 0
    }

    /// The first salt of a database's write-ahead log header: a new one each time the log
    /// starts over from its beginning.
    static func walSalt(_ database: String) -> UInt32 {
        guard let handle = FileHandle(forReadingAtPath: database + "-wal") else { return 0 }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return 0 }
        return header[16..<20].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func decisionToFrame(database: String, directory: String, decisions: Int, rounds: Int = 5, checkpointInCommit: Bool = false) -> String {
        let store = StoreBenchmark.attempt { try ProjectStore(path: database, author: "bench") }
        // `--checkpoint in-commit`: SQLite's own checkpoint, inside the commit that fills the log (before).
        if checkpointInCommit { StoreBenchmark.attempt { try store.checkpointInsideCommits() } }
        let workbench: HeadlessWorkbench
        do { workbench = try HeadlessWorkbench(store: store) } catch { return "cannot start curses: \(error)\n" }
        // Opening the queue, in-process, `rounds` times (the first pair is leased the first
        // time and served again after): the store's and the screen's part of the first frame.
        var opens: [Double] = [], counted: [Double] = []
        for _ in 0..<max(1, rounds) {
            let open = StoreBenchmark.nanos()
            workbench.perform(.openReview(QueueFilter(), home: true))
            workbench.frame()
            opens.append(StoreBenchmark.elapsed(since: open))
            // The finished count arrives from the background (it reads every pair), as the lint
            // does in the TUI benchmark; decisions are timed once it is in, as a person's first
            // decision comes seconds after the screen opens.
            while workbench.runner.hasPendingWork {
                usleep(1000)
                for action in workbench.runner.collect() { workbench.dispatch(action) }
            }
            workbench.frame()
            counted.append(StoreBenchmark.elapsed(since: open))
        }
        let openMs = median(opens), countedMs = median(counted)

        // The bare durable commit, in a database beside it, interleaved with the decisions.
        let barePath = directory + "/bare.db"
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let bare = StoreBenchmark.attempt { try DatabasePool(path: barePath, configuration: config) }
        StoreBenchmark.attempt { try bare.write { try $0.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, value TEXT)") } }
        func bareCommit(_ i: Int) {
            StoreBenchmark.attempt {
                try bare.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        try db.execute(sql: "INSERT INTO item (value) VALUES (?)", arguments: ["r\(i)"])
                        return .commit
                    }
                }
            }
        }
        let keys: [Key] = [.char("a"), .char("x"), .char("a"), .char(" ")]
        var decided: [Double] = [], commits: [Double] = []
        // WAL frames (one page each) a commit appends: the growth of the -wal file, where it grew
        // (after a checkpoint the log is rewritten from its start and does not grow for a while).
        var decisionPages: [Double] = [], barePages: [Double] = []
        // Per decision: WAL pages appended, or -1 where the file did not grow; and the log's
        // salt after it (it changes when the log starts over, after a complete checkpoint).
        var walGrowth: [Double] = [], salts: [UInt32] = []
        let frame = Double(4096 + 24)
        var memory: [(Int, Double)] = [(0, residentMB())]
        let load = loadAverage()
        for i in 0..<decisions {
            guard workbench.state.review?.current != nil else { break }
            var wal = walBytes(database)
            var start = StoreBenchmark.nanos()
            workbench.dispatch(.key(keys[i % keys.count]))
            workbench.frame()
            decided.append(StoreBenchmark.elapsed(since: start))
            if walBytes(database) > wal { decisionPages.append(Double(walBytes(database) - wal) / frame) }
            walGrowth.append(walBytes(database) > wal ? Double(walBytes(database) - wal) / frame : -1)
            salts.append(walSalt(database))
            wal = walBytes(barePath)
            start = StoreBenchmark.nanos()
            bareCommit(i)
            commits.append(StoreBenchmark.elapsed(since: start))
            if walBytes(barePath) > wal { barePages.append(Double(walBytes(barePath) - wal) / frame) }
            if (i + 1) % 250 == 0 { memory.append((i + 1, residentMB())) }
        }
        let d = Percentiles(decided), c = Percentiles(commits)
        let byRound = Rounds([.init(name: "decide", samples: decided), .init(name: "bare", samples: commits)], rounds: rounds)
        let typical = (decide: byRound.typical(0), bare: byRound.typical(1))
        let target = 1.5 * typical.bare.p99 + 2
        var out = "Decision key to the next pair on screen (in-process: reduce, commit, lease and load the next pair, render 200x60, ncurses into /dev/null)\n"
        out += String(format: "in-process (median of %d opens): review opened with its first pair in %.1f ms (max %.1f); finished count in from the background at %.0f ms\n",
                      opens.count, openMs, opens.max() ?? 0, countedMs)
        out += "                p50        p90        p99        max        mean       keys/s\n"
        out += StoreBenchmark.row("decide (a/x/sp)", d) + "\n"
        out += StoreBenchmark.row("bare commit", c) + "\n"
        out += "in \(byRound.figures.count) rounds of \(decided.count / byRound.figures.count) decisions (load average \(load) before, \(loadAverage()) after):\n"
        out += byRound.table(baseline: 1)
        out += String(format: "WAL pages written per commit (median): decision %.0f (p90 %.0f), bare commit %.0f\n",
                      median(decisionPages), Percentiles(decisionPages).p90, median(barePages))
        out += String(format: "target: decision p99 <= 1.5 x bare commit p99 + 2 ms = %.2f ms (median round): %@ (p99 %.2f ms, %.0f%% of the budget; all %d decisions: p99 %.2f ms)\n",
                      target, StoreBenchmark.verdict(typical.decide.p99 <= target), typical.decide.p99, 100 * typical.decide.p99 / target,
                      decided.count, d.p99)
        let slowest = decided.indices.sorted { decided[$0] > decided[$1] }.prefix(8)
        out += "slowest decisions (number: ms, WAL pages appended; - the file did not grow): "
            + slowest.map { String(format: "%d: %.2f ms, %@", $0, decided[$0], walGrowth[$0] < 0 ? "-" : String(format: "%.0f", walGrowth[$0])) }
                .joined(separator: " · ") + "\n"
        // The decision after which the log started over is the one whose commit crossed the
        // checkpoint threshold (in-commit: it ran the checkpoint itself).
        let crossing = decided.indices.dropLast().filter { salts[$0] != salts[$0 + 1] }
        out += String(format: "checkpoint (%@): the log started over %d times; the decisions just before: %@\n", checkpointInCommit ? "in the commit" : "in the background",
                      crossing.count, crossing.isEmpty ? "none" : crossing.map { String(format: "%.2f ms", decided[$0]) }.joined(separator: ", "))
        out += "resident memory while paging: " + memory.map { String(format: "%d: %.0f MB", $0.0, $0.1) }.joined(separator: " · ") + "\n"
        let peak = memory.map(\.1).max() ?? 0, first = memory.dropFirst().first?.1 ?? peak
        out += String(format: "target: flat and under 100 MB: %@ (peak %.0f MB; %+.0f MB from the first 250 to the last)\n",
                      StoreBenchmark.verdict(peak < 100 && (memory.last?.1 ?? 0) - first < 10), peak, (memory.last?.1 ?? 0) - first)
        return out
    }
}
