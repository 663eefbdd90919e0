import Foundation

/// Reading one environment variable. `ProcessInfo.processInfo.environment` copies the
/// whole environment into a dictionary on every call (~0.4 M instructions), which every
/// command paid several times at start-up; `getenv` reads the one asked for.
enum Environment {
    /// The variable's value, or `nil` when it is not set.
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
