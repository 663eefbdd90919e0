/// What a person may do in a project. Each role can do everything the ones before it can.
///
/// - viewer: read specs, rules, pairs and history.
/// - annotator: decide, edit, swap, flag and skip pairs; undo their own changes; run and
///   resume evaluations (a run writes its results).
/// - adjudicator: also resolve disputes (reopen a finished pair) and see every verdict.
/// - author: also change specs, rules and examples, import, instantiate, generate, tag
///   and export.
/// - admin: also grant access, change project settings and revert anyone's changeset.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer, annotator, adjudicator, author, admin

    private var rank: Int { Role.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    /// Whether this role may see other annotators' decisions when the project's
    /// visibility is `own`.
    public var seesEveryVerdict: Bool { self >= .adjudicator }

    /// The roles, as a message lists them.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Something a person asks to do, with the least role that may do it.
public enum Permission: Sendable, Equatable {
    case read
    /// Decide, edit, swap, flag or skip pairs; take a pair from the queue; decide and edit
    /// midtraining documents.
    case review
    /// Run or resume an evaluation (its results are written to the project).
    case evaluate
    /// Reopen a finished pair, or change another annotator's verdict.
    case adjudicate
    /// Change specs, rules, examples or instantiations; import, generate, tag, export.
    case author(String)
    /// Access, project settings, reverting someone else's changeset.
    case admin(String)

    /// The least role allowed.
    public var role: Role {
        switch self {
        case .read: return .viewer
        case .review, .evaluate: return .annotator
        case .adjudicate: return .adjudicator
        case .author: return .author
        case .admin: return .admin
        }
    }

    /// What is being done, as a refusal names it.
    public var action: String {
        switch self {
        case .read: return "reading this project"
        case .review: return "reviewing pairs and midtraining documents"
        case .evaluate: return "running evaluations"
        case .adjudicate: return "changing another annotator's verdict, a pair others finished reviewing, or reopening a pair"
        case .author(let what), .admin(let what): return what
        }
    }
}
