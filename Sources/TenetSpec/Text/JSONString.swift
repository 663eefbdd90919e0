/// A string as a JSON string literal, escaped as RFC 8259 requires (quotes, backslashes,
/// control characters); everything else — `/`, non-ASCII — is written as its UTF-8
/// bytes. Shared by the store's canonical snapshots and the export lines, so equal text is
/// always written the same way.
public enum JSONString {
    /// `shortEscapes`: backspace and form feed as `\b` and `\f`, as Foundation's
    /// `JSONEncoder` writes them (``SpecJSON``), rather than as `\u0008` and `\u000c`.
    public static func append(_ string: String, to out: inout [UInt8], shortEscapes: Bool = false) {
        out.append(0x22)
        var string = string
        string.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0x08 where shortEscapes: out += [0x5C, 0x62]
                case 0x0C where shortEscapes: out += [0x5C, 0x66]
                default: out += [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(0x22)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// JSON text (as any encoder writes it) with the characters a terminal would act on
    /// that JSON lets through raw — DEL, C1 controls, bidi overrides and isolates, tags and
    /// the supplementary variation selectors (see ``SafeText``) — written as `\uXXXX`
    /// escapes instead, so JSON printed to a terminal
    /// (`--json | cat`) cannot reorder or control it. They can only stand inside string
    /// literals (JSON's own syntax is ASCII), so the result decodes to the same values.
    public static func terminalSafe(_ json: String) -> String {
        guard json.utf8.contains(where: { $0 >= 0x7F }) else { return json }
        // Byte by byte: DEL is 7F, the C1 controls C2 80–9F, the bidi controls E2 80 AA–AE
        // and E2 81 A6–A9, the direction marks E2 80 8E–8F and D8 9C, the line and paragraph
        // separators E2 80 A8–A9 (the set ``SafeText`` shows). Walking scalars was a quarter of `tenet parse --json`'s time.
        var json = json
        return json.withUTF8 { bytes -> String? in
            let n = bytes.count
            func escaped(at i: Int) -> (scalar: UInt32, length: Int)? {
                switch bytes[i] {
                case 0x7F: return (0x7F, 1)
                case 0xC2 where i + 1 < n && (0x80...0x9F).contains(bytes[i + 1]):
                    return (UInt32(bytes[i + 1]), 2)
                case 0xD8 where i + 1 < n && bytes[i + 1] == 0x9C: return (0x061C, 2)
                case 0xE2 where i + 2 < n:
                    let second = bytes[i + 1], third = bytes[i + 2]
                    if second == 0x80 && ((0x8E...0x8F).contains(third) || (0xA8...0xAE).contains(third)) {
                        return (0x2000 + UInt32(third) - 0x80, 3)
                    }
                    if second == 0x81 && (0xA6...0xA9).contains(third) { return (0x2040 + UInt32(third) - 0x80, 3) }
                    return nil
                case 0xF3:
                    // Tags and the supplementary variation selectors (``HiddenText``).
                    return HiddenText.dataCarrier(bytes, at: i).map { ($0, 4) }
                default: return nil
                }
            }
            var out: [UInt8]?
            var start = 0, i = 0
            while i < n {
                guard bytes[i] >= 0x7F, let (scalar, length) = escaped(at: i) else { i += 1; continue }
                if out == nil { out = []; out!.reserveCapacity(n + 64) }
                out!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                // Past U+FFFF as a surrogate pair, as JSON writes such characters.
                let units = scalar > 0xFFFF ? [0xD800 + (scalar - 0x10000) >> 10, 0xDC00 + (scalar - 0x10000) & 0x3FF] : [scalar]
                for unit in units {
                    let digits = Array(String(unit, radix: 16).utf8)
                    out! += [0x5C, 0x75] + Array(repeating: 0x30, count: 4 - digits.count) + digits
                }
                i += length
                start = i
            }
            guard var out else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<n]))
            return String(decoding: out, as: UTF8.self)
        } ?? json
    }
}
