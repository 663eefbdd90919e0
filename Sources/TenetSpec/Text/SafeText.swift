/// Text from specs, models, files and people made safe to put on a terminal: it is shown,
/// never interpreted. This is the one place that decides what a terminal would act on;
/// the workbench draws every cell through it and the command line prints every line
/// through it.
///
/// - C0 controls become their Control Pictures — ESC `␛`, BEL `␇`, CR `␍`, NUL `␀` … — so
///   no CSI (clear screen, cursor moves), OSC (window title, OSC 52 clipboard write,
///   hyperlink), DCS or bell reaches the terminal: `ESC [ 2 J` is shown as `␛[2J`.
/// - DEL becomes `␡`; C1 controls (U+0080–U+009F, among them the one-character CSI and
///   OSC introducers) become their code, `<9B>`.
/// - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
///   the invisible direction marks (LRM U+200E, RLM U+200F, ALM U+061C), which make the
///   rest of a line read in another order ("Trojan Source"), become `<U+202E>`; so do the
///   line and paragraph separators (U+2028, U+2029), which some terminals and viewers
///   break a line at.
/// - Tags (U+E0000–U+E007F) and the supplementary variation selectors (U+E0100–U+E01EF),
///   which show nothing and spell hidden text (``HiddenText``), become `<U+E0069>`: a
///   reviewer sees that something is there.
/// - Line feeds and tabs depend on the use (``LineBreaks``): a field that must stay on its
///   line shows a line feed as `↵` and a tab as two spaces; a block of text keeps them
///   (and CR LF line ends).
///
/// Everything else — any script, emoji, combining marks — passes unchanged.
public enum SafeText {
    /// What line feeds and tabs become.
    public enum LineBreaks: Sendable {
        /// `↵` and two spaces: the text stays on one line (a field of a listing, a cell).
        case shown
        /// Kept, with CR LF: a block of text printed over several lines.
        case kept
    }

    /// `text` with everything a terminal would act on replaced by a visible placeholder.
    public static func visible(_ text: String, lineBreaks: LineBreaks = .shown) -> String {
        let keep = lineBreaks == .kept
        if !actsOnTerminal(text, keep: keep) { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            // A CR is held back until it is known whether an LF follows it.
            if previousCR {
                previousCR = false
                if scalar == "\n" { out.append("\r"); out.append(scalar); continue }
                out.append(contentsOf: placeholder(for: "\r")!.unicodeScalars)
            }
            if keep {
                if scalar == "\n" || scalar == "\t" { out.append(scalar); continue }
                if scalar == "\r" { previousCR = true; continue }
            }
            if let shown = placeholder(for: scalar) { out.append(contentsOf: shown.unicodeScalars) } else { out.append(scalar) }
        }
        if previousCR { out.append(contentsOf: placeholder(for: "\r")!.unicodeScalars) }
        return String(out)
    }

    /// Whether any part of `text` would be replaced: read byte by byte, so the common case
    /// — any script, emoji, dashes, nothing a terminal acts on — returns the text as it is
    /// without building it again scalar by scalar (which made printing a 6 MB spec's tree
    /// take most of `tenet parse`'s time).
    static func actsOnTerminal(_ text: String, keep: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0x20..<0x7F, 0x80..<0xC2, 0xC3..<0xD8, 0xD9..<0xE2, 0xE3..<0xF3, 0xF4...0xFF: break
                case 0x0A, 0x09: if !keep { return true }
                case 0x0D:
                    // Kept: a CR LF line end stays as it is; a lone CR is shown.
                    guard keep, index + 1 < count, bytes[index + 1] == 0x0A else { return true }
                case 0xC2:
                    // U+0080–U+009F, the C1 controls: C2 80 … C2 9F.
                    if index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
                case 0xD8:
                    // U+061C, the Arabic letter mark: D8 9C.
                    if index + 1 < count, bytes[index + 1] == 0x9C { return true }
                case 0xE2:
                    // U+200E–U+200F (E2 80 8E–8F), U+2028–U+202E (E2 80 A8–AE) and
                    // U+2066–U+2069 (E2 81 A6–A9).
                    if index + 2 < count {
                        let second = bytes[index + 1], third = bytes[index + 2]
                        if second == 0x80 && ((0x8E...0x8F).contains(third) || (0xA8...0xAE).contains(third)) { return true }
                        if second == 0x81 && (0xA6...0xA9).contains(third) { return true }
                    }
                case 0xF3:
                    // Tags and the supplementary variation selectors.
                    if HiddenText.dataCarrier(bytes, at: index) != nil { return true }
                default: return true   // other C0 controls and DEL
                }
                index += 1
            }
            return false
        }
    }

    /// One printable grapheme cluster and its width in columns.
    public struct Cluster: Equatable, Sendable {
        public var text: String
        public var width: Int
    }

    /// The clusters of `text` as a terminal lays them out, each safe to print (by the
    /// rules of ``visible(_:lineBreaks:)``, line breaks shown), with widths.
    public static func clusters(_ text: String) -> [Cluster] {
        var out: [Cluster] = []
        let utf8 = text.utf8
        out.reserveCapacity(utf8.count)
        // Printable ASCII followed by ASCII (or the end) is a cluster of its own — nothing
        // ASCII extends a cluster except the LF of a CR LF, and CR is not printable — so
        // most text is laid out byte by byte; grapheme breaking runs only around the rest.
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte >= 0x20, byte < 0x7F, next == utf8.endIndex || utf8[next] < 0x80 {
                out.append(Cluster(text: String(UnicodeScalar(byte)), width: 1))
                index = next
                continue
            }
            let character = text[index]
            appendSafe(character, to: &out)
            index = text.index(after: index)
        }
        return out
    }

    private static func appendSafe(_ character: Character, to out: inout [Cluster]) {
        let scalars = character.unicodeScalars
        // Most clusters are one scalar the terminal shows as it is (a letter, a dash).
        if scalars.count == 1, let scalar = scalars.first, placeholder(for: scalar) == nil {
            let width = DisplayWidth.of(scalar)
            if width > 0 { out.append(Cluster(text: String(character), width: width)); return }
        }
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
        // One cell per spacing scalar, with the zero-width ones (combining marks) riding on
        // it: the way the terminal will lay them out. Joiners and variation selectors are
        // left out: terminals disagree on what they do to the width ("❤️" one column or two,
        // a family "👩‍👩‍👧" one emoji or three), and a cell drawn wider or narrower than the
        // screen counted it left characters of the last screen standing beside it. Without
        // them each emoji is drawn on its own, as wide everywhere.
        var cell = String.UnicodeScalarView()
        var cellWidth = 0
        for scalar in scalars {
            if Self.shapesEmoji(scalar) { continue }
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

    /// Zero width joiner and variation selectors: they join emoji and choose their
    /// presentation, and no two terminals agree on the columns that takes.
    private static func shapesEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200D || (0xFE00...0xFE0F).contains(scalar.value)
    }

    /// The visible stand-in for a character the terminal would act on, or `nil` for one
    /// it shows as it is. Line feed and tab have one too (`↵`, two spaces), for text that
    /// must stay on one line.
    public static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x09: return "  "
        case 0x0A: return "↵"
        case 0x1B: return "␛"
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + v)!)
        case 0x7F: return "␡"
        case 0x80..<0xA0: return "<" + hex(v) + ">"
        case 0x061C, 0x200E...0x200F, 0x2028...0x202E, 0x2066...0x2069: return "<U+" + hex(v) + ">"
        default: return HiddenText.carriesData(v) ? "<U+" + hex(v) + ">" : nil
        }
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
