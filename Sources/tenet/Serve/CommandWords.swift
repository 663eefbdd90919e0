/// Splits what a person typed after `ssh HOST` (OpenSSH hands it over as
/// `SSH_ORIGINAL_COMMAND`) into words, the way a shell would for plain words and quotes —
/// and nothing more: no shell ever sees it, so shell syntax (`;`, `|`, `$`, `` ` ``,
/// redirections, globs) is refused with a message rather than passed on as text.
enum CommandWords {
    /// The longest command accepted, in bytes.
    static let limit = 4096

    static func split(_ text: String) -> Result<[String], Refusal> {
        guard text.utf8.count <= limit else {
            return .failure(Refusal("the command is \(text.utf8.count) bytes long; at most \(limit) are accepted"))
        }
        if text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
            return .failure(Refusal("the command holds control characters; type a tenet command, e.g. review"))
        }
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'", "\"":
                quote = character
                inWord = true
            case "\\":
                escaped = true
                inWord = true
            case ";", "&", "|", "<", ">", "$", "`", "(", ")", "{", "}", "*", "?", "[", "]", "~", "#", "!":
                return .failure(Refusal("`\(character)` is shell syntax, and this is not a shell: run one tenet command (quote text that holds it)"))
            default:
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { return .failure(Refusal("a quote is not closed")) }
        if escaped { return .failure(Refusal("the command ends with a backslash")) }
        if inWord { words.append(current) }
        return .success(words)
    }
}

/// Why a command was not accepted, worded for the person.
struct Refusal: Error, Sendable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
