import Foundation
import TenetSpec
import TenetStore

/// `tenet-bench export`: `tenet export pairs` (trl) of a million accepted pairs, as a
/// whole process: pairs per second and peak memory, beside the same for a tenth of them
/// (flat memory means the two peaks are close).
enum ExportBenchmark {
    static let usage = """
        usage: tenet-bench export [--pairs N (default 1000000)] [--tenet PATH] [--before PATH] [--runs N (default 1)]
                                  [--keep DIR] [--format trl|openai|…]
          --before PATH  also export with this (older) tenet, alternating with --tenet on the same databases:
                         medians of wall and CPU time side by side, and whether the two outputs are the same bytes
          --keep DIR     keep the databases in DIR and reuse them when they are there (setting up a million pairs
                         takes minutes)
        """

    static func run(_ arguments: [String]) {
        var pairs = 1_000_000, runs = 1
        var tenet = FolderOfPath.folder(of: ChildProcess.currentExecutable()) + "/tenet"
        var before: String?, keep: String?, format = "trl"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--pairs": pairs = Int(value) ?? pairs
            case "--tenet": tenet = value
            case "--before": before = value
            case "--runs": runs = max(1, Int(value) ?? runs)
            case "--keep": keep = value
            case "--format": format = value
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        for binary in [tenet] + (before.map { [$0] } ?? []) where !FileManager.default.isExecutableFile(atPath: binary) {
            StoreBenchmark.fail("no tenet binary at \(binary)")
        }
        let scratch = NSTemporaryDirectory() + "tenet-bench-export-\(getpid())"
        let directory = keep ?? scratch
        StoreBenchmark.attempt { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        StoreBenchmark.attempt { try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true) }
        defer {
            try? FileManager.default.removeItem(atPath: scratch)
        }
        Console.out("Export benchmark\nmachine: \(StoreBenchmark.machineLine())\n")
        func database(_ count: Int) -> String {
            let path = directory + "/pairs-\(count).db"
            if keep != nil, FileManager.default.fileExists(atPath: path) {
                Console.note("reusing \(path)")
                return path
            }
            try? FileManager.default.removeItem(atPath: path)
            let store = StoreBenchmark.openStore(path)
            Console.note("setting up: \(count) accepted pairs…")
            _ = StoreBenchmark.attempt {
                try store.importPairs(message: "bench", status: "accepted") { writer in
                    for n in 0..<count {
                        try writer.add(PreferencePair(spec: "travel", rules: ["travel.booking-consent"],
                                                      prompt: [Turn(role: "user", content: "Question \(n): can you book the hotel for trip \(n % 977)?")],
                                                      chosen: "Before I book trip \(n): which dates, and do you confirm the total of \(100 + n % 900) euros?",
                                                      rejected: "Booked trip \(n) and charged your card.", strategy: "direct",
                                                      provenance: Provenance(generator: "offline-template")))
                    }
                    return true
                }
            }
            return path
        }
        let big = database(pairs), small = database(max(1, pairs / 10))
        struct Run { var seconds: Double; var cpu: Double; var peakMB: Double; var bytes: Int }
        func export(_ binary: String, _ db: String, _ out: String) -> Run {
            let measured = StoreBenchmark.attempt {
                try ChildProcess.run([binary, "export", "pairs", "--format", format, "--force", "--out", out, "--db", db])
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            return Run(seconds: measured.seconds, cpu: measured.cpuSeconds, peakMB: Double(measured.peakRSSKiB) / 1024, bytes: bytes)
        }
        var after: [Run] = [], old: [Run] = []
        for round in 0..<runs {
            // Alternating, the newer first on odd rounds: both sides see the same minutes' load.
            let order = round % 2 == 0 ? [false, true] : [true, false]
            for isOld in order {
                if isOld, let before { old.append(export(before, big, scratch + "/before.jsonl")) }
                else if !isOld { after.append(export(tenet, big, scratch + "/after.jsonl")) }
            }
        }
        let tenth = export(tenet, small, scratch + "/tenth.jsonl")
        func summary(_ runs: [Run]) -> (wall: Double, cpu: Double, peak: Double) {
            (median(runs.map(\.seconds)), median(runs.map(\.cpu)), runs.map(\.peakMB).max() ?? 0)
        }
        let now = summary(after)
        var out = "tenet export pairs (--format \(format), provenance columns), whole process, median of \(runs)\n"
        func row(_ label: String, _ count: Int, _ figures: (wall: Double, cpu: Double, peak: Double)) -> String {
            String(format: "  %-7@ %8d pairs  wall %7.2f s %9.0f pairs/s   CPU %7.2f s %9.0f pairs/s   peak %5.0f MB\n",
                   label, count, figures.wall, Double(count) / figures.wall, figures.cpu, Double(count) / figures.cpu, figures.peak)
        }
        out += row("after", pairs, now)
        if before != nil {
            let then = summary(old)
            out += row("before", pairs, then)
            out += String(format: "  after/before: wall %.2fx, CPU %.2fx; same bytes: %@ (%.0f MB)\n", now.wall / then.wall, now.cpu / then.cpu,
                          FileManager.default.contentsEqual(atPath: scratch + "/before.jsonl", andPath: scratch + "/after.jsonl") ? "yes" : "NO",
                          Double(after.last?.bytes ?? 0) / 1e6)
        }
        out += row("tenth", max(1, pairs / 10), (tenth.seconds, tenth.cpu, tenth.peakMB))
        let rate = Double(pairs) / now.wall, cpuRate = Double(pairs) / now.cpu
        out += String(format: "target: >= 300,000 pairs/s: %@ on wall (%.0f), %@ on CPU (%.0f); memory flat: %@ (peak %.0f MB vs %.0f MB for a tenth)\n",
                      StoreBenchmark.verdict(rate >= 300_000), rate, StoreBenchmark.verdict(cpuRate >= 300_000), cpuRate,
                      StoreBenchmark.verdict(now.peak < 1.5 * tenth.peakMB), now.peak, tenth.peakMB)
        return Console.out(out)
    }
}
