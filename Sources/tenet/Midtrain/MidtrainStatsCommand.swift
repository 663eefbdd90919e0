import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension MidtrainCommand {
    /// `tenet midtrain stats`.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Documents per rule and per type, the accepted share, tokens, and the rules no accepted document teaches yet.",
            discussion: "Tokens are estimated as UTF-8 bytes / 4."
        )

        @OptionGroup var store: StoreOptions
        @Option(help: "Only this spec's documents (default: every spec).") var spec: String?
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.checkFilters(spec: spec) }
            var rules: [String] = []
            let specs = try spec.map { [$0] } ?? storeCall { () throws(StoreError) in try project.specList() }.map(\.id)
            for id in specs {
                rules += try storeCall { () throws(StoreError) in try project.ruleSummaries(spec: id) }.map(\.id)
            }
            let stats = try storeCall { () throws(StoreError) in try project.documentStats(spec: spec, rules: rules) }
            if json {
                Output.write(try JSONOutput.encode(stats))
                return
            }
            Output.write(Self.text(stats))
        }

        static func text(_ stats: DocumentStats) -> String {
            guard stats.documents > 0 else { return "no documents yet; tenet midtrain generate SPEC --count N makes some\n" }
            func table(_ title: String, _ rows: [DocumentStats.Row]) -> String {
                let width = max(8, min(40, rows.map(\.name.count).max() ?? 0))
                var out = "\n\(title)\n  " + "".padding(toLength: width, withPad: " ", startingAt: 0) + "  documents  accepted    tokens\n"
                for row in rows {
                    out += "  " + SafeText.visible(row.name).padding(toLength: width, withPad: " ", startingAt: 0)
                        + String(format: "  %9d  %8d  %8d\n", row.documents, row.accepted, row.tokens)
                }
                return out
            }
            let statuses = DocumentStatus.allCases.compactMap { status in stats.statuses[status.rawValue].map { "\(status.rawValue) \($0)" } }
            var out = "documents: \(stats.documents)   \(statuses.joined(separator: " · "))\n"
            out += String(format: "accepted: %d (%.0f %%) · tokens: %d (accepted %d; estimated as bytes / 4)\n",
                          stats.accepted, stats.acceptedShare * 100, stats.tokens, stats.acceptedTokens)
            out += table("by rule", stats.rules) + table("by type", stats.types)
            if stats.uncovered.isEmpty {
                out += "\nevery rule has an accepted document\n"
            } else {
                out += "\nrules with no accepted document (\(stats.uncovered.count)): " + stats.uncovered.map { SafeText.visible($0) }.joined(separator: ", ") + "\n"
            }
            return out
        }
    }
}
