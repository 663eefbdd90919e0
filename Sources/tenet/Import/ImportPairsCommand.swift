import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension ImportCommand {
    /// `tenet import pairs FILE.jsonl` and `tenet import pairs --from-spec SPEC`.
    struct Pairs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pairs",
            abstract: "Import preference pairs from a JSONL file, or from a spec's own examples.",
            discussion: """
            A file is read in one format, detected from its first line: TRL standard \
            (prompt/chosen/rejected strings; a prompt Tenet wrote as "User: …\\n\\nAssistant:" \
            is read back into its messages), TRL conversational (message lists, explicit or \
            implicit prompt), OpenAI-style preference (input.messages, preferred_output, \
            non_preferred_output) or distilabel (prompt, prompt_id, chosen and rejected as \
            conversations or strings, chosen_model, …). \
            A line may name its rules in `rule_ids` (or `rules`, `rule_id`). A line from a Tenet \
            export keeps its ID, generator, spec revision and review (status, each annotator's \
            decision with its note, blindness and text revision — `decisions` as a list, or as \
            the object of annotator → decision older exports wrote — and edited), so \
            exporting it again gives the same line; --reset-review \
            imports such pairs as pending instead. A bad line is \
            reported with its number and reason and nothing is imported, unless --skip-bad. \
            With --from-spec, every GOOD × BAD pair of answers to the same conversation in the \
            spec's boundary examples becomes a pair linked to its rule. Pairs already in the \
            project (same content) are not added twice.
            """
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: "A JSONL file of pairs (- reads standard input).", completion: .file()) var file: String?
        @Option(name: .customLong("from-spec"), help: "Make pairs from this spec's GOOD × BAD examples instead.") var fromSpec: String?
        @Option(help: "The spec the pairs belong to (unless a line names one).") var spec: String?
        @Flag(name: .customLong("skip-bad"), help: "Import the good lines and report the bad ones.") var skipBad = false
        @Flag(name: .customLong("reset-review"), help: "Import reviewed pairs (from a Tenet export) as pending, without their decisions.") var resetReview = false
        @Flag(help: "Print the report as JSON.") var json = false

        func validate() throws {
            if (file == nil) == (fromSpec == nil) { throw ValidationError("give a FILE, or --from-spec SPEC") }
        }

        func run() throws {
            let project = try store.open()
            var badLines = 0
            var format: PairFormat?
            let source: String
            let report: PairImportReport
            var differing = 0
            var unknownReferences = 0
            if let fromSpec {
                let (spec, revision) = try storeCall { () throws(StoreError) in try project.effectiveSpec(fromSpec) }
                let pairs = SpecExamplePairs.pairs(spec, revision: revision)
                source = "spec \(fromSpec)"
                report = try storeCall { () throws(StoreError) in try project.savePairs(pairs, message: "import pairs from \(source)") }
            } else if let file {
                source = file == "-" ? "standard input" : file
                // Said as every reader says it (`no such file`, `is a directory` …), before the
                // project is touched.
                if file != "-" {
                    switch InputFile.open(file) {
                    case .success(let fd): close(fd)
                    case .failure(let problem):
                        Output.error("tenet: \(InputFile.shownName(file)): \(problem.message)")
                        throw ExitStatus.failure
                    }
                }
                let result = try storeCall { () throws(StoreError) in
                    try PairImporter.run(PairFileImport(file: file, spec: spec, skipBad: skipBad, resetReview: resetReview),
                                         store: project, message: "import pairs from \(source)")
                }
                format = result.format
                badLines = result.badLines
                if result.lines == 0 {
                    Output.error("tenet: \(JSONLines.shownName(file)): no pairs in the \(file == "-" ? "input" : "file")")
                    throw ExitStatus.failure
                }
                // FILE:LINE: error: reason, as parse, lint and import prompts report a bad line.
                for problem in result.problems { Output.error("\(JSONLines.shownName(file)):\(problem.line): error: \(SafeText.visible(problem.message))") }
                if badLines > result.problems.count { Output.error("… and \(badLines - result.problems.count) more bad lines") }
                guard let written = result.report else {
                    if badLines >= result.lines {
                        // Not one pair: the wrong file, more likely than a file of typos.
                        let spec = [".md", ".markdown", ".txt", ".json"].contains { file.lowercased().hasSuffix($0) }
                            ? "; a spec is imported with `tenet import spec \(SafeText.visible(file))`" : ""
                        Output.error("tenet: nothing imported: no line of \(JSONLines.shownName(file)) is a pair; pairs are JSON Lines, "
                                     + "one object a line (see docs/pairs.md)" + spec)
                        throw ExitStatus.failure
                    }
                    Output.error("tenet: nothing imported: \(badLines) bad line\(badLines == 1 ? "" : "s"); fix them, or import the rest with --skip-bad")
                    throw ExitStatus.failure
                }
                // --skip-bad over a file of bad lines only: nothing was there to import.
                if badLines > 0, written.added == 0, written.unchanged == 0 {
                    Output.error("tenet: nothing imported: every line of \(JSONLines.shownName(file)) is bad (\(badLines)); fix them")
                    throw ExitStatus.failure
                }
                report = written
                // Pairs that name a spec or rules the project does not have: in, but said.
                for warning in result.referenceWarnings { Output.error(SafeText.visible(PairReferences.message(warning, file: file))) }
                if result.unknownReferences > result.referenceWarnings.count {
                    Output.error("… and \(result.unknownReferences - result.referenceWarnings.count) more pairs that name a spec or rules the project does not have")
                }
                unknownReferences = result.unknownReferences
                // Lines dropped as "already in the project" that differ from the stored pair.
                if written.unchanged > 0 {
                    let request = PairFileImport(file: file, spec: spec, skipBad: skipBad, resetReview: resetReview)
                    let found = try PairImportDifferences.find(request, format: format, store: project)
                    for difference in found.shown { Output.error(PairImportDifferences.message(difference, file: file)) }
                    if found.count > found.shown.count { Output.error("… and \(found.count - found.shown.count) more lines that differ from the stored pair") }
                    differing = found.count
                }
            } else {
                throw ValidationError("give a FILE, or --from-spec SPEC")
            }
            if json {
                struct Shape: Encodable {
                    var added: Int; var unchanged: Int; var differing: Int; var skipped: Int; var unknownReferences: Int
                    var format: String?; var changeset: Int64?
                }
                Output.write(try JSONOutput.encode(Shape(added: report.added, unchanged: report.unchanged, differing: differing, skipped: badLines,
                                                         unknownReferences: unknownReferences,
                                                         format: fromSpec == nil ? format?.rawValue : "spec-examples", changeset: report.changeset)))
                return
            }
            var line = "imported \(report.added) pair\(report.added == 1 ? "" : "s") from \(source)"
            if let format { line += " (\(format.rawValue))" }
            if report.unchanged > 0 {
                line += ", \(report.unchanged) already in the project"
                if differing > 0 { line += " (\(differing) of them with other text or status, not imported: see the warnings)" }
            }
            if badLines > 0 { line += ", \(badLines) bad line\(badLines == 1 ? "" : "s") skipped" }
            if unknownReferences > 0 {
                line += ", \(unknownReferences) naming a spec or rules the project does not have (see the warnings)"
            }
            Output.write(line + (report.changeset.map { ", changeset \($0)" } ?? "") + "\n")
        }
    }
}
