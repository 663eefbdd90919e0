/// A YAML-style front matter block at the very top of a Markdown file, as GitHub renders
/// it: a `---` line, `key: value` lines (indented `subkey: value` lines belong to the key
/// above them), and a closing `---` or `...` line. Only this flat shape is read; anything
/// else means the file has no front matter.
struct FrontMatter: Sendable {
    struct Field: Sendable, Equatable {
        var key: String
        /// The value; a key with indented lines under it has them joined as
        /// `subkey: value, subkey: value`.
        var value: String
        var line: Int
    }

    var fields: [Field]
    /// Bytes the block takes, closing line included.
    var byteCount: Int

    /// The front matter of `bytes`, if it starts with one.
    static func read(_ bytes: [UInt8]) -> FrontMatter? {
        guard bytes.starts(with: Array("---\n".utf8)) else { return nil }
        var fields: [Field] = []
        var offset = 4
        var line = 2
        while offset < bytes.count, line <= 200 {
            var end = offset
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let text = String(decoding: bytes[offset..<end], as: UTF8.self)
            let next = min(bytes.count, end + 1)
            let trimmed = text.trimmed()
            if trimmed == "---" || trimmed == "..." {
                return FrontMatter(fields: fields, byteCount: next)
            }
            defer { offset = next; line += 1 }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let key = text[..<colon].trimmed()
            let value = text[text.index(after: colon)...].trimmed()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " " }) else { return nil }
            if text.first == " " || text.first == "\t", !fields.isEmpty {
                let last = fields.count - 1
                fields[last].value += (fields[last].value.isEmpty ? "" : ", ") + "\(key): \(value)"
            } else {
                fields.append(Field(key: key.lowercased(), value: value, line: line))
            }
        }
        return nil
    }

    /// The value of `key`, if present.
    func value(_ key: String) -> Field? { fields.first { $0.key == key } }
}
