/// A midtraining document: a synthetic text (an essay, a FAQ, a case study …) that
/// discusses one rule of a spec — the behaviour, its boundaries and exceptions, and why it
/// matters — for Model Spec Midtraining, where a model reads such documents between
/// pre-training and alignment fine-tuning.
///
/// Like a preference pair it is planned, generated, checked, reviewed, versioned and
/// exported; its ``id`` is a hash of its content, so the same document is never stored
/// twice.
public struct MidtrainDocument: Codable, Sendable, Equatable {
    /// `d-` and 16 hex digits of a SHA-256 of the spec, the rules, the type and the text.
    public var id: String
    public var spec: String
    /// The spec's revision the document was written from.
    public var specRevision: Int?
    /// The saved instantiation whose rules were used, if any.
    public var instantiation: String?
    /// The rules it discusses (one today; a list so that a document may teach several).
    public var rules: [String]
    /// Its document type (`essay`, `faq`, `case-study` …).
    public var type: String
    /// The idea it was written from: the angle the idea writer proposed.
    public var idea: String
    /// The text, plain, as a pre-training corpus holds it.
    public var text: String

    /// How many words `text` has, as a person counts them: runs of characters between
    /// spaces, tabs and line breaks. The one count the `written` gate, `midtrain list`,
    /// `midtrain show` and the review screen give (they gave 193, 196 for one document).
    public var wordCount: Int { Self.wordCount(text) }

    /// ``wordCount`` of any text.
    public static func wordCount(_ text: String) -> Int {
        var count = 0, inWord = false
        for byte in text.utf8 {
            let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
    public var provenance: DocumentProvenance

    public init(id: String? = nil, spec: String, specRevision: Int?, instantiation: String? = nil, rules: [String],
                type: String, idea: String, text: String, provenance: DocumentProvenance) {
        self.spec = spec
        self.specRevision = specRevision
        self.instantiation = instantiation
        self.rules = rules
        self.type = type
        self.idea = idea
        self.text = text
        self.provenance = provenance
        self.id = id ?? ""
        if self.id.isEmpty { self.id = contentID }
    }

    /// The content hash: the same spec, rules, type and text give the same ID.
    public var contentID: String {
        let joined = ([spec] + rules + [type, text]).joined(separator: "\u{1F}")
        return "d-" + PreferencePair.sha256(joined).prefix(16)
    }

    /// Tokens, estimated as UTF-8 bytes / 4 (rounded up): the usual rule of thumb for
    /// English text under a byte-pair tokeniser; good enough to size a corpus, not to bill.
    public var estimatedTokens: Int { Self.estimatedTokens(text) }

    /// ``estimatedTokens`` of any text.
    public static func estimatedTokens(_ text: String) -> Int { (text.utf8.count + 3) / 4 }
}

/// Where a document came from, in enough detail to trust it or make it again.
public struct DocumentProvenance: Codable, Sendable, Equatable {
    /// `offline-template` (the spec's own words, no model) or `openai`.
    public var generator: String
    public var model: String?
    /// `RUN-SEED#INDEX`.
    public var seed: String?
    public var createdAt: String?
    /// Role templates used, by role, with the first 12 hex digits of each one's SHA-256.
    public var templates: [String: String]?
    /// The critic's verdict in one line: `PASS: …` or `FAIL: GATE: reason`.
    public var critic: String?
    /// Every gate the document went through, in order, with its reason.
    public var checks: [DocumentCheck]?
    /// For model providers: the raw requests and responses, in order.
    public var exchanges: [Exchange]?

    public init(generator: String, model: String? = nil, seed: String? = nil, createdAt: String? = nil,
                templates: [String: String]? = nil, critic: String? = nil, checks: [DocumentCheck]? = nil,
                exchanges: [Exchange]? = nil) {
        self.generator = generator
        self.model = model
        self.seed = seed
        self.createdAt = createdAt
        self.templates = templates
        self.critic = critic
        self.checks = checks
        self.exchanges = exchanges
    }
}

/// One gate a generated document went through before it was stored, and what it found.
public struct DocumentCheck: Codable, Sendable, Equatable {
    /// The gates, by the name stored with a document.
    public enum Gate: String, Codable, Sendable, CaseIterable {
        /// The document and its idea are text: no NUL or other control characters but tab,
        /// newline and CRLF (``QualityCheck/textProblem(_:_:limit:)``, the check every stored
        /// text passes). A document failing it is never stored, not even with `--keep-failed`.
        case wellFormed = "well-formed"
        /// The document has some length (at least ``DocumentCheck/minimumWords`` words).
        case written
        /// It discusses the rule it was written for (its words are there).
        case onRule = "on-rule"
        /// It keeps the rule's direction: what the rule prohibits is not presented as
        /// required, nor what it requires as forbidden.
        case keepsDirection = "keeps-direction"
        /// It states why the rule matters (the rule's rationale, in substance).
        case statesReason = "states-reason"
        /// The critic says it contradicts the rule.
        case consistent
        /// The critic's reply could be read.
        case criticReadable = "critic-readable"

        /// What a failure means, in a few words, for a run's summary.
        public var failure: String {
            switch self {
            case .wellFormed: return "malformed text"
            case .written: return "too short"
            case .onRule: return "off-rule"
            case .keepsDirection: return "inverts the rule's direction"
            case .statesReason: return "never states the reason"
            case .consistent: return "contradicts the rule"
            case .criticReadable: return "critic reply unreadable"
            }
        }
    }

    /// Fewer words than this is no document.
    public static let minimumWords = 60

    public var gate: Gate
    public var passed: Bool
    public var reason: String
    /// `tenet` (a text check) or `critic` (the critic's reading).
    public var by: String

    public init(_ gate: Gate, passed: Bool, reason: String, by: String) {
        self.gate = gate
        self.passed = passed
        self.reason = reason
        self.by = by
    }

    /// `off-rule 3, too short 1`: failures by gate, most first; `nil` when none failed.
    public static func summary(failedBy counts: [Gate: Int]) -> String? {
        let parts = counts.filter { $0.value > 0 }
            .sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
            .map { "\($0.key.failure) \($0.value)" }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

extension Array where Element == DocumentCheck {
    /// The first gate that failed, if any.
    public var firstFailure: DocumentCheck? { first { !$0.passed } }

    /// The one-line verdict: the first failure, or what the checks found.
    public var verdict: String {
        if let failed = firstFailure { return "FAIL: \(failed.gate.rawValue): \(failed.reason)" }
        let read = filter { $0.by == "critic" }.map(\.reason).filter { !$0.isEmpty }
        return "PASS: " + (read.isEmpty ? "every gate passed" : read.joined(separator: "; "))
    }
}

/// The review states of a document.
public enum DocumentStatus: String, Codable, Sendable, CaseIterable {
    case pending, accepted, rejected, edited, flagged

    /// Whether an export takes it by default (accepted as it is, or after an edit).
    public var isAccepted: Bool { self == .accepted || self == .edited }
}
