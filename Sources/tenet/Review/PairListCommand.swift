import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension PairCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Pairs, one per line: ID, status, rules, strategy, generator, prompt.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this spec's.") var spec: String?
        @Option(help: "Only those targeting this rule.") var rule: String?
        @Option(help: "Only those in this review status (\(PairStatus.allCases.map(\.rawValue).joined(separator: ", "))).") var status: String?
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            if let status, let problem = PairStatus.problem(status) { throw ValidationError(problem) }
            let project = try store.open()
            let pairs = try storeCall { () throws(StoreError) in
                try project.checkFilters(spec: spec, rule: rule)
                return try project.pairs(spec: spec, rule: rule, status: status)
            }
            if json {
                struct Line: Encodable { var id: String; var status: String; var revision: Int; var pair: PreferencePair }
                Output.write(try JSONOutput.encode(pairs.map { Line(id: $0.id, status: $0.status, revision: $0.revision, pair: $0.pair) }))
                return
            }
            for stored in pairs {
                let prompt = stored.pair.prompt.last(where: { $0.role == "user" })?.content ?? stored.pair.prompt.last?.content ?? ""
                let short = prompt.count > 60 ? String(prompt.prefix(59)) + "…" : prompt
                let fields = [stored.pair.rules.joined(separator: ","), stored.pair.strategy ?? "-", stored.pair.provenance.generator, short]
                Output.write(([stored.id, stored.status] + fields).map { SafeText.visible($0) }.joined(separator: "  ") + "\n")
            }
            guard pairs.isEmpty else { return }
            let scope = spec.map { " for \(SafeText.visible($0))" } ?? ""
            if rule != nil || status != nil {
                // Filtered to nothing is not an empty project: say which filter, and how to see the rest.
                let filters = [rule.map { "--rule \(SafeText.visible($0))" }, status.map { "--status \($0)" }].compactMap { $0 }.joined(separator: " ")
                Output.error("no pairs\(scope) match \(filters); without it, tenet pair list lists them all")
            } else {
                Output.error("no pairs\(scope); tenet import pairs or tenet generate adds some")
            }
        }
    }
}
