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
        // UTF-8 indices are String indices: search bytes, slice the String.
        let open = openingBrace(text)
        guard text.utf8.last == 0x7D, let open else {
            if let open, text.utf8[text.utf8.index(after: open)...].first == 0x23 {
                return Split(title: text, attributes: nil,
                             problem: "attribute block is never closed; end it with `}`")
            }
            return Split(title: text, attributes: nil, problem: nil)
        }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let title = String(text[..<open]).trimmingTrailingSpaces()
        let looksLikeAttributes = inner.utf8.first == 0x23 || inner.utf8.first == 0x2E || inner.utf8.contains(0x3D)
        guard looksLikeAttributes else { return Split(title: text, attributes: nil, problem: nil) }
        switch parse(inner) {
        case .success(let attributes): return Split(title: title, attributes: attributes, problem: nil)
        case .failure(let message): return Split(title: title, attributes: nil, problem: message)
        }
    }

    /// The `{` that opens the attribute block ending the heading: scanning back from the
    /// end, braces inside quoted values (`scope="for {{age}}"`) do not count.
    private static func openingBrace(_ text: String) -> String.Index? {
        let bytes = text.utf8
        guard bytes.last == 0x7D else { return bytes.lastIndex(of: 0x7B) }
        var quote: UInt8 = 0
        var index = bytes.index(before: bytes.endIndex)
        while index > bytes.startIndex {
            index = bytes.index(before: index)
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == 0x7B {
                return index
            }
        }
        return bytes.lastIndex(of: 0x7B)
    }

    private enum Outcome { case success(HeadingAttributes), failure(String) }

    /// Reads `#id .class key=value key="quoted value"` (the text between the braces).
    private static func parse(_ inner: Substring) -> Outcome {
        var result = HeadingAttributes()
        // Copied from the contiguous bytes at once: `Array(inner.utf8)` copies byte by byte.
        let b = inner.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(inner.utf8)
        var i = 0
        func skipSpaces() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        func word() -> String {
            let start = i
            while i < b.count, b[i] != 0x20, b[i] != 0x09, b[i] != 0x3D { i += 1 }
            return String(decoding: b[start..<i], as: UTF8.self)
        }
        skipSpaces()
        while i < b.count {
            if b[i] == 0x23 {                                   // #id
                i += 1
                let id = word()
                guard !id.isEmpty, id.unicodeScalars.allSatisfy(isIDScalar) else {
                    return .failure("`#\(QuotedInMessage.shown(id))` is not a valid ID: use letters, digits, `.`, `-` and `_`")
                }
                if result.id != nil { return .failure("two IDs in one attribute block (`#\(id)`)") }
                result.id = id
            } else if b[i] == 0x2E {                            // .class
                i += 1
                let name = word()
                guard !name.isEmpty else { return .failure("`.` without a class name") }
                result.classes.append(name)
            } else {                                            // key=value
                let key = word()
                guard !key.isEmpty, key.unicodeScalars.allSatisfy(isIDScalar) else {
                    return .failure("`\(QuotedInMessage.shown(key))` is not a valid attribute name")
                }
                guard i < b.count, b[i] == 0x3D else {
                    return .failure("attribute `\(key)` has no value; write `\(key)=value`")
                }
                i += 1
                let value: String
                if i < b.count, b[i] == 0x22 || b[i] == 0x27 {
                    let quote = b[i]
                    i += 1
                    let start = i
                    while i < b.count, b[i] != quote { i += 1 }
                    guard i < b.count else {
                        return .failure("the value of `\(key)` has no closing \(quote == 0x22 ? "\"" : "'")")
                    }
                    value = String(decoding: b[start..<i], as: UTF8.self)
                    i += 1
                } else {
                    let start = i
                    while i < b.count, b[i] != 0x20, b[i] != 0x09 { i += 1 }
                    guard i > start else { return .failure("attribute `\(key)` has an empty value") }
                    value = String(decoding: b[start..<i], as: UTF8.self)
                }
                result.pairs.append((key.lowercased(), value))
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
