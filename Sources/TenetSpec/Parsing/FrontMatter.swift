import Foundation

/// A metadata block at the very top of a Markdown file: YAML between `---` lines (Jekyll,
/// Hugo, MkDocs, Docusaurus) or TOML between `+++` lines (Hugo). Tenet reads its `title`,
/// and `kinds` and `assistant` (``SpecSettings``); the block itself is not part of the
/// spec's text.
struct FrontMatter: Sendable, Equatable {
    /// A top-level `key: value`, the key lower-cased, the value unquoted.
    struct Field: Sendable, Equatable {
        var key: String
        var value: String
        var line: Int
    }

    /// The `title` value, unquoted; `nil` when the block has none.
    var title: String?
    /// Every top-level `key: value`, in order.
    var fields: [Field] = []
    /// How many lines the block takes, its two delimiter lines included.
    var lineCount: Int

    /// Most lines looked at for the closing delimiter.
    private static let maxLines = 500

    /// The front matter at the start of `bytes`, or `nil`. The first line must be exactly
    /// `---` (or `+++`), a line `---` or `...` (`+++`) must close it, and at least one line
    /// inside must be a `key: value` (`key = value`) pair — so a thematic break followed by
    /// a setext heading is not taken for metadata.
    static func read(_ bytes: [UInt8]) -> FrontMatter? {
        guard bytes.count >= 4, bytes[0] == bytes[1], bytes[1] == bytes[2],
              bytes[0] == 0x2D || bytes[0] == 0x2B else { return nil }
        let toml = bytes[0] == 0x2B
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count, lines.count <= maxLines {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            while let last = line.last, last == 0x0D || last == 0x20 || last == 0x09 { line = line.dropLast() }
            lines.append(line)
            start = end + 1
        }
        guard lines.first.map(Array.init) == Array(bytes[0..<3]) else { return nil }
        let closers: [[UInt8]] = toml ? [Array("+++".utf8)] : [Array("---".utf8), Array("...".utf8)]
        guard let close = lines.indices.dropFirst().first(where: { closers.contains(Array(lines[$0])) }) else { return nil }
        var matter = FrontMatter(title: nil, lineCount: close + 1)
        var sawKey = false
        for (offset, line) in lines[1..<close].enumerated() {
            guard let (key, value) = pair(line, separator: toml ? 0x3D : 0x3A) else { continue }
            sawKey = true
            if key == "title", matter.title == nil, !value.isEmpty { matter.title = value }
            matter.fields.append(Field(key: key, value: value, line: offset + 2))
        }
        return sawKey ? matter : nil
    }

    /// `key: value` at the start of a line (no indentation) → the lower-cased key and the
    /// value without quotes.
    private static func pair(_ line: ArraySlice<UInt8>, separator: UInt8) -> (String, String)? {
        guard let first = line.first, isKeyByte(first), !(0x30...0x39).contains(first),
              let sep = line.firstIndex(of: separator) else { return nil }
        var keyEnd = sep
        while keyEnd > line.startIndex, line[keyEnd - 1] == 0x20 || line[keyEnd - 1] == 0x09 { keyEnd -= 1 }
        guard line[line.startIndex..<keyEnd].allSatisfy(isKeyByte) else { return nil }
        let key = String(decoding: line[line.startIndex..<keyEnd], as: UTF8.self).lowercased()
        var value = String(decoding: line[(sep + 1)...], as: UTF8.self).trimmed()
        if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
            value = String(value.dropFirst().dropLast())
            if q == "\"" { value = value.replacingOccurrences(of: "\\\"", with: "\"") }
            else { value = value.replacingOccurrences(of: "''", with: "'") }
        }
        return (key, value.trimmed())
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x5F || byte == 0x2D
    }
}
