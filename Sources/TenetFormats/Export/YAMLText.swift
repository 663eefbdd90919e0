/// Text as a YAML double-quoted scalar that every YAML reader (PyYAML's YAML 1.1, the Hub's
/// YAML 1.2) reads back as the same text, whatever it holds: `: `, `#`, quotes, line
/// breaks, controls. Only escapes both versions share are used; line breaks that YAML
/// would fold (LF, CR, NEL, U+2028, U+2029) and every character outside YAML's printable
/// set are escaped; everything else is written as it is.
enum YAMLText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) {
                    out += "\\x" + hex(v, 2)
                } else if v == 0xFEFF || v == 0xFFFE || v == 0xFFFF {
                    out += "\\u" + hex(v, 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, _ digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
