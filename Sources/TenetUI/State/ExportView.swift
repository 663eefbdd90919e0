import TenetFormats
import TenetStore

/// An export for the shell to run: pairs or rules, as `tenet export` takes them.
public enum ExportJob: Sendable, Equatable {
    case pairs(PairExportRequest)
    case rules(RuleExportRequest)

    public var out: String {
        switch self {
        case .pairs(let request): return request.out
        case .rules(let request): return request.out
        }
    }
}

/// The export screen: the same choices as `tenet export`, one row each; `w` writes.
public struct ExportView: Sendable, Equatable {
    /// The rows, top to bottom.
    public enum Row: String, Sendable, CaseIterable {
        case what, format, scope, statuses, withSpec, provenance, output
    }

    /// The pair formats as the screen offers them (TRL has two styles).
    public enum PairChoice: String, Sendable, CaseIterable {
        case trl = "trl (conversational)", trlStandard = "trl (standard)", openai, distilabel, hf = "hf (dataset folder)"
    }

    /// Which statuses go out: from the default (finished and accepted) to everything.
    public static let statusChoices: [[PairStatus]] = [
        [.accepted, .edited], [.accepted, .edited, .rejected], [.accepted, .edited, .rejected, .flagged, .disputed],
        PairStatus.allCases, [.rejected], [.flagged, .disputed],
    ]

    public var specID: String?
    public var pairs = true
    public var pairFormat: PairChoice = .trl
    public var ruleFormat: RuleExportRequest.Format = .json
    /// Only the open spec's pairs (else every spec's).
    public var thisSpec = true
    public var statuses = 0
    public var withSpec = false
    public var provenance = true
    /// The output path; follows the format until the user types one.
    public var out: String
    public var outEdited = false
    public var row: Row = .what
    /// Typing the output path.
    public var editing = false
    public var editor = LineEditor()
    /// Pairs the choices select, once counted.
    public var matching: Int?
    /// The export running: pairs done of all.
    public var progress: ExportProgress?
    /// The target exists: `w` again replaces it.
    public var confirmReplace = false
    /// What the last export said (or why it failed).
    public var result: StatusMessage?

    public init(specID: String?) {
        self.specID = specID
        out = ""
        out = defaultOut
    }

    /// The rows that apply to what is exported.
    public var rows: [Row] {
        pairs ? Row.allCases : [.what, .format, .output]
    }

    /// The file (or folder) a format is written to unless the user names one.
    public var defaultOut: String {
        let base = (pairs && !thisSpec ? nil : specID) ?? "tenet"
        if pairs {
            switch pairFormat {
            case .hf: return "\(base)-dataset"
            case .openai: return "\(base)-pairs-openai.jsonl"
            case .distilabel: return "\(base)-pairs-distilabel.jsonl"
            case .trl, .trlStandard: return "\(base)-pairs.jsonl"
            }
        }
        switch ruleFormat {
        case .json: return "\(base)-rules.json"
        case .markdown: return "\(base)-annotated.md"
        case .specbench: return "\(base)-specbench"
        case .msm: return "\(base)-msm.json"
        }
    }

    public var selection: PairSelection {
        PairSelection(spec: thisSpec ? specID : nil, statuses: Self.statusChoices[statuses].map(\.rawValue))
    }

    /// The export the choices describe; `force` replaces an existing target.
    public func job(force: Bool) -> ExportJob {
        if pairs {
            var request = PairExportRequest(out: out)
            switch pairFormat {
            case .trl: request.format = .trl
            case .trlStandard: request.format = .trl; request.style = .standard
            case .openai: request.format = .openai
            case .distilabel: request.format = .distilabel
            case .hf: request.format = .hf
            }
            request.selection = selection
            request.withSpec = withSpec
            request.provenance = provenance
            request.force = force
            return .pairs(request)
        }
        var request = RuleExportRequest(out: out)
        request.format = ruleFormat
        request.spec = specID
        request.force = force
        return .rules(request)
    }

    /// A row's value as the screen shows it.
    public func value(_ row: Row) -> String {
        switch row {
        case .what: return pairs ? "pairs" : "rules"
        case .format: return pairs ? pairFormat.rawValue : ruleFormat.rawValue
        case .scope: return thisSpec ? (specID.map { "spec \($0)" } ?? "all specs") : "all specs"
        case .statuses: return Self.statusChoices[statuses].map(\.rawValue).joined(separator: ", ")
        case .withSpec: return withSpec ? "yes: the instance's spec as a system message" : "no"
        case .provenance: return provenance ? "yes: id, spec, rules, strategy, generator, review" : "no"
        case .output: return out
        }
    }

    /// Moves a row's value one step (`by` 1 or −1).
    public mutating func change(_ row: Row, by step: Int) {
        func next(_ index: Int, _ count: Int) -> Int { ((index + step) % count + count) % count }
        switch row {
        case .what: pairs.toggle()
        case .format:
            if pairs {
                let all = PairChoice.allCases
                pairFormat = all[next(all.firstIndex(of: pairFormat) ?? 0, all.count)]
            } else {
                let all = RuleExportRequest.Format.allCases
                ruleFormat = all[next(all.firstIndex(of: ruleFormat) ?? 0, all.count)]
            }
        case .scope: thisSpec.toggle()
        case .statuses: statuses = next(statuses, Self.statusChoices.count)
        case .withSpec: withSpec.toggle()
        case .provenance: provenance.toggle()
        case .output: return
        }
        if !outEdited { out = defaultOut }
        if !rows.contains(self.row) { self.row = .what }
        confirmReplace = false
        result = nil
    }
}
