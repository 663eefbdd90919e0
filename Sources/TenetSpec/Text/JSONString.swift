/// A string as a JSON string literal, escaped as RFC 8259 requires (quotes, backslashes,
/// control characters); everything else — `/`, non-ASCII — is written as its UTF-8
/// bytes. Shared by the store's canonical snapshots and the export lines, so equal text is
/// always written the same way.
public enum JSONString {
    public static func append(_ string: String, to out: inout [UInt8]) {
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
                default: out += [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(0x22)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// JSON text (as any encoder writes it) with the characters a terminal would act on
    /// that JSON lets through raw — DEL, C1 controls, bidi overrides and isolates (see
    /// ``SafeText``) — written as `\uXXXX` escapes instead, so JSON printed to a terminal
    /// (`--json | cat`) cannot reorder or control it. They can only stand inside string
    /// literals (JSON's own syntax is ASCII), so the result decodes to the same values.
    public static func terminalSafe(_ json: String) -> String {
        guard json.utf8.contains(where: { $0 >= 0x7F }) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F, SafeText.placeholder(for: scalar) != nil {
                let digits = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - digits.count) + digits).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
