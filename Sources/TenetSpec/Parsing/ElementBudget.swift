/// Keeps a spec's parse within memory its purpose justifies, before cmark-gfm builds its
/// tree: cmark-gfm keeps a node for every inline mark (`[`, `*`, `` ` `` …) and every list
/// item or heading, each 100–700 bytes, so 40 MB of `[` took 7.9 GB and then aborted, and
/// 44 MB of one-line list items took 6.5 GB. A spec with more of them than any written
/// spec has is refused with the line where the count went over, not read into memory.
enum ElementBudget {
    /// The most inline marks read: far above the 4–6 million of the largest real-looking
    /// 50 MB specs measured (see Benchmarks/RESULTS.md), about 1.8 GB of cmark-gfm nodes.
    static let maximumInlineMarks = 8_000_000
    /// The most lines that start a list item, a heading or a quote: a 50 MB spec of the
    /// samples' shape has about 250,000.
    static let maximumBlockLines = 1_000_000
    /// The most rules a SpecBench `specifications.json` may list: as many as one stored
    /// spec may hold (`ProjectStore.maximumRulesPerSpec`); SpecBench's own list a few dozen.
    static let maximumSpecBenchRules = 150_000

    /// An error when `source` holds more inline marks or block-starting lines than read;
    /// `nil` for any file too small to (the common case costs nothing). The marks are
    /// counted by table, in parallel slices, and the line where the count went over is
    /// looked for only when it did.
    static func problem(in source: SourceText, maximumInlineMarks: Int = maximumInlineMarks,
                        maximumBlockLines: Int = maximumBlockLines) -> SpecReadError? {
        let bytes = source.bytes
        // A line is at least two bytes ("-\n"), a mark one: smaller files cannot exceed.
        if bytes.count > 2 * maximumBlockLines, source.lineStarts.count > maximumBlockLines {
            var blockLines = 0
            for (k, start) in source.lineStarts.enumerated() {
                var i = start
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                guard i < bytes.count, isBlockStart(bytes[i]) else { continue }
                blockLines += 1
                if blockLines > maximumBlockLines {
                    return error(source, k + 1, "more than \(maximumBlockLines) lines start a list item, a heading or a quote")
                }
            }
        }
        guard bytes.count > maximumInlineMarks else { return nil }
        let slice = 1 << 20
        let ranges = stride(from: 0, to: bytes.count, by: slice).map { $0..<min(bytes.count, $0 + slice) }
        let counts = ParallelMap.map(ranges) { range in bytes.withUnsafeBufferPointer { marks(in: UnsafeBufferPointer(rebasing: $0[range])) } }
        guard counts.reduce(0, +) > maximumInlineMarks else { return nil }
        // Over: the line where the count went past the limit.
        var seen = 0
        for (k, start) in source.lineStarts.enumerated() {
            let end = k + 1 < source.lineStarts.count ? source.lineStarts[k + 1] : bytes.count
            seen += bytes.withUnsafeBufferPointer { marks(in: UnsafeBufferPointer(rebasing: $0[start..<end])) }
            if seen > maximumInlineMarks {
                return error(source, k + 1, "more than \(maximumInlineMarks) brackets, emphasis marks and other inline marks")
            }
        }
        return nil
    }

    /// The inline marks in `bytes`, by table, eight bytes a step.
    private static func marks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        markTable.withUnsafeBufferPointer { table in
            var a = 0, b = 0, c = 0, d = 0
            var i = 0
            let n = bytes.count
            while i + 8 <= n {
                a &+= Int(table[Int(bytes[i])]) &+ Int(table[Int(bytes[i + 4])])
                b &+= Int(table[Int(bytes[i + 1])]) &+ Int(table[Int(bytes[i + 5])])
                c &+= Int(table[Int(bytes[i + 2])]) &+ Int(table[Int(bytes[i + 6])])
                d &+= Int(table[Int(bytes[i + 3])]) &+ Int(table[Int(bytes[i + 7])])
                i += 8
            }
            while i < n { a &+= Int(table[Int(bytes[i])]); i += 1 }
            return a &+ b &+ c &+ d
        }
    }

    /// 1 for each byte that may start an inline node of its own in cmark-gfm:
    /// `[ ] * _ ` < ! & \ ~`.
    private static let markTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in "[]*_`<!&\\~".utf8 { table[Int(byte)] = 1 }
        return table
    }()

    private static func error(_ source: SourceText, _ line: Int, _ what: String) -> SpecReadError {
        SpecReadError(file: source.path, line: line,
                      reason: "\(what) by line \(line); no written spec has so many, and reading them would take gigabytes — split the spec")
    }

    /// `-`, `*`, `+`, `#`, `>` or a digit first on a line: maybe a list item, heading or quote.
    @inline(__always)
    private static func isBlockStart(_ byte: UInt8) -> Bool {
        byte == 0x2D || byte == 0x2A || byte == 0x2B || byte == 0x23 || byte == 0x3E || (byte >= 0x30 && byte <= 0x39)
    }
}
