/// A place in a text: a line and a character within it (both from 0).
public struct TextPosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: TextPosition, b: TextPosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.column < b.column
    }
}

/// A multi-line text field: the lines, the cursor, the usual editing keys (readline's
/// Ctrl-A/E/K/U/W, Alt-b/f/d, arrows, PgUp/PgDn), and undo/redo within the field. The
/// workbench's own keys (save, cancel, undo, redo) come from the keymap and are handled
/// by the reducer before a key reaches ``handle(_:width:height:)``.
///
/// Lines are arrays of `Character`, so a letter and its combining marks are one cursor
/// step; columns on screen come from ``TextLayout`` (wide characters take two).
public struct TextArea: Sendable, Equatable {
    public private(set) var lines: [[Character]]
    public private(set) var cursor = TextPosition(line: 0, column: 0)
    /// The first row shown: a line and one of its wrapped rows.
    public private(set) var top = TextPosition(line: 0, column: 0)
    /// The screen column up and down aim for, kept across shorter rows.
    private var goalColumn: Int?
    private var undoStack: [Snapshot] = []
    private var redoStack: [Snapshot] = []
    /// Identifies the text's state: 0 is the text it was opened with. Undo brings the
    /// number back with the text, so undoing every change makes it unmodified again.
    private var version = 0
    private var nextVersion = 1
    /// The kind of the last change, to make a typed word one undo step.
    private var lastChange: ChangeKind?

    /// Undo steps kept (each holds the lines as they were: shared, copy-on-write).
    static let undoLimit = 500

    private struct Snapshot: Sendable, Equatable {
        var lines: [[Character]]
        var cursor: TextPosition
        var version: Int
    }

    private enum ChangeKind: Sendable, Equatable { case typing, space, other }

    /// Opens a text with the cursor at its start. Line breaks are `\n` (`\r\n` and `\r` become `\n`).
    public init(_ text: String = "") {
        lines = Self.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
    }

    /// The text, lines joined with `\n`.
    public var text: String { lines.map { String($0) }.joined(separator: "\n") }

    /// Whether the text differs from what it was opened with (by the edit history: typing
    /// a change and deleting it again counts as changed; undoing it does not).
    public var isModified: Bool { version != 0 }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// What a key did.
    public enum Outcome: Sendable, Equatable { case edited, moved, ignored }

    /// Applies an editing key. `width` and `height` are the text's columns and rows on
    /// screen: up and down move by wrapped rows, PgUp and PgDn by a screen.
    public mutating func handle(_ key: Key, width: Int, height: Int) -> Outcome {
        let width = max(1, width), height = max(1, height)
        var keepGoal = false
        defer {
            if !keepGoal { goalColumn = nil }
            scrollToCursor(width: width, height: height)
        }
        switch key {
        case .char(let c):
            insert(String(c), kind: c == " " ? .space : .typing)
            return .edited
        case .tab:
            insert("    ", kind: .space)
            return .edited
        case .enter:
            insert("\n", kind: .other)
            return .edited
        case .paste(let pasted):
            let text = Self.pastable(pasted)
            guard !text.isEmpty else { return .ignored }
            insert(text, kind: .other)
            return .edited
        case .backspace, .ctrl("h"):
            guard cursor != TextPosition(line: 0, column: 0) else { return .ignored }
            let from = cursor.column > 0 ? TextPosition(line: cursor.line, column: cursor.column - 1)
                                         : TextPosition(line: cursor.line - 1, column: lines[cursor.line - 1].count)
            delete(from, cursor)
            return .edited
        case .delete, .ctrl("d"):
            guard let next = step(cursor, forward: true) else { return .ignored }
            delete(cursor, next)
            return .edited
        case .ctrl("k"):
            // To the end of the line; at its end, the line break (joining the next line).
            let end = cursor.column < lines[cursor.line].count ? TextPosition(line: cursor.line, column: lines[cursor.line].count)
                                                              : step(cursor, forward: true)
            guard let end else { return .ignored }
            delete(cursor, end)
            return .edited
        case .ctrl("u"):
            guard cursor.column > 0 else { return .ignored }
            delete(TextPosition(line: cursor.line, column: 0), cursor)
            return .edited
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            guard start != cursor else { return .ignored }
            delete(start, cursor)
            return .edited
        case .alt("d"):
            let end = wordEnd(after: cursor)
            guard end != cursor else { return .ignored }
            delete(cursor, end)
            return .edited
        case .left, .ctrl("b"):
            return move(to: step(cursor, forward: false))
        case .right, .ctrl("f"):
            return move(to: step(cursor, forward: true))
        case .alt("b"):
            return move(to: wordStart(before: cursor))
        case .alt("f"):
            return move(to: wordEnd(after: cursor))
        case .home, .ctrl("a"):
            return move(to: TextPosition(line: cursor.line, column: 0))
        case .end, .ctrl("e"):
            return move(to: TextPosition(line: cursor.line, column: lines[cursor.line].count))
        case .alt("<"):
            return move(to: TextPosition(line: 0, column: 0))
        case .alt(">"):
            return move(to: TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count))
        case .up, .ctrl("p"), .down, .ctrl("n"):
            keepGoal = true
            let down = key == .down || key == .ctrl("n")
            return move(to: verticalStep(down: down, width: width))
        case .pageUp, .pageDown:
            keepGoal = true
            let down = key == .pageDown
            let onScreen = TextLayout.rowsBetween(lines, top, rowPosition(width: width), width: width)
            var moved = false
            for _ in 0..<max(1, height - 1) {
                guard let next = verticalStep(down: down, width: width) else { break }
                cursor = next
                moved = true
            }
            if !moved {
                // Already on the first or last row: to the very start or end.
                let edge = down ? TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count) : TextPosition(line: 0, column: 0)
                return move(to: edge == cursor ? nil : edge)
            }
            // The cursor keeps its row on screen, as far as the text allows.
            top = TextLayout.rowsBack(lines, from: rowPosition(width: width), count: min(onScreen, height - 1), width: width)
            lastChange = nil
            return .moved
        default:
            return .ignored
        }
    }

    /// Puts the cursor at the start of a line (from 0), for showing where a problem is.
    public mutating func moveCursor(toLine line: Int, width: Int, height: Int) {
        cursor = TextPosition(line: min(max(0, line), lines.count - 1), column: 0)
        lastChange = nil
        scrollToCursor(width: max(1, width), height: max(1, height))
    }

    /// Puts the cursor after the last character of the text.
    public mutating func moveCursorToEnd(width: Int, height: Int) {
        cursor = TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
        scrollToCursor(width: max(1, width), height: max(1, height))
    }

    /// Puts the cursor at the end of the first line with `prefix`, if there is one.
    public mutating func moveCursor(toEndOfLineStartingWith prefix: String, width: Int, height: Int) {
        guard let index = lines.firstIndex(where: { String($0).hasPrefix(prefix) }) else { return }
        cursor = TextPosition(line: index, column: lines[index].count)
        scrollToCursor(width: max(1, width), height: max(1, height))
    }

    /// Replaces the whole text as one undoable change (a merge with someone else's text).
    public mutating func replaceAll(with text: String) {
        recordUndo(.other)
        lines = Self.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        cursor = TextPosition(line: 0, column: 0)
        top = cursor
        changed()
    }

    /// Undoes the last change; `false` when there is none.
    public mutating func undo() -> Bool {
        guard let snapshot = undoStack.popLast() else { return false }
        redoStack.append(Snapshot(lines: lines, cursor: cursor, version: version))
        restore(snapshot)
        return true
    }

    /// Redoes the last undone change; `false` when there is none.
    public mutating func redo() -> Bool {
        guard let snapshot = redoStack.popLast() else { return false }
        undoStack.append(Snapshot(lines: lines, cursor: cursor, version: version))
        restore(snapshot)
        return true
    }

    /// Keeps the cursor's row inside the `height` rows shown from ``top``.
    public mutating func scrollToCursor(width: Int, height: Int) {
        top = TextLayout.visibleTop(lines, top: top, cursor: rowPosition(width: width), width: width, height: height)
    }

    /// The cursor as a line and a wrapped row of it.
    func rowPosition(width: Int) -> TextPosition {
        let starts = TextLayout.rowStarts(lines[cursor.line], width: width)
        return TextPosition(line: cursor.line, column: TextLayout.row(of: cursor.column, in: starts))
    }

    /// Pasted text as it goes in: line breaks kept (`\r\n` and `\r` become `\n`), tabs
    /// kept, every other control character (ESC, BEL, C1, DEL…) dropped — a paste is text,
    /// and nothing in it ever reaches the terminal as a command.
    public static func pastable(_ text: String) -> String {
        let scalars = normalized(text).unicodeScalars.filter { scalar in
            let v = scalar.value
            if v == 0x0A || v == 0x09 { return true }
            return !(v < 0x20 || (0x7F...0x9F).contains(v))
        }
        return String(String.UnicodeScalarView(scalars))
    }

    private static func normalized(_ text: String) -> String {
        guard text.contains("\r") || text.unicodeScalars.contains("\r") else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    // MARK: - Changes

    private mutating func insert(_ text: String, kind: ChangeKind) {
        recordUndo(kind)
        let line = lines[cursor.line]
        let before = String(line[..<cursor.column])
        let after = String(line[cursor.column...])
        let pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
        if pieces.count == 1 {
            // Formed again as a whole, so a combining mark joins the letter before it.
            let head = before + text
            lines[cursor.line] = Array(head + after)
            cursor.column = min(lines[cursor.line].count, head.count)
        } else {
            var new: [[Character]] = [Array(before + pieces[0])]
            for piece in pieces.dropFirst().dropLast() { new.append(Array(piece)) }
            let last = String(pieces[pieces.count - 1])
            new.append(Array(last + after))
            lines.replaceSubrange(cursor.line...cursor.line, with: new)
            cursor = TextPosition(line: cursor.line + pieces.count - 1, column: min(new[new.count - 1].count, last.count))
        }
        changed()
    }

    /// Deletes the text from `start` up to `end` (a later position) and leaves the cursor at `start`.
    private mutating func delete(_ start: TextPosition, _ end: TextPosition) {
        recordUndo(.other)
        let head = String(lines[start.line][..<start.column])
        let tail = String(lines[end.line][end.column...])
        let joined = Array(head + tail)
        lines.replaceSubrange(start.line...end.line, with: [joined])
        cursor = TextPosition(line: start.line, column: min(joined.count, start.column))
        changed()
    }

    private mutating func recordUndo(_ kind: ChangeKind) {
        // Typing a word is one step; a space, a paste or a deletion is a step of its own.
        if kind != .other, kind == lastChange, !undoStack.isEmpty {
            redoStack = []
            return
        }
        undoStack.append(Snapshot(lines: lines, cursor: cursor, version: version))
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
        redoStack = []
        lastChange = kind
    }

    private mutating func changed() {
        version = nextVersion
        nextVersion += 1
    }

    private mutating func restore(_ snapshot: Snapshot) {
        lines = snapshot.lines
        cursor = snapshot.cursor
        version = snapshot.version
        lastChange = nil
        goalColumn = nil
        top = TextPosition(line: min(top.line, lines.count - 1), column: 0)
    }

    // MARK: - Moves

    private mutating func move(to position: TextPosition?) -> Outcome {
        guard let position, position != cursor else { return .ignored }
        cursor = position
        lastChange = nil
        return .moved
    }

    /// One character on, crossing line breaks; `nil` at either end of the text.
    private func step(_ p: TextPosition, forward: Bool) -> TextPosition? {
        if forward {
            if p.column < lines[p.line].count { return TextPosition(line: p.line, column: p.column + 1) }
            return p.line + 1 < lines.count ? TextPosition(line: p.line + 1, column: 0) : nil
        }
        if p.column > 0 { return TextPosition(line: p.line, column: p.column - 1) }
        return p.line > 0 ? TextPosition(line: p.line - 1, column: lines[p.line - 1].count) : nil
    }

    private func character(at p: TextPosition) -> Character? {
        p.column < lines[p.line].count ? lines[p.line][p.column] : nil
    }

    private static func isWord(_ c: Character?) -> Bool {
        guard let c else { return false }
        return c.isLetter || c.isNumber || c == "_"
    }

    /// The start of the word before `p` (over any non-word characters and line breaks first).
    private func wordStart(before p: TextPosition) -> TextPosition {
        var p = p
        while let previous = step(p, forward: false), !Self.isWord(character(at: previous)) { p = previous }
        while let previous = step(p, forward: false), Self.isWord(character(at: previous)) { p = previous }
        return p
    }

    /// The end of the word after `p`.
    private func wordEnd(after p: TextPosition) -> TextPosition {
        var p = p
        while !Self.isWord(character(at: p)), let next = step(p, forward: true) { p = next }
        while Self.isWord(character(at: p)), let next = step(p, forward: true) { p = next }
        return p
    }

    /// The position one wrapped row up or down at the goal column; `nil` at the first or last row.
    private mutating func verticalStep(down: Bool, width: Int) -> TextPosition? {
        let starts = TextLayout.rowStarts(lines[cursor.line], width: width)
        let row = TextLayout.row(of: cursor.column, in: starts)
        let goal = goalColumn ?? TextLayout.columns(lines[cursor.line], from: starts[row], to: cursor.column)
        goalColumn = goal
        var line = cursor.line, target = row + (down ? 1 : -1)
        var targetStarts = starts
        if target < 0 {
            guard line > 0 else { return nil }
            line -= 1
            targetStarts = TextLayout.rowStarts(lines[line], width: width)
            target = targetStarts.count - 1
        } else if target >= starts.count {
            guard line + 1 < lines.count else { return nil }
            line += 1
            targetStarts = TextLayout.rowStarts(lines[line], width: width)
            target = 0
        }
        let column = TextLayout.column(atScreenColumn: goal, row: target, starts: targetStarts, line: lines[line])
        return TextPosition(line: line, column: column)
    }
}
