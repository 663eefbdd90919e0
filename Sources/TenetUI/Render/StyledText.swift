/// A run of text in one role.
public struct Span: Sendable, Equatable {
    public var text: String
    public var role: Role
    /// Attributes added on top of the role's (bold inside a quote, say).
    public var extra: Attributes

    public init(_ text: String, _ role: Role = .text, extra: Attributes = []) {
        self.text = text
        self.role = role
        self.extra = extra
    }
}

/// A line of spans.
public typealias StyledLine = [Span]

extension ScreenBuffer {
    /// Writes spans from (x, y), no further than `limit` columns; returns columns used. A
    /// line cut short ends in "…" (`ellipsisRole`'s style), so that its end is not read as
    /// the end of what it says (`ellipsis: false` only where the cut says so itself).
    @discardableResult
    public mutating func write(_ line: StyledLine, x: Int, y: Int, theme: ResolvedTheme, base: Style? = nil, limit: Int,
                               ellipsis: Bool = true, ellipsisRole: Role = .muted) -> Int {
        let cut = ellipsis && limit > 1 && line.reduce(0) { $0 + DisplayWidth.of($1.text) } > limit
        guard cut else { return clipped(line, x: x, y: y, theme: theme, base: base, limit: limit) }
        _ = clipped(line, x: x, y: y, theme: theme, base: base, limit: limit - 1)
        let mark = theme[ellipsisRole]
        write("…", x: x + limit - 1, y: y, style: ellipsisRole == .text ? (base ?? mark) : mark)
        return limit
    }

    /// Writes spans from (x, y), cut at `limit` columns with nothing to say so; returns
    /// columns used.
    private mutating func clipped(_ line: StyledLine, x: Int, y: Int, theme: ResolvedTheme, base: Style?, limit: Int) -> Int {
        var column = x
        for span in line {
            let remaining = x + limit - column
            guard remaining > 0 else { break }
            var style = theme[span.role].adding(span.extra)
            if let base, span.role == .text { style = base.adding(span.extra) }
            column += write(span.text, x: column, y: y, style: style, limit: remaining)
        }
        return column - x
    }
}
