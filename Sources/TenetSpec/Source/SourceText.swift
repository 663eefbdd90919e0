import Foundation

/// The bytes of a spec file, checked and indexed by line.
///
/// Reading refuses what cannot be a text spec (a directory, a binary file, invalid UTF-8)
/// with a ``SpecReadError`` that names the file, line and reason. A UTF-8 byte-order mark
/// is dropped; CRLF line endings are read as LF by every accessor, and a lone CR is a
/// line ending (as cmark-gfm reads it).
public struct SourceText: Sendable {
    /// The path as given by the caller, used in messages.
    public let path: String
    /// The file's bytes without a byte-order mark.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0` is line 1.
    public let lineStarts: [Int]

    /// Checks and indexes text already in memory. `path` is used in messages only.
    public init(path: String, bytes input: [UInt8]) throws(SpecReadError) {
        try self.init(path: path, bytes: input, encodingChecked: false)
    }

    /// Indexes bytes made from a checked source by taking out ASCII bytes or whole lines, or
    /// by changing ASCII bytes to ASCII bytes (what ``MarkdownPreparation`` does): they are
    /// still UTF-8 without a NUL, so only the empty-file check is made again.
    init(path: String, preparedFrom checked: [UInt8]) throws(SpecReadError) {
        try self.init(path: path, bytes: checked, encodingChecked: true)
    }

    /// `encodingChecked`: the bytes are known to be UTF-8 without a NUL; the scan for a NUL
    /// and for invalid UTF-8 is left out.
    private init(path: String, bytes input: [UInt8], encodingChecked: Bool) throws(SpecReadError) {
        var bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        // A lone CR ends a line for cmark-gfm; make it LF so lines are counted the same way.
        // Looked for first: changing the bytes copies them (the caller holds them too).
        if bytes.withUnsafeBufferPointer({ b in b.baseAddress.map { memchr($0, 0x0D, b.count) != nil } ?? false }) {
            bytes.withUnsafeMutableBufferPointer { b in
                let base = b.baseAddress!
                var offset = 0
                while offset < b.count, let hit = memchr(base + offset, 0x0D, b.count - offset) {
                    let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if i + 1 == b.count || b[i + 1] != 0x0A { b[i] = 0x0A }
                    offset = i + 1
                }
            }
        }
        self.path = path
        self.bytes = bytes
        let index = Self.index(bytes, checkingEncoding: !encodingChecked)
        self.lineStarts = index.lineStarts
        try validate(firstNUL: index.firstNUL, firstInvalid: index.firstInvalid)
    }

    /// What one pass over the bytes finds: where each line starts and, when asked, the
    /// first NUL and the first byte of invalid UTF-8.
    private struct Index {
        var lineStarts: [Int]
        var firstNUL: Int?
        var firstInvalid: Int?
    }

    /// ``Index`` of `bytes`. A large file is cut after line breaks into pieces read on all
    /// cores (no UTF-8 sequence holds a line break, so each piece starts at a character),
    /// and the pieces' findings are joined in order: the same as one pass from the start.
    private static func index(_ bytes: [UInt8], checkingEncoding: Bool) -> Index {
        let pieces = bytes.count >= MarkdownBlocks.parallelThreshold && ParallelMap.cores > 1 ? ParallelMap.cores * 4 : 1
        var bounds = [0]
        bytes.withUnsafeBufferPointer { b in
            for k in 1..<pieces {
                let from = max(bounds.last!, b.count * k / pieces)
                let cut = from < b.count ? memchr(b.baseAddress! + from, 0x0A, b.count - from) : nil
                guard let cut else { break }
                bounds.append(b.baseAddress!.distance(to: cut.assumingMemoryBound(to: UInt8.self)) + 1)
            }
        }
        bounds.append(bytes.count)
        let ranges = (0..<bounds.count - 1).map { bounds[$0]..<bounds[$0 + 1] }.filter { !$0.isEmpty }
        let found = ParallelMap.map(ranges) { range in
            bytes.withUnsafeBufferPointer { whole in
                indexPiece(UnsafeBufferPointer(rebasing: whole[range]), at: range.lowerBound, checkingEncoding: checkingEncoding)
            }
        }
        var index = Index(lineStarts: [0])
        index.lineStarts.reserveCapacity(found.reduce(1) { $0 + $1.lineStarts.count })
        for piece in found {
            index.lineStarts += piece.lineStarts
            index.firstNUL = index.firstNUL ?? piece.firstNUL
            index.firstInvalid = index.firstInvalid ?? piece.firstInvalid
        }
        // A break at the very end starts no line.
        if index.lineStarts.count > 1, index.lineStarts.last == bytes.count { index.lineStarts.removeLast() }
        return index
    }

    /// ``Index`` of one piece starting at byte `offset` of the file (its line starts are
    /// those after each of its line breaks, as file offsets).
    private static func indexPiece(_ b: UnsafeBufferPointer<UInt8>, at offset: Int, checkingEncoding: Bool) -> Index {
        var piece = Index(lineStarts: [])
        piece.lineStarts.reserveCapacity(b.count / 40 + 1)
        guard let base = b.baseAddress else { return piece }
        var at = 0
        while at < b.count, let hit = memchr(base + at, 0x0A, b.count - at) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            piece.lineStarts.append(offset + i + 1)
            at = i + 1
        }
        guard checkingEncoding else { return piece }
        piece.firstNUL = memchr(base, 0, b.count).map { offset + base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        piece.firstInvalid = firstInvalidUTF8(b).map { offset + $0 }
        return piece
    }

    /// Reads and checks the file at `path` (`-` is standard input, named `<stdin>` in
    /// messages). A FIFO, socket or device is refused before anything is read, and so is
    /// anything over ``maximumBytes``.
    public init(contentsOf path: String) throws(SpecReadError) {
        let shown = path == "-" ? "<stdin>" : path.isEmpty ? "\"\"" : path
        switch InputFile.read(path, limit: Self.maximumBytes) {
        case .success(let bytes): try self.init(path: shown, bytes: bytes)
        case .failure(let problem):
            let advice = if case .tooLarge = problem { "; split it into smaller specs" } else { "" }
            throw SpecReadError(file: shown, line: 0, reason: problem.message + advice)
        }
    }

    /// The largest spec read, from a file or standard input: 256 MiB, five times the
    /// largest spec Tenet is measured on (memory while reading is a few times this).
    public static let maximumBytes = 256 << 20

    /// Number of lines (a final line without a newline counts; an empty file has none).
    public var lineCount: Int { bytes.isEmpty ? 0 : lineStarts.count }

    /// The 1-based line holding byte `offset`.
    public func line(ofOffset offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// Byte range of line `n` (1-based) without its line ending.
    public func byteRange(ofLine n: Int) -> Range<Int> {
        guard n >= 1, n <= lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[n - 1]
        var end = n < lineStarts.count ? lineStarts[n] - 1 : bytes.count
        // The last line of a file that ends with a line break: not the break itself.
        if n == lineStarts.count, end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, end <= bytes.count, end - 1 >= start, end - 1 < bytes.count, bytes[end - 1] == 0x0D {
            end -= 1
        }
        return start..<max(start, end)
    }

    /// Line `n` (1-based) without its line ending.
    public func line(_ n: Int) -> String {
        String(decoding: bytes[byteRange(ofLine: n)], as: UTF8.self)
    }

    /// Lines `first...last` joined with `\n`, clamped to the file.
    public func lines(_ first: Int, _ last: Int) -> String {
        let lo = max(1, first), hi = min(last, lineCount)
        guard lo <= hi else { return "" }
        // Lines that each end in a lone `\n` are already joined as wanted in the source:
        // one slice of it, not a copy line by line.
        let whole = byteRange(ofLine: lo).lowerBound..<byteRange(ofLine: hi).upperBound
        if (lo..<hi).allSatisfy({ byteRange(ofLine: $0).upperBound + 1 == byteRange(ofLine: $0 + 1).lowerBound
                                  && bytes[byteRange(ofLine: $0).upperBound] == 0x0A }) {
            return String(decoding: bytes[whole], as: UTF8.self)
        }
        var out = [UInt8]()
        for n in lo...hi {
            if n > lo { out.append(0x0A) }
            out.append(contentsOf: bytes[byteRange(ofLine: n)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether line `n` holds only spaces and tabs.
    public func isBlank(_ n: Int) -> Bool {
        bytes[byteRange(ofLine: n)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Refuses an empty file, and a file with a NUL or invalid UTF-8 (found by ``index(_:checkingEncoding:)``).
    private func validate(firstNUL: Int?, firstInvalid: Int?) throws(SpecReadError) {
        if !bytes.contains(where: { !isASCIIWhitespace($0) }) {
            throw SpecReadError(file: path, line: 1, reason: "the file is empty; a spec needs at least a title and one rule")
        }
        if let nul = firstNUL {
            let line = line(ofOffset: nul)
            throw SpecReadError(file: path, line: line, column: nul - lineStarts[line - 1] + 1,
                                reason: "contains a NUL byte; this looks like a binary file, not a Markdown or JSON spec")
        }
        if let bad = firstInvalid {
            let line = line(ofOffset: bad)
            let hex = String(bytes[bad], radix: 16, uppercase: true)
            throw SpecReadError(file: path, line: line, column: bad - lineStarts[line - 1] + 1,
                                reason: "invalid UTF-8 (byte 0x\(hex)); save the file as UTF-8")
        }
    }

    /// Offset of the first byte that does not start or continue a valid UTF-8 sequence.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    /// ``firstInvalidUTF8(_:)`` of bytes in memory.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        do {
            var i = 0
            let n = b.count
            guard let base = UnsafeRawPointer(b.baseAddress) else { return nil }
            while i < n {
                // ASCII fast path, eight bytes at a time.
                while i + 8 <= n, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < n else { break }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let length: Int
                var minSecond: UInt8 = 0x80, maxSecond: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; minSecond = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; maxSecond = 0x9F
                case 0xF0: length = 4; minSecond = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; maxSecond = 0x8F
                default: return i
                }
                if i + length > n { return i }
                if b[i + 1] < minSecond || b[i + 1] > maxSecond { return i }
                var k = 2
                while k < length {
                    if b[i + k] & 0xC0 != 0x80 { return i }
                    k += 1
                }
                i += length
            }
            return nil
        }
    }
}

/// A spec that cannot be read at all. `description` is `file:line:col: error: reason`.
public struct SpecReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: String

    public init(file: String, line: Int, column: Int = 1, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var diagnostic: Diagnostic {
        Diagnostic(file: file, line: line, column: column, severity: .error, code: "unreadable", message: reason)
    }

    /// `file:line:col: error: reason`, or `file: error: reason` about the file as a whole.
    public var description: String { line > 0 ? "\(file):\(line):\(column): error: \(reason)" : "\(file): error: \(reason)" }
}
