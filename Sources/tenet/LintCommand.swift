import ArgumentParser
import TenetSpec

/// `tenet lint FILE…`: diagnostics as `file:line:col: severity: message [code]`.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check specs: IDs, references, examples, kinds and parameters.",
        discussion: "Prints file:line:col: severity: message [code]. Exits 1 when any error is found (warnings alone exit 0)."
    )

    @Argument(help: "Spec files.", completion: .file())
    var files: [String]

    @Flag(help: "Print diagnostics as a JSON array.")
    var json = false

    func run() throws {
        var all: [Diagnostic] = []
        for file in files {
            do {
                all += Linter.lint(try SpecReader.read(path: file))
            } catch {
                all.append(error.diagnostic)
            }
        }
        if json {
            Output.write(try JSONOutput.encode(all))
        } else {
            for diagnostic in all { Output.write(SafeText.visible(diagnostic.description) + "\n") }
            let errors = all.filter { $0.severity == .error }.count
            let warnings = all.filter { $0.severity == .warning }.count
            let files = files.count == 1 ? "1 file" : "\(files.count) files"
            Output.error("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(files)")
        }
        if all.contains(where: { $0.severity == .error }) { throw ExitStatus.failure }
    }
}
