import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension RuleCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List rules with their kind and revision.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var asOf: AsOfOption

        @Option(help: "Only the rules of this spec.")
        var spec: String?

        @Option(help: "Only rules of this kind.")
        var kind: RuleKind?

        @Flag(help: "Only rules that are not classified yet.")
        var unannotated = false

        @Flag(help: "Include rules removed from their spec file.")
        var removed = false

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let project = try store.open()
            let changeset = try asOf.changeset(in: project)
            var rules = try storeCall { () throws(StoreError) in
                try project.checkFilters(spec: spec, asOf: changeset)
                return try project.ruleSummaries(spec: spec, asOf: changeset, includeRemoved: removed)
            }
            if let kind { rules = rules.filter { $0.state == kind.rawValue } }
            if unannotated { rules = rules.filter { $0.state == RuleKind.unclassified.rawValue } }
            if json {
                // `kind` as every other command names it (null for a removed rule); `state`,
                // the stored name of the same (a kind or `removed`), stays for scripts.
                struct Shape: Encodable {
                    var key, spec, id, title, state: String
                    @JSONNullable var kind: String?
                    var removed: Bool
                    var revision: Int
                }
                Output.write(try JSONOutput.encode(rules.map {
                    Shape(key: $0.key, spec: $0.spec, id: $0.id, title: $0.title, state: $0.state,
                          kind: RuleKind(rawValue: $0.state)?.rawValue, removed: $0.state == "removed", revision: $0.revision)
                }))
                return
            }
            let style = TreeStyle(color: Output.useColor(disabled: false))
            for rule in rules {
                let badge = RuleKind(rawValue: rule.state).map(style.badge) ?? style.dim("[-]")
                Output.write("\(badge) \(style.bold(SafeText.visible(rule.id)))  \(SafeText.visible(rule.title))"
                    + style.dim("  \(rule.spec) rev \(rule.revision)") + "\n", styled: true)
            }
            Output.error("\(rules.count) rule\(rules.count == 1 ? "" : "s")")
        }
    }
}
