import TenetSpec
import TenetStore

/// How long the rows of an export are, as a trainer counts a preference row: the text of
/// the prompt's messages (a system message included) and of the longer of the two answers.
///
/// Tokens are estimated, not counted: a row's UTF-8 bytes divided by 4, rounded up — about
/// what the BPE tokenizers of current models give for English text (fewer bytes per token
/// for other scripts, so the estimate runs low there), with no chat-template tokens. It is
/// meant to tell a 300-token row from a 3,000-token one before training, not to replace
/// the tokenizer.
public struct RowLengths: Sendable, Equatable {
    /// UTF-8 bytes per estimated token.
    public static let bytesPerToken = 4
    /// A common training length (TRL's examples and many configs use it): when no
    /// `--max-length` is given, rows longer than this are pointed out.
    public static let commonLimit = 512
    /// How many of the longest rows are named.
    public static let named = 3

    /// A row's size.
    public struct Row: Sendable, Equatable {
        /// The pair's ID.
        public var id: String
        /// Unicode scalars, as Python's `len` counts them.
        public var characters: Int
        /// UTF-8 bytes.
        public var bytes: Int
        /// Estimated tokens: bytes / ``RowLengths/bytesPerToken``, rounded up.
        public var tokens: Int { (bytes + RowLengths.bytesPerToken - 1) / RowLengths.bytesPerToken }
    }

    /// Rows counted.
    public private(set) var rows = 0
    /// The longest rows, longest first (ties in the order they came: pair-ID order).
    public private(set) var longest: [Row] = []
    // Rows per length: the medians come out exact with memory bounded by the longest row.
    private var byTokens: [Int: Int] = [:]
    private var byCharacters: [Int: Int] = [:]

    public init() {}

    /// A pair's row, measured; `system` leads the prompt when the export adds it.
    public static func measure(_ pair: PreferencePair, system: String?) -> Row {
        var characters = 0, bytes = 0
        // Characters are Unicode scalars (as Python's len counts them): the UTF-8 bytes that
        // are not continuation bytes, counted in one pass over contiguous bytes.
        func add(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                bytes += utf8.count
                for byte in utf8 where byte & 0xC0 != 0x80 { characters += 1 }
            }
        }
        for turn in system.map({ PairExport.led(pair.prompt, by: $0) }) ?? pair.prompt { add(turn.content) }
        add(pair.chosen.utf8.count >= pair.rejected.utf8.count ? pair.chosen : pair.rejected)
        return Row(id: pair.id, characters: characters, bytes: bytes)
    }

    /// A row read as its snapshot's text, measured as ``measure(_:system:)`` measures the
    /// pair (with no system message); its ID is left empty for ``add(_:named:)`` to fill.
    public static func measure(_ text: PairSnapshotText) -> Row {
        var characters = 0, bytes = 0
        for turn in text.prompt {
            characters += turn.content.characters
            bytes += turn.content.bytes
        }
        let answer = text.chosen.bytes >= text.rejected.bytes ? text.chosen : text.rejected
        return Row(id: "", characters: characters + answer.characters, bytes: bytes + answer.bytes)
    }

    /// Counts a row written.
    public mutating func add(_ row: Row) { add(row) { row.id } }

    /// Counts a row written, asking for its ID only when it is among the longest.
    public mutating func add(_ row: Row, named id: () -> String) {
        rows += 1
        byTokens[row.tokens, default: 0] += 1
        byCharacters[row.characters, default: 0] += 1
        if longest.count < Self.named || row.tokens > longest[longest.count - 1].tokens {
            let place = longest.firstIndex { $0.tokens < row.tokens } ?? longest.count
            var row = row
            row.id = id()
            longest.insert(row, at: place)
            if longest.count > Self.named { longest.removeLast() }
        }
    }

    /// The median row's estimated tokens (the lower median: a length some row has).
    public var medianTokens: Int { Self.median(byTokens, rows) }
    /// The median row's characters (Unicode scalars).
    public var medianCharacters: Int { Self.median(byCharacters, rows) }
    /// The longest row's estimated tokens.
    public var maxTokens: Int { byTokens.keys.max() ?? 0 }
    /// The most characters a row has.
    public var maxCharacters: Int { byCharacters.keys.max() ?? 0 }
    /// Rows longer than `limit` estimated tokens.
    public func rows(over limit: Int) -> Int { byTokens.reduce(0) { $0 + ($1.key > limit ? $1.value : 0) } }

    /// The lower median (a length some row has) of `rows` counted per length.
    private static func median(_ counts: [Int: Int], _ rows: Int) -> Int {
        guard rows > 0 else { return 0 }
        var seen = 0
        for (length, n) in counts.sorted(by: { $0.key < $1.key }) {
            seen += n
            if seen * 2 >= rows { return length }
        }
        return 0
    }

    /// The report for people: the median and the longest rows, in characters and
    /// estimated tokens, with the longest rows' IDs.
    public var summary: String {
        guard rows > 0 else { return "lengths: no rows" }
        let ids = longest.map { SafeText.visible($0.id) }.joined(separator: ", ")
        return "lengths per row (prompt and longer answer): median \(Self.number(medianTokens)) tokens (\(Self.number(medianCharacters)) characters), "
            + "longest \(Self.number(maxTokens)) tokens (\(Self.number(maxCharacters)) characters): \(ids); "
            + "tokens estimated as UTF-8 bytes / \(Self.bytesPerToken)"
    }

    /// `12,345`.
    static func number(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
