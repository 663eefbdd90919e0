import Foundation

/// Runs the user's editor on a file, optionally at a line: `$VISUAL`, else `$EDITOR`,
/// else the config's `editor`, else `vi`. The command may carry arguments (`code -w`).
public struct ExternalEditor: Sendable {
    public var command: String

    public init(configured: String?) {
        let env = ProcessInfo.processInfo.environment
        command = [env["VISUAL"], env["EDITOR"], configured].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    }

    /// Blocks until the editor exits; `nil` on success, else why it failed.
    public func edit(_ path: String, line: Int?) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // +LINE is understood by vi, vim, nvim, emacs, nano, micro, kak and helix.
        var arguments = ["-c", command + " \"$@\"", "tenet-editor"]
        if let line, line > 0 { arguments.append("+\(line)") }
        arguments.append(path)
        process.arguments = arguments
        do {
            try process.run()
        } catch {
            return "could not start the editor `\(command)`: \(error.localizedDescription); set $EDITOR"
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            return "the editor `\(command)` exited with status \(process.terminationStatus); nothing saved"
        }
        return nil
    }
}
