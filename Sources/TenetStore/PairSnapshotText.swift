import Foundation
import TenetSpec

/// One JSON string literal of a stored snapshot, where it lies in the snapshot's bytes.
///
/// Only literals escaped exactly as ``JSONString/append(_:to:)`` escapes their text are
/// kept this way (the snapshot writer uses it too, so every snapshot Tenet wrote is): an
/// export that appends the literal's bytes writes what decoding and re-escaping the text
/// would write, without doing either.
public struct JSONText: Sendable, Equatable {
    /// The literal, its quotes included.
    public var range: Range<Int>
    /// UTF-8 bytes of the text it stands for.
    public var bytes: Int
    /// Unicode scalars of that text.
    public var characters: Int
}

/// What an export writes of a pair, as the JSON text of its stored snapshot: valid only
/// during the call that hands it over (it points into the row SQLite read).
public struct PairSnapshotText {
    public struct Turn {
        public var role: JSONText
        public var content: JSONText
        public var name: JSONText?
    }

    /// The snapshot's bytes, which the ``JSONText`` ranges point into.
    public private(set) var bytes: UnsafeBufferPointer<UInt8>
    public internal(set) var id = JSONText(range: 0..<0, bytes: 0, characters: 0)
    public internal(set) var spec: JSONText?
    public internal(set) var specRevision: Int?
    public internal(set) var instantiation: JSONText?
    public internal(set) var strategy: JSONText?
    public internal(set) var rules: [JSONText] = []
    public internal(set) var prompt: [Turn] = []
    public internal(set) var chosen = JSONText(range: 0..<0, bytes: 0, characters: 0)
    public internal(set) var rejected = JSONText(range: 0..<0, bytes: 0, characters: 0)
    /// The provenance's generator.
    public internal(set) var generator = JSONText(range: 0..<0, bytes: 0, characters: 0)
    /// Annotator → decision, as ``ReviewFields/decisions(_:)`` reads them.
    public internal(set) var decisions: [String: ReviewDecision] = [:]
    /// As ``ReviewFields/edited(_:)`` says.
    public internal(set) var edited = false

    init() { bytes = UnsafeBufferPointer(start: nil, count: 0) }

    /// Appends the literal's bytes (its quotes included) to `out`.
    @inline(__always)
    public func append(_ text: JSONText, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[text.range]))
    }

    /// The text a literal stands for.
    public func string(_ text: JSONText) -> String {
        var parser = JSONParser(bytes)
        parser.index = text.range.lowerBound
        return (try? parser.string()) ?? ""
    }

    /// Reads a snapshot into `text`. `false` when it is not of the usual shape or a string in it is
    /// escaped otherwise than ``JSONString`` escapes it (a snapshot from before that
    /// writer, say): the caller then reads it the general way. It reads what
    /// ``PairSnapshotFields`` reads, with the same meaning (the tests hold them to it).
    /// `text`'s lists are reused from snapshot to snapshot.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, into text: inout PairSnapshotText) -> Bool {
        text.bytes = bytes
        (text.spec, text.specRevision, text.instantiation, text.strategy) = (nil, nil, nil, nil)
        text.rules.removeAll(keepingCapacity: true)
        text.prompt.removeAll(keepingCapacity: true)
        if !text.decisions.isEmpty { text.decisions = [:] }
        var scanner = JSONParser(bytes)
        do { return try scanner.pairSnapshotText(into: &text) } catch { return false }
    }
}

extension JSONParser {
    /// Thrown on a string escaped otherwise than ``JSONString`` would escape it.
    private static let notCanonical = Failure(offset: 0, reason: "not escaped canonically")

    fileprivate mutating func pairSnapshotText(into text: inout PairSnapshotText) throws(Failure) -> Bool {
        var id: JSONText?, chosen: JSONText?, rejected: JSONText?, generator: JSONText?
        var prompt = true, sawPrompt = false
        var editedBeforeImport = false
        var originalChosen: JSONValue?, originalRejected: JSONValue?
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        try keyedFields { (key: Key, parser: inout JSONParser) throws(Failure) in
            switch key {
            case .id: id = try parser.optionalText()
            case .chosen: chosen = try parser.optionalText()
            case .rejected: rejected = try parser.optionalText()
            case .spec: text.spec = try parser.optionalText()
            case .instantiation: text.instantiation = try parser.optionalText()
            case .strategy: text.strategy = try parser.optionalText()
            case .specRevision: text.specRevision = try parser.value().intValue
            case .rules:
                text.rules.removeAll(keepingCapacity: true)
                guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "[") else {
                    _ = try parser.value()
                    return
                }
                try parser.arrayElements { (parser: inout JSONParser) throws(Failure) in
                    if let rule = try parser.optionalText() { text.rules.append(rule) }
                }
            case .prompt:
                sawPrompt = true
                prompt = try parser.turns(into: &text.prompt)
            case .provenance: generator = try parser.generator()
            case .editedBeforeImport: editedBeforeImport = try parser.value() == .bool(true)
            case .originalChosen: originalChosen = ReviewFields.present(try parser.value())
            case .originalRejected: originalRejected = ReviewFields.present(try parser.value())
            case .decision(let name):
                let value = try parser.value()
                text.decisions[name] = value == .null ? nil : ReviewDecision(json: value)
            default: _ = try parser.value()
            }
        }
        guard let id, let chosen, let rejected, let generator, sawPrompt, prompt else { return false }
        (text.id, text.chosen, text.rejected, text.generator) = (id, chosen, rejected, generator)
        text.edited = editedBeforeImport
        if !editedBeforeImport, let originalChosen, let originalRejected {
            let answers: Set<JSONValue> = [.string(text.string(chosen)), .string(text.string(rejected))]
            text.edited = answers != Set([originalChosen, originalRejected])
        }
        return true
    }

    /// The keys of a pair's snapshot this reads (of the snapshot, a prompt turn, the
    /// provenance), told apart by their bytes: no `String` made and compared per key.
    fileprivate enum Key {
        case id, chosen, rejected, spec, instantiation, strategy, specRevision, rules, prompt, provenance
        case editedBeforeImport, originalChosen, originalRejected, decision(String)
        case role, content, name
        case generator, model, seed, createdAt, judge, source, format
        case other

        private static let names: [(String, Key)] = [
            ("id", .id), ("chosen", .chosen), ("rejected", .rejected), ("spec", .spec), ("instantiation", .instantiation),
            ("strategy", .strategy), ("specRevision", .specRevision), ("rules", .rules), ("prompt", .prompt),
            ("provenance", .provenance), (ReviewFields.editedBeforeImport, .editedBeforeImport),
            (ReviewFields.originalChosen, .originalChosen), (ReviewFields.originalRejected, .originalRejected),
            ("role", .role), ("content", .content), ("name", .name), ("generator", .generator), ("model", .model),
            ("seed", .seed), ("createdAt", .createdAt), ("judge", .judge), ("source", .source), ("format", .format),
        ]
        /// The names' bytes by length, for a lookup that compares only keys of the right length.
        private static let byLength: [[([UInt8], Key)]] = {
            var table = Array(repeating: [([UInt8], Key)](), count: 32)
            for (name, key) in names { table[name.utf8.count].append((Array(name.utf8), key)) }
            return table
        }()
        private static let decisionPrefix = Array(ReviewFields.decisionPrefix.utf8)

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            if bytes.count < Self.byLength.count {
                for (name, key) in Self.byLength[bytes.count]
                where name[0] == bytes[0] && name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                    self = key
                    return
                }
            }
            if bytes.starts(with: Self.decisionPrefix) {
                self = .decision(String(decoding: UnsafeBufferPointer(rebasing: bytes[Self.decisionPrefix.count...]), as: UTF8.self))
            } else {
                self = .other
            }
        }
    }

    /// Reads the object that starts here (at its `{`), as ``objectFields(_:)`` does, with
    /// each key as a ``Key``. A key with escapes or non-ASCII text is decoded (and checked) first.
    private mutating func keyedFields(_ body: (Key, inout JSONParser) throws(Failure) -> Void) throws(Failure) {
        try objectFields(readingKey: { (parser: inout JSONParser) throws(Failure) -> Key in
            let bytes = parser.bytes
            var end = parser.index + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20, bytes[end] < 0x80 {
                end += 1
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
                var name = try parser.string()
                return name.withUTF8 { Key($0) }
            }
            defer { parser.index = end + 1 }
            return Key(UnsafeBufferPointer(rebasing: bytes[(parser.index + 1)..<end]))
        }, body)
    }

    /// The string literal here; `nil` (the value read) for any other value.
    private mutating func optionalText() throws(Failure) -> JSONText? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            _ = try value()
            return nil
        }
        return try text()
    }

    /// The string literal that starts here (at its quote), checked to be escaped as
    /// ``JSONString`` escapes (only `\"`, `\\`, `\n`, `\r`, `\t`, and `\u00xx` in lower
    /// case for the other controls) and to be valid UTF-8; ``notCanonical`` otherwise.
    private mutating func text() throws(Failure) -> JSONText {
        let start = index
        index += 1
        var saved = 0, continuation = 0, ascii = true
        while index < bytes.count {
            index = Self.plainASCII(bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                if !ascii {
                    var bytes = UnsafeBufferPointer(rebasing: self.bytes[(start + 1)..<(index - 1)]).makeIterator()
                    var utf8 = Unicode.UTF8.ForwardParser()
                    loop: while true {
                        switch utf8.parseScalar(from: &bytes) {
                        case .valid: continue
                        case .emptyInput: break loop
                        case .error: throw Self.notCanonical
                        }
                    }
                }
                let length = index - start - 2 - saved
                return JSONText(range: start..<index, bytes: length, characters: length - continuation)
            }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { throw Self.notCanonical }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    saved += 1
                    index += 2
                case UInt8(ascii: "u"):
                    // \u00xx, lower-case hex, for a control other than \n, \r and \t.
                    guard index + 5 < bytes.count, bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0") else {
                        throw Self.notCanonical
                    }
                    let high = bytes[index + 4], low = bytes[index + 5]
                    guard high == UInt8(ascii: "0") || high == UInt8(ascii: "1") else { throw Self.notCanonical }
                    let digit: UInt8
                    switch low {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = low - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = low - UInt8(ascii: "a") + 10
                    default: throw Self.notCanonical
                    }
                    let control = (high - UInt8(ascii: "0")) << 4 | digit
                    guard control != 0x0A, control != 0x0D, control != 0x09 else { throw Self.notCanonical }
                    saved += 5
                    index += 6
                default:
                    throw Self.notCanonical   // `\/`, `\b`, `\f`, other `\u`: not how Tenet writes them
                }
                continue
            }
            if byte < 0x20 { throw Self.notCanonical }
            if byte >= 0x80 {
                ascii = false
                if byte & 0xC0 == 0x80 { continuation += 1 }
            }
            index += 1
        }
        throw Self.notCanonical
    }

    /// The first index at or after `start`, in steps of eight, where the eight bytes from
    /// there are not all printable ASCII other than `"` and `\` (what needs a look).
    @inline(__always)
    private static func plainASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var index = start
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            // A byte below 0x20, a zero byte of `quote` or `backslash`, or a byte from 0x80.
            let special = ((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | word
            if special & highs != 0 { break }
            index += 8
        }
        return index
    }

    /// A prompt's turns, into `turns`: `false` when it is not a list of `{role, content,
    /// name?}` objects (as ``PreferencePair/init(snapshot:)`` refuses it).
    private mutating func turns(into turns: inout [PairSnapshotText.Turn]) throws(Failure) -> Bool {
        turns.removeAll(keepingCapacity: true)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
            _ = try value()
            return false
        }
        var wellFormed = true
        try arrayElements { (parser: inout JSONParser) throws(Failure) in
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") else {
                _ = try parser.value()
                wellFormed = false
                return
            }
            var role: JSONText?, content: JSONText?, name: JSONText?
            try parser.keyedFields { (key: Key, parser: inout JSONParser) throws(Failure) in
                switch key {
                case .role: role = try parser.optionalText()
                case .content: content = try parser.optionalText()
                case .name: name = try parser.optionalText()
                default: _ = try parser.value()
                }
            }
            if let role, let content { turns.append(.init(role: role, content: content, name: name)) } else { wellFormed = false }
        }
        return wellFormed
    }

    /// A provenance object's generator; `nil` for anything else (as ``Provenance/init(json:)``
    /// refuses it). Its other fields are checked as that reader reads them only when they
    /// are the rarer nested ones.
    private mutating func generator() throws(Failure) -> JSONText? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            _ = try value()
            return nil
        }
        var generator: JSONText?
        try keyedFields { (key: Key, parser: inout JSONParser) throws(Failure) in
            switch key {
            case .generator: generator = try parser.optionalText()
            case .model, .seed, .createdAt, .judge, .source, .format: _ = try parser.optionalText()
            default: _ = try parser.value()
            }
        }
        return generator
    }
}
