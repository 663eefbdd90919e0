/// Why an export could not be written, with what to do next. Nothing is left under the
/// target name when an export fails.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The export was stopped on request (the target was left as it was).
    public var cancelled: Bool
    /// The target is already there and `force` was not given (the workbench then asks).
    public var targetExists: Bool

    public init(_ message: String, cancelled: Bool = false, targetExists: Bool = false) {
        self.message = message
        self.cancelled = cancelled
        self.targetExists = targetExists
    }

    /// The target is there and may not be replaced without `--force`.
    public static func exists(_ path: String) -> ExportError {
        ExportError("\(path) exists; use --force to replace it, or choose another --out", targetExists: true)
    }

    /// An `hf` export that selected nothing: the `datasets` library cannot load a folder
    /// whose only split is empty, so none is written.
    static func emptyDataset(_ out: String, what: String, dropped: Int = 0) -> ExportError {
        ExportError("no \(what) to export (none match\(dropped > 0 ? "; \(dropped) left out by --max-length" : "")); "
                    + "\(out) was not written: a Hugging Face dataset needs at least one row (datasets cannot load an empty split). "
                    + "Check the filters (--status, --spec …), or export as jsonl")
    }

    public var description: String { message }
}
