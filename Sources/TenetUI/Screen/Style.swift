/// A colour as the terminal is asked for it: its own default, or a palette index
/// (0–15 on 16-colour terminals, 0–255 on 256-colour ones).
public enum Color: Hashable, Sendable {
    case terminalDefault
    case index(Int)
}

/// Text attributes that every terminal Tenet supports can show, colours or not.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let reverse = Attributes(rawValue: 8)
    public static let italic = Attributes(rawValue: 16)
}

/// How one cell is drawn: resolved colours and attributes, ready for the adapter.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's own colours, no attributes.
    public static let plain = Style()

    /// This style with more attributes.
    public func adding(_ extra: Attributes) -> Style {
        var style = self
        style.attributes.formUnion(extra)
        return style
    }
}
