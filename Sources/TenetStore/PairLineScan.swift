import TenetSpec

/// A JSONL line of the common shape of preference pairs read straight from its bytes, with
/// the store's JSON parser (``JSONParser``) but without building a ``JSONValue`` tree: the
/// conversation fields (`prompt`, `chosen`, `rejected`) become text or ``Turn``s at once,
/// and only the other fields become values. Building a dictionary per line and per message
/// (and hashing keys to look fields up in them) was most of reading an import's lines.
///
/// It only reads what it reads exactly as ``JSONValue/parse(_:)-(String)`` followed by a
/// look-up would: a line that is not JSON, repeats a key, or whose conversation fields
/// hold anything but text or lists of `{role, content, name}` messages with text values,
/// gives `nil` — the caller then reads it the general way, which also says what is wrong.
public struct PairLineScan: Sendable {
    /// A conversation field: text, or a list of messages.
    public enum Conversation: Sendable {
        case text(String)
        case messages([Turn])
    }

    public var prompt: Conversation?
    public var chosen: Conversation?
    public var rejected: Conversation?
    /// The line's other fields.
    public var others: [String: JSONValue]

    /// The line's fields; `nil` when it is not of the common shape, or not JSON.
    public static func scan(_ line: String) -> PairLineScan? {
        var line = line
        return line.withUTF8 { bytes in try? scan(bytes) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParser.Failure) -> PairLineScan {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        guard parser.peek() == UInt8(ascii: "{") else { throw parser.uncommon }
        var result = PairLineScan(prompt: nil, chosen: nil, rejected: nil, others: [:])
        var others: [(String, JSONValue)] = []
        try parser.objectFields { (key: String, parser: inout JSONParser) throws(JSONParser.Failure) in
            switch key {
            case "prompt", "chosen", "rejected":
                let field: Conversation
                switch parser.peek() {
                case UInt8(ascii: "\"")?: field = .text(try parser.string())
                case UInt8(ascii: "[")?: field = .messages(try messages(&parser))
                default: throw parser.uncommon
                }
                switch key {
                case "prompt": guard result.prompt == nil else { throw parser.uncommon }; result.prompt = field
                case "chosen": guard result.chosen == nil else { throw parser.uncommon }; result.chosen = field
                default: guard result.rejected == nil else { throw parser.uncommon }; result.rejected = field
                }
            default:
                others.append((key, try parser.value()))
            }
        }
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.uncommon }
        result.others.reserveCapacity(others.count)
        for (key, value) in others {
            guard result.others.updateValue(value, forKey: key) == nil else { throw parser.uncommon }
        }
        return result
    }

    /// A list of `{role, content, name}` messages with text values.
    private static func messages(_ parser: inout JSONParser) throws(JSONParser.Failure) -> [Turn] {
        var turns: [Turn] = []
        try parser.arrayElements { (parser: inout JSONParser) throws(JSONParser.Failure) in
            guard parser.peek() == UInt8(ascii: "{") else { throw parser.uncommon }
            var role: String?, content: String?, name: String?
            try parser.objectFields { (key: String, parser: inout JSONParser) throws(JSONParser.Failure) in
                guard parser.peek() == UInt8(ascii: "\"") else { throw parser.uncommon }
                let text = try parser.string()
                switch key {
                case "role" where role == nil: role = text
                case "content" where content == nil: content = text
                case "name" where name == nil: name = text
                default: throw parser.uncommon
                }
            }
            guard let role, let content else { throw parser.uncommon }
            turns.append(Turn(role: role, content: content, name: name))
        }
        return turns
    }
}

extension JSONParser {
    /// The byte at the parser, `nil` at the end of the text.
    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Stops a ``PairLineScan``: the line is read the general way instead.
    var uncommon: Failure { failure("not a line of the common shape") }
}
