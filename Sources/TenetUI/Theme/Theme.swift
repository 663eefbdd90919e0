/// How many colours the terminal can show, from terminfo (and `NO_COLOR`).
public enum ColorDepth: String, Sendable, Hashable {
    /// No colours: attributes only (`NO_COLOR`, vt100, dumb).
    case none
    /// The 8 ANSI colours; bright ones are shown as normal ones in bold.
    case eight
    /// The 16 ANSI colours.
    case sixteen
    /// The xterm 256-colour palette.
    case full

    /// The depth for a terminfo colour count, or none when `noColor` is set.
    public init(colors: Int, noColor: Bool) {
        if noColor || colors < 8 { self = .none } else if colors < 16 { self = .eight } else if colors < 256 { self = .sixteen } else { self = .full }
    }
}

/// One role's look in a theme file: colours for 256- and 16-colour terminals, attributes.
public struct ThemeEntry: Sendable, Hashable {
    public var foreground256: Color
    public var background256: Color
    public var foreground16: Color
    public var background16: Color
    public var attributes: Attributes

    public init(foreground256: Color = .terminalDefault, background256: Color = .terminalDefault,
                foreground16: Color = .terminalDefault, background16: Color = .terminalDefault,
                attributes: Attributes = []) {
        self.foreground256 = foreground256
        self.background256 = background256
        self.foreground16 = foreground16
        self.background16 = background16
        self.attributes = attributes
    }
}

/// A theme as read from a file: a name and an entry per role. Roles it leaves out look
/// like `text`.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var entries: [Role: ThemeEntry]

    public init(name: String, entries: [Role: ThemeEntry]) {
        self.name = name
        self.entries = entries
    }
}

/// A theme resolved for one terminal: a ready ``Style`` per role.
public struct ResolvedTheme: Sendable, Equatable {
    public var name: String
    public var depth: ColorDepth
    private var styles: [Role: Style]

    public init(name: String, depth: ColorDepth, styles: [Role: Style]) {
        self.name = name
        self.depth = depth
        self.styles = styles
    }

    public subscript(role: Role) -> Style { styles[role] ?? styles[.text] ?? .plain }

    /// No colours, bold and reverse where it matters: what `NO_COLOR` and test
    /// snapshots use when no theme file is at hand.
    public static let plain = ResolvedTheme(name: "plain", depth: .none, styles: [
        .title: Style(attributes: [.bold]), .statusBar: Style(attributes: [.reverse]),
        .selection: Style(attributes: [.reverse]), .selectionInactive: Style(attributes: [.underline]),
        .hintKey: Style(attributes: [.bold]), .error: Style(attributes: [.bold]),
        .section: Style(attributes: [.bold]), .heading: Style(attributes: [.bold]), .strong: Style(attributes: [.bold]),
        .emphasis: Style(attributes: [.underline]), .muted: Style(attributes: [.dim]),
        .editField: Style(attributes: [.underline]), .match: Style(attributes: [.underline]),
    ])
}
