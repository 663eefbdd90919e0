/// How a ``TextArea``'s lines are laid out on screen: soft-wrapped to a width (after the
/// last space that fits, else mid-word), each character as wide as the terminal draws it.
/// The reducer (moving up and down, paging) and the renderer use the same functions, so
/// the cursor the one computes is where the other draws it.
///
/// Rows are named by ``TextPosition`` with `column` meaning the row within the line.
public enum TextLayout {
    /// Columns a character takes as drawn: what ``SafeText`` shows for it (a control
    /// character becomes a visible placeholder), and at least one, so that a character
    /// with no width of its own (a lone zero-width space) still has a cell for the cursor.
    public static func width(_ c: Character) -> Int {
        if let ascii = c.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        return max(1, SafeText.clusters(String(c)).reduce(0) { $0 + $1.width })
    }

    /// The index where each wrapped row of a line starts (the first is 0). A line that
    /// fills its last row exactly gets one more, empty row, so the cursor after its last
    /// character is always on screen.
    public static func rowStarts(_ line: [Character], width: Int) -> [Int] {
        let limit = max(1, width)
        var starts = [0]
        var used = 0
        var breakAfterSpace: Int?
        var index = 0
        while index < line.count {
            let w = self.width(line[index])
            if used + w > limit, index > starts[starts.count - 1] {
                let start = breakAfterSpace ?? index
                starts.append(start)
                used = 0
                for i in start..<index { used += self.width(line[i]) }
                breakAfterSpace = nil
            }
            used += w
            if line[index] == " " { breakAfterSpace = index + 1 }
            index += 1
        }
        if used >= limit, line.count > starts[starts.count - 1] { starts.append(line.count) }
        return starts
    }

    /// The row (an index into `starts`) that shows the cursor before character `column`.
    public static func row(of column: Int, in starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= column { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Screen columns of the characters from `from` up to `to`.
    public static func columns(_ line: [Character], from: Int, to: Int) -> Int {
        var total = 0
        for i in from..<max(from, min(to, line.count)) { total += width(line[i]) }
        return total
    }

    /// The character index in a row closest to a screen column without passing it.
    static func column(atScreenColumn goal: Int, row: Int, starts: [Int], line: [Character]) -> Int {
        let start = starts[row]
        // The last position of a row that is not the line's last belongs to the next row.
        let last = row + 1 < starts.count ? max(start, starts[row + 1] - 1) : line.count
        var index = start, used = 0
        while index < last {
            let w = self.width(line[index])
            if used + w > goal { break }
            used += w
            index += 1
        }
        return index
    }

    /// The first row to show so that `cursor` (a line and row) is among `height` rows.
    static func visibleTop(_ lines: [[Character]], top: TextPosition, cursor: TextPosition, width: Int, height: Int) -> TextPosition {
        var top = TextPosition(line: min(max(0, top.line), lines.count - 1), column: max(0, top.column))
        top.column = min(top.column, rowStarts(lines[top.line], width: width).count - 1)
        if cursor < top { return cursor }
        // Far below: count back from the cursor instead of down from the top.
        if cursor.line - top.line > height { return rowsBack(lines, from: cursor, count: height - 1, width: width) }
        if rowsBetween(lines, top, cursor, width: width) >= height {
            return rowsBack(lines, from: cursor, count: height - 1, width: width)
        }
        // Rows left empty below the text (after the window grew, or lines went) are filled
        // from above: the text never stays scrolled off while there is room for it.
        let last = TextPosition(line: lines.count - 1, column: rowStarts(lines[lines.count - 1], width: width).count - 1)
        if top > TextPosition(line: 0, column: 0), last.line - top.line < height, rowsBetween(lines, top, last, width: width) < height - 1 {
            return rowsBack(lines, from: last, count: height - 1, width: width)
        }
        return top
    }

    /// How many rows lie from `from` down to `to` (0 when they are the same row).
    static func rowsBetween(_ lines: [[Character]], _ from: TextPosition, _ to: TextPosition, width: Int) -> Int {
        guard from < to else { return 0 }
        if from.line == to.line { return to.column - from.column }
        var count = rowStarts(lines[from.line], width: width).count - from.column
        for line in (from.line + 1)..<to.line { count += rowStarts(lines[line], width: width).count }
        return count + to.column
    }

    /// The row `count` rows above `from` (or the first row).
    static func rowsBack(_ lines: [[Character]], from: TextPosition, count: Int, width: Int) -> TextPosition {
        var position = from
        var left = max(0, count)
        while left > 0 {
            if position.column >= left { position.column -= left; break }
            left -= position.column + 1
            guard position.line > 0 else { return TextPosition(line: 0, column: 0) }
            position.line -= 1
            position.column = rowStarts(lines[position.line], width: width).count - 1
        }
        return position
    }
}
