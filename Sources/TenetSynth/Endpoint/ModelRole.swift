/// Whom a request to a model is for: one of the generation loop's agents, or the
/// annotator that reads rules for `annotate --suggest`, or one of the midtraining
/// document roles (`midtrain generate`: ideator, writer, critic). Each role has its own sampling
/// (``RoleSampling``): a planner answers in two lines, a defender at length.
public enum ModelRole: String, CaseIterable, Sendable, Codable {
    case planner, attacker, defender, violator, judge, annotator
    /// Midtraining documents: the idea writer, the document writer and the critic.
    case ideator, writer, critic

    /// The role of a generation agent.
    public init(_ agent: AgentRole) {
        switch agent {
        case .planner: self = .planner
        case .attacker: self = .attacker
        case .defender: self = .defender
        case .violator: self = .violator
        case .judge: self = .judge
        }
    }

    /// The roles that write (sampled at the generation temperature); the judge and the
    /// annotator read, at temperature 0, so that a verdict or a reading is repeatable.
    public var samples: Bool { self != .judge && self != .annotator && self != .critic }

    /// The roles `tenet generate` asks.
    public static let generation: [ModelRole] = [.planner, .attacker, .defender, .violator, .judge]

    /// The roles `tenet midtrain generate` asks.
    public static let midtrain: [ModelRole] = [.ideator, .writer, .critic]

    /// The command that asks this role, as a usage error names it.
    public var command: String {
        switch self {
        case .annotator: return "tenet annotate --suggest"
        case .ideator, .writer, .critic: return "tenet midtrain generate"
        default: return "tenet generate"
        }
    }
}
