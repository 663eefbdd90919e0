/// What an instantiation is asked for: how many rules, in what balance, covering what,
/// with which parameter values, in which order when rules conflict — and the seed. The
/// same controls on the same spec revision always give the same instance.
public struct InstantiationControls: Codable, Sendable, Equatable {
    /// How many rules to sample (a number in this range, drawn with the seed).
    public var minRules: Int
    public var maxRules: Int
    /// Share of safety rules among those sampled (0…1); `nil`: as in the spec.
    public var safetyShare: Double?
    /// Share of `require` among rules with a direction (0…1); `nil`: as in the spec.
    public var requireShare: Double?
    public var coverage: Coverage
    /// Rules that must be in the instance, and rules that must not.
    public var include: [String]
    public var exclude: [String]
    /// Parameter values given; the others take their default, or one of their allowed
    /// values drawn with the seed.
    public var parameters: [String: String]
    /// How rules are ordered, first key first; earlier rules win conflicts.
    public var conflictOrder: [ConflictKey]
    /// Whether unclassified rules may be sampled (rendered with the behavioral ones).
    public var includeUnclassified: Bool
    /// Whether the behavioral list ends with SpecBench's general helpfulness rule
    /// (``RuleStatement/specBenchHelpfulness``); `nil`: yes for a spec read from
    /// SpecBench's JSON, whose scenarios all end with it, no otherwise.
    public var helpfulnessRule: Bool?
    public var seed: UInt64

    public init(minRules: Int = 8, maxRules: Int = 13, safetyShare: Double? = nil, requireShare: Double? = nil,
                coverage: Coverage = .sections, include: [String] = [], exclude: [String] = [],
                parameters: [String: String] = [:], conflictOrder: [ConflictKey] = ConflictKey.defaultOrder,
                includeUnclassified: Bool = false, helpfulnessRule: Bool? = nil, seed: UInt64 = 0) {
        self.minRules = minRules
        self.maxRules = maxRules
        self.safetyShare = safetyShare
        self.requireShare = requireShare
        self.coverage = coverage
        self.include = include
        self.exclude = exclude
        self.parameters = parameters
        self.conflictOrder = conflictOrder
        self.includeUnclassified = includeUnclassified
        self.helpfulnessRule = helpfulnessRule
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case minRules, maxRules, safetyShare, requireShare, coverage, include, exclude, parameters, conflictOrder,
             includeUnclassified, helpfulnessRule, seed
    }

    /// The seed is written as a string: JSON numbers (doubles) cannot hold every 64-bit
    /// seed, and a seed that changed on the way through the store would change the instance.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(minRules, forKey: .minRules)
        try c.encode(maxRules, forKey: .maxRules)
        try c.encodeIfPresent(safetyShare, forKey: .safetyShare)
        try c.encodeIfPresent(requireShare, forKey: .requireShare)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(include, forKey: .include)
        try c.encode(exclude, forKey: .exclude)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(conflictOrder, forKey: .conflictOrder)
        try c.encode(includeUnclassified, forKey: .includeUnclassified)
        try c.encodeIfPresent(helpfulnessRule, forKey: .helpfulnessRule)
        try c.encode(String(seed), forKey: .seed)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        minRules = try c.decode(Int.self, forKey: .minRules)
        maxRules = try c.decode(Int.self, forKey: .maxRules)
        safetyShare = try c.decodeIfPresent(Double.self, forKey: .safetyShare)
        requireShare = try c.decodeIfPresent(Double.self, forKey: .requireShare)
        coverage = try c.decodeIfPresent(Coverage.self, forKey: .coverage) ?? .sections
        include = try c.decodeIfPresent([String].self, forKey: .include) ?? []
        exclude = try c.decodeIfPresent([String].self, forKey: .exclude) ?? []
        parameters = try c.decodeIfPresent([String: String].self, forKey: .parameters) ?? [:]
        conflictOrder = try c.decodeIfPresent([ConflictKey].self, forKey: .conflictOrder) ?? ConflictKey.defaultOrder
        includeUnclassified = try c.decodeIfPresent(Bool.self, forKey: .includeUnclassified) ?? false
        helpfulnessRule = try c.decodeIfPresent(Bool.self, forKey: .helpfulnessRule)
        let text = try c.decode(String.self, forKey: .seed)
        guard let value = UInt64(text) else {
            throw DecodingError.dataCorruptedError(forKey: .seed, in: c, debugDescription: "seed `\(text)` is not a whole number")
        }
        seed = value
    }

    /// What the sample must cover: at least one rule from each top-level section, or each
    /// family, as far as the count allows.
    public enum Coverage: String, Codable, Sendable, CaseIterable {
        case sections, families, none
    }
}

/// A key of the conflict order.
public enum ConflictKey: String, Codable, Sendable, CaseIterable {
    /// Safety rules before behavioral ones.
    case kind
    /// Priority 1 first; rules without one after those with one.
    case priority
    /// root, system, developer, user, guideline; none last.
    case authority
    /// As in the document.
    case document

    public static let defaultOrder: [ConflictKey] = [.kind, .priority, .authority, .document]
}

/// A concrete, reproducible spec: the rules picked (each with why), in conflict order,
/// placeholders filled.
public struct Instantiation: Codable, Sendable, Equatable {
    public var spec: String
    public var specTitle: String
    /// The spec revision it was taken from (0 when read from a file).
    public var specRevision: Int
    /// The dialect the spec was read in (`nil` in instances saved before it was recorded):
    /// it decides how a rule without a direction is stated, and whether the helpfulness
    /// rule is added by default.
    public var dialect: Dialect?
    public var controls: InstantiationControls
    /// The number of rules drawn from the range (before clamping to what the spec has).
    public var drawnCount: Int
    public var parameters: [ParameterValue]
    public var rules: [InstantiatedRule]
    /// Constraints that could not be met in full, said plainly.
    public var notes: [String]

    public var safety: [InstantiatedRule] { rules.filter { $0.kind == .safety } }
    /// Behavioral rules, and unclassified ones when they were allowed in.
    public var behavioral: [InstantiatedRule] { rules.filter { $0.kind != .safety } }

    /// `text` (say, the spec's description) with this instance's parameter values in its
    /// `{{placeholders}}`; placeholders without a value stay as they are.
    public func filled(_ text: String) -> String {
        Instantiator.fill(text, Dictionary(parameters.compactMap { p in p.value.map { (p.name, $0) } }, uniquingKeysWith: { first, _ in first }))
    }
}

/// A parameter's value in an instance, and where it came from.
public struct ParameterValue: Codable, Sendable, Equatable {
    public enum Source: String, Codable, Sendable { case given, `default`, drawn, unset }
    public var name: String
    public var value: String?
    public var source: Source
}

/// A rule as it stands in an instance.
public struct InstantiatedRule: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var kind: RuleKind
    public var direction: Direction?
    public var priority: Int?
    public var authority: Authority?
    /// The top-level section it comes from.
    public var section: String?
    public var family: String?
    /// The rule's text with placeholders filled.
    public var text: String
    /// The sentence the spec introduces the rule with when the rule is a bullet that
    /// completes it ("Claude should never:"): it carries the rule's polarity.
    public var leadIn: String?
    /// `true` when the rule's own words permit what it names (``Rule/permits``): it is
    /// given as written. Absent otherwise.
    public var permits: Bool?
    /// Why it was picked.
    public var reason: String
}

/// Why an instantiation cannot be made as asked.
public struct InstantiationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
