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
        case what, format, scope, statuses, annotator, since, instantiation, asOf, withSpec, provenance, output

        /// Rows whose value is typed (Enter or Space opens the line editor).
        public var isTyped: Bool { [.annotator, .since, .instantiation, .asOf, .output].contains(self) }
    }

    /// Whose pairs: the open spec's, the selected rule's, or every spec's.
    public enum Scope: Sendable, Equatable { case spec, rule, all }

    /// The pair formats as the screen offers them (TRL has two styles).
    public enum PairChoice: String, Sendable, CaseIterable {
        case trl = "trl (conversational)", trlStandard = "trl (standard)", openai, distilabel, hf = "hf (dataset folder)"
    }

    /// Which statuses go out: from the default (finished and accepted) to everything.
    public static let statusChoices: [[PairStatus]] = [
        [.accepted, .edited], [.accepted, .edited, .rejected], [.accepted, .edited, .rejected, .flagged, .disputed],
        PairStatus.storedCases, [.rejected], [.flagged, .disputed],
    ]

    public var specID: String?
    /// The rule selected in the tree when the screen opened (the `rule` scope).
    public var ruleID: String?
    public var pairs = true
    public var pairFormat: PairChoice = .trl
    public var ruleFormat: RuleExportRequest.Format = .json
    public var scope: Scope = .spec
    public var statuses = 0
    /// Only pairs this annotator decided (empty: anyone's).
    public var annotator = ""
    /// Only pairs changed after this tag or changeset (empty: all).
    public var since = ""
    /// For specbench: this saved instantiation's rules (empty: the whole spec).
    public var instantiation = ""
    /// The project as it was at this tag or changeset (empty: now).
    public var asOf = ""
    public var withSpec = false
    public var provenance = true
    /// The output path; follows the format until the user types one.
    public var out: String
    public var outEdited = false
    public var row: Row = .what
    /// The row whose value is being typed.
    public var editing: Row?
    public var editor = LineEditor()
    /// Pairs the choices select, once counted.
    public var matching: Int?
    /// Why the choices select nothing (an unknown tag, say), once counted.
    public var countProblem: String?
    /// The export running: pairs done of all.
    public var progress: ExportProgress?
    /// The target exists: `w` again replaces it.
    public var confirmReplace = false
    /// What the last export said (or why it failed).
    public var result: StatusMessage?

    public init(specID: String?, ruleID: String? = nil) {
        self.specID = specID
        self.ruleID = ruleID
        out = ""
        out = defaultOut
    }

    /// The rows that apply to what is exported.
    public var rows: [Row] {
        if pairs { return Row.allCases.filter { $0 != .instantiation } }
        return ruleFormat == .specbench ? [.what, .format, .instantiation, .asOf, .output] : [.what, .format, .asOf, .output]
    }

    /// The file (or folder) a format is written to unless the user names one.
    public var defaultOut: String {
        let base = (pairs && scope == .all ? nil : specID) ?? "tenet"
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
        case .specbench: return instantiation.isEmpty ? "\(base)-specbench" : "\(base)-\(instantiation)-specbench"
        case .msm: return "\(base)-msm.json"
        }
    }

    /// Which pairs the choices take.
    public var query: PairQuery {
        PairQuery(spec: scope == .all ? nil : specID, rule: scope == .rule ? ruleID : nil,
                  statuses: Self.statusChoices[statuses].map(\.rawValue),
                  annotator: annotator.isEmpty ? nil : annotator, since: since.isEmpty ? nil : since, asOf: asOf.isEmpty ? nil : asOf)
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
            request.query = query
            request.withSpec = withSpec
            request.provenance = provenance
            request.force = force
            return .pairs(request)
        }
        var request = RuleExportRequest(out: out)
        request.format = ruleFormat
        request.spec = specID
        request.asOf = asOf.isEmpty ? nil : asOf
        if ruleFormat == .specbench && !instantiation.isEmpty { request.instantiation = instantiation }
        request.force = force
        return .rules(request)
    }

    /// A row's value as the screen shows it.
    public func value(_ row: Row) -> String {
        switch row {
        case .what: return pairs ? "pairs" : "rules"
        case .format: return pairs ? pairFormat.rawValue : ruleFormat.rawValue
        case .scope:
            switch scope {
            case .spec: return specID.map { "spec \($0)" } ?? "all specs"
            case .rule: return "rule \(ruleID ?? "")"
            case .all: return "all specs"
            }
        case .statuses: return Self.statusChoices[statuses].map(\.rawValue).joined(separator: ", ")
        case .annotator: return annotator.isEmpty ? "anyone" : annotator
        case .since: return since.isEmpty ? "any time" : "after \(since)"
        case .instantiation: return instantiation.isEmpty ? "none: the whole spec" : instantiation
        case .asOf: return asOf.isEmpty ? "now" : asOf
        case .withSpec: return withSpec ? "yes: the instance's spec as a system message" : "no"
        case .provenance: return provenance ? "yes: id, spec, rules, strategy, generator, review" : "no"
        case .output: return out
        }
    }

    /// What a typed row holds, for the line editor.
    public func typed(_ row: Row) -> String {
        switch row {
        case .annotator: return annotator
        case .since: return since
        case .instantiation: return instantiation
        case .asOf: return asOf
        case .output: return out
        default: return ""
        }
    }

    /// Sets a typed row (empty clears it; the output cannot be empty).
    public mutating func type(_ text: String, into row: Row) {
        let text = text.trimmingCharacters(in: .whitespaces)
        switch row {
        case .annotator: annotator = text
        case .since: since = text
        case .instantiation: instantiation = text
        case .asOf: asOf = text
        case .output:
            guard !text.isEmpty, text != out else { return }
            out = text
            outEdited = true
        default: return
        }
        if !outEdited { out = defaultOut }
        confirmReplace = false
        result = nil
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
        case .scope:
            let all: [Scope] = ruleID == nil ? [.spec, .all] : [.spec, .rule, .all]
            scope = all[next(all.firstIndex(of: scope) ?? 0, all.count)]
        case .statuses: statuses = next(statuses, Self.statusChoices.count)
        case .withSpec: withSpec.toggle()
        case .provenance: provenance.toggle()
        case .annotator, .since, .instantiation, .asOf, .output: return
        }
        if !outEdited { out = defaultOut }
        if !rows.contains(self.row) { self.row = .what }
        confirmReplace = false
        result = nil
    }
}
