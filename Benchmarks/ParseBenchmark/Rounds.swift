import Foundation

/// Latency samples taken in rounds, each side interleaved with its baseline: every round's
/// p50 and p99 and its ratio to the baseline of the same round, then the median over the
/// rounds. A figure one lucky minute of a shared machine gives shows up as one round among
/// several; a margin is real when the median round keeps it.
struct Rounds {
    /// One side's samples, in the order taken.
    struct Side {
        var name: String
        var samples: [Double]
    }

    /// Per round and side: (p50, p99).
    let figures: [[(p50: Double, p99: Double)]]
    let names: [String]

    /// `sides[0]` is measured against `sides[baseline]`; every side has as many samples,
    /// taken interleaved, cut into `rounds` consecutive rounds.
    init(_ sides: [Side], rounds: Int) {
        names = sides.map(\.name)
        let count = sides.map(\.samples.count).min() ?? 0
        let rounds = max(1, min(rounds, count))
        var figures: [[(p50: Double, p99: Double)]] = []
        for round in 0..<rounds {
            let range = (count * round / rounds)..<(count * (round + 1) / rounds)
            figures.append(sides.map { side in
                let p = Percentiles(Array(side.samples[range]))
                return (p.p50, p.p99)
            })
        }
        self.figures = figures
    }

    /// The median over rounds of side `side`'s p50 and p99.
    func typical(_ side: Int) -> (p50: Double, p99: Double) {
        (median(figures.map { $0[side].p50 }), median(figures.map { $0[side].p99 }))
    }

    /// The median over rounds of the ratio side / baseline (p50 and p99), each round's
    /// ratio taken within the round.
    func ratio(_ side: Int, to baseline: Int) -> (p50: Double, p99: Double) {
        (median(figures.map { $0[side].p50 / $0[baseline].p50 }), median(figures.map { $0[side].p99 / $0[baseline].p99 }))
    }

    /// A table: one line per round, then the medians; ratios of every side to `baseline`.
    func table(baseline: Int, indent: String = "") -> String {
        let columns = names.flatMap { ["\($0) p50", "\($0) p99"] }
            + names.indices.filter { $0 != baseline }.flatMap { ["\(names[$0])/\(names[baseline]) p50", "p99"] }
        func cell(_ text: String, _ width: Int = 12) -> String {
            text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        func line(_ label: String, _ values: [(p50: Double, p99: Double)], ratios: [(p50: Double, p99: Double)]) -> String {
            indent + cell(label, 8) + values.map { cell(StoreBenchmark.format($0.p50)) + cell(StoreBenchmark.format($0.p99)) }.joined()
                + ratios.map { cell(String(format: "%.2f×", $0.p50)) + cell(String(format: "%.2f×", $0.p99)) }.joined()
        }
        var out = indent + cell("round", 8) + columns.map { cell($0) }.joined() + "\n"
        for (n, round) in figures.enumerated() {
            let ratios = names.indices.filter { $0 != baseline }.map { (round[$0].p50 / round[baseline].p50, round[$0].p99 / round[baseline].p99) }
            out += line("\(n + 1)", round, ratios: ratios) + "\n"
        }
        out += line("median", names.indices.map(typical), ratios: names.indices.filter { $0 != baseline }.map { ratio($0, to: baseline) }) + "\n"
        return out
    }
}

/// The machine's load average now (1, 5 and 15 minutes), for stating the load a figure
/// was measured under.
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}
