/// The elements of a JSON array held in bytes, found without parsing them: where each
/// starts and ends (strings and nesting skipped), so that each can be parsed alone and a
/// bad one pointed at by its line.
struct ArrayElements {
    /// Each element: the line it starts on (from 1) and its bytes.
    var elements: [(line: Int, range: Range<Int>)] = []
    /// What is wrong with the array itself (an element missing between commas, the array
    /// not closed, text after it), at its line.
    var problems: [(line: Int, reason: String)] = []
    /// The line of the element past the limit, when there is one; no element is kept then.
    var overLimitLine: Int?

    /// The array in `b`; `nil` when `b` is not an array (its first byte that is not blank
    /// is not `[`). Stops at the element past `limit`.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, limit: Int) -> ArrayElements? {
        var found = ArrayElements()
        let n = b.count
        var i = 0, line = 1
        func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        while i < n, isBlank(b[i]) { if b[i] == 0x0A { line += 1 }; i += 1 }
        // A byte-order mark before it.
        if i == 0, n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            i = 3
            while i < n, isBlank(b[i]) { if b[i] == 0x0A { line += 1 }; i += 1 }
        }
        guard i < n, b[i] == 0x5B else { return nil }
        i += 1
        var depth = 1
        var start: Int?, startLine = line
        var inString = false, escaped = false
        var closed = false
        func close(at end: Int, line: Int) -> Bool {
            guard let from = start else {
                found.problems.append((line, "a value is missing before this comma or bracket"))
                return true
            }
            start = nil
            if found.elements.count == limit {
                found.overLimitLine = startLine
                found.elements = []
                return false
            }
            found.elements.append((startLine, from..<end))
            return true
        }
        scanning: while i < n {
            let c = b[i]
            if c == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
                i += 1
                continue
            }
            if depth == 1, start == nil, !isBlank(c), c != 0x2C, c != 0x5D {
                start = i
                startLine = line
            }
            switch c {
            case 0x22: inString = true
            case 0x5B, 0x7B: depth += 1
            case 0x5D, 0x7D:
                depth -= 1
                if depth == 0 {
                    // `[]` holds no element; `[1, ]` is missing one.
                    if start != nil || !found.elements.isEmpty {
                        guard close(at: i, line: line) else { return found }
                    }
                    closed = true
                    i += 1
                    break scanning
                }
            case 0x2C where depth == 1:
                guard close(at: i, line: line) else { return found }
            default: break
            }
            i += 1
        }
        if !closed {
            found.problems.append((line, "the array is not closed with `]`"))
            if start != nil, found.elements.count < limit, let from = start { found.elements.append((startLine, from..<n)) }
            return found
        }
        while i < n, isBlank(b[i]) { if b[i] == 0x0A { line += 1 }; i += 1 }
        if i < n { found.problems.append((line, "unexpected text after the array")) }
        return found
    }
}
