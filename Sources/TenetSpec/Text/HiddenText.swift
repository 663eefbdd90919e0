/// Characters a screen shows as nothing, and text hidden in them.
///
/// A spec, a model's answer or an imported pair can carry text no person reviewing it sees:
/// Unicode tag characters (U+E0020–U+E007E) spell ASCII invisibly — "ignore all rules"
/// after a rule's full stop reaches every model the rule is given to — and a run of
/// variation selectors carries bytes the same way. A zero-width space inside "ne​ver"
/// looks like "never" and read as two words turned a prohibition into a requirement.
///
/// This is the one place that says which characters those are. The prose reader reads
/// through them (``invisibleLength(_:at:)``), the terminal shows the ones that carry text
/// as placeholders (``SafeText``), specs report them (``findings(in:limit:)``) and stored
/// answers refuse a hidden payload (``payload(in:)``).
public enum HiddenText {
    /// Whether `scalar` is drawn as nothing and is no space: zero-width space and joiners
    /// (U+200B–U+200D), word joiner and invisible operators (U+2060–U+2064), the deprecated
    /// format controls (U+206A–U+206F), bidi marks, embeddings and isolates, the soft hyphen,
    /// a byte-order mark inside text, the Mongolian vowel separator, variation selectors and
    /// tags.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF: return true
        default: return carriesData(scalar.value) || (0xFE00...0xFE0F).contains(scalar.value)
        }
    }

    /// Tags (U+E0000–U+E007F) and the supplementary variation selectors (U+E0100–U+E01EF):
    /// invisible characters that text is hidden in.
    static func carriesData(_ value: UInt32) -> Bool {
        (0xE0000...0xE007F).contains(value) || (0xE0100...0xE01EF).contains(value)
    }

    /// The length in bytes of the invisible character (``isInvisible(_:)``) that starts at
    /// `i` in valid UTF-8, or 0 when another character starts there.
    @inline(__always)
    static func invisibleLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = b.count
        switch b[i] {
        case 0xC2: return i + 1 < n && b[i + 1] == 0xAD ? 2 : 0                                  // U+00AD
        case 0xD8: return i + 1 < n && b[i + 1] == 0x9C ? 2 : 0                                  // U+061C
        case 0xE1: return i + 2 < n && b[i + 1] == 0xA0 && b[i + 2] == 0x8E ? 3 : 0              // U+180E
        case 0xE2:
            guard i + 2 < n else { return 0 }
            let second = b[i + 1], third = b[i + 2]
            if second == 0x80 { return (0x8B...0x8F).contains(third) || (0xAA...0xAE).contains(third) ? 3 : 0 }
            return second == 0x81 && (0xA0...0xAF).contains(third) ? 3 : 0                      // U+2060–U+206F
        case 0xEF:
            guard i + 2 < n else { return 0 }
            if b[i + 1] == 0xBB { return b[i + 2] == 0xBF ? 3 : 0 }                              // U+FEFF
            return b[i + 1] == 0xB8 && (0x80...0x8F).contains(b[i + 2]) ? 3 : 0                   // U+FE00–U+FE0F
        case 0xF3: return dataCarrier(b, at: i) == nil ? 0 : 4
        default: return 0
        }
    }

    /// The tag or supplementary variation selector (``carriesData(_:)``) whose four bytes
    /// start at `i` — F3 A0 80–81 xx for U+E0000–U+E007F, F3 A0 84–87 xx for
    /// U+E0100–U+E01EF — or `nil`. The one byte test of them: the terminal's and JSON's
    /// escaping ask it too.
    @inline(__always)
    static func dataCarrier(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32? {
        guard i + 3 < b.count, b[i] == 0xF3, b[i + 1] == 0xA0, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80 else { return nil }
        let scalar = 0xE0000 + UInt32(b[i + 2] & 0x3F) << 6 + UInt32(b[i + 3] & 0x3F)
        return carriesData(scalar) ? scalar : nil
    }

    /// What is hidden in one text that is stored as it is (an answer, a prompt): text in
    /// tag characters, or a run of variation selectors, described in a few words; `nil`
    /// when nothing is. A flag written with tags (🏴 and a tag sequence ending in U+E007F,
    /// as England's is) hides nothing.
    public static func payload(in text: String) -> String? {
        var scalars = text.unicodeScalars.makeIterator()
        var previous: Unicode.Scalar?
        var pending = scalars.next()
        while let scalar = pending {
            guard isTag(scalar.value) || isSelector(scalar.value) else { previous = scalar; pending = scalars.next(); continue }
            var run: [UInt32] = []
            var next: Unicode.Scalar? = scalar
            while let s = next, isTag(s.value) || isSelector(s.value) { run.append(s.value); next = scalars.next() }
            if let problem = describe(run, after: previous?.value) { return problem }
            previous = run.last.flatMap(Unicode.Scalar.init)
            pending = next
        }
        return nil
    }

    /// One finding of ``findings(in:limit:)``.
    public struct Finding: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var severity: Diagnostic.Severity
        /// `hidden-text` (an error: text no one sees) or `invisible-character` (a warning:
        /// an invisible character inside a word).
        public var code: String
        public var message: String
    }

    /// Where `b` (valid UTF-8, lines from 1) hides text or splits a word invisibly: a
    /// `hidden-text` error for each line with text in tag characters or a run of two
    /// variation selectors or more, and an `invisible-character` warning for each line with
    /// an invisible character between two ASCII letters. At most `limit` lines of each are
    /// listed, then one more finding says how many lines were left out: memory stays
    /// bounded whatever the file.
    public static func findings(in b: UnsafeBufferPointer<UInt8>, limit: Int = 100) -> [Finding] {
        var out: [Finding] = []
        let n = b.count
        // Lines are counted only up to where something is found.
        var countedTo = 0, line = 1, lineStart = 0
        func place(_ offset: Int) -> (line: Int, column: Int) {
            while countedTo < offset {
                if b[countedTo] == 0x0A { line += 1; lineStart = countedTo + 1 }
                countedTo += 1
            }
            return (line, offset - lineStart + 1)
        }
        var listed = [0, 0], left = [0, 0], lastLine = [0, 0]
        func report(_ kind: Int, at offset: Int, _ message: @autoclosure () -> String) {
            let (line, column) = place(offset)
            guard line != lastLine[kind] else { return }
            lastLine[kind] = line
            guard listed[kind] < limit else { left[kind] += 1; return }
            listed[kind] += 1
            out.append(Finding(line: line, column: column, severity: kind == 0 ? .error : .warning,
                               code: kind == 0 ? "hidden-text" : "invisible-character", message: message()))
        }
        var previousValue: UInt32?
        var i = 0
        while i < n {
            if b[i] < 0x80 {
                // Eight ASCII bytes at a time.
                if i + 8 <= n, let base = b.baseAddress,
                   UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                } else {
                    i += 1
                }
                previousValue = nil
                continue
            }
            let (value, length) = decode(b, at: i)
            if isTag(value) || isSelector(value) {
                var run: [UInt32] = []
                var j = i
                while j < n, b[j] >= 0x80 {
                    let (v, l) = decode(b, at: j)
                    guard isTag(v) || isSelector(v) else { break }
                    run.append(v)
                    j += l
                }
                let before = previousValue ?? (i > 0 && b[i - 1] < 0x80 ? UInt32(b[i - 1]) : nil)
                if let problem = describe(run, after: before) {
                    report(0, at: i, problem + ". A person reading the spec does not see it; a model given the rule reads it. "
                        + "Delete it (Tenet shows each such character as <U+E00..>)")
                }
                previousValue = run.last
                i = j
                continue
            }
            if Unicode.Scalar(value).map(isInvisible) == true {
                var j = i
                while j < n, case let l = invisibleLength(b, at: j), l > 0 { j += l }
                if i > 0, isASCIILetter(b[i - 1]), j < n, isASCIILetter(b[j]) {
                    report(1, at: i, wordMessage(b, invisible: i..<j, first: value))
                }
                previousValue = nil
                i = j
                continue
            }
            previousValue = value
            i += length
        }
        for kind in 0..<2 where left[kind] > 0 {
            out.append(Finding(line: lastLine[kind], column: 1, severity: kind == 0 ? .error : .warning,
                               code: kind == 0 ? "hidden-text" : "invisible-character",
                               message: "\(left[kind]) more line\(left[kind] == 1 ? "" : "s") like those above, not listed; "
                                   + "the last is this one"))
        }
        return out
    }

    // MARK: - Parts

    private static func isTag(_ value: UInt32) -> Bool { (0xE0000...0xE007F).contains(value) }

    private static func isSelector(_ value: UInt32) -> Bool {
        (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// What a run of tags and variation selectors after `previous` hides, or `nil` for
    /// none: a tag-sequence flag after 🏴, or one variation selector choosing a glyph.
    private static func describe(_ run: [UInt32], after previous: UInt32?) -> String? {
        let tags = run.filter(isTag)
        if !tags.isEmpty {
            if previous == 0x1F3F4, tags.count == run.count, run.last == 0xE007F { return nil }
            // Tags U+E0020–U+E007E spell ASCII; the others (language tag, cancel tag) spell nothing.
            let spelled = tags.compactMap { (0xE0020...0xE007E).contains($0) ? Character(Unicode.Scalar($0 - 0xE0000)!) : nil }
            let shown = capped(String(spelled), 80)
            return spelled.isEmpty
                ? "\(tags.count) invisible Unicode tag character\(tags.count == 1 ? "" : "s") here"
                : "invisible Unicode tag characters here spell “\(shown)”"
        }
        guard run.count >= 2 else { return nil }
        return "\(run.count) invisible variation selectors in a row here (one chooses how a character is drawn; a run of them carries data)"
    }

    /// "“ne<U+200B>ver” has an invisible character inside it …".
    private static func wordMessage(_ b: UnsafeBufferPointer<UInt8>, invisible: Range<Int>, first: UInt32) -> String {
        var start = invisible.lowerBound
        while start > 0, invisible.lowerBound - start < 24, isASCIILetter(b[start - 1]) { start -= 1 }
        var end = invisible.upperBound
        while end < b.count, end - invisible.upperBound < 24, isASCIILetter(b[end]) { end += 1 }
        let head = String(decoding: UnsafeBufferPointer(rebasing: b[start..<invisible.lowerBound]), as: UTF8.self)
        let tail = String(decoding: UnsafeBufferPointer(rebasing: b[invisible.upperBound..<end]), as: UTF8.self)
        let digits = String(first, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        let name = names[first].map { " " + $0 } ?? ""
        return "“\(head)<\(code)>\(tail)” has an invisible character inside it (\(code)\(name)): Tenet reads the word as “\(head)\(tail)”, "
            + "a model or a search may not, and a person cannot see it; delete it"
    }

    private static let names: [UInt32: String] = [
        0x00AD: "soft hyphen", 0x200B: "zero width space", 0x200C: "zero width non-joiner", 0x200D: "zero width joiner",
        0x200E: "left-to-right mark", 0x200F: "right-to-left mark", 0x2060: "word joiner", 0xFEFF: "zero width no-break space",
    ]

    /// The scalar at `i` of valid UTF-8 (a lead byte) and its length.
    @inline(__always)
    private static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let c = UInt32(b[i])
        func cont(_ k: Int) -> UInt32 { i + k < b.count ? UInt32(b[i + k] & 0x3F) : 0 }
        if c < 0xE0 { return ((c & 0x1F) << 6 | cont(1), 2) }
        if c < 0xF0 { return ((c & 0x0F) << 12 | cont(1) << 6 | cont(2), 3) }
        return ((c & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    }
}
