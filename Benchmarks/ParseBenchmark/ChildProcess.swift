import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall time and peak memory of one child process.
struct Measurement {
    var seconds: Double
    /// `ru_maxrss` from `wait4`: kilobytes on Linux (bytes on macOS).
    var peakRSSKiB: Int
    /// User plus system CPU time, from `wait4`.
    var cpuSeconds: Double = 0
}

/// Starts a command with `posix_spawn`, waits for it with `wait4` and reports its wall
/// time (spawn to reaped, monotonic clock) and peak resident set size.
enum ChildProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `arguments` (the first is looked up on `PATH` when it has no slash) with its
    /// standard output sent to `stdoutPath`; standard error is inherited.
    static func run(_ arguments: [String], stdoutPath: String = "/dev/null") throws -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }

        var pid: pid_t = 0
        let start = monotonicSeconds()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw Failure(description: "wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let elapsed = monotonicSeconds() - start

        let signal = status & 0x7F
        let exitCode = (status >> 8) & 0xFF
        if signal != 0 {
            throw Failure(description: "\(arguments.joined(separator: " ")) was killed by signal \(signal)")
        }
        if exitCode != 0 {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited with status \(exitCode)")
        }
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Measurement(seconds: elapsed, peakRSSKiB: Int(usage.ru_maxrss), cpuSeconds: cpu)
    }

    /// Full path of `name` on `PATH`, or nil.
    static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Path of the running executable, to re-execute it as a child.
    static func currentExecutable() -> String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
