extension StringProtocol {
    /// The text without leading spaces and tabs.
    func trimmingLeadingSpaces() -> String {
        guard let first = utf8.first, first == 0x20 || first == 0x09 else { return String(self) }
        return String(drop { $0 == " " || $0 == "\t" })
    }

    /// The text without trailing spaces and tabs.
    func trimmingTrailingSpaces() -> String {
        // By bytes when the byte before the trailing run is ASCII (or there is none): then
        // each space and tab of the run is a character of its own (no ASCII character joins
        // the one after it, as a Unicode "prepend" character does), so the run is bytes.
        var text = String(self)
        let cut: Int? = text.withUTF8 { b in
            var run = b.count
            while run > 0, b[run - 1] == 0x20 || b[run - 1] == 0x09 { run -= 1 }
            return run == 0 || run == b.count || b[run - 1] < 0x80 ? run : nil
        }
        if let cut {
            return cut == text.utf8.count ? text : String(text[..<text.utf8.index(text.startIndex, offsetBy: cut)])
        }
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard self[before] == " " || self[before] == "\t" else { break }
            end = before
        }
        return String(self[startIndex..<end])
    }

    /// The text without whitespace (spaces, tabs, line breaks) at either end. Works on
    /// UTF-8 bytes: it runs on every piece of text the reader keeps.
    func trimmed() -> String {
        var text = String(self)
        return text.withUTF8 { bytes in
            var start = 0, end = bytes.count
            while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
            while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
            if start == 0 && end == bytes.count { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        } ?? text
    }
}

/// The lines of `text` less the whitespace at either end, the empty ones left out, joined
/// with one space: a paragraph's soft line breaks read as spaces. By UTF-8 bytes — as
/// `split(separator: "\n")` of characters it cost the samples' parse a tenth of its time.
func joiningLines(_ text: String) -> String {
    var text = text
    return text.withUTF8 { b in
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var start = 0
        while start < b.count {
            var end = start
            while end < b.count, b[end] != 0x0A { end += 1 }
            var first = start, last = end
            while first < last, isASCIIWhitespace(b[first]) { first += 1 }
            while last > first, isASCIIWhitespace(b[last - 1]) { last -= 1 }
            if first < last {
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[first..<last]))
            }
            start = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

@inline(__always)
func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
}

/// UTF-8 text with every run of whitespace (line breaks included) made one space, and
/// none at either end.
func collapsingWhitespace(_ bytes: ArraySlice<UInt8>) -> String {
    bytes.withUnsafeBufferPointer { input in
        // Written straight into the string's storage: the result is never longer than the
        // input (each space written stands for at least one whitespace byte read), and the
        // string validates the bytes as `String(decoding:as:)` does, repairing bad UTF-8.
        String(unsafeUninitializedCapacity: input.count) { out in
            var count = 0
            var pendingSpace = false
            for byte in input {
                if isASCIIWhitespace(byte) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace { out[count] = 0x20; count += 1; pendingSpace = false }
                    out[count] = byte
                    count += 1
                }
            }
            return count
        }
    }
}

extension String {
    /// The UTF-8 length of the first `count` characters, when the bytes alone can tell: up
    /// to and including the scalar after them, every scalar is a character on its own
    /// whatever surrounds it (``isAlone(_:)``), so `count` scalars are `count` characters.
    /// `nil` otherwise: count the characters. Deciding each boundary by Unicode's grapheme
    /// rules costs about twenty instructions a character; this, a few.
    func simplePrefixLength(characters count: Int) -> Int? {
        var text = self
        return text.withUTF8 { b in
            var offset = 0, characters = 0
            while offset < b.count {
                // Eight printable ASCII bytes (0x20–0x7E: no high bit, none below 0x20, no
                // DEL) are eight characters on their own, when eight more are wanted.
                if characters &+ 8 <= count, offset &+ 8 <= b.count, let base = b.baseAddress {
                    let w = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                    let low = 0x0101_0101_0101_0101 as UInt64, high = 0x8080_8080_8080_8080 as UInt64
                    let belowSpace = (w &- 0x20 &* low) & ~w & high
                    if (w & high) | belowSpace | ByteSearch.has(w, 0x7F) == 0 {
                        offset &+= 8
                        characters &+= 8
                        continue
                    }
                }
                guard let (scalar, width) = Self.scalar(at: offset, in: b), Self.isAlone(scalar) else { return nil }
                if characters == count { return offset }
                offset += width
                characters += 1
            }
            return offset
        }
    }

    /// Whether a scalar is a character on its own whatever its neighbours: printable ASCII,
    /// tab and line feed (not CR, which joins a following LF), Latin-1 and the Latin
    /// extensions up to U+02FF (below the combining marks), and the dashes, quotes, bullets
    /// and ellipsis of U+2010–U+2027. None of them extends, prepends to or joins with a
    /// neighbour (no Extend, ZWJ, SpacingMark, Prepend, Hangul or regional indicator).
    private static func isAlone(_ scalar: UInt32) -> Bool {
        (scalar >= 0x20 && scalar < 0x7F) || scalar == 0x09 || scalar == 0x0A
            || (scalar >= 0xA0 && scalar < 0x300) || (scalar >= 0x2010 && scalar < 0x2028)
    }

    /// The scalar at `offset` of valid UTF-8 and its width; `nil` for a four-byte scalar
    /// (none of them is ``isAlone(_:)``).
    private static func scalar(at offset: Int, in b: UnsafeBufferPointer<UInt8>) -> (UInt32, Int)? {
        let lead = b[offset]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 { return ((UInt32(lead & 0x1F) << 6) | UInt32(b[offset + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(b[offset + 1] & 0x3F) << 6) | UInt32(b[offset + 2] & 0x3F), 3)
        }
        return nil
    }

    /// `String(prefix(count))`, by bytes when ``simplePrefixLength(characters:)`` can tell.
    func characterPrefix(_ count: Int) -> String {
        guard let length = simplePrefixLength(characters: count) else { return String(prefix(count)) }
        return length == utf8.count ? self : String(decoding: utf8.prefix(length), as: UTF8.self)
    }
}

/// `text` when it is at most `limit` bytes long, else the characters that fit in `limit`
/// bytes and "…": what a copy of shared text keeps (``SpecLimits/copyBudgetFactor``).
func capped(_ text: String, _ limit: Int) -> String {
    guard text.utf8.count > limit else { return text }
    var end = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
    // The byte limit may fall inside a character: back to where the last whole one ends.
    while end > text.startIndex, end.samePosition(in: text) == nil { end = text.utf8.index(before: end) }
    return String(text[..<end]) + "…"
}
