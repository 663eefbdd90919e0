import TenetSpec

/// What an annotator decided about a pair.
public enum Decision: String, Sendable, Codable, CaseIterable {
    /// The pair is right: chosen complies, rejected violates (or over-refuses).
    case accept
    /// The pair is wrong and should not be trained on.
    case reject
    /// Needs someone else's eyes (with an optional reason).
    case flag
    /// Not now: no verdict, and not served to this annotator again.
    case skip
    /// Blind pairwise judgement: the two answers are equally good (or bad).
    case tie

    /// Whether it counts as one of the pair's independent reviews.
    public var isVerdict: Bool { self != .skip }

    /// As people say it was done: `accepted`, `judged a tie`.
    public var done: String {
        switch self {
        case .accept: return "accepted"
        case .reject: return "rejected"
        case .flag: return "flagged"
        case .skip: return "skipped"
        case .tie: return "judged a tie"
        }
    }
}

/// One annotator's decision on a pair, as stored in the pair's `decisions.NAME` field.
public struct ReviewDecision: Sendable, Codable, Equatable {
    public var decision: Decision
    public var note: String?
    /// When (ISO 8601, UTC).
    public var at: String
    /// Made in blind mode (the answers shown as A and B in random order).
    public var blind: Bool?
    /// The revision of each targeted rule (by key, `spec/rule`) when it was decided: a
    /// later change to a rule's text or kind makes the decision stale.
    public var rules: [String: Int]?
    /// The answers it judged: a digest of the chosen and the rejected text as they were
    /// (``AnswerText/digest(chosen:rejected:)``). An edit or a swap after it sets it aside.
    public var answers: String?
    /// The pair's revision whose answers it judged: the newest revision, when it was made,
    /// that wrote the chosen or the rejected text (1: the text as generated or imported).
    /// Kept as given when a decision comes in with an imported pair. Decisions recorded
    /// before Tenet kept it have none; an export finds it in the pair's history
    /// (``ProjectStore/forEachPair(_:_:)``).
    public var textRevision: Int?

    public init(decision: Decision, note: String? = nil, at: String, blind: Bool? = nil, rules: [String: Int]? = nil,
                answers: String? = nil, textRevision: Int? = nil) {
        self.decision = decision
        self.note = note
        self.at = at
        self.blind = blind
        self.rules = rules
        self.answers = answers
        self.textRevision = textRevision
    }
}

/// Which answers a verdict judged.
public enum AnswerText {
    /// A digest of the chosen and the rejected text, in that order (a swap changes it).
    public static func digest(chosen: String, rejected: String) -> String {
        String(PreferencePair.sha256(chosen + "\u{0}" + rejected).prefix(16))
    }
}

/// Where a pair is in review, as `tenet pair list --status` filters it.
public enum PairStatus: String, Sendable, CaseIterable, Codable {
    /// Fewer verdicts than the project's overlap asks for.
    case pending
    /// Reviewed; most verdicts accept it, its text as generated (or only swapped).
    case accepted
    /// Reviewed and accepted, with a human edit to an answer.
    case edited
    /// Reviewed; most verdicts reject it.
    case rejected
    /// Someone flagged it: it waits for an adjudicator.
    case flagged
    /// Reviewed, and the verdicts split evenly.
    case disputed
    /// Reviewed — accepted, edited, rejected or disputed — without saying which: how a
    /// person who sees only their own verdicts (`visibility own`) sees a finished pair, since
    /// which of the four it is comes from others' verdicts too. Never stored; as a filter,
    /// the four.
    case finished

    /// Whether review is finished (what an export takes by default: accepted and edited).
    public var isFinished: Bool { self != .pending && self != .flagged }

    /// Why `name` is not a status, with the statuses there are; `nil` when it is one. The
    /// words every command and the export say it in.
    public static func problem(_ name: String) -> String? {
        PairStatus(rawValue: name) == nil
            ? "unknown status \(SafeText.visible(name)); statuses: \(allCases.map(\.rawValue).joined(separator: ", "))" : nil
    }

    /// The statuses a pair can be stored in: all but ``finished``.
    public static let storedCases = allCases.filter { $0 != .finished }

    /// The statuses a pair's verdicts decide once it has them all: what ``finished`` stands for.
    public static let verdictStatuses: [PairStatus] = [.accepted, .edited, .rejected, .disputed]

    /// This status as shown to someone who sees (`seeingOthers`) or does not see other
    /// annotators' verdicts.
    public func shown(seeingOthers: Bool) -> PairStatus {
        seeingOthers || !Self.verdictStatuses.contains(self) ? self : .finished
    }

    /// The stored statuses a filter on `name` selects: `finished` is the four verdict statuses.
    public static func stored(matching name: String) -> [String] {
        name == PairStatus.finished.rawValue ? verdictStatuses.map(\.rawValue) : [name]
    }

    /// The status a pair's decisions give it, with `overlap` verdicts needed.
    public static func of(_ decisions: [String: ReviewDecision], edited: Bool, overlap: Int) -> PairStatus {
        let verdicts = decisions.values.filter { $0.decision.isVerdict }
        if verdicts.contains(where: { $0.decision == .flag }) { return .flagged }
        guard verdicts.count >= max(1, overlap) else { return .pending }
        let accepts = verdicts.filter { $0.decision == .accept }.count
        let rejects = verdicts.filter { $0.decision == .reject }.count
        // A tie says neither answer is the better one: it counts against accepting the pair
        // as a preference (accept + tie is disputed), though not as a rejection.
        let ties = verdicts.filter { $0.decision == .tie }.count
        if accepts > rejects + ties { return edited ? .edited : .accepted }
        if rejects > accepts { return .rejected }
        return .disputed
    }
}

/// How review works in this project: `tenet project set NAME VALUE`.
public struct ReviewSettings: Sendable, Equatable {
    /// Independent verdicts each pair needs.
    public var overlap = 1
    /// `all`: annotators see each other's decisions; `own`: only their own (adjudicators,
    /// authors and admins always see all).
    public var visibility = "all"
    /// How long a served pair stays reserved for its annotator, in seconds.
    public var leaseSeconds = 600
    /// Person → role, from the project's access list (`tenet access`).
    public var roles: [String: Role] = [:]

    public init() {}

    /// The settings' names, as `tenet project set` takes them.
    public static let names = ["overlap", "visibility", "lease-seconds", "role.NAME"] + DatasetCardSettings.names

    /// Whether someone reading with `role` may see other annotators' decisions.
    public func seesOthers(_ role: Role) -> Bool {
        visibility == "all" || role.seesEveryVerdict
    }
}
