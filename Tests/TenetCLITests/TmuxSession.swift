import Foundation

/// A real terminal for end-to-end tests: a private tmux server (its own socket, its own
/// config) running one program in a detached pane of a fixed size. Keys go in with
/// `send-keys`, the screen comes out with `capture-pane`, and tests poll for what a user
/// would see instead of sleeping.
///
/// The program runs with exactly the environment given (`env -i`), so the developer's
/// `$VISUAL`, `$TENET_DB`, config files or `NO_COLOR` never leak into a test.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `tmux` on `PATH`, if any.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let candidate = directory + "/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// CI must run these tests: there a missing tmux is a failure, not a skip.
    static var requiredByCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the suite runs: tmux is here, or CI says it must be (and then fails loudly).
    static var shouldRun: Bool { executable != nil || requiredByCI }

    /// The pane's target (one session, one window, one pane).
    static let target = "e2e"

    let socket: String
    let directory: String
    /// Where the launcher writes the program's exit status.
    let statusFile: String
    private(set) var width: Int
    private(set) var height: Int
    private var stopped = false
    /// Whatever owns the working directory, kept alive as long as the session.
    var owner: AnyObject?
    private var socketPath: String?

    /// Starts `arguments` (program and its arguments) in a new pane, in `workingDirectory`,
    /// with exactly `environment`. `stderr`: a file for the program's standard error. The
    /// pane (and its last screen) stays after the program exits; ``waitForExit(timeout:)``
    /// gives its exit status.
    init(_ arguments: [String], environment: [String: String], in workingDirectory: String,
         width: Int = 100, height: Int = 30, stderr: String? = nil) throws {
        guard Self.executable != nil else {
            throw Failure(description: "tmux is not installed" + (Self.requiredByCI ? " (CI=true: the workbench end-to-end tests must run here)" : ""))
        }
        socket = "tenet-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = workingDirectory
        self.width = width
        self.height = height

        // No status line (the pane is the whole window), a dead pane stays for its exit
        // status, and OSC 52 is accepted so that a leaked clipboard write would show up
        // as a paste buffer.
        let config = directory + "/\(socket).conf"
        try """
        set -g status off
        set -g remain-on-exit on
        set -g set-clipboard on
        set -g history-limit 1000

        """.write(toFile: config, atomically: true, encoding: .utf8)

        statusFile = directory + "/\(socket).status"
        var launcher = "#!/bin/sh\ncd \(Self.quote(workingDirectory)) || exit 99\nenv -i"
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { launcher += " " + Self.quote("\(key)=\(value)") }
        launcher += " " + arguments.map(Self.quote).joined(separator: " ")
        if let stderr { launcher += " 2>" + Self.quote(stderr) }
        // The exit status, from the shell: tmux's own #{pane_dead_status} is sometimes
        // never filled in (seen with tmux 3.3a: the pane reads as dead, the status stays empty).
        launcher += "\necho $? > \(Self.quote(statusFile)).tmp && mv \(Self.quote(statusFile)).tmp \(Self.quote(statusFile))\n"
        let script = directory + "/\(socket).sh"
        try launcher.write(toFile: script, atomically: true, encoding: .utf8)

        try tmux(["-f", config, "new-session", "-d", "-s", Self.target, "-x", "\(width)", "-y", "\(height)", "/bin/sh " + Self.quote(script)])
        socketPath = try? display("#{socket_path}")
    }

    deinit { stop() }

    /// Kills the server (and with it the program, if it still runs) and removes its socket,
    /// which tmux leaves behind.
    func stop() {
        guard !stopped else { return }
        stopped = true
        _ = try? tmux(["kill-server"])
        if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    // MARK: - Driving

    /// Runs `tmux -L SOCKET ARGS`; its standard output.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        let out = directory + "/\(socket).out", err = directory + "/\(socket).err"
        let status = try Self.spawn(Self.executable ?? "/usr/bin/tmux", ["tmux", "-u", "-L", socket] + arguments,
                                    environment: env, stdout: out, stderr: err)
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let message = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(arguments.joined(separator: " ")): status \(status): \(message)")
        }
        return output
    }

    /// Runs a program to its end, its output in files, and returns its exit status.
    ///
    /// Not `Process` with pipes, for two reasons: the tmux server forked by the first
    /// command would hold the pipes open (reading to their end would never finish), and
    /// the test runner's threads block signals, a mask the server and so the workbench
    /// would inherit — then SIGTERM could not reach it. Here the child starts with no
    /// signal blocked and default dispositions.
    static func spawn(_ path: String, _ arguments: [String], environment: [String: String],
                      stdout: String, stderr: String) throws -> Int32 {
        #if canImport(Glibc)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "could not start \(path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "waitpid \(path): errno \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        #else
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        FileManager.default.createFile(atPath: stdout, contents: nil)
        FileManager.default.createFile(atPath: stderr, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: stdout)
        process.standardError = FileHandle(forWritingAtPath: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
        #endif
    }

    /// Presses keys by tmux name: `j`, `Enter`, `Escape`, `Space`, `C-r`, `C-u`.
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", Self.target] + keys)
    }

    /// Types text literally (no key names).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", Self.target, "-l", text])
    }

    /// Changes the window size; the program gets SIGWINCH.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", Self.target, "-x", "\(width)", "-y", "\(height)"])
        self.width = width
        self.height = height
    }

    // MARK: - Reading

    /// The screen as text, one line per row (trailing blanks trimmed by tmux).
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", Self.target])
    }

    /// The screen's rows.
    func rows() throws -> [String] {
        var rows = try screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// The screen with its colours and attributes as SGR escape sequences.
    func styledScreen() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", Self.target])
    }

    /// A tmux format expanded for the pane: `#{pane_title}`, `#{alternate_on}` …
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", Self.target, format]).trimmingCharacters(in: .newlines)
    }

    /// Polls the screen (every 50 ms) until `condition` holds; the screen that passed.
    /// On timeout, fails with what was wanted and the last screen seen.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            last = try screen()
            if try condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); the screen was:\n\(last)")
    }

    /// Polls until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Polls until the screen no longer shows `text`.
    @discardableResult
    func waitForAbsence(of text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil("“\(text)” to go away", timeout: timeout) { !$0.contains(text) }
    }

    /// Waits for the program to exit; its exit status (128+n when signal n ended it).
    func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        throw Failure(description: "the program did not exit within \(timeout) s; the screen was:\n\((try? screen()) ?? "")")
    }

    // MARK: - Helpers

    /// A word for `/bin/sh`, in single quotes.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
