import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

/// `tenet export …`: what annotators and authors made, in the formats other tools read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export reviewed pairs, annotated rules and midtraining documents in the formats training and evaluation tools read (eval results: tenet eval export).",
        subcommands: [Pairs.self, Rules.self, Docs.self]
    )
}

extension PairExport.Style: ChoiceArgument {}
extension PairExportRequest.OverLength: ChoiceArgument {}
extension PairExportRequest.Format: ChoiceArgument {}

/// Runs an export; its errors are printed as `tenet: …` with the documented exit status.
func exportCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExportError {
        Output.error("tenet: " + error.message)
        throw ExitStatus.failure
    } catch let error as StoreError {
        Output.error("tenet: " + error.description)
        throw ExitStatus.of(error)
    }
}

/// A progress bar on standard error when it is a terminal (never into a file or pipe):
/// `exporting ▕██████░░░░▏ 61% 612,000/1,000,000 pairs`.
final class ProgressLine {
    private let noun: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false

    init(noun: String) { self.noun = noun }

    func show(_ progress: ExportProgress) {
        guard enabled, progress.total > 0, progress.done < progress.total else { return }
        let width = 24
        let filled = min(width, progress.done * width / progress.total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = "\rexporting ▕\(bar)▏ \(progress.done * 100 / progress.total)% \(progress.done)/\(progress.total) \(noun)"
        Output.send(text, to: STDERR_FILENO)
        shown = true
    }

    func clear() {
        if shown { Output.send("\r\u{1B}[K", to: STDERR_FILENO) }
        shown = false
    }
}
