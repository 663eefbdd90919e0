import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension ImportCommand {
    struct Spec: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "spec",
            abstract: "Import a spec file, or a new revision of it.",
            discussion: """
            Rules keep their identity across edits of the file — explicit IDs first, then \
            matching by content — so annotations set in Tenet stay attached. Rules no longer in \
            the file are marked removed, never deleted. Prints the spec ID, its revision and \
            what happened to each rule.
            """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "A spec file (Markdown in any dialect, or SpecBench specifications.json); - reads standard input (Markdown, or a SpecBench JSON object).", completion: .file())
        var file: String

        @Option(help: "A message for the changeset.")
        var message: String = ""

        @Flag(help: "Print the report as JSON.")
        var json = false

        func run() throws {
            let project = try store.open()
            let report: ImportReport
            do {
                report = try project.importSpec(file: file, message: message)
            } catch let error as SpecFileError {
                Output.error(SafeText.visible(error.description))
                throw ExitStatus.failure
            } catch let error as StoreError {
                report = try storeCall { () throws(StoreError) in throw error }
            }
            for finding in report.readerFindings {
                var shown = finding
                shown.file = InputFile.shownName(file)
                Output.error(shown.description)
            }
            if report.rules == 0 {
                Output.error(Diagnostic(file: InputFile.shownName(file), line: 1, severity: .warning, code: "no-rules",
                                        message: Linter.noRules).description)
            }
            if json {
                struct Shape: Encodable {
                    var spec: String, revision: Int, created: Bool, changeset: Int64?
                    var added: [String], changed: [[String: [String]]], removed: [String], moved: [String]
                    var restored: [String], renamed: [[String: String]], unchanged: Int
                }
                Output.write(try JSONOutput.encode(Shape(
                    spec: report.spec, revision: report.revision, created: report.created, changeset: report.changeset,
                    added: report.added, changed: report.changed.map { [$0.id: $0.fields] }, removed: report.removed,
                    moved: report.moved, restored: report.restored,
                    renamed: report.renamed.map { ["from": $0.from, "to": $0.to] }, unchanged: report.unchanged)))
                return
            }
            guard let changeset = report.changeset else {
                Output.write("\(SafeText.visible(report.spec)) is already at revision \(report.revision): \(InputFile.shownName(file)) has not changed\n")
                return
            }
            Output.write("\(report.created ? "imported" : "updated") \(SafeText.visible(report.spec)) from \(InputFile.shownName(file)): revision \(report.revision), changeset \(changeset)\n")
            func list(_ mark: String, _ label: String, _ ids: [String]) {
                guard !ids.isEmpty else { return }
                Output.write("  \(mark) \(ids.count) \(label): \(ids.map { SafeText.visible($0) }.joined(separator: ", "))\n")
            }
            list("+", "added", report.added)
            if !report.changed.isEmpty {
                Output.write("  ~ \(report.changed.count) changed: "
                    + report.changed.map { "\(SafeText.visible($0.id)) (\($0.fields.joined(separator: ", ")))" }.joined(separator: ", ") + "\n")
            }
            for rename in report.renamed { Output.write("    \(SafeText.visible(rename.from)) is now \(SafeText.visible(rename.to))\n") }
            list(">", "moved", report.moved)
            list("-", "removed", report.removed)
            list("↺", "restored", report.restored)
            Output.write("  \(report.unchanged) unchanged\n")
        }
    }
}
