import Foundation
import TenetSpec

/// Output written to a temporary file beside the target and renamed over it only when
/// complete, so the target never holds a partial export; `-` is standard output, where an
/// export of stored text must not drive a terminal (see ``StandardOutputForm``). The
/// temporary file is removed if the export fails, is abandoned, or (``TemporaryFiles``)
/// is ended by a signal.
public final class AtomicFile {
    /// How an export's text goes to standard output (`--out -`); a file always gets the
    /// exact bytes.
    public enum StandardOutputForm: Sendable, Equatable {
        /// JSON: what a terminal would act on (DEL, C1 controls, bidi controls; JSON
        /// escapes the C0 ones itself) written as `\u` escapes wherever it goes — a
        /// terminal, a pipe, an SSH channel — so every value read back is the same.
        case json
        /// Text: exact into a pipe, shown with placeholders (``SafeText``) on a terminal.
        case text
        /// Text that may end in a terminal the host cannot see (a served session's SSH
        /// channel): shown with placeholders, as on a terminal.
        case shownText
        /// Text exactly, even to a terminal: the person asked (`--raw`).
        case rawText
    }

    private let path: String
    private let temporary: String?
    private let handle: UnsafeMutablePointer<FILE>
    /// The stream's buffer (``bufferLargely(_:)``), freed once the stream is closed.
    private var buffer: UnsafeMutableRawPointer?
    private var closed = false
    /// What is done to text on its way out (standard output only).
    private let shaping: Shaping

    private enum Shaping { case exact, shown, escapedJSON }

    /// Opens the temporary file. An existing `path` is refused unless `force`.
    /// `standardOutput`: what the text is, for `-`.
    public init(path: String, force: Bool, standardOutput: StandardOutputForm = .text) throws(ExportError) {
        self.path = path
        guard path != "-" else {
            switch standardOutput {
            case .json: shaping = .escapedJSON
            case .text: shaping = isatty(STDOUT_FILENO) == 1 ? .shown : .exact
            case .shownText: shaping = .shown
            case .rawText: shaping = .exact
            }
            temporary = nil
            guard let handle = fdopen(dup(STDOUT_FILENO), "w") else { throw ExportError("cannot write to standard output") }
            if isatty(STDOUT_FILENO) != 1 { buffer = Self.bufferLargely(handle) }
            self.handle = handle
            return
        }
        shaping = .exact
        // What is there already, the link itself (not what it points to): only a regular
        // file is ever replaced. A FIFO, a device, a symbolic link or a folder would be
        // swapped for a regular file by the rename (the link's target left untouched).
        var info = stat()
        if lstat(path, &info) == 0 {
            if let kind = Self.nonRegularKind(info.st_mode) {
                throw ExportError("\(path) is \(kind), not a regular file; an export only replaces regular files (--force too): "
                                  + "choose another --out (--out - writes to standard output), or remove it first")
            }
            if !force { throw ExportError.exists(path) }
        }
        let directory = FolderOfPath.folder(of: path)
        let name = (path as NSString).lastPathComponent
        Self.removeAbandoned(in: directory, name: name)
        guard let (temporary, handle) = Self.createTemporary(in: directory, name: name) else {
            let reason = String(cString: strerror(errno))
            var isFolder: ObjCBool = false
            if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) || !isFolder.boolValue {
                throw ExportError("\(path): there is no folder \(directory); create it first or choose another output")
            }
            throw ExportError("\(path): cannot write here: \(reason); choose another output")
        }
        buffer = Self.bufferLargely(handle)
        self.temporary = temporary
        self.handle = handle
        TemporaryFiles.register(temporary)
    }

    /// Refuses an hf export's folder that is there but is no folder (a FIFO, a file, a
    /// device …), naming the path and what it is; a link to a folder is written through.
    public static func checkFolder(_ path: String) throws(ExportError) {
        var info = stat()
        // Through a link (a link to a folder is written through); a dangling link is itself.
        guard stat(path, &info) == 0 || lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT != S_IFDIR else { return }
        let kind = nonRegularKind(info.st_mode) ?? "a regular file"
        throw ExportError("\(path) is \(kind), not a folder; an hf export writes a folder: choose another --out, or remove it first")
    }

    /// What a file of this mode is, in words (`a FIFO (named pipe)`), unless it is a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "a special file"
        }
    }

    /// 64 KB of buffer: one `write` every 64 KB instead of every 4 KB. The buffer is given,
    /// not left to the C library: glibc ignores the size when the buffer is `nil` and keeps
    /// its 4 KB one (a million-pair export made 128,800 `write` calls, 0.3 s of system
    /// time). Not larger: a megabyte no longer fits the CPU's cache between being filled and
    /// being copied by `write`, and costs more than 4 KB did (writing 528 MB in 528-byte
    /// lines: 0.46 s of CPU with 4 KB, 0.14 s with 64 KB, 0.52–0.63 s with 1 MB).
    private static func bufferLargely(_ handle: UnsafeMutablePointer<FILE>) -> UnsafeMutableRawPointer? {
        let size = 1 << 16
        guard let buffer = malloc(size) else { return nil }
        guard setvbuf(handle, buffer.assumingMemoryBound(to: CChar.self), _IOFBF, size) == 0 else {
            free(buffer)
            return nil
        }
        return buffer
    }

    /// Closes the stream, then frees its buffer (not before: `fclose` writes what is left in it).
    private func closeStream() {
        fclose(handle)
        free(buffer)
        buffer = nil
        closed = true
    }

    deinit { if !closed { abandon() } }

    /// A new temporary file beside the target, `.NAME.tenet-PID-RANDOM.tmp`, made by this
    /// call and no one else: created exclusively (`O_EXCL`), never through a symbolic link
    /// (`O_NOFOLLOW`), with a name no one can guess. In a folder others can write to (a
    /// team's shared folder, `/tmp`), a link planted under a predictable name made the
    /// export overwrite whatever it pointed to — another person's file, their `.bashrc`.
    /// `nil` with `errno` set when the folder cannot be written.
    static func createTemporary(in directory: String, name: String) -> (String, UnsafeMutablePointer<FILE>)? {
        for _ in 0..<8 {
            let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporary = directory + "/.\(name).tenet-\(getpid())-\(random).tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd < 0 {
                if errno == EEXIST { continue }
                return nil
            }
            guard let handle = fdopen(fd, "w") else {
                let saved = errno
                close(fd)
                unlink(temporary)
                errno = saved
                return nil
            }
            return (temporary, handle)
        }
        return nil
    }

    /// Temporary files of earlier exports to the same name whose process is gone (killed
    /// before it could clean up): removed, so they do not pile up beside the target.
    /// `unlink` removes a name, never what a link points to.
    static func removeAbandoned(in directory: String, name: String) {
        let prefix = ".\(name).tenet-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            // `PID-RANDOM` (`PID` alone from before the random part).
            let middle = entry.dropFirst(prefix.count).dropLast(".tmp".count)
            guard let pid = Int32(middle.prefix { $0 != "-" }), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
        }
    }

    public func write(_ text: String) throws(ExportError) {
        var text = switch shaping {
        case .exact: text
        case .shown: SafeText.visible(text, lineBreaks: .kept)
        case .escapedJSON: JSONString.terminalSafe(text)
        }
        let handle = handle
        guard text.withUTF8({ $0.isEmpty || fwrite($0.baseAddress, 1, $0.count, handle) == $0.count }) else {
            throw ExportError("\(path): write failed: \(String(cString: strerror(errno)))")
        }
    }

    public func write(_ bytes: [UInt8]) throws(ExportError) {
        // JSON of ASCII alone has nothing to escape (the common line, written as it is).
        if shaping == .shown || shaping == .escapedJSON && bytes.contains(where: { $0 >= 0x7F }) {
            return try write(String(decoding: bytes, as: UTF8.self))
        }
        let handle = handle
        guard bytes.withUnsafeBufferPointer({ $0.isEmpty || fwrite($0.baseAddress, 1, $0.count, handle) == $0.count }) else {
            throw ExportError("\(path): write failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes to disk and renames into place.
    public func commit() throws(ExportError) {
        guard fflush(handle) == 0, temporary == nil || fsync(fileno(handle)) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ExportError("\(path): write failed: \(reason)")
        }
        closeStream()
        guard let temporary else { return }
        defer { TemporaryFiles.forget(temporary) }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ExportError("\(path): cannot rename the finished export into place: \(reason)")
        }
    }

    /// Drops the partial output.
    public func abandon() {
        guard !closed else { return }
        closeStream()
        if let temporary {
            unlink(temporary)
            TemporaryFiles.forget(temporary)
        }
    }

    /// Writes a whole file atomically.
    public static func write(_ text: String, to path: String, force: Bool, standardOutput: StandardOutputForm = .text) throws(ExportError) {
        let file = try AtomicFile(path: path, force: force, standardOutput: standardOutput)
        try file.write(text)
        try file.commit()
    }
}
