/// The byte-level reading behind ``InlineScan/plainText(_:)`` and
/// ``InlineScan/firstSentence(_:limit:)``: the same result as reading characters, at the
/// cost of a copy.
///
/// Reading characters (grapheme clusters) and reading bytes differ only where an ASCII
/// byte and its non-ASCII neighbour make one character: a combining mark, joiner or
/// spacing mark after it (`*` + U+0301), a prepended mark before it (U+0600 + `*`), or
/// CR LF. Such text is left to the character reading (`nil`).
enum PlainTextBytes {
    /// The plain text of `b`, or `nil` when it must be read by characters.
    static func plain(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard asciiStandsAlone(b) else { return nil }
        let n = b.count
        var handOver = false
        // Written straight into the string's storage (the text never grows), which
        // validates the bytes as `String(decoding:as:)` does; a byte array in between
        // cost an allocation and a copy for every text.
        let text = String(unsafeUninitializedCapacity: n) { out in
            var count = 0
            var i = 0
            var closing = -1
            while i < n {
                guard step(b, &i, into: out, &count, closing: &closing) else { handOver = true; return 0 }
            }
            // Trimmed: the bytes between the whitespace at either end, moved to the start.
            var start = 0, end = count
            while start < end, isASCIIWhitespace(out[start]) { start += 1 }
            while end > start, isASCIIWhitespace(out[end - 1]) { end -= 1 }
            if start > 0, end > start, let base = out.baseAddress {
                UnsafeMutableRawPointer(base).copyMemory(from: base + start, byteCount: end - start)
            }
            return end - start
        }
        return handOver ? nil : text
    }

    /// One step of making Markdown plain, shared by ``plain(_:)`` and
    /// ``firstSentenceOfASCII(_:limit:)``: reads `b[i]` (and a link's `(target)` after a
    /// `]`), advancing `i` past it, and writes what it leaves into `out` after its `count`
    /// bytes — `*` and `` ` `` dropped, `[` dropped where it opens a link (`[text](…)`),
    /// `_` kept only between letters, a run of whitespace made one space. `false`, writing
    /// nothing, for an `_` beside a byte that is not ASCII: the text must then be read by
    /// characters. `closing`: where the `]` after the last `[` read is (`-1` at first), so
    /// that brackets in a row are looked past once, not once each.
    @inline(__always)
    static func step(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int,
                     into out: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int, closing: inout Int) -> Bool {
        let n = b.count
        let c = b[i]
        i += 1
        switch c {
        case 0x2A, 0x60:                                           // * `
            break
        case 0x5B:                                                 // [ kept unless it opens a link
            if closing < i {
                var j = i
                while j < n, b[j] != 0x5D { j += 1 }
                closing = j
            }
            if !(closing + 1 < n && b[closing + 1] == 0x28) { out[count] = c; count += 1 }
        case 0x5F:                                                 // _ kept only between letters
            let previous: UInt8? = count > 0 ? out[count - 1] : nil, next: UInt8? = i < n ? b[i] : nil
            if previous.map({ $0 >= 0x80 }) == true || next.map({ $0 >= 0x80 }) == true { return false }
            if previous.map(isASCIILetter) == true && next.map(isASCIILetter) == true { out[count] = c; count += 1 }
        case 0x5D where i < n && b[i] == 0x28:                     // ](target)
            while i < n, b[i] != 0x29 { i += 1 }
            if i < n { i += 1 }
        case 0x0A, 0x09, 0x20:
            if count == 0 || out[count - 1] != 0x20 { out[count] = 0x20; count += 1 }
        default:
            out[count] = c
            count += 1
        }
        return true
    }

    /// Where a sentence ends in plain text, read by bytes.
    enum Terminator: Equatable {
        /// The first `.`, `!`, `?` or `;` character starts at this byte offset.
        case at(Int)
        /// The text has none.
        case absent
        /// The first such byte shares its character with a neighbour: read by characters.
        case undecided
    }

    static func firstTerminator(_ b: UnsafeBufferPointer<UInt8>) -> Terminator {
        for i in 0..<b.count {
            let c = b[i]
            guard c == 0x2E || c == 0x21 || c == 0x3F || c == 0x3B else { continue }
            if i > 0, b[i - 1] >= 0x80, isPrepend(scalar(endingAt: i, in: b)) { return .undecided }
            if i + 1 < b.count, b[i + 1] >= 0x80, joinsPrevious(scalar(at: i + 1, in: b)) { return .undecided }
            if i + 1 < b.count, b[i + 1] == 0x0D { return .undecided }
            return .at(i)
        }
        return .absent
    }

    /// Every ASCII byte of `b` is a character of its own: no CR, no non-ASCII run that
    /// starts with a joining mark after ASCII or ends with a prepended mark before ASCII.
    static func asciiStandsAlone(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            // Eight ASCII bytes, none a CR, at a time (``ByteSearch/has(_:_:)`` never misses
            // a CR): what the byte loop below does with each of them, all at once.
            if i + 8 <= n, let base = b.baseAddress {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0, ByteSearch.has(word, 0x0D) == 0 { i += 8; continue }
            }
            let c = b[i]
            if c == 0x0D { return false }
            if c < 0x80 { i += 1; continue }
            let start = i
            while i < n, b[i] >= 0x80 { i += 1 }
            if start > 0, joinsPrevious(scalar(at: start, in: b)) { return false }
            if i < n, isPrepend(scalar(endingAt: i, in: b)) { return false }
        }
        return true
    }

    /// A scalar that joins the character before it (grapheme cluster break Extend, ZWJ or
    /// SpacingMark); generous where unsure, which only sends text to the slower reading.
    static func joinsPrevious(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        guard let scalar = Unicode.Scalar(v) else { return true }
        let p = scalar.properties
        return p.isGraphemeExtend || p.isEmojiModifier || v == 0x200D || p.generalCategory == .spacingMark
            || v == 0x0E33 || v == 0x0EB3
    }

    /// A scalar that joins the character after it (grapheme cluster break Prepend); all of
    /// the supplementary Brahmic block is counted, to be safe.
    static func isPrepend(_ v: UInt32) -> Bool {
        (0x0600...0x0605).contains(v) || v == 0x06DD || v == 0x070F || v == 0x0890 || v == 0x0891 || v == 0x08E2
            || v == 0x0D4E || (0x11000...0x11FFF).contains(v)
    }

    /// The scalar whose UTF-8 starts at `i`.
    static func scalar(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let lead = UInt32(b[i])
        func cont(_ k: Int) -> UInt32 { i + k < b.count ? UInt32(b[i + k] & 0x3F) : 0 }
        if lead < 0x80 { return lead }
        if lead < 0xE0 { return (lead & 0x1F) << 6 | cont(1) }
        if lead < 0xF0 { return (lead & 0x0F) << 12 | cont(1) << 6 | cont(2) }
        return (lead & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3)
    }

    /// The scalar whose UTF-8 ends just before `end`.
    static func scalar(endingAt end: Int, in b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var start = end - 1
        while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: b)
    }

    @inline(__always)
    static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
}
