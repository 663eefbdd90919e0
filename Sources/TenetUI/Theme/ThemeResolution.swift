extension Theme {
    /// Roles that must stay visible without colour: in `.none`, if the theme gave them a
    /// background but neither reverse nor underline, they are drawn reversed.
    static let needsVisibleBackground: Set<Role> = [.selection, .statusBar, .editField]

    /// This theme's styles for a terminal that shows `depth` colours.
    ///
    /// - `.full` uses the 256-colour values, `.sixteen` the 16-colour ones.
    /// - `.eight` shows bright colours (8–15) as their normal ones (0–7), and a bright
    ///   foreground in bold.
    /// - `.none` drops every colour and keeps the attributes; `selection`, `status-bar` and
    ///   `edit-field` that relied on a background get `reverse`.
    ///
    /// Roles the theme leaves out look like its `text` entry (the terminal default when that
    /// is missing too).
    public func resolved(for depth: ColorDepth) -> ResolvedTheme {
        let text = entries[.text] ?? ThemeEntry()
        var styles: [Role: Style] = [:]
        for role in Role.allCases {
            styles[role] = Self.style(entries[role] ?? text, role: role, depth: depth)
        }
        return ResolvedTheme(name: name, depth: depth, styles: styles)
    }

    /// One entry as drawn at `depth`.
    static func style(_ entry: ThemeEntry, role: Role, depth: ColorDepth) -> Style {
        switch depth {
        case .full:
            return Style(foreground: palette256(entry.foreground256), background: palette256(entry.background256),
                         attributes: entry.attributes)
        case .sixteen:
            return Style(foreground: palette16(entry.foreground16), background: palette16(entry.background16),
                         attributes: entry.attributes)
        case .eight:
            var attributes = entry.attributes
            let foreground = palette16(entry.foreground16)
            if case .index(let n) = foreground, n >= 8 { attributes.insert(.bold) }
            return Style(foreground: palette8(foreground), background: palette8(palette16(entry.background16)),
                         attributes: attributes)
        case .none:
            var attributes = entry.attributes
            let hasBackground = entry.background256 != .terminalDefault || entry.background16 != .terminalDefault
            if needsVisibleBackground.contains(role), hasBackground, attributes.isDisjoint(with: [.reverse, .underline]) {
                attributes.insert(.reverse)
            }
            // The selection in the pane without focus is still shown, more quietly.
            if role == .selectionInactive, hasBackground, attributes.isDisjoint(with: [.reverse, .underline]) {
                attributes.insert(.underline)
            }
            return Style(attributes: attributes)
        }
    }

    /// A 256-colour value as given; anything outside 0–255 becomes the default.
    private static func palette256(_ color: Color) -> Color {
        guard case .index(let n) = color, (0...255).contains(n) else { return .terminalDefault }
        return color
    }

    /// A 16-colour value: 16–255 (only possible in themes built in code) become the nearest
    /// ANSI colour, anything else outside 0–15 the default.
    private static func palette16(_ color: Color) -> Color {
        guard case .index(let n) = color, (0...255).contains(n) else { return .terminalDefault }
        return .index(ThemeFile.nearestANSI(to: n))
    }

    /// A 16-colour value on an 8-colour terminal: bright colours become their normal ones.
    private static func palette8(_ color: Color) -> Color {
        guard case .index(let n) = color else { return color }
        return .index(n % 8)
    }
}
