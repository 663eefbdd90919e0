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
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var pendingSpace = false
    for byte in bytes {
        if isASCIIWhitespace(byte) {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}
