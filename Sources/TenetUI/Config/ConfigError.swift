import TenetSpec

/// A mistake in a theme or config file, with where it is and what to do about it.
///
/// Its description reads `FILE:LINE: MESSAGE`, the form editors and terminals link to, and
/// the message always says how to fix the line (`unknown role "selektion" (did you mean
/// selection?); known roles: text, muted, …`).
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user should see it (a path or just a name).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// What is wrong and how to fix it.
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: MESSAGE`.
    public var description: String { "\(file):\(line): \(message)" }
}

// MARK: - Shared line handling for Tenet's small `key = value` files

/// Helpers shared by ``ThemeFile`` and ``ConfigFile``, kept in one namespace so they do not
/// collide with anything else in the module.
enum ConfigSyntax {
    /// One meaningful line of a config or theme file: comments and surrounding blanks removed.
    struct Line {
        var number: Int
        var text: Substring
    }

    /// The non-blank lines of `text`, numbered from 1, with comments removed. A comment starts
    /// at a `#` at the beginning of a line or after a space or tab, so `#` inside a word
    /// (`editor = my#editor`) is kept. `\n`, `\r\n` and `\r` all end a line.
    static func lines(_ text: String) -> [Line] {
        var result: [Line] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (index, raw) in lines.enumerated() {
            var end = raw.endIndex
            var previous: Character = " "
            for i in raw.indices {
                let c = raw[i]
                if c == "#", previous == " " || previous == "\t" { end = i; break }
                previous = c
            }
            let stripped = trimmed(raw[raw.startIndex..<end])
            if !stripped.isEmpty { result.append(Line(number: index + 1, text: stripped)) }
        }
        return result
    }

    /// `text` without leading and trailing whitespace.
    static func trimmed(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return text[first...last]
    }

    /// Splits `key = value` at the first `=`; nil when there is none.
    static func splitAssignment(_ line: Substring) -> (key: Substring, value: Substring)? {
        guard let eq = line.firstIndex(of: "=") else { return nil }
        return (trimmed(line[line.startIndex..<eq]), trimmed(line[line.index(after: eq)...]))
    }

    /// The `candidates` that look like a misspelling of `word` (see ``CloseMatches``).
    static func closeMatches(for word: String, in candidates: [String]) -> [String] {
        CloseMatches.of(word, in: candidates)
    }

    /// `" (did you mean a or b?)"`, or nothing when there is no close match.
    static func didYouMean(_ word: String, in candidates: [String]) -> String {
        let matches = closeMatches(for: word, in: candidates)
        guard !matches.isEmpty else { return "" }
        return " (did you mean " + matches.joined(separator: " or ") + "?)"
    }

}
