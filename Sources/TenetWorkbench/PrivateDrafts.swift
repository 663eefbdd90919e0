import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drafts handed to an external editor, kept where only this user can read them: a
/// directory of mode 0700 made with `mkdtemp` under `$TMPDIR` (else `/tmp`) on first use,
/// holding files of mode 0600. A draft is removed when it has been used; the directory
/// when the workbench exits (``removeAll()``).
///
/// An answer being edited is someone's unpublished work: in the shared `/tmp` with the
/// default umask (mode 0644) anyone on the host could read it.
public final class PrivateDrafts {
    /// The parent directory for the private one.
    let parent: String
    /// The private directory, once made.
    public private(set) var directory: String?

    public init(parent: String? = nil) {
        let env = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
        var chosen = parent ?? env ?? "/tmp"
        while chosen.count > 1, chosen.hasSuffix("/") { chosen.removeLast() }
        self.parent = chosen
    }

    deinit { removeAll() }

    /// A new draft holding `text`; its path.
    public func create(_ name: String, text: String) throws -> String {
        let folder = try privateDirectory()
        let path = folder + "/" + name + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16) + ".txt"
        // O_EXCL: never write through a file or link someone else put there.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WorkbenchError(message: "Could not write a draft in \(folder): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // The mode asked for is masked by the umask; say it again.
        fchmod(fd, 0o600)
        try write(fd, text, path: path)
        return path
    }

    /// Replaces a draft's text, keeping the file (and its mode).
    public func rewrite(_ path: String, text: String) throws {
        let fd = open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw WorkbenchError(message: "Could not write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try write(fd, text, path: path)
    }

    /// A draft's text as the editor left it.
    public func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    public func remove(_ path: String) {
        unlink(path)
    }

    /// Removes the directory and every draft left in it.
    public func removeAll() {
        guard let directory else { return }
        try? FileManager.default.removeItem(atPath: directory)
        self.directory = nil
    }

    private func privateDirectory() throws -> String {
        if let directory, FileManager.default.fileExists(atPath: directory) { return directory }
        var template = Array((parent + "/tenet-drafts-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in mkdtemp(buffer.baseAddress!) != nil }
        guard made else { throw WorkbenchError(message: "Could not make a private directory in \(parent): \(String(cString: strerror(errno)))") }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        directory = path
        return path
    }

    private func write(_ fd: Int32, _ text: String, path: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WorkbenchError(message: "Could not write \(path): \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
