import TenetStore

/// The review screen: the pair being reviewed, the rules it targets, and how far the
/// queue is.
public struct ReviewView: Sendable, Equatable {
    /// Which text j/k scrolls.
    public enum Pane: Sendable, Equatable, CaseIterable { case prompt, chosen, rejected }

    /// What a one-line entry at the bottom of the review asks for (an overlay on the
    /// stack, ``Layer/reviewEntry(_:)``: no shortcut fires while typing).
    public enum Entry: Sendable, Equatable {
        /// A flag's reason (optional).
        case flagReason
        /// Which answer `e` edits: c or r.
        case whichAnswer
        /// Text to look for in prompts and answers.
        case search
        /// `status=… rule=… strategy=… generator=…`.
        case filter
        /// A midtraining document's flag reason (optional), over the document review.
        case documentFlag
    }

    public var filter: QueueFilter
    public var current: PairReview?
    /// The rules the pair targets, as stored now.
    public var rules: [StoredRule] = []
    /// As the store last counted it (the same counts as `tenet stats`).
    public var progress: QueueProgress?
    /// Pairs shown so far, oldest first; `p` goes back through them.
    public var trail: [String] = []
    /// Pairs moved past with `n` in this session, oldest first: the queue serves them
    /// again only when nothing else is left (at most ``ProjectStore/passedLimit``).
    public var passed: [String] = []
    /// Recent decisions, newest last: (pair, what was decided).
    public var recent: [RecentDecision] = []
    public var blind = false
    /// The full rule instead of the answers.
    public var showRule = false
    public var focus: Pane = .chosen
    public var scroll: [Pane: Int] = [:]
    public var ruleScroll = 0
    /// Waiting for the store.
    public var loading = true
    /// The queue has nothing left for this user under the filter.
    public var finished = false
    /// The pair's history (H), when shown.
    public var history: [LogEntry]?
    /// Progress per rule (P), when shown: rule → status → pairs.
    public var ruleProgress: [String: [String: Int]]?

    public init(filter: QueueFilter) {
        self.filter = filter
    }

    /// In blind mode, whether A shows the rejected answer: fixed per pair (from its ID),
    /// so the order does not change when the screen redraws, and about half the pairs
    /// put the chosen answer second.
    public var blindSwapped: Bool {
        guard let id = current?.stored.id else { return false }
        return id.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF } % 2 == 1
    }
}

/// A decision made in this session, for the recent list and `p`.
public struct RecentDecision: Sendable, Equatable {
    public var pair: String
    public var decision: String
}

/// A one-line entry over the review: a flag's reason, which answer to edit, a search, a
/// filter. Closing it (`Esc`) uncovers the review as it was.
public struct ReviewEntry: Sendable, Equatable {
    public var kind: ReviewView.Entry
    public var editor: LineEditor

    public init(_ kind: ReviewView.Entry, text: String = "") {
        self.kind = kind
        editor = LineEditor(text)
    }
}
