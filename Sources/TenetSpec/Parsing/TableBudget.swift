/// Keeps a GitHub table from costing more memory than its bytes justify.
///
/// cmark-gfm's table extension gives every row as many cells as the header has columns, so
/// a short file with a very wide header and many short rows becomes a huge tree (24 KB —
/// 3,000 columns over 4,000 one-cell rows — took 2.9 GB and 30 s in the bare `cmark-gfm`
/// command). Before the Markdown is parsed, a table whose columns × rows exceed
/// ``maximumCells`` is read as text instead: its delimiter row's `-` become `=` (same
/// length, same lines; a line with a `|` in it is then neither a delimiter row nor a
/// heading underline), and a warning names the table's line and size.
enum TableBudget {
    /// The most cells a table may have before it is read as text: far more than any
    /// written spec's table, far less than what exhausts memory.
    static let maximumCells = 250_000

    /// The bytes with over-budget tables turned to text, and a warning for each; `nil`
    /// when every table is within budget (the common case costs one pass over the bytes).
    static func apply(_ bytes: [UInt8], file: String) -> (bytes: [UInt8], warnings: [Diagnostic])? {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        var out: [UInt8]?
        var warnings: [Diagnostic] = []
        // Lines inside fenced code blocks are code, never a table: left as they are.
        var fenced = [Bool](repeating: false, count: lines.count)
        var fence: (byte: UInt8, length: Int)?
        for (number, range) in lines.enumerated() {
            let line = bytes[range]
            let indent = line.prefix { $0 == 0x20 }.count
            let rest = line.dropFirst(indent)
            if indent <= 3, let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
                let run = rest.prefix { $0 == first }.count
                if let open = fence {
                    if first == open.byte && run >= open.length && rest.dropFirst(run).allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                        fence = nil
                        fenced[number] = true
                        continue
                    }
                } else if run >= 3 {
                    fence = (first, run)
                }
            }
            fenced[number] = fence != nil
        }
        var index = 1
        while index < lines.count {
            guard !fenced[index] else { index += 1; continue }
            let columns = delimiterColumns(bytes[lines[index]])
            guard columns > 0, !blank(bytes[lines[index - 1]]) else { index += 1; continue }
            var rows = 0
            var next = index + 1
            while next < lines.count, !blank(bytes[lines[next]]) { rows += 1; next += 1 }
            if columns * (rows + 1) > maximumCells {
                var changed = out ?? bytes
                for position in lines[index] where changed[position] == UInt8(ascii: "-") { changed[position] = UInt8(ascii: "=") }
                out = changed
                warnings.append(Diagnostic(file: file, line: index + 1, severity: .warning, code: "table-too-large",
                                           message: "a table of \(columns) columns and \(rows) rows (\(columns * (rows + 1)) cells, over \(maximumCells)) is read as text; split it or make it narrower"))
            }
            index = next
        }
        return out.map { ($0, warnings) }
    }

    /// The number of columns when the line is a table's delimiter row (`| --- | :-: |`),
    /// else 0.
    static func delimiterColumns(_ line: ArraySlice<UInt8>) -> Int {
        var pipes = 0, dashes = 0, cells = 0, inCell = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "|"):
                pipes += 1
                if inCell { cells += 1 }
                inCell = false
            case UInt8(ascii: "-"):
                dashes += 1
                inCell = true
            case UInt8(ascii: ":"): inCell = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return 0
            }
        }
        if inCell { cells += 1 }
        return pipes > 0 && dashes > 0 ? cells : 0
    }

    private static func blank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
