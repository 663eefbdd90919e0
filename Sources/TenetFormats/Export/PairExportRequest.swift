import TenetStore

/// What `tenet export pairs` (and the workbench's export screen) asks for.
public struct PairExportRequest: Sendable, Equatable {
    /// The file formats: JSONL lines of one of the trainers' shapes, or a dataset folder.
    public enum Format: String, Sendable, CaseIterable {
        case trl, openai, distilabel, hf
    }

    /// What happens to a row longer than ``maxLength``.
    public enum OverLength: String, Sendable, CaseIterable {
        /// Written, and counted in a warning.
        case warn
        /// Left out, and counted.
        case drop
    }

    public var format: Format = .trl
    public var style: PairExport.Style = .conversational
    /// Which pairs (by default: reviews finished and accepted or edited).
    public var query = PairQuery()
    /// Lead each prompt with the instance's rendered spec as a system message.
    public var withSpec = false
    /// Add the provenance columns (id, spec, spec_revision, rule_ids, …).
    public var provenance = true
    /// The output file (`-` for standard output); for `hf`, a folder.
    public var out: String
    /// Replace an existing output.
    public var force = false
    /// The longest row wanted, in estimated tokens (``RowLengths``).
    public var maxLength: Int?
    public var overLength: OverLength = .warn
    /// For `hf`: the card's licence, language and name, over the project's settings.
    public var license: String?
    public var language: String?
    public var prettyName: String?

    public init(out: String) { self.out = out }

    /// Whether the lines can be made of the stored snapshots' strings as they are stored
    /// (``PairExport/Writer/write(_:openai:provenance:into:)``): the message-list formats,
    /// with no spec leading the prompt and no dataset card to count for.
    var copiesSnapshotText: Bool {
        !withSpec && (format == .openai || (format == .trl && lineFormat == .trlConversational))
    }

    /// The line format written.
    public var lineFormat: PairFormat {
        switch format {
        case .openai: return .openai
        case .distilabel: return .distilabel
        case .trl, .hf: return style == .standard ? .trlStandard : .trlConversational
        }
    }

    /// Why the request cannot be run as it is, if it cannot.
    public var problem: String? {
        // `--status ""` had exported every pair, pending and rejected ones among them.
        if query.statuses.isEmpty { return "give at least one status to export (accepted, edited, …)" }
        if let problem = query.statuses.lazy.compactMap(PairStatus.problem).first { return problem }
        if format != .trl && format != .hf && style == .standard { return "--style is for --format trl or hf" }
        if format == .hf && out == "-" { return "hf writes a folder: give --out DIR" }
        if out.isEmpty { return "give a file to write (--out PATH, or - for standard output)" }
        if let maxLength, maxLength < 1 { return "--max-length is a number of tokens (estimated), 1 or more" }
        if overLength == .drop && maxLength == nil { return "--over-length drop needs --max-length N (tokens, estimated)" }
        if format != .hf && (license != nil || language != nil || prettyName != nil) {
            return "--license, --language and --pretty-name are for --format hf (they go in its dataset card)"
        }
        for (name, value) in [("license", license), ("language", language), ("pretty-name", prettyName)] {
            if let value, let problem = DatasetCardSettings.problem(name, value) { return problem }
        }
        return nil
    }

    /// The card's settings: the project's, with what this request gives over them.
    func cardSettings(_ project: DatasetCardSettings) -> DatasetCardSettings {
        var settings = project
        if let license { settings.license = license.isEmpty ? nil : license }
        if let language { settings.language = language.isEmpty ? [] : DatasetCardSettings.languages(language) ?? [] }
        if let prettyName { settings.prettyName = prettyName.isEmpty ? nil : prettyName }
        return settings
    }
}
