import ArgumentParser
import Foundation
import TenetSpec

/// `tenet parse FILE…`: the rule tree of each spec.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the rule tree of each spec.",
        discussion: """
        Reads Tenet Markdown, OpenAI Model Spec style Markdown, rule lists, prose specs and \
        SpecBench specifications.json. The human form is an indented tree with kind badges, \
        IDs and line numbers; --json prints one object per file (shapes in docs/reference.md).
        """
    )

    @Argument(help: "Spec files (.md, or SpecBench specifications.json).", completion: .file())
    var files: [String]

    @Flag(help: "Print JSON: one object per file, in an array.")
    var json = false

    @Flag(help: "Without colours (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    func run() throws {
        var specs: [Spec] = []
        var failed = false
        for file in files {
            do {
                specs.append(try SpecReader.read(path: file))
            } catch {
                Output.error(SafeText.visible(error.description))
                failed = true
            }
        }
        if json {
            Output.write(JSONOutput.specs(specs))
        } else {
            let style = TreeStyle(color: Output.useColor(disabled: noColor))
            for (n, spec) in specs.enumerated() {
                if n > 0 { Output.write("\n", styled: true) }
                Output.write(TreePrinter.render(spec, style: style), styled: true)
                for diagnostic in spec.diagnostics { Output.error(SafeText.visible(diagnostic.description)) }
            }
        }
        // Freeing a large spec rule by rule takes longer than printing it; the process ends
        // here, and the system takes its memory back at once.
        specsHeldUntilExit = specs
        if failed { throw ExitCode(1) }
    }
}

/// The specs `tenet parse` printed, held until the process exits (replaced by the next run
/// in a process that runs several commands).
nonisolated(unsafe) private var specsHeldUntilExit: [Spec] = []
