import Foundation

/// Reading one environment variable. `ProcessInfo.processInfo.environment` copies the
/// whole environment into a dictionary on every call (~0.4 M instructions), which every
/// command paid several times at start-up; `getenv` reads the one asked for.
enum Environment {
    /// The variable's value, or `nil` when it is not set.
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The variable's value when it is UTF-8; `.failure` when it is set but is not (never
    /// repaired into U+FFFD: a served command's words must be what was sent, or refused).
    static func utf8Value(_ name: String) -> Result<String, NotUTF8>? {
        guard let raw = getenv(name) else { return nil }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(NotUTF8()) }
        return .success(text)
    }

    struct NotUTF8: Error {}
}
