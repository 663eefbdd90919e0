/// Reads the parameter table of a Tenet spec:
///
/// | parameter | values | default | meaning |
/// |---|---|---|---|
/// | `audience_age` | `5-7`, `8-10` | `5-7` | the age band |
///
/// Columns are found by their header names, so they may come in any order.
enum ParameterTable {
    static func read(table index: Int, in document: MarkdownDocument,
                     problems: inout [(line: Int, message: String)]) -> [Parameter] {
        let first = Int(document.blocks[index].startLine)
        let last = document.lastLine(index)
        guard last >= first + 1 else { return [] }
        let header = cells(document.source.line(first)).map { $0.lowercased() }
        func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
        guard let nameColumn = column(["parameter", "name", "param"]) else {
            problems.append((first, "the parameter table needs a `parameter` column"))
            return []
        }
        let valuesColumn = column(["values", "allowed values", "allowed", "options"])
        let defaultColumn = column(["default", "default value"])
        let meaningColumn = column(["meaning", "description", "what", "notes"])
        var parameters: [Parameter] = []
        guard last >= first + 2 else { return [] }
        for n in (first + 2)...last {
            let row = cells(document.source.line(n))
            func cell(_ k: Int?) -> String { k.flatMap { $0 < row.count ? row[$0] : nil } ?? "" }
            let name = unquote(cell(nameColumn))
            guard !name.isEmpty else { continue }
            let values = cell(valuesColumn).split(separator: ",").map { unquote(String($0)) }.filter { !$0.isEmpty }
            let defaultValue = unquote(cell(defaultColumn))
            parameters.append(Parameter(name: name, values: values,
                                        defaultValue: defaultValue.isEmpty ? nil : defaultValue,
                                        description: cell(meaningColumn), line: n))
        }
        return parameters
    }

    /// Cells of a GFM table row; `\|` and pipes inside code spans do not split.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current: [UInt8] = []
        var inCode = false
        var escaped = false
        for byte in line.utf8 {
            if escaped {
                if byte != 0x7C { current.append(0x5C) }
                current.append(byte)
                escaped = false
                continue
            }
            switch byte {
            case 0x5C: escaped = true
            case 0x60: inCode.toggle(); current.append(byte)
            case 0x7C where !inCode: cells.append(String(decoding: current, as: UTF8.self)); current = []
            default: current.append(byte)
            }
        }
        if escaped { current.append(0x5C) }
        cells.append(String(decoding: current, as: UTF8.self))
        if cells.first?.trimmed().isEmpty == true { cells.removeFirst() }
        if cells.last?.trimmed().isEmpty == true { cells.removeLast() }
        return cells.map { $0.trimmed() }
    }

    private static func unquote(_ text: String) -> String {
        var s = text.trimmed()
        for mark in ["`", "\"", "'"] where s.count >= 2 && s.hasPrefix(mark) && s.hasSuffix(mark) {
            s = String(s.dropFirst().dropLast())
        }
        return s.trimmed()
    }
}
