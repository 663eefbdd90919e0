/// Text from specs, files and models made safe to put on a terminal: it is shown, never
/// interpreted. Control characters (C0 including ESC and BEL, DEL, C1 including CSI and
/// OSC introducers) and bidirectional overrides become visible placeholders, so no escape
/// sequence, clipboard write (OSC 52) or bell can reach the terminal.
public enum SafeText {
    /// One printable grapheme cluster and its width in columns.
    public struct Cluster: Equatable, Sendable {
        public var text: String
        public var width: Int
    }

    /// The clusters of `text`, each safe to print, with widths.
    public static func clusters(_ text: String) -> [Cluster] {
        var out: [Cluster] = []
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isASCII, let byte = character.asciiValue, byte >= 0x20, byte < 0x7F {
                out.append(Cluster(text: String(character), width: 1))
                continue
            }
            appendSafe(character, to: &out)
        }
        return out
    }

    /// `text` with every unsafe character replaced by its placeholder.
    public static func visible(_ text: String) -> String {
        clusters(text).map(\.text).joined()
    }

    private static func appendSafe(_ character: Character, to out: inout [Cluster]) {
        let scalars = character.unicodeScalars
        // A cluster holding any control or override is shown scalar by scalar.
        if scalars.contains(where: { placeholder(for: $0) != nil }) {
            for scalar in scalars {
                if let shown = placeholder(for: scalar) {
                    for c in shown { out.append(Cluster(text: String(c), width: 1)) }
                } else {
                    let w = DisplayWidth.of(scalar)
                    if w > 0 { out.append(Cluster(text: String(scalar), width: w)) }
                }
            }
            return
        }
        // One cell per spacing scalar, with the zero-width ones (combining marks, ZWJ,
        // variation selectors) riding on it: the way the terminal will lay them out.
        var cell = String.UnicodeScalarView()
        var cellWidth = 0
        for scalar in scalars {
            let width = DisplayWidth.of(scalar)
            if width == 0 {
                if cell.isEmpty {
                    // A mark with nothing to combine with would join the previous cell.
                    let category = scalar.properties.generalCategory
                    guard category == .nonspacingMark || category == .enclosingMark else { continue }
                    cell.append("\u{25CC}")
                    cellWidth = 1
                }
                cell.append(scalar)
            } else {
                if !cell.isEmpty { out.append(Cluster(text: String(cell), width: cellWidth)) }
                cell = String.UnicodeScalarView([scalar])
                cellWidth = width
            }
        }
        if !cell.isEmpty { out.append(Cluster(text: String(cell), width: cellWidth)) }
    }

    /// The visible stand-in for a character the terminal would act on, or `nil`.
    static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x09: return "  "
        case 0x0A: return "↵"
        case 0x1B: return "␛"
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + v)!)
        case 0x7F: return "␡"
        case 0x80..<0xA0: return "<" + hex(v) + ">"
        case 0x202A...0x202E, 0x2066...0x2069: return "<U+" + hex(v) + ">"
        default: return nil
        }
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
