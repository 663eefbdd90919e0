/// Something a reader or the linter has to say about a place in a file.
public struct Diagnostic: Sendable, Codable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var file: String
    /// 1-based; 0 when the problem concerns the file as a whole.
    public var line: Int
    /// 1-based byte column; 1 when unknown.
    public var column: Int
    public var severity: Severity
    /// A short stable name, such as `duplicate-id`.
    public var code: String
    public var message: String

    public init(file: String, line: Int, column: Int = 1, severity: Severity, code: String,
                message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// `file:line:col: severity: message [code]`, the form compilers and editors read;
    /// `file: severity: message [code]` for the file as a whole (never a line 0).
    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return "\(place): \(severity.rawValue): \(message) [\(code)]"
    }
}
