import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

extension MidtrainCommand {
    /// `tenet midtrain show ID`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show",
                                                        abstract: "A document: its text, the rule and its rationale, and its provenance with each gate's reason.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The document's ID (or a prefix naming one).") var id: String
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let stored = try storeCall { () throws(StoreError) in try project.document(id) }
            if json {
                Output.write(try JSONOutput.encode(DocumentJSON(stored)))
                return
            }
            let document = stored.document
            var out = "document \(stored.id)  rev \(stored.revision)  \(stored.status.rawValue)"
            if let by = stored.record.decidedBy { out += " by \(SafeText.visible(by))" }
            if let note = stored.record.note { out += " — \(SafeText.visible(note))" }
            out += "\nspec \(SafeText.visible(document.spec)) r\(document.specRevision ?? 0) · rules \(SafeText.visible(document.rules.joined(separator: ", ")))"
                + " · type \(SafeText.visible(document.type)) · \(document.estimatedTokens) tokens (est.)\n"
            if let rule = try? project.effectiveSpec(document.spec).spec.rule(document.rules.first ?? "") {
                out += "rule: \(SafeText.visible(rule.title))\nrationale: \(SafeText.visible(rule.rationale ?? "(none)"))\n"
            }
            out += "idea: \(SafeText.visible(document.idea))\n"
            let provenance = document.provenance
            out += "made by \(SafeText.visible(provenance.generator))\(provenance.model.map { " " + SafeText.visible($0) } ?? "")"
                + " · seed \(provenance.seed ?? "-") · \(provenance.createdAt ?? "")\n"
            if let critic = provenance.critic { out += "\(stored.criticLabel): \(SafeText.visible(critic))\n" }
            for check in provenance.checks ?? [] {
                out += "  \(check.passed ? "✓" : "✗") \(check.gate.rawValue) (\(check.by)): \(SafeText.visible(check.reason))\n"
            }
            out += "\n" + SafeText.visible(document.text, lineBreaks: .kept) + "\n"
            if let original = stored.record.original {
                out += "\n(original, before the edit)\n" + SafeText.visible(original, lineBreaks: .kept) + "\n"
            }
            Output.write(out)
        }
    }
}
