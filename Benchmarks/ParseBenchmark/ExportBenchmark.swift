import Foundation
import TenetSpec
import TenetStore

/// `tenet-bench export`: `tenet export pairs` (trl) of a million accepted pairs, as a
/// whole process: pairs per second and peak memory, beside the same for a tenth of them
/// (flat memory means the two peaks are close).
enum ExportBenchmark {
    static let usage = "usage: tenet-bench export [--pairs N (default 1000000)] [--tenet PATH]"

    static func run(_ arguments: [String]) {
        var pairs = 1_000_000
        var tenet = (ChildProcess.currentExecutable() as NSString).deletingLastPathComponent + "/tenet"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { StoreBenchmark.fail(usage, status: 2) }
            switch flag {
            case "--pairs": pairs = Int(value) ?? pairs
            case "--tenet": tenet = value
            default: StoreBenchmark.fail(usage, status: 2)
            }
        }
        guard FileManager.default.isExecutableFile(atPath: tenet) else { StoreBenchmark.fail("no tenet binary at \(tenet)") }
        let directory = NSTemporaryDirectory() + "tenet-bench-export-\(getpid())"
        StoreBenchmark.attempt { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Console.out("Export benchmark\nmachine: \(StoreBenchmark.machineLine())\n")
        func database(_ count: Int, _ name: String) -> String {
            let path = directory + "/\(name).db"
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
        let big = database(pairs, "big"), small = database(max(1, pairs / 10), "small")
        func export(_ db: String, _ count: Int) -> (seconds: Double, peakMB: Double, bytes: Int) {
            let out = directory + "/out-\(count).jsonl"
            let measured = StoreBenchmark.attempt { try ChildProcess.run([tenet, "export", "pairs", "--out", out, "--db", db]) }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            return (measured.seconds, Double(measured.peakRSSKiB) / 1024, bytes)
        }
        let whole = export(big, pairs), tenth = export(small, max(1, pairs / 10))
        var out = String(format: "tenet export pairs (trl, provenance columns), whole process\n")
        out += String(format: "  %8d pairs   %7.2f s  %9.0f pairs/s  peak %5.0f MB  %5.0f MB written\n",
                      pairs, whole.seconds, Double(pairs) / whole.seconds, whole.peakMB, Double(whole.bytes) / 1e6)
        out += String(format: "  %8d pairs   %7.2f s  %9.0f pairs/s  peak %5.0f MB\n",
                      max(1, pairs / 10), tenth.seconds, Double(max(1, pairs / 10)) / tenth.seconds, tenth.peakMB)
        let rate = Double(pairs) / whole.seconds
        out += String(format: "target: >= 300,000 pairs/s: %@ (%.0f); memory flat: %@ (peak %.0f MB vs %.0f MB for a tenth)\n",
                      StoreBenchmark.verdict(rate >= 300_000), rate, StoreBenchmark.verdict(whole.peakMB < 1.5 * tenth.peakMB),
                      whole.peakMB, tenth.peakMB)
        return Console.out(out)
    }
}
