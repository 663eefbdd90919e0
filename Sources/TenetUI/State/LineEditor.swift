/// A one-line text field: the text, the cursor, and the usual editing keys (readline's
/// Ctrl-A/E/U/K/W among them). No workbench shortcut reaches it while it has focus.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Index in ``characters`` of the character the cursor stands on.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// Inserts text at the cursor. Characters are kept as the string forms them, so a
    /// combining mark typed after its letter joins it (one character, one cursor step).
    private mutating func insert(_ text: String) {
        let before = String(characters[..<cursor]) + text
        let after = String(characters[cursor...])
        characters = Array(before + after)
        cursor = min(characters.count, Array(before).count)
    }

    public var text: String { String(characters) }

    /// What a key did to the field.
    public enum Outcome: Equatable, Sendable {
        case edited, moved, submit, cancel, ignored
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char(let c):
            insert(String(c))
            return .edited
        case .paste(let text):
            // One line: line breaks and tabs become spaces, other controls are dropped.
            let flat = String(String.UnicodeScalarView(text.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
                if scalar == "\n" || scalar == "\r" || scalar == "\t" { return " " }
                return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? nil : scalar
            }))
            insert(flat)
            return .edited
        case .alt("b"):
            while cursor > 0, characters[cursor - 1] == " " { cursor -= 1 }
            while cursor > 0, characters[cursor - 1] != " " { cursor -= 1 }
            return .moved
        case .alt("f"):
            while cursor < characters.count, characters[cursor] == " " { cursor += 1 }
            while cursor < characters.count, characters[cursor] != " " { cursor += 1 }
            return .moved
        case .alt("d"):
            var end = cursor
            while end < characters.count, characters[end] == " " { end += 1 }
            while end < characters.count, characters[end] != " " { end += 1 }
            characters.removeSubrange(cursor..<end)
            return .edited
        case .enter: return .submit
        case .escape, .ctrl("c"), .ctrl("g"): return .cancel
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .edited
        case .left, .ctrl("b"): cursor = max(0, cursor - 1); return .moved
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1); return .moved
        case .home, .ctrl("a"): cursor = 0; return .moved
        case .end, .ctrl("e"): cursor = characters.count; return .moved
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
            return .edited
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
            return .edited
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
            return .edited
        default: return .ignored
        }
    }

    /// The slice of the text to show in `width` columns so that the cursor is visible,
    /// and the cursor's column within it.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        // Widths as drawn: control characters become wider placeholders (see SafeText).
        let widths = characters.map { max(1, SafeText.clusters(String($0)).reduce(0) { $0 + $1.width }) }
        var start = 0
        var columns = widths[0..<cursor].reduce(0, +)
        while columns > width - 1, start < cursor {
            columns -= widths[start]
            start += 1
        }
        var end = start, used = 0
        while end < characters.count, used + widths[end] <= width { used += widths[end]; end += 1 }
        return (String(characters[start..<end]), columns)
    }
}
