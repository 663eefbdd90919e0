/// How the attacker probes a rule's boundary.
public enum Strategy: String, CaseIterable, Sendable, Codable {
    case direct
    case rolePlay = "role-play"
    case hypothetical
    case escalation
    case obfuscated
    /// A request the spec allows that merely looks risky: the rejected answer is an
    /// over-cautious refusal.
    case safeLooking = "safe-looking"
}
