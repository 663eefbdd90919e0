/// One character cell of the screen.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster, already safe to print (see ``SafeText``); `""` for the
    /// right half of a wide character.
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// `true` for the second column of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}

/// A rectangle of cells: what one frame looks like. Screens are pure functions that fill
/// one; the terminal adapter copies it out; tests read it back as text.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor stands (a text field has focus), or `nil` to hide it.
    public var cursor: Point?

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(" ", style: style), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Paints a rectangle with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = rect.clipped(to: Rect(x: 0, y: 0, width: width, height: height))
        guard r.width > 0, r.height > 0 else { return }
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) { self[x, y] = Cell(" ", style: style) }
        }
    }

    /// Writes `text` at (x, y), made safe for the terminal, clipped at `limit` columns
    /// (default: the buffer's edge). A wide character that does not fit entirely is
    /// replaced by a space. Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, limit.map { x + $0 } ?? width)
        var column = x
        // Printable ASCII, the common case: one cell per byte, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                guard column < end else { break }
                if column >= 0 {
                    clearWideNeighbours(x: column, y: y, width: 1)
                    self[column, y] = Cell(String(Unicode.Scalar(byte)), style: style)
                }
                column += 1
            }
            return max(0, column - x)
        }
        for cluster in SafeText.clusters(text) {
            let w = cluster.width
            if w == 0 { continue }
            if column + w > end {
                if column < end, column >= 0 { self[column, y] = Cell(" ", style: style) }
                column = end
                break
            }
            if column >= 0 {
                // Overwriting half of a wide character leaves the other half blank.
                clearWideNeighbours(x: column, y: y, width: w)
                self[column, y] = Cell(cluster.text, style: style)
                if w == 2 { self[column + 1, y] = Cell("", style: style) }
            }
            column += w
        }
        return max(0, column - x)
    }

    private mutating func clearWideNeighbours(x: Int, y: Int, width w: Int) {
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", style: self[x - 1, y].style) }
        let after = x + w
        if after < width, self[after, y].isContinuation { self[after, y] = Cell(" ", style: self[after, y].style) }
    }

    /// Restyles a rectangle, keeping its characters (selection bars, highlights).
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.clipped(to: Rect(x: 0, y: 0, width: width, height: height))
        guard r.width > 0, r.height > 0 else { return }
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) { self[x, y].style = transform(self[x, y].style) }
        }
    }

    /// The characters of one row, trailing blanks removed.
    public func line(_ y: Int) -> String {
        var out = ""
        for x in 0..<width { out += self[x, y].text }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// The whole frame as text, one line per row, for snapshots and assertions.
    public var text: String { (0..<height).map(line).joined(separator: "\n") }
}

/// A cell position.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A rectangle on the screen, in cells.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func clipped(to other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        return Rect(x: x0, y: y0, width: min(maxX, other.maxX) - x0, height: min(maxY, other.maxY) - y0)
    }

    /// The rectangle with `n` cells taken off every side.
    public func inset(by n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}
