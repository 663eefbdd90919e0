import ArgumentParser

/// The `tenet` command: a terminal workbench for specification-grounded alignment.
@main
struct Tenet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenet",
        abstract: "A workbench for specification-grounded alignment of language models.",
        discussion: """
        Policy authors write model specifications in Markdown; Tenet reads them into rule \
        trees of safety and behavioral rules with boundary examples.

        Exit codes: 0 success, 1 error, 3 conflict (someone changed it first), 64 bad usage, 74 standard output could not be written, 77 refused (your role does not allow it), 130 interrupted (Ctrl-C).
        """,
        version: "0.1.0",
        subcommands: [
            WorkbenchCommand.self, OpenCommand.self,
            ParseCommand.self, LintCommand.self, DiffCommand.self,
            ImportCommand.self, SpecCommand.self, RuleCommand.self, AnnotateCommand.self,
            UndoCommand.self, RedoCommand.self, RevertCommand.self,
            LogCommand.self, ShowCommand.self, BlameCommand.self, TagCommand.self,
            InstantiateCommand.self, InstantiationCommand.self, GenerateCommand.self, PairCommand.self,
            ReviewCommand.self, StatsCommand.self, ProjectCommand.self, ExportCommand.self,
            AccessCommand.self, ServeCommand.self, ProviderCommand.self, PromptsCommand.self, EvalCommand.self,
            MidtrainCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self
    )

    /// ArgumentParser's `main`, ending through ``finish(_:in:)``: its messages quote the
    /// arguments as typed, which must not reach the terminal raw either.
    static func main() {
        run { try CommandLineWords.normalized(try ArgumentEncoding.words()) }
    }

    /// Parses the command line `arguments` gives and runs the command; an error ends the
    /// program, with the usage of the command that threw it.
    static func run(_ arguments: () throws -> [String]) {
        var command: ParsableCommand
        do {
            let words = try arguments()
            command = try CommandLineWords.parsedLeaf(words) ?? parseAsRoot(words)
        } catch {
            finish(error)
        }
        do {
            try command.run()
        } catch {
            finish(error, in: type(of: command))
        }
    }
}
