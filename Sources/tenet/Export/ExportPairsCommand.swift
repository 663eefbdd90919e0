import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension ExportCommand {
    /// `tenet export pairs`.
    struct Pairs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pairs",
            abstract: "Export pairs as JSONL: trl (default), openai or distilabel; or hf, a dataset folder.",
            discussion: """
            By default only pairs whose review is finished and accepted (or edited) are \
            exported; human edits and swaps are in the text. Lines are in pair-ID order, so the \
            same database gives the same bytes.

            Columns. trl: prompt, chosen, rejected as message lists (TRL's conversational \
            preference format) or, with --style standard, as strings: the prompt is the \
            conversation with each message after its role ("User: …"), a blank line between \
            messages, ending with a blank line and "Assistant:"; each answer starts with one \
            space, so prompt + chosen reads "…?\\n\\nAssistant: answer". openai: input.messages, \
            preferred_output, non_preferred_output. distilabel: prompt (the first user \
            message), prompt_id, chosen and rejected (the conversation ending with each \
            answer), chosen_model, rejected_model, chosen_rating 1.0 and rejected_rating 0.0. \
            Every line also carries its provenance unless --no-provenance: id, spec, \
            spec_revision, rule_ids, strategy, generator, status, decisions (a list of \
            {annotator, decision, note, blind, text_revision}), annotators, edited; a value a \
            pair lacks is null, a missing note is "", so any two exports load together in \
            Hugging Face datasets. tenet import pairs reads such a file back, review included.

            After every export, standard error reports the rows' lengths (the prompt's \
            messages and the longer answer): median and longest, in characters and in tokens \
            estimated as UTF-8 bytes / 4, with the longest rows' IDs. --max-length N warns of \
            rows longer than N estimated tokens, or with --over-length drop leaves them out.

            hf writes a folder ready to publish as a Hugging Face dataset: data/train.jsonl \
            (TRL) and a README dataset card written from the export: its columns and their \
            types, whether prompts have a system message (--with-spec), the style, the \
            lengths, counts per spec, rule, kind, strategy, generator, status and decision, \
            and the licence, language and name from --license, --language and --pretty-name \
            or the project's settings (tenet project set license cc-by-4.0).

            The file is written to a temporary name and renamed when complete; Ctrl-C, \
            SIGTERM or SIGHUP leaves no partial file and no temporary one. An existing file \
            is not replaced without --force. --out - writes to standard output.
            """
        )

        @OptionGroup var store: StoreOptions
        @Option(help: "trl, openai or distilabel; or hf, a dataset folder.") var format: PairExportRequest.Format = .trl
        @Option(help: "For trl: conversational (message lists, the default) or standard (strings).") var style: PairExport.Style = .conversational
        @Option(help: "Only this spec's pairs.") var spec: String?
        @Option(help: "Only pairs targeting this rule.") var rule: String?
        @Option(help: "Statuses to export, comma-separated (default: accepted,edited).") var status = "accepted,edited"
        @Option(help: "Only pairs this annotator decided.") var annotator: String?
        @Option(help: "Only pairs changed after this tag or changeset number (say, the last export's tag).") var since: String?
        @OptionGroup var asOf: AsOfOption
        @Flag(name: .customLong("with-spec"), help: "Lead each prompt with the instance's rendered spec as a system message.") var withSpec = false
        @Flag(name: .customLong("no-provenance"), help: "Leave out the provenance columns.") var noProvenance = false
        @Option(help: "The output file (for hf: a folder), or - for standard output.", completion: .file()) var out: String
        @Flag(help: "Replace an existing output file.") var force = false
        @Option(parsing: .unconditional, help: "Rows longer than this many tokens (estimated: UTF-8 bytes / 4) are warned of, or dropped with --over-length drop.")
        var maxLength: Int?
        @Option(help: "What a row longer than --max-length gets: warn (written, counted) or drop (left out, counted).")
        var overLength: PairExportRequest.OverLength = .warn
        @Option(help: "For hf: the card's licence, a Hub identifier such as cc-by-4.0 (default: the project's license setting).") var license: String?
        @Option(help: "For hf: the card's languages, ISO 639 codes such as en or en,fr (default: the project's language setting).") var language: String?
        @Option(help: "For hf: the card's pretty name (default: the project's pretty-name setting).") var prettyName: String?

        var request: PairExportRequest {
            var request = PairExportRequest(out: out)
            request.format = format
            request.style = style
            request.query = PairQuery(spec: spec, rule: rule,
                                      statuses: status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                                      annotator: annotator, since: since, asOf: asOf.asOf)
            request.withSpec = withSpec
            request.provenance = !noProvenance
            request.force = force
            request.maxLength = maxLength
            request.overLength = overLength
            request.license = license
            request.language = language
            request.prettyName = prettyName
            return request
        }

        func validate() throws {
            if let problem = request.problem { throw ValidationError(problem) }
        }

        func run() throws {
            let project = try store.openExisting()
            let bar = ProgressLine(noun: "pairs")
            // Ctrl-C or a kill while it writes: the temporary files go with the process.
            TemporaryFiles.removeOnSignals()
            let summary = try exportCall { try PairExporter.run(request, store: project, progress: bar.show) }
            bar.clear()
            Output.error(summary.message)
            for line in summary.report { Output.error(line) }
            if let warning = request.query.unreviewedWarning { Output.error(warning) }
        }
    }
}
