import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension EvalCommand {
    /// `tenet eval compare A B`.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "B against A over the prompts both scored: SAR and per-rule deltas with a paired bootstrap, the responses that got worse first."
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: "The run compared against.") var a: String
        @Argument(help: "The run compared.") var b: String
        @Option(parsing: .unconditional, help: "How many responses that got worse to list.") var limit: Int = 10
        @Flag(help: "Print as JSON.") var json = false

        func validate() throws {
            try OptionRange.check(limit, "--limit", OptionRange.count)
        }

        func run() throws {
            let project = try store.open()
            let (runA, runB) = try storeCall { () throws(StoreError) in (try project.evalRun(a), try project.evalRun(b)) }
            let (resultsA, resultsB) = try storeCall { () throws(StoreError) in (try project.evalResults(run: a), try project.evalResults(run: b)) }
            let comparison = EvalComparison(a: runA.run, resultsA, b: runB.run, resultsB)
            let sets = "\(SafeText.visible(runA.run.promptSet)) r\(runA.run.promptSetRevision) and \(SafeText.visible(runB.run.promptSet)) r\(runB.run.promptSetRevision)"
            if comparison.matching == 0 && !resultsA.isEmpty && !resultsB.isEmpty {
                Output.error("tenet: runs \(SafeText.visible(a)) and \(SafeText.visible(b)) share no prompt (the same ID and text) — prompt sets \(sets)"
                             + (comparison.differentText > 0 ? "; \(comparison.differentText) prompt IDs are in both with different text" : "")
                             + "; compare runs over the same prompts")
                throw ExitStatus.failure
            }
            if comparison.differentText > 0 {
                Output.error("note: \(comparison.differentText) prompt\(comparison.differentText == 1 ? "" : "s") with the same ID but different text in \(sets) left out; "
                             + "only prompts whose ID and text are the same in both runs are compared")
            }
            // SAR is the share of rules kept, as one judge read them: over other rules or
            // another judge, two runs' figures measure different things.
            let differences = Self.differences(runA.run, runB.run)
            if !differences.isEmpty {
                Output.error("note: the runs differ in \(differences.joined(separator: "; ")): their scores measure different things, "
                             + "and a difference between them is not only the models'")
            }
            if json {
                Output.write(try JSONOutput.encode(comparison))
            } else {
                Output.write(EvalPrinter.comparison(comparison, limit: limit))
            }
            // Nothing scored in both is no measurement: a script must not take it for one
            // (as `eval run` with nothing scored exits 1).
            if comparison.shared == 0 { throw ExitStatus.failure }
        }

        /// What besides the model and method two runs differ in that changes what they measure.
        static func differences(_ a: EvalRun, _ b: EvalRun) -> [String] {
            let v = { (text: String) in SafeText.visible(text) }
            var out: [String] = []
            if a.instantiation != b.instantiation || a.instantiationRevision != b.instantiationRevision {
                out.append("instantiation (\(v(a.instantiation)) r\(a.instantiationRevision), \(a.rules.count) rules; "
                           + "\(v(b.instantiation)) r\(b.instantiationRevision), \(b.rules.count) rules)")
            }
            if a.judgeModel != b.judgeModel { out.append("judge (\(v(a.judgeModel)); \(v(b.judgeModel)))") }
            if a.protocol != b.protocol { out.append("judging protocol (\(a.protocol.rawValue); \(b.protocol.rawValue))") }
            return out
        }
    }
}
