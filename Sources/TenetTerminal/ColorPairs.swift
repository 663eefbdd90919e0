import CNcursesw
import TenetUI

/// Resolves a ``Style`` to curses attributes and a colour pair, allocating pairs with
/// `alloc_pair` on first use and caching them. Needs a running screen.
struct ColorPairs {
    /// What `setcchar` takes for one style.
    struct Resolved {
        var attributes: attr_t
        var pair: Int32
        /// `pair` as the `short` that `setcchar` takes (larger pairs go through its `opts`).
        var shortPair: Int16 { Int16(truncatingIfNeeded: min(pair, Int32(Int16.max))) }
    }

    private let depth: ColorDepth
    private let colors: Int
    /// Whether `use_default_colors()` succeeded, so that -1 means "the terminal's own".
    private let defaultColors: Bool
    private var cache: [Style: Resolved] = [:]

    init(depth: ColorDepth, colors: Int, defaultColors: Bool) {
        self.depth = depth
        self.colors = colors
        self.defaultColors = defaultColors
    }

    mutating func resolve(_ style: Style) -> Resolved {
        if let cached = cache[style] { return cached }
        let resolved = compute(style)
        cache[style] = resolved
        return resolved
    }

    private func compute(_ style: Style) -> Resolved {
        var attributes = Self.attributes(style.attributes)
        guard depth != .none else { return Resolved(attributes: attributes, pair: 0) }
        var fg = index(style.foreground), bg = index(style.background)
        if depth == .eight {
            // Bright colours on an 8-colour terminal: the normal colour, bold for text.
            if (8..<16).contains(fg) { fg -= 8; attributes |= tenet_a_bold() }
            if (8..<16).contains(bg) { bg -= 8 }
        }
        if fg >= colors { fg = -1 }
        if bg >= colors { bg = -1 }
        if !defaultColors {
            if fg < 0 { fg = Int(COLOR_WHITE) }
            if bg < 0 { bg = Int(COLOR_BLACK) }
        }
        if fg < 0, bg < 0 { return Resolved(attributes: attributes, pair: 0) }
        let pair = alloc_pair(Int32(fg), Int32(bg))
        return Resolved(attributes: attributes, pair: max(0, pair))
    }

    private func index(_ color: Color) -> Int {
        switch color {
        case .terminalDefault: return -1
        case .index(let n): return n < 0 ? -1 : n
        }
    }

    static func attributes(_ a: Attributes) -> attr_t {
        var result = tenet_a_normal()
        if a.contains(.bold) { result |= tenet_a_bold() }
        if a.contains(.dim) { result |= tenet_a_dim() }
        if a.contains(.underline) { result |= tenet_a_underline() }
        if a.contains(.reverse) { result |= tenet_a_reverse() }
        if a.contains(.italic) { result |= tenet_a_italic() }
        return result
    }
}
