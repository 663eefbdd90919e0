import TenetStore

/// Which pairs an export takes, with points in history named as people name them — a tag
/// or a changeset number — and resolved against the project when the export runs.
public struct PairQuery: Sendable, Equatable {
    public var spec: String?
    /// Only pairs targeting this rule ID.
    public var rule: String?
    /// Only pairs in these statuses (all when empty).
    public var statuses: [String]
    /// Only pairs this annotator decided.
    public var annotator: String?
    /// Only pairs changed after this tag or changeset (say, the last export's tag).
    public var since: String?
    /// Pairs as they stood at this tag or changeset.
    public var asOf: String?

    /// What a training export takes unless told otherwise: reviews finished and accepted.
    public static let reviewedStatuses = [PairStatus.accepted.rawValue, PairStatus.edited.rawValue]

    /// What to say when the query takes pairs that review did not accept (pending,
    /// rejected, flagged, disputed): a trainer reads every line of the file as a pair to
    /// learn from. `nil` for accepted and edited pairs only. The command line and the
    /// workbench's export screen both say it.
    public var unreviewedWarning: String? {
        let others = (statuses.isEmpty ? PairStatus.storedCases.map(\.rawValue) : statuses)
            .filter { !Self.reviewedStatuses.contains($0) }
        guard !others.isEmpty else { return nil }
        return "note: \(others.joined(separator: ", ")) pairs are not accepted by review; a trainer reads every pair in the file "
            + "as one to learn from (the default, accepted and edited, is what review accepted)"
    }

    public init(spec: String? = nil, rule: String? = nil, statuses: [String] = PairQuery.reviewedStatuses,
                annotator: String? = nil, since: String? = nil, asOf: String? = nil) {
        self.spec = spec
        self.rule = rule
        self.statuses = statuses
        self.annotator = annotator
        self.since = since
        self.asOf = asOf
    }

    /// The query with its history points as changesets; an unknown name — a tag, or a spec
    /// or rule the project does not have — says what to do.
    public func selection(in store: ProjectStore) throws(ExportError) -> PairSelection {
        let asOf = try asOf.map { name throws(ExportError) in try Self.changeset(name, in: store) }
        do { try store.checkFilters(spec: spec, rule: rule, annotator: annotator, asOf: asOf) } catch { throw ExportError(error.description) }
        return PairSelection(spec: spec, rule: rule, statuses: statuses, annotator: annotator,
                             since: try since.map { name throws(ExportError) in try Self.changeset(name, in: store) }, asOf: asOf)
    }

    /// A tag's or changeset number's changeset (the error names it and where to look).
    static func changeset(_ name: String, in store: ProjectStore) throws(ExportError) -> Int64 {
        do { return try store.changeset(named: name) } catch { throw ExportError(error.description) }
    }
}
