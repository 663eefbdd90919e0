/// Why a store operation could not be done, with a message that says what to do next.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database cannot be opened or used (missing directory, not SQLite, corrupt,
    /// read-only, locked, newer schema).
    case database(path: String, reason: String)
    /// No entity, changeset or tag by that name.
    case notFound(String)
    /// The write started from a revision that is no longer current.
    case conflict(Conflict)
    /// Nothing to undo or redo, or an undo that would overwrite someone else's change.
    case refused(String)
    /// The input cannot be stored as it is.
    case invalid(String)
    /// This person's role does not allow it, or they have no access to the project.
    case forbidden(String)

    public var description: String {
        switch self {
        case .database(let path, let reason): return "\(path): \(reason)"
        case .notFound(let what): return what
        case .conflict(let conflict): return conflict.description
        case .refused(let why): return why
        case .invalid(let why): return why
        case .forbidden(let why): return "refused: " + why
        }
    }

    /// The process exit status for this error (documented in docs/reference.md).
    public var exitCode: Int32 {
        switch self {
        case .conflict: return 3
        case .forbidden: return 77
        default: return 1
        }
    }
}

/// A write refused because someone else changed the entity since the revision the writer
/// started from.
public struct Conflict: Sendable, Equatable, CustomStringConvertible {
    public var entity: String
    public var expectedRevision: Int
    public var currentRevision: Int
    /// Who made the revisions the writer did not see, newest first.
    public var changes: [Change]
    /// The command that shows the entity again (`tenet pair show P`), and whether the
    /// command line's edits of it take `--expect-rev`: from ``EntityKind/showCommand(id:name:)``.
    public var readAgain: String
    public var takesExpectedRevision: Bool

    public struct Change: Sendable, Equatable {
        public var revision: Int
        public var changeset: Int64
        public var author: String
        public var time: String
        public var fields: [String]
    }

    public var description: String {
        var text = "conflict: \(entity) is at revision \(currentRevision), not \(expectedRevision) as expected"
        for change in changes.prefix(5) {
            text += "\n  revision \(change.revision): \(change.author) at \(change.time) (changeset \(change.changeset)) changed \(change.fields.joined(separator: ", "))"
        }
        if changes.count > 5 { text += "\n  … and \(changes.count - 5) more" }
        text += "\nRead it again (\(readAgain)) and "
            + (takesExpectedRevision ? "retry with --expect-rev \(currentRevision)." : "try again.")
        return text
    }
}

extension EntityKind {
    /// The command that shows an entity of this kind (key `id`, named `name`), for a
    /// conflict that says to read it again.
    public func showCommand(id: String, name: String) -> String {
        // Rule keys (and so suggestion keys) begin with their spec: `travel/travel.x`.
        let spec = id.split(separator: "/", maxSplits: 1).first.map(String.init) ?? id
        switch self {
        case .spec: return "tenet spec show \(name)"
        case .rule: return "tenet rule show \(spec)/\(name)"
        case .instantiation: return "tenet instantiation show \(name)"
        case .pair: return "tenet pair show \(name)"
        case .person: return "tenet access list"
        case .project: return "tenet project show"
        case .suggestion:
            let rule = name.split(separator: "#", maxSplits: 1).first.map(String.init) ?? name
            return "tenet annotate \(spec) --list --rule \(rule)"
        case .promptSet: return "tenet prompts list"
        case .evalRun: return "tenet eval show \(name)"
        case .document: return "tenet midtrain show \(name)"
        }
    }

    /// Whether the command line's edits of this kind take `--expect-rev` (rule, pair and
    /// document edits do).
    public var takesExpectedRevision: Bool { self == .rule || self == .pair || self == .document }
}
