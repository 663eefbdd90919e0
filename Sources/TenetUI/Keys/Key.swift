/// A key press, as the adapter decodes it from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case char(Character)
    /// Ctrl and a letter, lower case (`ctrl("r")` is Ctrl-R).
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab, insert
    case function(Int)
    /// Alt (Meta) and a character: ESC and the character arriving together.
    case alt(Character)
    /// Text pasted into the terminal (bracketed paste): inserted as text, never run as keys.
    case paste(String)

    /// The name people read in help and hints: `j`, `Ctrl-R`, `↑`, `Enter`, `Space`.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .insert: return "Insert"
        case .function(let n): return "F\(n)"
        case .alt(let c): return "Alt-" + String(c)
        case .paste: return "a paste"
        }
    }

    /// Reads a key name as written in the config file: `j`, `J`, `space`, `enter`,
    /// `ctrl-r`, `up`, `pgdn`, `f5`, `?`. `nil` for anything else.
    public init?(name: String) {
        let lower = name.lowercased()
        if name.count == 1, let c = name.first { self = .char(c); return }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter { self = .ctrl(c); return }
        if lower.hasPrefix("c-"), lower.count == 3, let c = lower.last, c.isLetter { self = .ctrl(c); return }
        if lower.first == "f", let n = Int(lower.dropFirst()), (1...12).contains(n) { self = .function(n); return }
        let named: [String: Key] = [
            "space": .char(" "), "up": .up, "down": .down, "left": .left, "right": .right,
            "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown, "pgdn": .pageDown,
            "home": .home, "end": .end, "enter": .enter, "return": .enter, "esc": .escape,
            "escape": .escape, "backspace": .backspace, "bs": .backspace, "delete": .delete,
            "del": .delete, "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "insert": .insert,
        ]
        guard let key = named[lower] else { return nil }
        self = key
    }
}
