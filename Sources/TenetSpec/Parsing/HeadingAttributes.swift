/// The `{#id key=value …}` block at the end of a heading, as written by the OpenAI Model
/// Spec and Tenet Markdown.
struct HeadingAttributes: Equatable, Sendable {
    var id: String?
    /// Keys in lower case, values unquoted, in the order written.
    var pairs: [(key: String, value: String)] = []
    /// `.class` words.
    var classes: [String] = []

    static func == (a: HeadingAttributes, b: HeadingAttributes) -> Bool {
        a.id == b.id && a.classes == b.classes
            && a.pairs.map(\.key) == b.pairs.map(\.key) && a.pairs.map(\.value) == b.pairs.map(\.value)
    }

    func value(_ key: String) -> String? { pairs.last { $0.key == key }?.value }

    /// The result of splitting a heading's text.
    struct Split: Sendable {
        var title: String
        var attributes: HeadingAttributes?
        /// Why a trailing `{…}` that looks like attributes could not be read.
        var problem: String?
    }

    /// Splits `Title {#id key=value}` into the title and its attributes. Text whose
    /// trailing braces do not look like an attribute block (`f(x) = {a, b}`) is left
    /// alone; a block that does but cannot be read is reported in `problem`.
    static func split(_ heading: String) -> Split {
        let text = heading.trimmingTrailingSpaces()
        guard text.hasSuffix("}"), let open = text.lastIndex(of: "{") else {
            if let open = text.lastIndex(of: "{"), text[text.index(after: open)...].first == "#" {
                return Split(title: text, attributes: nil,
                             problem: "attribute block is never closed; end it with `}`")
            }
            return Split(title: text, attributes: nil, problem: nil)
        }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let title = String(text[..<open]).trimmingTrailingSpaces()
        let looksLikeAttributes = inner.first == "#" || inner.first == "." || inner.contains("=")
        guard looksLikeAttributes else { return Split(title: text, attributes: nil, problem: nil) }
        switch parse(inner) {
        case .success(let attributes): return Split(title: title, attributes: attributes, problem: nil)
        case .failure(let message): return Split(title: title, attributes: nil, problem: message)
        }
    }

    private enum Outcome { case success(HeadingAttributes), failure(String) }

    private static func parse(_ inner: Substring) -> Outcome {
        var result = HeadingAttributes()
        var chars = Array(inner.unicodeScalars)[...]
        func skipSpaces() { while let c = chars.first, c == " " || c == "\t" { chars.removeFirst() } }
        func word() -> String {
            var out = String.UnicodeScalarView()
            while let c = chars.first, c != " ", c != "\t", c != "=" { out.append(c); chars.removeFirst() }
            return String(out)
        }
        skipSpaces()
        while let c = chars.first {
            if c == "#" {
                chars.removeFirst()
                let id = word()
                guard !id.isEmpty, id.unicodeScalars.allSatisfy(isIDScalar) else {
                    return .failure("`#\(id)` is not a valid ID: use letters, digits, `.`, `-` and `_`")
                }
                if result.id != nil { return .failure("two IDs in one attribute block (`#\(id)`)") }
                result.id = id
            } else if c == "." {
                chars.removeFirst()
                let name = word()
                guard !name.isEmpty else { return .failure("`.` without a class name") }
                result.classes.append(name)
            } else {
                let key = word()
                guard !key.isEmpty, key.unicodeScalars.allSatisfy(isIDScalar) else {
                    return .failure("`\(key)` is not a valid attribute name")
                }
                guard chars.first == "=" else {
                    return .failure("attribute `\(key)` has no value; write `\(key)=value`")
                }
                chars.removeFirst()
                var value = String.UnicodeScalarView()
                if let quote = chars.first, quote == "\"" || quote == "'" {
                    chars.removeFirst()
                    var closed = false
                    while let v = chars.first {
                        chars.removeFirst()
                        if v == quote { closed = true; break }
                        value.append(v)
                    }
                    if !closed { return .failure("the value of `\(key)` has no closing \(quote)") }
                } else {
                    while let v = chars.first, v != " ", v != "\t" { value.append(v); chars.removeFirst() }
                    if value.isEmpty { return .failure("attribute `\(key)` has an empty value") }
                }
                result.pairs.append((key.lowercased(), String(value)))
            }
            skipSpaces()
        }
        return .success(result)
    }

    static func isIDScalar(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
            || c == "." || c == "-" || c == "_" || c == ":" || c == "/"
            || (c.value > 0x7F && c.properties.isAlphabetic)
    }
}
