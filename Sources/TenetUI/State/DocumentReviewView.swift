import TenetSpec
import TenetStore

/// Which midtraining documents the document review serves.
public struct DocumentFilter: Sendable, Equatable {
    public var spec: String?
    /// `nil`: every status.
    public var status: DocumentStatus?

    public init(spec: String? = nil, status: DocumentStatus? = .pending) {
        self.spec = spec
        self.status = status
    }
}

/// The document review screen (`tenet midtrain review`, `:midtrain review`): one document
/// at a time with the rule it teaches and that rule's rationale beside it; the same keys
/// as pair review decide and move on.
public struct DocumentReviewView: Sendable, Equatable {
    public var filter: DocumentFilter
    /// The documents served, in the order listed when the screen opened.
    public var documents: [StoredDocument] = []
    /// The rules they teach, as annotated now, by `SPEC/RULE`.
    public var rules: [String: Rule] = [:]
    public var index = 0
    public var scroll = 0
    /// Waiting for the store.
    public var loading = true
    /// The documents decided or edited in this session that have a decision now (one
    /// decided twice counts once: "5 decided" had counted four documents' five decisions).
    public var decidedIDs: Set<String> = []
    /// How many: what the header says.
    public var decided: Int { decidedIDs.count }

    public init(filter: DocumentFilter) { self.filter = filter }

    /// The document on screen.
    public var current: StoredDocument? { documents.indices.contains(index) ? documents[index] : nil }

    /// The rule a document teaches (its first).
    public func rule(of stored: StoredDocument) -> Rule? {
        stored.document.rules.first.flatMap { rules[stored.document.spec + "/" + $0] }
    }
}
