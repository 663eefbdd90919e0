/// A preference pair: a prompt (one or more turns), a chosen and a rejected answer, the
/// rules it targets, and where it came from.
public struct PreferencePair: Codable, Sendable, Equatable {
    /// Stable identity: derived from the content (see ``contentID``) unless given.
    public var id: String
    public var spec: String?
    public var specRevision: Int?
    /// The saved instantiation it was generated under, if any.
    public var instantiation: String?
    /// The rules it targets.
    public var rules: [String]
    /// The conversation before the answers, oldest first (system, user, earlier turns).
    public var prompt: [Turn]
    /// The answer that complies.
    public var chosen: String
    /// The answer that violates the targeted rule, or over-refuses a request the spec allows.
    public var rejected: String
    /// The probing strategy (direct, role-play, hypothetical…), when generated.
    public var strategy: String?
    public var provenance: Provenance

    public init(id: String? = nil, spec: String? = nil, specRevision: Int? = nil, instantiation: String? = nil,
                rules: [String] = [], prompt: [Turn], chosen: String, rejected: String, strategy: String? = nil,
                provenance: Provenance) {
        self.spec = spec
        self.specRevision = specRevision
        self.instantiation = instantiation
        self.rules = rules
        self.prompt = prompt
        self.chosen = chosen
        self.rejected = rejected
        self.strategy = strategy
        self.provenance = provenance
        self.id = id ?? ""
        if self.id.isEmpty { self.id = contentID }
    }

    /// `p-` and 16 hex digits of a SHA-256 of the prompt, the two answers and the spec:
    /// the same pair imported twice is the same entity.
    public var contentID: String {
        // The fields and separators in one buffer and one digest: a digest context per pair
        // (made, fed field by field, finished) cost more than the hashing.
        var bytes: [UInt8] = []
        bytes.reserveCapacity((spec?.utf8.count ?? 0) + chosen.utf8.count + rejected.utf8.count
                              + prompt.reduce(0) { $0 + $1.role.utf8.count + $1.content.utf8.count + 2 } + 2)
        bytes += (spec ?? "").utf8
        bytes.append(0x1F)
        for turn in prompt {
            bytes += turn.role.utf8
            bytes.append(0x1E)
            bytes += turn.content.utf8
            bytes.append(0x1F)
        }
        bytes += chosen.utf8
        bytes.append(0x1F)
        bytes += rejected.utf8
        return "p-" + SHA256Digest.hex(SHA256Digest(of: bytes).bytes.prefix(8))
    }
}

extension PreferencePair {
    /// SHA-256 of text, as 64 lower-case hex digits.
    public static func sha256(_ text: String) -> String {
        SHA256Digest(of: text).hex
    }

    /// Bytes as lower-case hex digits.
    public static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        SHA256Digest.hex(bytes)
    }
}

/// Where a pair came from, in enough detail to trust it or regenerate it.
public struct Provenance: Codable, Sendable, Equatable {
    /// `offline-template` (never model output), `openai`, `import`, `spec-examples`.
    public var generator: String
    public var model: String?
    public var seed: String?
    /// When it was made (ISO 8601).
    public var createdAt: String?
    /// Role prompt templates used, by role, with a hash of each.
    public var templates: [String: String]?
    /// The verdict in one line (`PASS: …` or `FAIL: …`), when the pair was checked.
    public var judge: String?
    /// Every quality gate the pair went through, in order, with its reason.
    public var checks: [QualityCheck]?
    /// For model providers: the raw requests and responses, in order.
    public var exchanges: [Exchange]?
    /// For imports: the file and line it came from, and its detected format.
    public var source: String?
    public var format: String?

    public init(generator: String, model: String? = nil, seed: String? = nil, createdAt: String? = nil,
                templates: [String: String]? = nil, judge: String? = nil, checks: [QualityCheck]? = nil,
                exchanges: [Exchange]? = nil, source: String? = nil, format: String? = nil) {
        self.generator = generator
        self.model = model
        self.seed = seed
        self.createdAt = createdAt
        self.templates = templates
        self.judge = judge
        self.checks = checks
        self.exchanges = exchanges
        self.source = source
        self.format = format
    }
}

/// One request to a model endpoint and what came back, verbatim.
public struct Exchange: Codable, Sendable, Equatable {
    public var role: String
    public var request: String
    public var response: String
    public var status: Int?

    public init(role: String, request: String, response: String, status: Int? = nil) {
        self.role = role
        self.request = request
        self.response = response
        self.status = status
    }
}
