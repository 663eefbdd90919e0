import Foundation

/// Character references in XML text — the Model Spec's example turns are XML, so an
/// answer that shows code writes `&lt;form&gt;` and means `<form>`.
enum XMLEntities {
    /// Named references decoded: XML's five, and the HTML ones that spec authors type.
    private static let named: [String: String] = [
        "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'",
        "nbsp": "\u{A0}", "ndash": "–", "mdash": "—", "hellip": "…", "lsquo": "‘", "rsquo": "’",
        "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "copy": "©", "reg": "®",
        "trade": "™", "times": "×", "middot": "·", "bull": "•", "deg": "°", "euro": "€",
    ]

    /// Longest reference looked at, `&` to `;`: `&#x10FFFF;` is 10 bytes.
    private static let maxLength = 10

    /// `text` with `&lt;`, `&amp;`, `&#39;`, `&#x27;` … replaced by their characters, in one
    /// pass (so `&amp;lt;` becomes `&lt;`). A reference that is unknown, unterminated, or
    /// names a character that is not allowed in text (NUL, a control character other than
    /// tab and line breaks, a surrogate) is left as written.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }
        return decode(bytes: Array(text.utf8)[...])
    }

    /// ``decode(_:)`` for UTF-8 bytes. The text between references is copied a run at a
    /// time, from one `&` to the next.
    static func decode(bytes slice: ArraySlice<UInt8>) -> String {
        slice.withUnsafeBufferPointer { decode(buffer: $0) }
    }

    /// ``decode(_:)`` for UTF-8 bytes in place (an example block's own).
    static func decode(buffer b: UnsafeBufferPointer<UInt8>) -> String {
        guard var amp = nextAmpersand(b, from: 0) else { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var copied = 0                                   // `b[..<copied]` is in `out`
        while true {
            if let (replacement, length) = reference(b, at: amp) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<amp]))
                out.append(contentsOf: replacement.utf8)
                copied = amp + length
            }
            guard let next = nextAmpersand(b, from: max(copied, amp + 1)) else { break }
            amp = next
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied...]))
        return String(decoding: out, as: UTF8.self)
    }

    /// The index of the first `&` from `start` on (memchr).
    private static func nextAmpersand(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < b.count, let base = b.baseAddress, let hit = memchr(base + start, 0x26, b.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The character of the reference starting with `&` at `start`, and its length in bytes.
    private static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        let limit = min(bytes.count, start + maxLength + 1)
        guard start + 1 <= limit, let semicolon = bytes[(start + 1)..<limit].firstIndex(of: 0x3B), semicolon > start + 1 else { return nil }
        let body = bytes[(start + 1)..<semicolon]
        let length = semicolon + 1 - start
        if body.first == 0x23 {                                              // &#…;
            var digits = body.dropFirst()
            var radix: UInt32 = 10
            if digits.first == 0x78 || digits.first == 0x58 { radix = 16; digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy({ isDigit($0, radix: radix) }), let value = UInt32(String(decoding: digits, as: UTF8.self), radix: Int(radix)),
                  allowed(value), let scalar = Unicode.Scalar(value) else { return nil }
            return (String(Character(scalar)), length)
        }
        guard let replacement = named[String(decoding: body, as: UTF8.self)] else { return nil }
        return (replacement, length)
    }

    private static func isDigit(_ byte: UInt8, radix: UInt32) -> Bool {
        (0x30...0x39).contains(byte) || (radix == 16 && ((0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)))
    }

    /// Characters a reference may produce: not NUL, C0 or C1 controls (except tab, line
    /// feed and carriage return), DEL, surrogates or values past Unicode.
    private static func allowed(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: return true
        case 0..<0x20, 0x7F...0x9F, 0xD800...0xDFFF: return false
        default: return value <= 0x10FFFF
        }
    }
}
