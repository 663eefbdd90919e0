import Foundation
import TenetSpec

/// `tenet-bench startup`: what a whole `tenet` process costs for one small edit — the
/// price every scripted and every served command pays — beside a bare `sqlite3` process
/// committing one row with `synchronous = FULL` to a copy of the same project database.
/// Also `tenet --version` (start-up and argument parsing, no database) beside `/bin/true`.
/// Interleaved runs after one warm-up each; wall time from spawn to reaped, CPU time
/// (user + system) from `wait4`.
enum StartupBenchmark {
    static let usage = "usage: tenet-bench startup [--runs N (default 101)] [--tenet PATH]"
    /// `tenet rule set` within this many times the bare commit's wall time (issue 21).
    static let target = 2.0

    static func run(_ arguments: [String]) {
        var runs = 101
        var tenet = FolderOfPath.folder(of: ChildProcess.currentExecutable()) + "/tenet"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--runs": runs = max(1, Int(value) ?? runs)
            case "--tenet": tenet = value
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        guard let sqlite = ChildProcess.which("sqlite3") else {
            StoreBenchmark.fail("tenet-bench startup: the `sqlite3` command is not on PATH; install sqlite3 to compare against it")
        }
        Console.out("Start-up benchmark\nmachine: \(StoreBenchmark.machineLine())\n")

        let directory = NSTemporaryDirectory() + "tenet-bench-startup-\(getpid())"
        let project = directory + "/project.db", bare = directory + "/bare.db"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        StoreBenchmark.attempt {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = try ChildProcess.run([tenet, "import", "spec", "SampleSpecs/travel-planning.md", "--db", project])
            // The baseline writes to a copy of the same database: the same schema to read,
            // the same WAL mode, one row in a table of its own.
            try FileManager.default.copyItem(atPath: project, toPath: bare)
            _ = try ChildProcess.run([sqlite, bare, "CREATE TABLE bench_commit(x INTEGER)"])
        }

        // Each edit changes the rule (the priority alternates), so each is a commit.
        var edits = 0
        func ruleSet() -> [String] {
            edits += 1
            return [tenet, "rule", "set", "travel.accessibility", "--priority", "\(edits % 2 + 1)", "--db", project]
        }
        let sides: [(name: String, command: () -> [String])] = [
            ("sqlite3: one FULL commit", { [sqlite, bare, "PRAGMA synchronous = FULL; INSERT INTO bench_commit VALUES (1);"] }),
            ("tenet rule set", ruleSet),
            ("/bin/true", { ["/bin/true"] }),
            ("tenet --version", { [tenet, "--version"] }),
        ]
        var samples = Array(repeating: [Measurement](), count: sides.count)
        for run in 0...runs {
            for (index, side) in sides.enumerated() {
                let measurement = StoreBenchmark.attempt { try ChildProcess.run(side.command()) }
                if run > 0 { samples[index].append(measurement) }   // run 0 is the warm-up
            }
        }

        let wall = samples.map { Percentiles($0.map { $0.seconds * 1000 }) }
        let cpu = samples.map { Percentiles($0.map { $0.cpuSeconds * 1000 }) }
        var out = "\(runs) interleaved runs of each after one warm-up (milliseconds)\n"
        out += "                              wall p50   wall p99    CPU p50    CPU p99\n"
        for (index, side) in sides.enumerated() {
            out += side.name.padding(toLength: 28, withPad: " ", startingAt: 0)
                + String(format: "%10.1f %10.1f %10.1f %10.1f\n", wall[index].p50, wall[index].p99, cpu[index].p50, cpu[index].p99)
        }
        let ratio = wall[1].p50 / wall[0].p50
        out += String(format: "\ntenet rule set / sqlite3 commit: wall p50 %.2f×, p99 %.2f×, CPU p50 %.2f×   target wall p50 <= %.1f×: %@\n",
                      ratio, wall[1].p99 / wall[0].p99, cpu[1].p50 / max(cpu[0].p50, 0.001), target, ratio <= target ? "MET" : "MISSED")
        out += String(format: "tenet --version / /bin/true:     wall p50 %.2f×, CPU p50 %.2f×\n",
                      wall[3].p50 / wall[2].p50, cpu[3].p50 / max(cpu[2].p50, 0.001))
        Console.out(out)
    }
}
