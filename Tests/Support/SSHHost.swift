import Foundation

/// What a program printed and how it exited.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// A real OpenSSH server for end-to-end tests of serving: Debian's `sshd` on a free
/// loopback port with its own config and host key, serving a service account made for the
/// test (a system user with its home in a temporary folder), and `ssh` clients with keys
/// of their own. Needs root (CI runs as root); `stop()` removes the account and files.
public final class SSHHost: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    static let sshd = "/usr/sbin/sshd"
    static let ssh = "/usr/bin/ssh"

    /// Whether the suite can run here: root, and OpenSSH's server and client installed.
    public static var available: Bool {
        geteuid() == 0 && [sshd, ssh, "/usr/sbin/useradd"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// On CI the serving tests must run: there a missing piece fails them instead of skipping.
    public static var shouldRun: Bool { available || ProcessInfo.processInfo.environment["CI"] == "true" }

    public let base: String
    /// The service account that owns the project.
    public let account: String
    public let home: String
    /// The tenet installed for the host (a copy the account can run).
    public let binary: String
    /// The project database: `tenet.db` in the account's home, where `tenet` run there finds it.
    public let database: String
    public let port: Int
    private let server: pid_t
    private var stopped = false

    /// Starts the server. `tenet`: the binary to install for the account; `package`: the
    /// package root (its `Themes/` are installed beside the binary).
    public init(tenet: String, package: String) throws {
        guard Self.available else { throw Failure(description: "serving tests need root and openssh-server (CI=true: they must run here)") }
        let tag = UUID().uuidString.prefix(8).lowercased()
        base = "/tmp/tenet-ssh-\(tag)"
        account = "tnt\(tag)"
        home = base + "/home"
        binary = base + "/bin/tenet"
        database = home + "/tenet.db"
        try FileManager.default.createDirectory(atPath: base + "/bin", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        chmod(base, 0o755)
        try Self.must(["/usr/sbin/useradd", "--system", "--no-create-home", "--home-dir", home, "--shell", "/bin/sh",
                       "--user-group", account])
        // A locked account ('!') cannot log in even by key without PAM; '*' has no password and is not locked.
        try Self.must(["/usr/sbin/usermod", "-p", "*", account])
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try Self.must(["/bin/chown", "\(account):\(account)", home])

        // The binary, its resources and the themes, where an installed tenet keeps them —
        // copied by cp: a file this process wrote could still be open for writing in a child
        // another test spawned meanwhile, and could then not be run ("Text file busy").
        let built = URL(fileURLWithPath: tenet).resolvingSymlinksInPath()
        try Self.must(["/bin/cp", built.path, binary])
        for item in try FileManager.default.contentsOfDirectory(atPath: built.deletingLastPathComponent().path) where item.hasSuffix(".resources") {
            try Self.must(["/bin/cp", "-R", built.deletingLastPathComponent().path + "/" + item, base + "/bin/" + item])
        }
        try FileManager.default.createDirectory(atPath: base + "/share/tenet", withIntermediateDirectories: true)
        try Self.must(["/bin/cp", "-R", package + "/Themes", base + "/share/tenet/Themes"])
        try Self.must(["/bin/chmod", "-R", "a+rX", base + "/bin", base + "/share"])

        try Self.must(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", base + "/host_key"])
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        port = try Self.freePort()
        try """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(base)/host_key
            PidFile \(base)/sshd.pid
            AuthorizedKeysFile .ssh/authorized_keys
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes yes
            PermitRootLogin no
            PermitUserEnvironment no
            AllowUsers \(account)
            AcceptEnv LANG LC_*
            LogLevel VERBOSE

            """.write(toFile: base + "/sshd_config", atomically: true, encoding: .utf8)
        let log = open(base + "/sshd.log", O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        let started = try Self.spawn([Self.sshd, "-D", "-e", "-f", base + "/sshd_config"], stdout: log)
        close(log)
        close(started.input); close(started.output); close(started.error)
        server = started.pid
        // Up when it accepts a connection (a loaded machine can take seconds).
        let deadline = Date().addingTimeInterval(30)
        while !Self.accepts(port) {
            guard kill(server, 0) == 0, Date() < deadline else {
                let log = (try? String(contentsOfFile: base + "/sshd.log", encoding: .utf8)) ?? ""
                stop()
                throw Failure(description: "sshd did not start on port \(port): \(log)")
            }
            usleep(50_000)
        }
    }

    deinit { stop() }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        kill(server, SIGTERM)
        _ = Self.wait(server)
        // Sessions the server left (a killed client's tenet) end with the account. userdel
        // refuses while a process of the account is still being torn down: wait for that.
        let deadline = Date().addingTimeInterval(10)
        while true {
            _ = try? Self.run(["/usr/bin/pkill", "-KILL", "-u", account])
            if (try? Self.run(["/usr/sbin/userdel", account]))?.status == 0 || Date() > deadline { break }
            usleep(100_000)
        }
        try? FileManager.default.removeItem(atPath: base)
    }

    /// A new key pair for a person; the private key's path (the `.pub` beside it).
    public func key(_ name: String) throws -> String {
        let path = base + "/key-\(name)"
        try Self.must(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "\(name)@laptop", "-f", path])
        return path
    }

    /// The SHA256 fingerprint of a key, as `ssh-keygen -lf` prints it.
    public func fingerprint(_ key: String) throws -> String {
        let out = try Self.run(["/usr/bin/ssh-keygen", "-lf", key + ".pub"]).stdout
        return String(out.split(separator: " ")[1])
    }

    /// `tenet ARGS` run on the host by the service account itself (its admin's shell).
    public func asAccount(_ arguments: [String], stdin: String? = nil) throws -> ProcessResult {
        try Self.run(["/usr/sbin/runuser", "-u", account, "--", "/usr/bin/env", "-i", "HOME=\(home)", "PATH=/usr/bin:/bin",
                      "LANG=C.UTF-8", "NO_COLOR=1", binary] + arguments, in: home, stdin: stdin)
    }

    /// The `ssh` command line that connects with `key` (without a command).
    public func sshArguments(_ key: String, tty: Bool = false) -> [String] {
        [Self.ssh, "-F", "/dev/null", "-p", "\(port)", "-i", key, "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=30",
         tty ? "-tt" : "-T", "\(account)@127.0.0.1"]
    }

    /// `ssh HOST COMMAND` with a person's key, as a script would (no terminal).
    public func ssh(_ key: String, _ command: String? = nil, stdin: String? = nil, options: [String] = []) throws -> ProcessResult {
        var arguments = sshArguments(key)
        arguments.insert(contentsOf: options, at: 1)
        if let command { arguments.append(command) }
        return try Self.run(arguments, stdin: stdin)
    }

    // MARK: processes

    private static func must(_ arguments: [String]) throws {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
    }

    /// Runs a program to its end and collects its output. Spawned directly (posix_spawn,
    /// waitpid on its own pid): Foundation's `Process` was seen never reaping a child while
    /// another `Process` (sshd) kept running.
    public static func run(_ arguments: [String], in directory: String = "/", stdin: String? = nil) throws -> ProcessResult {
        let (pid, input, output, error) = try spawn(arguments, in: directory)
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = readAll(output) }
        DispatchQueue.global().async(group: group) { errData = readAll(error) }
        if let stdin {
            // A program may stop reading early (a refused input): its pipe then says so
            // (EPIPE) instead of a SIGPIPE ending the test process.
            signal(SIGPIPE, SIG_IGN)
            let bytes = Array(stdin.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                offset += n
            }
        }
        close(input)
        group.wait()
        return ProcessResult(status: wait(pid), stdout: String(decoding: outData, as: UTF8.self),
                                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts a program with pipes for its standard input, output and error.
    public static func spawn(_ arguments: [String], in directory: String = "/",
                      stdout: Int32? = nil) throws -> (pid: pid_t, input: Int32, output: Int32, error: Int32) {
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            pipes.append(fds)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdout ?? pipes[1][1], 1)
        posix_spawn_file_actions_adddup2(&actions, stdout ?? pipes[2][1], 2)
        let arguments = directory == "/" ? arguments : ["/usr/bin/env", "-C", directory] + arguments
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        close(pipes[0][0]); close(pipes[1][1]); close(pipes[2][1])
        guard spawned == 0 else {
            close(pipes[0][1]); close(pipes[1][0]); close(pipes[2][0])
            throw Failure(description: "\(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        return (pid, pipes[0][1], pipes[1][0], pipes[2][0])
    }

    public static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { data.append(buffer, count: n); continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        close(fd)
        return data
    }

    /// Waits for a child; its exit status (128 + the signal when killed).
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// A port nothing listens on now (the kernel's choice for port 0).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        guard let port = Loopback.bindFreePort(fd) else { throw Failure(description: "no free port: \(String(cString: strerror(errno)))") }
        return Int(port)
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = Loopback.address(port: UInt16(port))
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
