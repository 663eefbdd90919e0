/// A symbol in front of a bullet, a paragraph or a heading — `❌ Share card numbers`,
/// `✅ Do`, `⚠️ Never share passwords`, `→ Keep replies short` — which policies use as a
/// Do/Don't marker or as decoration. Prose is read after it: as a word, it hid the
/// sentence's own first word ("Never", "Don't", an imperative), so such bullets made no
/// rule, and a heading "❌ Don't" no lead-in.
enum LeadingMark: Equatable, Sendable {
    /// ❌ 🚫 ⛔ ✗ ✘ ✖ ❎ 👎 🛑: what follows is something not to do.
    case prohibits(String)
    /// ✅ ✔ ✓ ☑ 👍: what follows is something to do (or a good practice).
    case approves(String)
    /// Any other symbol (⚠️ 💡 📌 →): decoration.
    case decoration(String)

    /// The symbols as written.
    var symbols: String {
        switch self {
        case .prohibits(let text), .approves(let text), .decoration(let text): text
        }
    }

    /// The leading mark of `text` and the text after it (spaces after the mark dropped), or
    /// `nil` when `text` does not open with one. Only symbols count — letters, digits,
    /// punctuation and anything ASCII (Markdown's own `*`, `-`, `#`, `[`) end the mark.
    static func split(_ text: String) -> (mark: LeadingMark, rest: Substring)? {
        // Almost all text opens with an ASCII byte: answered without looking further.
        guard let first = text.utf8.first, first >= 0x80 else { return nil }
        var end = text.startIndex
        var symbols = ""
        var forbids = false, approves = false
        for character in text {
            guard character.unicodeScalars.allSatisfy(isMarkScalar) else { break }
            for scalar in character.unicodeScalars {
                if prohibiting.contains(scalar.value) { forbids = true }
                if approving.contains(scalar.value) { approves = true }
            }
            symbols.append(character)
            end = text.index(after: end)
        }
        guard !symbols.isEmpty else { return nil }
        let rest = text[end...].drop { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        let mark: LeadingMark = forbids ? .prohibits(symbols) : approves ? .approves(symbols) : .decoration(symbols)
        return (mark, rest)
    }

    /// A heading read without the marks around its words: "❌ Don't" and "Don't ❌" are
    /// "Don't".
    static func trimmingMarks(_ title: String) -> String {
        var rest = split(title).map { Substring($0.rest) } ?? Substring(title)
        while let last = rest.last, last == " " || last.unicodeScalars.allSatisfy(isMarkScalar) { rest = rest.dropLast() }
        return rest.isEmpty ? title : String(rest)
    }

    private static func isMarkScalar(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x80 else { return false }
        switch scalar.value {
        case 0xFE0E, 0xFE0F, 0x200D, 0x20E3: return true           // variation selectors, joiner, keycap
        default: break
        }
        switch scalar.properties.generalCategory {
        case .otherSymbol, .mathSymbol, .modifierSymbol: return true
        default: return false
        }
    }

    /// ❌ ❎ 🚫 ⛔ ✗ ✘ ✖ 👎 🛑
    private static let prohibiting: Set<UInt32> = [0x274C, 0x274E, 0x1F6AB, 0x26D4, 0x2717, 0x2718, 0x2716, 0x1F44E, 0x1F6D1]
    /// ✅ ✔ ✓ ☑ 👍
    private static let approving: Set<UInt32> = [0x2705, 0x2714, 0x2713, 0x2611, 0x1F44D]
}
