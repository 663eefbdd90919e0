import TenetSpec

/// Reads the critic's three lines — `consistent`, `keeps_direction`, `states_reason`, each
/// `YES`/`NO` and a reason — into checks. A reply missing one of them fails
/// `critic-readable`, and the document is not stored as passed.
public enum CriticReply {
    static let lines: [(key: String, gate: DocumentCheck.Gate)] = [
        ("consistent", .consistent), ("keeps_direction", .keepsDirection), ("states_reason", .statesReason),
    ]

    public static func checks(_ reply: String) -> [DocumentCheck] {
        var found: [String: (Bool, String)] = [:]
        for line in reply.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "*", with: "")
            guard lines.contains(where: { $0.key == key }) else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            let upper = value.uppercased()
            guard upper.hasPrefix("YES") || upper.hasPrefix("NO") else { continue }
            var reason = String(value.dropFirst(upper.hasPrefix("YES") ? 3 : 2))
            while let first = reason.first, first == " " || first == "—" || first == "-" || first == ":" || first == "," { reason.removeFirst() }
            found[key] = (upper.hasPrefix("YES"), reason)
        }
        let missing = lines.filter { found[$0.key] == nil }.map(\.key)
        guard missing.isEmpty else {
            return [DocumentCheck(.criticReadable, passed: false,
                                  reason: "the critic's reply lacks \(missing.joined(separator: ", ")): \(String(reply.prefix(120)))", by: "critic")]
        }
        return lines.map { line in
            let (passed, reason) = found[line.key]!
            return DocumentCheck(line.gate, passed: passed, reason: reason, by: "critic")
        }
    }
}
