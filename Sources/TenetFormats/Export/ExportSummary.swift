/// How far an export has got.
public struct ExportProgress: Sendable, Equatable {
    public var done: Int
    /// Pairs the selection holds (known before the first line is written).
    public var total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable {
    public var count: Int
    /// `trl-conversational`, `openai`, … or `json`, `markdown`, …
    public var format: String
    /// Where it went (`-` for standard output).
    public var target: String
    /// A one-line report for people: `exported 8 pairs (trl-conversational) to train.jsonl`.
    public var message: String
    /// Further lines for people after it (a pairs export: how long its rows are, and
    /// which are longer than asked), each on its own line, data in them made safe.
    public var report: [String] = []
    /// How long the rows of a pairs export are.
    public var lengths = RowLengths()
    /// Rows a pairs export left out for being longer than `--max-length`.
    public var dropped = 0
}
