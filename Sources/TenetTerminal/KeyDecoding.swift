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

/// What an ESC stands for, read together with what follows it: pure over a reader, so
/// that byte sequences can be tested without a terminal.
///
/// Curses has already waited its escape delay (60 ms) for more bytes after the ESC, and
/// already turned the sequences terminfo lists (arrows, function keys) into key codes. So
/// what is read here arrived with the ESC, within that window: as one write, or in one
/// SSH packet. The rule:
///
/// - **Nothing follows**: Esc.
/// - **`ESC [`** starts a control sequence (CSI) and **`ESC O`** a single-shift one (SS3):
///   these are always sequences, never Esc and a key. A bracketed paste
///   (`ESC [ 200 ~` … `ESC [ 201 ~`) gives the pasted text; any other (a terminal's
///   reply, a key curses does not know) is swallowed whole, so its letters never run as
///   commands. Only when nothing at all follows the `[` or the `O` were they typed keys:
///   Esc, then `[` or `O`.
/// - **`ESC` and a character in ``altChords``**: that Alt chord. These are the chords the
///   workbench acts on (``Keymap/altChords``: the text editors' Alt-b, Alt-f, Alt-d,
///   Alt-<, Alt->), so a terminal's Alt (Meta sends ESC) keeps working for them.
/// - **`ESC` and anything else** (any other character, Enter, Tab, a control key, a key
///   curses decoded, another ESC): Esc, then that key. Over SSH, Esc and the next key
///   typed often arrive together; read as an Alt chord nobody binds, the key would be lost.
struct EscapeDecoder {
    /// One read: a character or a curses key code (`isKeyCode`), `nil` when nothing
    /// arrives within the wait, in milliseconds (0: only what has already arrived).
    typealias Read = (_ waitMilliseconds: Int32) -> (code: UInt32, isKeyCode: Bool)?

    /// The characters that make an Alt chord with a preceding ESC.
    var altChords: Set<Character>

    /// How long to wait for the next byte inside a sequence already begun.
    static let sequenceWait: Int32 = 10

    /// The keys an ESC (already read) stands for, reading what follows with `read`. Empty:
    /// a sequence the workbench has no use for, swallowed.
    func keys(read: Read) -> [Key] {
        guard let next = read(0) else { return [.escape] }
        if next.isKeyCode {
            // Esc, then a real key: both count.
            return [.escape] + (KeyDecoding.key(code: next.code, isKeyCode: true).map { [$0] } ?? [])
        }
        switch next.code {
        case 0x5B: // [ : CSI
            guard let first = read(Self.sequenceWait) else { return [.escape, .char("[")] }
            var parameters = ""
            var c: (code: UInt32, isKeyCode: Bool)? = first
            while let byte = c, !byte.isKeyCode, let scalar = Unicode.Scalar(byte.code) {
                if (0x40...0x7E).contains(byte.code) {
                    if scalar == "~" && parameters == "200" { return [.paste(Self.paste(read: read))] }
                    return []
                }
                parameters.unicodeScalars.append(scalar)
                if parameters.count > 32 { return [] }
                c = read(Self.sequenceWait)
            }
            return []
        case 0x4F: // O : SS3, one more byte
            return read(Self.sequenceWait) == nil ? [.escape, .char("O")] : []
        default:
            guard let key = KeyDecoding.key(code: next.code, isKeyCode: false) else { return [.escape] }
            if case .char(let c) = key, altChords.contains(c) { return [.alt(c)] }
            return [.escape, key]
        }
    }

    /// The text of a bracketed paste, up to its closing `ESC [ 201 ~` (or 1 MB, or a
    /// second of silence).
    static func paste(read: Read) -> String {
        var scalars = String.UnicodeScalarView()
        let closing: [UInt32] = [27, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var tail: [UInt32] = []
        while scalars.count < 1_000_000, let c = read(1000) {
            if c.isKeyCode { continue }
            tail.append(c.code)
            if tail.count > closing.count { tail.removeFirst() }
            if tail == closing {
                scalars.removeLast(min(scalars.count, closing.count - 1))
                return String(scalars)
            }
            if let scalar = Unicode.Scalar(c.code) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}
