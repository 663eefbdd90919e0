import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension ExportCommand {
    /// `tenet export rules`: the annotated rule set.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "Export annotated rules: json, markdown, specbench or msm.",
            discussion: """
            json: every rule as annotated (kind, direction, scope, rationale, exceptions, family, \
            concreteness, priority, boundary examples…), with the spec's revision and, per \
            annotated field, who set it, when and in which changeset. markdown: the spec in \
            Tenet Markdown with every annotation and example written in; tenet import spec \
            reads it back to the same rules, IDs and annotations. specbench: a folder with \
            specifications.json (the safety and behavioral lists) and scenario.json, of the \
            whole spec or of a saved instantiation (--instantiation), each rule stated with its \
            direction as the instance text states it, the helpfulness rule last when asked \
            (--helpfulness-rule). msm: the Model Spec \
            Midtraining rules seed, [{"domain", "rules": [{"id", "name", "text", "rationale"}]}]. \
            Written atomically; --force replaces an existing file. To standard output (--out -), \
            JSON has what a terminal would act on escaped (the same values); Markdown is exact \
            into a pipe and shown with placeholders on a terminal or over ssh, unless --raw.
            """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var asOf: AsOfOption
        @Option(help: "json, markdown, specbench or msm.") var format: RuleExportRequest.Format = .json
        @Option(help: "The spec (default: the only one in the project).") var spec: String?
        @Option(help: "For specbench: the rules of this saved instantiation instead of the whole spec.") var instantiation: String?
        @Option(help: "The output file (for specbench: a folder), or - for standard output (json, markdown, msm).", completion: .file()) var out: String
        @Flag(inversion: .prefixedNo, help: "For specbench: end the behavioral list with SpecBench's general helpfulness rule (default: as the instantiation says, else on for a spec read from SpecBench's JSON).")
        var helpfulnessRule: Bool?
        @Flag(help: "Replace an existing output.") var force = false
        @Flag(help: "With --format markdown --out -: the exact bytes even to a terminal or over ssh (ssh HOST export rules --format markdown --out - --raw > spec.md).")
        var raw = false

        var request: RuleExportRequest {
            var request = RuleExportRequest(out: out)
            request.format = format
            request.spec = spec
            request.asOf = asOf.asOf
            request.instantiation = instantiation
            request.helpfulnessRule = helpfulnessRule
            request.force = force
            request.raw = raw
            request.served = ServedSession.current != nil
            return request
        }

        func validate() throws {
            if let problem = request.problem { throw ValidationError(problem) }
        }

        func run() throws {
            let project = try store.openExisting()
            let summary = try exportCall { try RuleExporter.run(request, store: project) }
            Output.error(summary.message)
        }
    }
}

extension RuleExportRequest.Format: ChoiceArgument {}
