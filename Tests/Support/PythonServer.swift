import Foundation

/// A test server in a Python process on loopback: `python3 SCRIPT ARGUMENTS…`, where the
/// script binds port 0 and prints the port it got on its first line. The process is
/// killed (SIGKILL: the test runner's blocked signals are inherited, so SIGTERM may not
/// land) when this is released.
public final class PythonServer: @unchecked Sendable {
    /// The loopback port the server listens on.
    public let port: Int
    private let process: Process

    /// Starts the script and waits for its port. `name` (`the eval server`) is for the error.
    public init(script: String, arguments: [String] = [], name: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let portPipe = Pipe()
        process.standardOutput = portPipe
        try process.run()
        let line = String(decoding: portPipe.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(name) did not say its port: \(line)"])
        }
        self.port = port
    }

    /// The OpenAI-style base URL to give `--base-url`.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    deinit { kill(process.processIdentifier, SIGKILL) }
}
