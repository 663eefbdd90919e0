import CNcursesw
import TenetUI

extension Terminal {
    /// Copies every cell of `buffer` to the screen and updates the terminal once. The
    /// cursor is shown at `cursor` (for text fields), hidden when `nil`. Cells beyond the
    /// screen's edge are dropped; screen cells beyond a smaller buffer are blanked.
    /// ncurses sends only what changed since the last frame.
    public func draw(_ buffer: ScreenBuffer, cursor: (x: Int, y: Int)?) {
        guard screen != nil else { return }
        let (width, height) = size
        if buffer.width < width || buffer.height < height { werase(window) }
        let rows = min(buffer.height, height)
        let columns = min(buffer.width, width)
        var cell = cchar_t()
        // Neighbouring cells usually share a style: resolve only on change.
        var style = Style.plain
        var resolved = pairs.resolve(style)
        buffer.cells.withUnsafeBufferPointer { cells in
            for y in 0..<max(0, rows) {
                let row = y * buffer.width
                for x in 0..<max(0, columns) {
                    let source = cells[row + x]
                    if source.text.isEmpty { continue }  // right half of a wide character
                    // A wide character cut by the screen's edge would wrap: show a blank.
                    let cut = x + 1 == columns && x + 1 < buffer.width && cells[row + x + 1].text.isEmpty
                    if source.style != style {
                        style = source.style
                        resolved = pairs.resolve(style)
                    }
                    makeCell(&cell, text: cut ? " " : source.text, resolved)
                    _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)  // bottom-right may be ERR
                }
            }
        }
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            setCursorVisible(true)
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// The characters of screen row `y` as curses holds them, trailing spaces removed: for
    /// headless tests.
    public func readRow(_ y: Int) -> String {
        guard screen != nil, y >= 0, y < size.height else { return "" }
        let (oldY, oldX) = (getcury(window), getcurx(window))
        defer { wmove(window, oldY, oldX) }
        let capacity = size.width * Int(CCHARW_MAX)
        var characters = [wchar_t](repeating: 0, count: capacity + 1)
        let count = mvwinnwstr(window, Int32(y), 0, &characters, Int32(capacity))
        guard count != ERR else { return "" }
        var scalars = String.UnicodeScalarView()
        for c in characters.prefix(while: { $0 != 0 }) {
            scalars.append(Unicode.Scalar(UInt32(bitPattern: c)) ?? "\u{FFFD}")
        }
        var text = String(scalars)
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Fills `cell` with the scalars of one grapheme (at most `CCHARW_MAX`) and a style.
    private func makeCell(_ cell: inout cchar_t, text: String, _ resolved: ColorPairs.Resolved) {
        var n = 0
        let utf8 = text.utf8
        if utf8.count == 1, let byte = utf8.first {  // ASCII: no scalar decoding
            scratch[0] = wchar_t(byte)
            n = 1
        } else {
            for scalar in text.unicodeScalars {
                if n == Int(CCHARW_MAX) { break }
                scratch[n] = wchar_t(bitPattern: scalar.value)
                n += 1
            }
        }
        scratch[n] = 0
        var pair = resolved.pair  // ncurses 6 reads the full pair number from `opts`
        if setcchar(&cell, scratch, resolved.attributes, resolved.shortPair, &pair) != OK {
            scratch[0] = 0x20  // not a valid cell (e.g. a lone combining mark): a blank
            scratch[1] = 0
            _ = setcchar(&cell, scratch, resolved.attributes, resolved.shortPair, &pair)
        }
    }

    private func setCursorVisible(_ visible: Bool) {
        guard visible != cursorVisible else { return }
        cursorVisible = visible
        curs_set(visible ? 1 : 0)
    }
}
