import CNcursesw
import TenetUI

/// Turns what `wget_wch` returns into a ``Key``: pure, testable without a screen.
///
/// The terminal runs in raw mode, so Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-Q arrive here as
/// ordinary control characters instead of signals or flow control.
enum KeyDecoding {
    /// The key for one `wget_wch` result. `isKeyCode` is true when it returned
    /// `KEY_CODE_YES` (a function key), false for a character (`OK`). `nil` for input that
    /// has no ``Key`` (NUL, Ctrl-\, mouse events, unknown key codes, invalid scalars).
    /// `KEY_RESIZE` is not a key: the adapter handles it before calling this.
    static func key(code: UInt32, isKeyCode: Bool) -> Key? {
        isKeyCode ? functionKey(Int32(truncatingIfNeeded: code)) : character(code)
    }

    /// A character code: control characters by their raw-mode meaning, the rest printable.
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 13, 10: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        case 9: return .tab
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0..<32, 0x80..<0xA0: return nil  // NUL, Ctrl-\ ] ^ _, C1 controls
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A curses key code (`KEY_UP`, `KEY_F0 + n`, …).
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
