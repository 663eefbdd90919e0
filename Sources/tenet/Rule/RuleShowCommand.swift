import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension RuleCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a rule: its current fields and revision.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var asOf: AsOfOption

        @Argument(help: "The rule's ID, or SPEC/ID when several specs use it.")
        var rule: String

        @Flag(help: "Print JSON.")
        var json = false

        @Flag(help: "Print every example turn whole, line by line (otherwise each is cut at 160 characters).")
        var full = false

        func run() throws {
            let project = try store.open()
            let changeset = try asOf.changeset(in: project)
            let stored = try storeCall { () throws(StoreError) in try project.rule(rule, asOf: changeset) }
            if json {
                struct Shape: Encodable {
                    var key: String, revision: Int, spec: String, removed: Bool, lines: [Int]?
                    var rule: RuleExporter.WithoutExampleLines, source: RuleExporter.WithoutExampleLines, annotations: RuleAnnotations
                }
                Output.write(try JSONOutput.encode(Shape(
                    key: stored.key, revision: stored.revision, spec: stored.record.spec, removed: stored.record.removed,
                    lines: stored.lines, rule: .init(rule: stored.effectiveRule), source: .init(rule: stored.sourceRule), annotations: stored.record.annotations)))
                return
            }
            Output.write(RulePrinter.render(stored, style: TreeStyle(color: Output.useColor(disabled: false)), full: full), styled: true)
        }
    }
}
