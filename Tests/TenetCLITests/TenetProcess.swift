import Foundation
import TenetTestSupport

/// Runs the real `tenet` binary the way a user or a script would, and collects what it
/// printed and how it exited.
struct TenetProcess {
    typealias Result = ProcessResult

    /// The package root, found from this file's location.
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The `tenet` built beside the test bundle (`swift build` builds it with the tests).
    static let binary: String = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("tenet").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root + "/.build/debug/tenet"
    }()

    /// Runs `tenet ARGS` in `directory` (the package root by default).
    /// `launcher` runs tenet through another program (e.g. `setpriv` to drop privileges);
    /// `unset` names variables of this process's environment that tenet must not see.
    static func run(_ arguments: [String], in directory: String = root, environment: [String: String] = [:],
                    unset: [String] = [], launcher: [String] = []) throws -> Result {
        try runProgram(launcher.first ?? binary, launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [binary] + arguments,
                       in: directory, environment: environment, unset: unset)
    }

    /// Runs any program (`make`, `sh`, an installed `tenet`) the same way.
    static func runProgram(_ executable: String, _ arguments: [String], in directory: String = root,
                           environment: [String: String] = [:], unset: [String] = []) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for key in unset { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> String { try TenetTestSupport.temporaryDirectory("tenet-cli") }
}
