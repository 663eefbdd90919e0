extension StringProtocol {
    /// The text without leading spaces and tabs.
    func trimmingLeadingSpaces() -> String {
        guard let first = utf8.first, first == 0x20 || first == 0x09 else { return String(self) }
        return String(drop { $0 == " " || $0 == "\t" })
    }

    /// The text without trailing spaces and tabs.
    func trimmingTrailingSpaces() -> String {
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
    /// to and including the byte after them all ASCII and none a CR (CR LF is the only
    /// ASCII pair that makes one character; any other ASCII byte is a character of its own
    /// and starts a new one). `nil` otherwise: count the characters.
    func asciiPrefixLength(characters count: Int) -> Int? {
        var text = self
        return text.withUTF8 { b in
            let end = Swift.min(b.count, count + 1)
            for k in 0..<end where b[k] >= 0x80 || b[k] == 0x0D { return nil }
            return Swift.min(b.count, count)
        }
    }

    /// `String(prefix(count))`, by bytes when ``asciiPrefixLength(characters:)`` can tell.
    func characterPrefix(_ count: Int) -> String {
        guard let length = asciiPrefixLength(characters: count) else { return String(prefix(count)) }
        return length == utf8.count ? self : String(decoding: utf8.prefix(length), as: UTF8.self)
    }
}
