/// How one request samples: what the request body carries as `max_tokens`,
/// `temperature` and `stop` (left out when there are no stop sequences).
public struct Sampling: Sendable, Equatable, Codable {
    /// The most tokens the answer may have.
    public var maxTokens: Int
    /// 0 to 2; 0 is (nearly) repeatable.
    public var temperature: Double
    /// Where the answer ends early; at most ``RoleSampling/maxStops``.
    public var stop: [String]

    public init(maxTokens: Int, temperature: Double, stop: [String] = []) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.stop = stop
    }
}

/// Each role's sampling: Tenet's defaults for the role's job, then what was set for
/// every role (`--max-tokens`, `--temperature`, `--stop`; `max-tokens = …` in the config
/// file), then what was set for the role itself (`--role-option defender.max-tokens=800`;
/// `defender.max-tokens = 800`), the last winning.
///
/// A temperature set for every role applies to the roles that write (planner, attacker,
/// defender, violator); the judge and the annotator stay at 0 unless named themselves
/// (`judge.temperature = 0.3`), so that a verdict or a reading stays repeatable.
public struct RoleSampling: Sendable, Equatable {
    /// What one place sets; `nil` leaves it to the one before.
    public struct Overrides: Sendable, Equatable {
        public var maxTokens: Int?
        public var temperature: Double?
        /// `[]` set explicitly means "no stop sequences" (`stop = none`).
        public var stop: [String]?

        public init(maxTokens: Int? = nil, temperature: Double? = nil, stop: [String]? = nil) {
            self.maxTokens = maxTokens
            self.temperature = temperature
            self.stop = stop
        }

        public var isEmpty: Bool { maxTokens == nil && temperature == nil && stop == nil }
    }

    /// The OpenAI API takes at most this many stop sequences.
    public static let maxStops = 4
    /// Temperatures the OpenAI API takes.
    public static let temperatures: ClosedRange<Double> = 0...2

    /// Set for every role.
    public var all: Overrides
    /// Set for one role.
    public var roles: [ModelRole: Overrides]

    public init(all: Overrides = Overrides(), roles: [ModelRole: Overrides] = [:]) {
        self.all = all
        self.roles = roles
    }

    /// Tenet's default for a role, sized for its job: the planner names a rule and a
    /// strategy (two lines), the attacker writes one user message, the defender and the
    /// violator a full answer, the judge one line, the annotator a JSON object of nine
    /// fields with a reason each; for midtraining documents the ideator an idea, the writer a
    /// whole document, the critic three verdict lines. Writers sample at 0.7; the judge, the
    /// annotator and the critic at 0.
    public static func defaults(for role: ModelRole) -> Sampling {
        switch role {
        case .planner: return Sampling(maxTokens: 128, temperature: 0.7)
        case .attacker: return Sampling(maxTokens: 512, temperature: 0.7)
        case .defender, .violator: return Sampling(maxTokens: 1024, temperature: 0.7)
        case .judge: return Sampling(maxTokens: 256, temperature: 0)
        case .annotator: return Sampling(maxTokens: 1024, temperature: 0)
        case .ideator: return Sampling(maxTokens: 256, temperature: 0.7)
        case .writer: return Sampling(maxTokens: 2048, temperature: 0.7)
        case .critic: return Sampling(maxTokens: 256, temperature: 0)
        }
    }

    /// What a request for `role` is sent with.
    public func sampling(for role: ModelRole) -> Sampling {
        var sampling = Self.defaults(for: role)
        let own = roles[role] ?? Overrides()
        if let maxTokens = own.maxTokens ?? all.maxTokens { sampling.maxTokens = maxTokens }
        if let temperature = own.temperature ?? (role.samples ? all.temperature : nil) { sampling.temperature = temperature }
        if let stop = own.stop ?? all.stop { sampling.stop = stop }
        return sampling
    }

    /// The roles something was set for, in ``ModelRole`` order.
    public var namedRoles: [ModelRole] {
        ModelRole.allCases.filter { !(roles[$0]?.isEmpty ?? true) }
    }
}
