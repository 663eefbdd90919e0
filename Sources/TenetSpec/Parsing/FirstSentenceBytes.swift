extension PlainTextBytes {
    /// ``InlineScan/firstSentence(_:limit:)`` of text that is all ASCII without a CR,
    /// reading no more of it than the answer needs; `nil` for any other text (read it
    /// with ``InlineScan/firstSentenceOfPlainText(_:limit:)``).
    ///
    /// A title is the plain text's first sentence cut at about `limit` bytes, and rule
    /// texts run to hundreds of bytes: making all of them plain only to keep the first
    /// eighty was most of the title's cost. The plain text is written by the same
    /// ``step(_:_:into:_:closing:)`` as ``plain(_:)`` (in ASCII every byte is a character, so it
    /// never falls back to characters) until it holds a byte that is not whitespace at
    /// offset `limit + 1` from its first such byte: from there on the sentence is known to
    /// be longer than `limit`, or to have ended at a terminator before it.
    static func firstSentenceOfASCII(_ b: UnsafeBufferPointer<UInt8>, limit: Int) -> String? {
        guard limit >= 0, isASCIIWithoutCR(b) else { return nil }
        let n = b.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(n, 1)) { out in
            var count = 0
            /// Offset in `out` of the first byte that is not whitespace (-1: none yet).
            var start = -1
            var complete = true
            var i = 0
            var closing = -1
            while i < n {
                let before = count
                // All ASCII: a step never hands the text over.
                _ = step(b, &i, into: out, &count, closing: &closing)
                guard count > before, !isASCIIWhitespace(out[count - 1]) else { continue }
                if start < 0 { start = count - 1 }
                if count - 1 - start >= limit + 1 { complete = false; break }
            }
            guard start >= 0 else { return "" }
            // The plain text from `start`: all of it (its trailing whitespace trimmed) when
            // `complete`, otherwise a prefix of it longer than `limit + 1` bytes.
            var known = count
            if complete { while known > start, isASCIIWhitespace(out[known - 1]) { known -= 1 } }
            let plain = UnsafeBufferPointer(rebasing: out[start..<known])
            // The sentence's length, or `nil` when it is longer than `limit`: the first
            // terminator ends it when a space or the end of the text follows.
            var length: Int? = complete ? plain.count : nil
            if let t = plain.firstIndex(where: { $0 == 0x2E || $0 == 0x21 || $0 == 0x3F || $0 == 0x3B }) {
                if t + 1 < plain.count { if plain[t + 1] == 0x20 { length = t } } else if complete { length = t }
            }
            if let length, length <= limit { return String(decoding: UnsafeBufferPointer(rebasing: plain[..<length]), as: UTF8.self) }
            // Longer than `limit`: cut there, back to the last space before the cut.
            let cut = UnsafeBufferPointer(rebasing: plain[..<limit])
            let end = cut.lastIndex(of: 0x20) ?? limit
            return String(decoding: UnsafeBufferPointer(rebasing: cut[..<end]), as: UTF8.self) + "…"
        }
    }

    /// Every byte of `b` is ASCII and none is a CR: each byte is a character of its own.
    static func isASCIIWithoutCR(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        if let base = b.baseAddress {
            // Eight bytes at a time (``ByteSearch/has(_:_:)`` never misses a CR).
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 || ByteSearch.has(word, 0x0D) != 0 { return false }
                i += 8
            }
        }
        while i < n {
            if b[i] >= 0x80 || b[i] == 0x0D { return false }
            i += 1
        }
        return true
    }
}
