/// Why an export could not be written, with what to do next. Nothing is left under the
/// target name when an export fails.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The export was stopped on request (the target was left as it was).
    public var cancelled: Bool

    public init(_ message: String, cancelled: Bool = false) {
        self.message = message
        self.cancelled = cancelled
    }

    public var description: String { message }
}
