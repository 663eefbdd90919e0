/// Fills `{name}` slots the way Python's `str.format` fills SpecBench's templates: each
/// slot named in `values` is replaced by its value, once, left to right; values are never
/// read as templates themselves. SpecBench's evaluation templates have no other braces.
public enum PromptTemplate {
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + values.values.reduce(0) { $0 + $1.utf8.count })
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest.index(after: open)
            if let close = rest[after...].firstIndex(of: "}"), let value = values[String(rest[after..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[after...]
            }
        }
        return out + rest
    }
}
