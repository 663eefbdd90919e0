import Foundation

/// Opening and reading a file someone named on the command line, safely: only a regular
/// file is read (a FIFO, socket or device could block for ever or never end), `-` is
/// standard input, and what is read whole is bounded by a size given by the caller.
///
/// Every reader of user-named files goes through here, so each refuses the same things
/// with the same words.
public enum InputFile {
    /// Why a file cannot be read; ``message`` says it with what to do next.
    public enum Problem: Error, Sendable, Equatable {
        /// The name is empty (`tenet parse ""`, an unset shell variable).
        case noName
        case missing
        case directory
        case notRegular
        /// `bytes` is nil for a stream, which is only known to be longer than `limit`.
        case tooLarge(bytes: Int?, limit: Int)
        case unreadable(String)

        /// The reason, without the file's name.
        public var message: String {
            switch self {
            case .noName: return "no file name (the argument is empty); give a file's path"
            case .missing: return "no such file"
            case .directory: return "is a directory; give a file inside it"
            case .notRegular:
                // No word of `-` here: the workbench's `:open` reads files this way too, and
                // has no standard input to offer; each command's help says where `-` works.
                return "not a regular file (a FIFO, a socket or a device); save it to a file and give that"
            case .tooLarge(let bytes, let limit):
                let size = bytes.map { "is \(Self.size($0))" } ?? "is longer than \(Self.size(limit))"
                return "\(size), over the \(Self.size(limit)) Tenet reads"
            case .unreadable(let reason): return "cannot be read: \(reason)"
            }
        }

        /// A size as people read it: bytes, KiB or MiB.
        public static func size(_ bytes: Int) -> String {
            bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
        }
    }

    /// The path as messages show it: `-` is "standard input", an empty name `""` (so
    /// that a message does not start with its colon), anything else made safe for a
    /// terminal.
    public static func shownName(_ path: String) -> String {
        path == "-" ? "standard input" : path.isEmpty ? "\"\"" : SafeText.visible(path)
    }

    /// Where `bytes` first stop being UTF-8: the line (from 1) and the reason, said the
    /// same way for every file read; nil when they are UTF-8. Never repaired.
    public static func invalidUTF8(in bytes: [UInt8]) -> (line: Int, reason: String)? {
        guard let bad = SourceText.firstInvalidUTF8(bytes) else { return nil }
        let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return (line, "not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); save the file as UTF-8")
    }

    /// Opens `path` for reading (`-` duplicates standard input). Anything but a regular
    /// file is refused before a byte is read; the caller closes the descriptor.
    public static func open(_ path: String) -> Result<Int32, Problem> {
        if path == "-" {
            let fd = dup(STDIN_FILENO)
            return fd >= 0 ? .success(fd) : .failure(.unreadable(String(cString: strerror(errno))))
        }
        guard !path.isEmpty else { return .failure(.noName) }
        // Non-blocking, so that opening a FIFO with no writer returns at once.
        let fd = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .failure(.missing)
            case EISDIR: return .failure(.directory)
            case EACCES, EPERM: return .failure(.unreadable("permission denied; check its permissions"))
            default: return .failure(.unreadable(String(cString: strerror(errno))))
            }
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            Foundation.close(fd)
            return .failure(.unreadable(reason))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            // Back to blocking reads: the flag only mattered for opening.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return .success(fd)
        case S_IFDIR:
            Foundation.close(fd)
            return .failure(.directory)
        default:
            Foundation.close(fd)
            return .failure(.notRegular)
        }
    }

    /// A file Tenet reads for itself — a config, a theme, a prompt template: none, its
    /// text, or why it cannot be read.
    public enum SettingsText: Sendable, Equatable {
        /// There is no such file (a setting's default applies).
        case missing
        case text(String)
        /// Why it is not read, with its name and, for bad UTF-8, its line.
        case problem(String)
    }

    /// The most a config, theme or template file may hold: they are a few kilobytes.
    public static let settingsLimit = 1 << 20

    /// `path` read as ``read(_:limit:)`` reads a spec — only a regular file, at most
    /// `limit` bytes, UTF-8 never repaired — for a file that is not named on the command
    /// line but found where settings live: a FIFO there cannot block Tenet, nor 3 GB
    /// there exhaust its memory.
    public static func settingsText(_ path: String, limit: Int = settingsLimit) -> SettingsText {
        switch read(path, limit: limit) {
        case .failure(.missing): return .missing
        case .failure(let problem): return .problem("\(shownName(path)): \(problem.message)")
        case .success(let bytes):
            if let (line, reason) = invalidUTF8(in: bytes) { return .problem("\(shownName(path)):\(line): \(reason)") }
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// All of `path` (or standard input for `-`), refused once it passes `limit` bytes: a
    /// regular file by its size before anything is read, a stream as it arrives.
    public static func read(_ path: String, limit: Int) -> Result<[UInt8], Problem> {
        let fd: Int32
        switch open(path) {
        case .failure(let problem): return .failure(problem)
        case .success(let opened): fd = opened
        }
        defer { Foundation.close(fd) }
        var status = stat()
        var expected = 0
        if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
            expected = Int(status.st_size)
            if expected > limit { return .failure(.tooLarge(bytes: expected, limit: limit)) }
        }
        var bytes: [UInt8] = []
        // A regular file is read straight into the array, in as many reads as it takes;
        // one byte more than its size shows whether it grew since.
        if expected > 0 {
            var failure: Problem?
            bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
                count = 0
                while count < buffer.count {
                    let got = Foundation.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = .unreadable(String(cString: strerror(errno)))
                        return
                    }
                    if got == 0 { return }
                    count += got
                }
            }
            if let failure { return .failure(failure) }
            if bytes.count <= expected { return .success(bytes) }
            if bytes.count > limit { return .failure(.tooLarge(bytes: bytes.count, limit: limit)) }
        }
        // A stream, or a file that grew: the rest a chunk at a time.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[..<count])
            // A file that grows while it is read, or a stream, stops at the limit too.
            if bytes.count > limit { return .failure(.tooLarge(bytes: expected > 0 ? bytes.count : nil, limit: limit)) }
        }
    }
}
