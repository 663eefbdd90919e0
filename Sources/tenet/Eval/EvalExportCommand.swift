import ArgumentParser
import TenetFormats
import TenetStore

extension EvalCommand {
    /// `tenet eval export RUN --format jsonl|specbench --out PATH`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a run's results: JSON lines, or SpecBench's result files (generate.json, JUDGE_evaluate.json, JUDGE_score.json).",
            discussion: "Files are written whole or not at all; an existing target is replaced only with --force. Needs the author role, as every export."
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The run.", valueName: "run")) var runName: String
        @Option(help: "jsonl or specbench.") var format: EvalExporter.Format = .jsonl
        @Option(help: "The file (jsonl) or folder (specbench) to write.") var out: String
        @Flag(help: "Replace an existing target.") var force = false

        func validate() throws {
            if let problem = EvalExporter.problem(format: format, out: out) { throw ValidationError(problem) }
        }

        func run() throws {
            let project = try store.openExisting()
            let summary = try evalCall { try EvalExporter.export(run: runName, format: format, out: out, force: force, store: project) }
            Output.error(summary.message)
        }
    }
}
