import TenetSpec

/// A midtraining document as stored: the document (its text as reviewed now), its review
/// state and who set it. Snapshot fields are `document.*` (each with its own history),
/// `state`, `decidedBy`, `decidedAt`, `note`, `original` and `removed`.
public struct DocumentRecord: Codable, Sendable, Equatable {
    public var document: MidtrainDocument
    /// A ``DocumentStatus`` raw value.
    public var state: String
    public var decidedBy: String?
    public var decidedAt: String?
    /// A flag's reason, or a reviewer's note.
    public var note: String?
    /// The generated text, once a reviewer has edited it.
    public var original: String?
    /// Undoing the document's creation marks it removed (nothing is deleted).
    public var removed: Bool?

    public init(document: MidtrainDocument, state: DocumentStatus) {
        self.document = document
        self.state = state.rawValue
    }

    public var status: DocumentStatus { DocumentStatus(rawValue: state) ?? .pending }

    static let groups: Set<String> = ["document"]
}

/// A document read from the store, with its revision.
public struct StoredDocument: Sendable, Equatable {
    public var id: String
    public var revision: Int
    public var record: DocumentRecord

    public var document: MidtrainDocument { record.document }
    public var status: DocumentStatus { record.status }

    /// How the checks' verdict (Tenet's gates, then the critic's reading) is labelled where
    /// it is shown: `checks`, as a pair's are, or, once a reviewer edited the text, a label
    /// saying the verdict is about the generated text (the critic never read the edit). It
    /// was `critic`, also on a document that Tenet's own `written` gate failed before any
    /// critic read it.
    public var criticLabel: String {
        record.original == nil ? "checks" : "checks (on the generated text, before the edit)"
    }
}

/// What saving a batch of documents did.
public struct DocumentSaveReport: Sendable, Equatable {
    public var changeset: Int64?
    public var added: Int
    /// Already stored (the same content ID).
    public var unchanged: Int
}
