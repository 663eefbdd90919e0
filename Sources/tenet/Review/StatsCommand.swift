import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet stats`: review progress and agreement.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Review progress per spec, rule, annotator and status, and agreement between annotators.",
        discussion: """
        Agreement is computed over the pairs two or more annotators decided (accept, reject, \
        flag, tie; skips left out): Cohen's κ when exactly two annotators share them, \
        Krippendorff's α (nominal) always — overall and per rule. A dash means undefined \
        (no shared pairs, or no variation at all).
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this spec's pairs.") var spec: String?
    @Flag(help: "As JSON.") var json = false

    func run() throws {
        let project = try store.open()
        let stats = try storeCall { () throws(StoreError) in
            try project.checkFilters(spec: spec)
            return try project.reviewStats(spec: spec)
        }
        if json {
            Output.write(try JSONOutput.encode(stats))
            return
        }
        Output.write(Self.text(stats))
    }

    static func text(_ stats: ReviewStats) -> String {
        func counts(_ map: [String: Int]) -> String {
            let order = PairStatus.allCases.map(\.rawValue) + Decision.allCases.map(\.rawValue)
            return map.sorted { (order.firstIndex(of: $0.key) ?? 99, $0.key) < (order.firstIndex(of: $1.key) ?? 99, $1.key) }
                .map { "\($0.key) \($0.value)" }.joined(separator: " · ")
        }
        func table(_ title: String, _ rows: [String: [String: Int]]) -> String {
            guard !rows.isEmpty else { return "" }
            let width = min(40, rows.keys.map(\.count).max() ?? 0)
            var out = "\n\(title)\n"
            for (name, map) in rows.sorted(by: { $0.key < $1.key }) {
                out += "  " + SafeText.visible(name).padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: " %6d   ", map.values.reduce(0, +)) + counts(map) + "\n"
            }
            return out
        }
        guard stats.total > 0 else { return "no pairs yet; tenet generate or tenet import pairs adds some\n" }
        var out = "pairs: \(stats.total)   \(counts(stats.statuses))\n"
        out += table("by spec", stats.specs)
        out += table("by rule", stats.rules)
        out += table("by annotator (decisions)", stats.annotators)
        out += "\nagreement (pairs with two or more verdicts)\n"
        if stats.agreement.isEmpty {
            out += "  none yet: set tenet project set overlap 2 for independent reviews\n"
        } else {
            let width = max(5, min(40, stats.agreement.map(\.scope.count).max() ?? 0))
            out += "  " + "scope".padding(toLength: width, withPad: " ", startingAt: 0) + "   pairs   κ       α       annotators\n"
            for figure in stats.agreement {
                func number(_ value: Double?) -> String { value.map { String(format: "%6.3f", $0) } ?? "     –" }
                out += "  " + SafeText.visible(figure.scope).padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: " %7d", figure.pairs) + "  \(number(figure.kappa))  \(number(figure.alpha))  "
                    + SafeText.visible(figure.annotators.joined(separator: ", ")) + "\n"
            }
        }
        return out
    }
}
