import Foundation

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// Summary of one side's runs.
struct Stats {
    var seconds: (min: Double, median: Double, max: Double)
    /// Peak RSS in MiB.
    var memory: (min: Double, median: Double, max: Double)

    init(_ runs: [Measurement]) {
        let times = runs.map(\.seconds)
        let rss = runs.map { Double($0.peakRSSKiB) / 1024 }
        seconds = (times.min() ?? 0, median(times), times.max() ?? 0)
        memory = (rss.min() ?? 0, median(rss), rss.max() ?? 0)
    }
}

/// The table `tenet-bench parse` prints.
struct Report {
    static let timeTarget = 1.5
    static let memoryTarget = 3.0

    var mib: Double
    var lines: Int
    var copies: Int
    var samples: [String]
    var runs: Int
    var cmark: Stats
    var tenet: Stats
    var cmarkCommand: String
    var tree: String
    var lint: String
    var floorKiB: Double

    func render() -> String {
        let timeRatio = tenet.seconds.median / cmark.seconds.median
        let memoryRatio = tenet.memory.median / cmark.memory.median
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        func row(_ name: String, _ s: Stats) -> String {
            pad(name, 12)
                + pad(String(format: "%.3f s (%.3f–%.3f)", s.seconds.median, s.seconds.min, s.seconds.max), 30)
                + pad(String(format: "%.1f", mib / s.seconds.median), 9)
                + String(format: "%.1f MiB (%.1f–%.1f)", s.memory.median, s.memory.min, s.memory.max)
        }
        func verdict(_ ratio: Double, _ target: Double) -> String {
            ratio <= target ? "MET" : "MISSED"
        }
        var out = """

            Spec parsing: Tenet (SpecReader.read → rule tree) vs bare cmark-gfm, same file
            spec:  \(String(format: "%.2f", mib)) MiB, \(lines) lines, \(copies) copies of \(samples.joined(separator: " + "))
            runs:  \(runs) per side, interleaved A,B,A,B… after one untimed warm-up each
            A:     \(cmarkCommand)
            B:     tenet-bench parse-child FILE

            side        wall median (min–max)         MiB/s    peak RSS median (min–max)
            """
        out += "\n" + row("cmark-gfm", cmark)
        out += "\n" + row("Tenet", tenet)
        out += "\n" + pad("Tenet/cmark", 12) + pad(String(format: "%.2f×", timeRatio), 39)
            + String(format: "%.2f×", memoryRatio)
        out += "\n\nrule tree: \(tree)"
        out += "\nlint of the generated spec: \(lint)"
        out += String(format: "\nspawn floor (peak RSS of /bin/true started the same way): %.1f MiB", floorKiB / 1024)
        let tainted = [("cmark-gfm", cmark), ("Tenet", tenet)].filter { $0.1.memory.median < 1.5 * floorKiB / 1024 }
        if !tainted.isEmpty {
            out += "\nwarning: peak RSS of " + tainted.map(\.0).joined(separator: " and ")
                + " is close to the spawn floor, so it is an upper bound only: on Linux a spawned child's"
                + " ru_maxrss starts at its parent's peak. Use a larger --size-mb for the memory ratio."
        }
        out += String(format: "\ntarget time   ≤ %.1f× cmark-gfm: %@ (%.2f×)", Self.timeTarget,
                      verdict(timeRatio, Self.timeTarget), timeRatio)
        out += String(format: "\ntarget memory ≤ %.1f× cmark-gfm: %@ (%.2f×)", Self.memoryTarget,
                      verdict(memoryRatio, Self.memoryTarget), memoryRatio)
        return out
    }
}
