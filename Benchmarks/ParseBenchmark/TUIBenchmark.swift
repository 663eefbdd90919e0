import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TenetSpec
import TenetStore
import TenetTerminal
import TenetUI
import TenetWorkbench

/// `tenet-bench tui`: the workbench on a synthetic spec of 5,000 rules.
///
/// 1. Start to first full frame, as whole `tenet` processes in a pseudo-terminal
///    (`script`): wall time from spawn to the moment the process drew its first frame
///    (it writes that time to `TENET_TRACE_FRAMES`), beside `tenet --version` as the
///    floor of starting any process.
/// 2. Key press to updated frame, in-process with the real parts: the reducer, the effect
///    runner on the SQLite file, render, and the ncurses adapter drawing into /dev/null.
///    Moving (j, page down), classifying (s/b, a store write each), searching.
enum TUIBenchmark {
    static let usage = """
        usage: tenet-bench tui [--rules N (default 5000)] [--runs N (default 15)] [--keys N (default 1000)]
                               [--tenet PATH (default: tenet beside tenet-bench)]
        """

    static func run(_ arguments: [String]) {
        var rules = 5000, runs = 15, keys = 1000
        var tenet = FolderOfPath.folder(of: ChildProcess.currentExecutable()) + "/tenet"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--rules": rules = Int(value) ?? rules
            case "--runs": runs = Int(value) ?? runs
            case "--keys": keys = Int(value) ?? keys
            case "--tenet": tenet = value
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        let directory = NSTemporaryDirectory() + "tenet-bench-tui-\(getpid())"
        StoreBenchmark.attempt { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/tenet.db"
        let specPath = directory + "/bench.md"
        StoreBenchmark.attempt { try spec(rules: rules).write(toFile: specPath, atomically: true, encoding: .utf8) }
        let store = StoreBenchmark.openStore(database)
        let report = StoreBenchmark.importFile(store, specPath, text: StoreBenchmark.attempt { try String(contentsOfFile: specPath, encoding: .utf8) })

        var out = "Workbench (TUI) benchmark\nmachine: \(StoreBenchmark.machineLine())\n"
        out += "spec: \(report.added.count) rules in \(rules / 50) sections, \((try? Data(contentsOf: URL(fileURLWithPath: specPath)).count) ?? 0) bytes\n"
        Console.out(out)
        if FileManager.default.isExecutableFile(atPath: tenet) {
            Console.out(firstFrame(tenet: tenet, database: database, directory: directory, runs: runs))
        } else {
            Console.note("note: no tenet binary at \(tenet); first-frame times skipped (build it, or pass --tenet)")
        }
        Console.out(keyToFrame(store: store, keys: keys))
    }

    /// A spec of `rules` rules, 50 per section, a third of them with a boundary example,
    /// kinds mixed and some unclassified.
    static func spec(rules: Int) -> String {
        var text = "# Benchmark workbench spec {#wb}\n\nA synthetic spec for the workbench benchmark.\n"
        let kinds = ["safety", "behavioral", "behavioral", "unclassified"]
        for n in 1...rules {
            if n % 50 == 1 { text += "\n## Section \(n / 50 + 1) {#wb.s\(n / 50 + 1)}\n" }
            let kind = kinds[n % kinds.count]
            text += "\n### Rule number \(n) {#wb.r\(n) \(kind == "unclassified" ? ".rule" : "kind=\(kind)")}\n\n"
            text += "When a user asks about case \(n), the assistant should answer **plainly**, cite `sources` and "
            text += "avoid guessing; if the request crosses into territory covered by rule \(n + 1), it explains why.\n"
            if n % 3 == 0 {
                text += "\n**Example** (BAD): guessing\n\n```chat\nuser: What about case \(n)?\nassistant: Probably fine.\n```\n"
            }
        }
        return text
    }

    static func firstFrame(tenet: String, database: String, directory: String, runs: Int, command subcommand: String = "",
                           label: String = "tenet (TUI)", target: Double = 100) -> String {
        func once() -> Double? {
            let trace = directory + "/trace-\(UUID().uuidString)"
            let command = "TENET_TRACE_FRAMES=\(trace) TENET_USER=bench TERM=xterm-256color exec \(tenet) \(subcommand) --db \(database)"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qfec", command, "/dev/null"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let input = Pipe()
            process.standardInput = input
            let start = wallNanos()
            guard (try? process.run()) != nil else { return nil }
            defer { try? FileManager.default.removeItem(atPath: trace) }
            var result: Double?
            for _ in 0..<2000 {
                if let text = try? String(contentsOfFile: trace, encoding: .utf8),
                   let line = text.split(separator: "\n").first(where: { $0.hasPrefix("first-frame ") }),
                   let at = UInt64(line.split(separator: " ")[1]) {
                    result = Double(at - start) / 1e6
                    break
                }
                usleep(2000)
            }
            input.fileHandleForWriting.write(Data("q".utf8))
            process.waitUntilExit()
            return result
        }
        let load = loadAverage()
        let versions = StoreBenchmark.wholeProcess([("version", [tenet, "--version"])], runs: runs)[0]
        _ = once()
        var frames: [Double] = []
        for _ in 0..<runs { if let ms = once() { frames.append(ms) } }
        guard !frames.isEmpty else { return "first frame: no frame seen (is `script` installed?)\n" }
        let p = Percentiles(frames), v = Percentiles(versions)
        var out = "Start to first full frame (whole process in a pty via script, \(frames.count) runs; load average \(load) before, \(loadAverage()) after)\n"
        out += "                p50        p90        p99        max        mean\n"
        out += StoreBenchmark.row(label, p, width: 16).dropLast(String(format: "%.0f", 1000 / p.mean).count) + "\n"
        out += StoreBenchmark.row("tenet --version", v, width: 16).dropLast(String(format: "%.0f", 1000 / v.mean).count) + "\n"
        out += String(format: "target: first frame under %.0f ms: %@ (p50 %.1f ms, %.2f× a bare process start, which is %.1f ms of it)\n",
                      target, StoreBenchmark.verdict(p.p50 < target), p.p50, p.p50 / v.p50, v.p50)
        return out
    }

    static func keyToFrame(store: ProjectStore, keys: Int) -> String {
        let workbench: HeadlessWorkbench
        do { workbench = try HeadlessWorkbench(store: store) } catch { return "cannot start curses: \(error)\n" }
        func frame() { workbench.frame() }
        func dispatch(_ action: Action) { workbench.dispatch(action) }
        let runner = workbench.runner
        let startLoad = StoreBenchmark.nanos()
        dispatch(.key(.char("j")))  // nothing loaded yet: ignored
        workbench.perform(.loadProject(select: nil))
        frame()
        let loadMs = StoreBenchmark.elapsed(since: startLoad)
        // The rest of the outline (examples, rationale, text) and the lint arrive from the background.
        while runner.hasPendingWork {
            usleep(1000)
            for action in runner.collect() { dispatch(action) }
        }
        frame()
        let detailsMs = StoreBenchmark.elapsed(since: startLoad)

        func measure(_ sequence: [Key]) -> [Double] {
            var times: [Double] = []
            for key in sequence {
                let start = StoreBenchmark.nanos()
                dispatch(.key(key))
                frame()
                times.append(StoreBenchmark.elapsed(since: start))
            }
            return times
        }
        let moves = measure(Array(repeating: .char("j"), count: keys))
        let pages = measure(Array(repeating: .pageDown, count: keys / 10) + Array(repeating: .pageUp, count: keys / 10))
        var classify: [Key] = []
        for i in 0..<(keys / 5) { classify += [i % 2 == 0 ? .char("s") : .char("b"), .char("j")] }
        let annotate = measure(classify).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let search = measure([.char("/")] + [Key].init("rule number 4999".map { Key.char($0) }) + [.enter])

        var out = "Key press to updated frame (in-process: reduce, effects on SQLite, render 200x60, ncurses into /dev/null)\n"
        out += String(format: "in-process: first frame %.1f ms; with examples, rationale and lint from the background %.1f ms\n", loadMs, detailsMs)
        out += "                p50        p90        p99        max        mean       keys/s\n"
        out += StoreBenchmark.row("move (j)", moves) + "\n"
        out += StoreBenchmark.row("page down/up", pages) + "\n"
        out += StoreBenchmark.row("classify (s/b)", annotate) + "\n"
        out += StoreBenchmark.row("search typing", search) + "\n"
        let worst = [moves, pages, annotate].map { Percentiles($0).p99 }.max() ?? 0
        out += String(format: "target: p99 under 16 ms while moving and annotating: %@ (worst p99 %.2f ms)\n",
                      StoreBenchmark.verdict(worst < 16), worst)
        return out
    }

    static func wallNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
