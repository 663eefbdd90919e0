import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension MidtrainCommand {
    /// `tenet midtrain check SPEC`: the rules that lack a rationale or are marked general.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "List the rules that lack a rationale or are marked general, with the command that fixes each.",
            discussion: """
            Run it before spending tokens: a rule without a rationale gives documents no value \
            to explain (the offline provider skips it), and guidance marked general teaches \
            less than concrete guidance. Exit status 0 either way; --json for scripts.
            """
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: "The spec's ID in the project.") var spec: String
        @Flag(help: "As JSON: {spec, rules, ready, findings: [{rule, title, problem, why, fix}]}.") var json = false

        struct Report: Encodable {
            var spec: String
            var rules: Int
            var ready: Int
            var findings: [MidtrainReadiness.Finding]
        }

        func run() throws {
            let project = try store.open()
            let (effective, _) = try storeCall { () throws(StoreError) in try project.effectiveSpec(spec) }
            let findings = MidtrainReadiness.findings(effective.rules, specID: spec)
            let flagged = Set(findings.map(\.rule))
            let report = Report(spec: spec, rules: effective.rules.count, ready: effective.rules.count - flagged.count, findings: findings)
            if json {
                Output.write(try JSONOutput.encode(report))
                return
            }
            Output.write(Self.text(report))
        }

        static func text(_ report: Report) -> String {
            guard !report.findings.isEmpty else {
                return "\(SafeText.visible(report.spec)): all \(report.rules) rules have a rationale and none is marked general — ready for midtraining documents\n"
            }
            var out = "\(SafeText.visible(report.spec)): \(report.ready) of \(report.rules) rules ready; \(report.findings.count) thing\(report.findings.count == 1 ? "" : "s") to fix first\n"
            for finding in report.findings {
                out += "\n  \(SafeText.visible(finding.rule))  \(SafeText.visible(finding.title))\n"
                out += "    \(finding.why)\n"
                out += "    fix: \(SafeText.visible(finding.fix))\n"
            }
            return out
        }
    }
}
