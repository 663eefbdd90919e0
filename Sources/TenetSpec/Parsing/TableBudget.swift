import Foundation

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
    /// The most columns a table may have before it is read as text. cmark-gfm's table
    /// extension takes time that grows faster than the row's length with the number of
    /// columns (50,000 one-letter columns: 10 s), so a very wide row is not a table even
    /// when it has few cells.
    static let maximumColumns = 1_000

    /// The bytes with over-budget tables turned to text, and a warning for each; `nil`
    /// when every table is within budget (the common case costs one pass over the bytes).
    static func apply(_ bytes: [UInt8], file: String, maximumCells: Int = maximumCells,
                      maximumColumns: Int = maximumColumns) -> (bytes: [UInt8], warnings: [Diagnostic])? {
        // A delimiter row has a `|` in it: without one, there is no table (the Model Spec has none).
        guard bytes.withUnsafeBufferPointer({ b in b.baseAddress.map { memchr($0, 0x7C, b.count) != nil } ?? false }) else { return nil }
        // One pass over the lines, keeping only what the next line needs: whether a fence
        // is open, whether the line before was blank, and the table being counted.
        var tables: [(delimiter: Range<Int>, line: Int, columns: Int, rows: Int)] = []
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            // Lines inside fenced code blocks are code, never a table: left as they are.
            var fence: (byte: UInt8, length: Int)?
            var previousBlank = true
            var table: (delimiter: Range<Int>, line: Int, columns: Int, rows: Int)?
            var number = 0
            var start = 0
            while start < b.count {
                let end = memchr(base + start, 0x0A, b.count - start)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? b.count
                defer { start = end + 1; number += 1 }
                let line = UnsafeBufferPointer(rebasing: b[start..<end])
                let fenced = isFenced(line, fence: &fence)
                let lineBlank = blank(line)
                defer { previousBlank = lineBlank }
                if var open = table {
                    // A table's rows run to the next blank line, fenced or not.
                    if !lineBlank { open.rows += 1; table = open; continue }
                    tables.append(open)
                    table = nil
                    continue
                }
                guard number > 0, !fenced else { continue }
                let columns = delimiterColumns(line)
                guard columns > 0, !previousBlank else { continue }
                table = (start..<end, number + 1, columns, 0)
            }
            if let open = table { tables.append(open) }
        }
        var out: [UInt8]?
        var warnings: [Diagnostic] = []
        for table in tables where table.columns * (table.rows + 1) > maximumCells || table.columns > maximumColumns {
            let (columns, rows) = (table.columns, table.rows)
            var changed = out ?? bytes
            for position in table.delimiter where changed[position] == UInt8(ascii: "-") { changed[position] = UInt8(ascii: "=") }
            out = changed
            warnings.append(Diagnostic(file: file, line: table.line, severity: .warning, code: "table-too-large",
                                       message: columns * (rows + 1) > maximumCells
                                        ? "a table of \(columns) columns and \(rows) rows (\(columns * (rows + 1)) cells, over \(maximumCells)) is read as text; split it or make it narrower"
                                        : "a table of \(columns) columns (over \(maximumColumns)) is read as text; split it or make it narrower"))
        }
        return out.map { ($0, warnings) }
    }

    /// Whether `line` is inside a fenced code block (its opening and closing lines
    /// included), given the fence open before it; updates the open fence.
    private static func isFenced(_ line: UnsafeBufferPointer<UInt8>, fence: inout (byte: UInt8, length: Int)?) -> Bool {
        var indent = 0
        while indent < line.count, line[indent] == 0x20 { indent += 1 }
        if indent <= 3, indent < line.count, line[indent] == UInt8(ascii: "`") || line[indent] == UInt8(ascii: "~") {
            let first = line[indent]
            var after = indent
            while after < line.count, line[after] == first { after += 1 }
            let run = after - indent
            if let open = fence {
                if first == open.byte && run >= open.length
                    && line[after...].allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                    fence = nil
                    return true
                }
            } else if run >= 3 {
                fence = (first, run)
            }
        }
        return fence != nil
    }

    /// The number of columns when the line is a table's delimiter row (`| --- | :-: |`),
    /// else 0.
    static func delimiterColumns<Line: Collection<UInt8>>(_ line: Line) -> Int {
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

    private static func blank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
