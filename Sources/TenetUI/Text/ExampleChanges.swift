import TenetStore

/// Boundary examples as people read them in history, blame and `tenet show`: a field whose
/// value is a list of examples is described example by example ("example 2: verdict GOOD
/// → BORDERLINE"), not printed as a JSON blob.
public enum ExampleChanges {
    /// The changes between two values of an examples field, one line each; `nil` for any
    /// other field.
    public static func lines(field: String, old: JSONValue, new: JSONValue) -> [String]? {
        guard field.hasSuffix("examples"), let before = examples(old), let after = examples(new) else { return nil }
        var out: [String] = []
        for index in 0..<max(before.count, after.count) {
            // Named by title: the field may hold only the examples added in Tenet, whose
            // place here is not their number on the rule.
            func name(_ example: [String: JSONValue]) -> String { text(example["title"]).map { "“\($0)”" } ?? "#\(index + 1)" }
            switch (index < before.count ? before[index] : nil, index < after.count ? after[index] : nil) {
            case (nil, let added?): out.append("example added: " + summary(added))
            case (let removed?, nil): out.append("example removed: " + summary(removed))
            case (let was?, let now?):
                var changes: [String] = []
                if text(was["verdict"]) != text(now["verdict"]) {
                    changes.append("verdict \(text(was["verdict"]) ?? "none") → \(text(now["verdict"]) ?? "none")")
                }
                if text(was["title"]) != text(now["title"]) { changes.append("title “\(text(now["title"]) ?? "")”") }
                if was["turns"] != now["turns"] { changes.append("conversation changed (\(turns(now)) turns)") }
                if was["reason"] != now["reason"] { changes.append(text(now["reason"]).map { "reason: \($0)" } ?? "reason removed") }
                if was["violates"] != now["violates"] { changes.append("violates: " + list(now["violates"])) }
                if !changes.isEmpty { out.append("example \(name(was)): " + changes.joined(separator: " · ")) }
            case (nil, nil): break
            }
        }
        return out.isEmpty ? ["examples unchanged"] : out
    }

    /// An examples field's value in one line ("3 examples: 1 GOOD, 2 BAD"); `nil` for any
    /// other field.
    public static func summary(field: String, value: JSONValue) -> String? {
        guard field.hasSuffix("examples"), let all = examples(value) else { return nil }
        guard !all.isEmpty else { return "no examples" }
        var counts: [String: Int] = [:]
        for example in all { counts[text(example["verdict"]) ?? "?", default: 0] += 1 }
        let order = ["GOOD", "BAD", "BORDERLINE", "UNSPECIFIED"]
        let parts = counts.sorted { (order.firstIndex(of: $0.key) ?? 9, $0.key) < (order.firstIndex(of: $1.key) ?? 9, $1.key) }
            .map { "\($0.value) \($0.key)" }
        return "\(all.count) example\(all.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    private static func examples(_ value: JSONValue) -> [[String: JSONValue]]? {
        if value == .null { return [] }
        guard case .array(let items) = value else { return nil }
        var out: [[String: JSONValue]] = []
        for item in items {
            guard case .object(let fields) = item, fields["verdict"] != nil, fields["turns"] != nil else { return nil }
            out.append(fields)
        }
        return out
    }

    private static func summary(_ example: [String: JSONValue]) -> String {
        let title = text(example["title"]).map { " “\($0)”" } ?? ""
        return "\(text(example["verdict"]) ?? "?")\(title), \(turns(example)) turns"
    }

    private static func turns(_ example: [String: JSONValue]) -> Int {
        if case .array(let items)? = example["turns"] { return items.count }
        return 0
    }

    private static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    private static func list(_ value: JSONValue?) -> String {
        guard case .array(let items)? = value, !items.isEmpty else { return "none" }
        return items.compactMap { text($0) }.joined(separator: ", ")
    }
}
