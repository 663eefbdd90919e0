import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the user's editor on a file, optionally at a line: `$VISUAL`, else `$EDITOR`,
/// else the config's `editor`, else `vi` (for the spec file only: answers and examples go
/// to the built-in editor when no editor was chosen, see ``isChosen``). The command may
/// carry arguments (`code -w`).
///
/// The editor is spawned directly (not with Foundation's `Process`, which puts the child
/// in a process group of its own): it must stay in the terminal's foreground group, or a
/// full-screen editor is stopped or quits the moment it touches the terminal. Signal
/// dispositions and the mask go back to the defaults for it.
public struct ExternalEditor: Sendable {
    public var command: String
    /// Whether the user chose the editor ($VISUAL, $EDITOR or the config's `editor`)
    /// rather than getting `vi` by default.
    public let isChosen: Bool

    public init(configured: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let chosen = [environment["VISUAL"], environment["EDITOR"], configured].compactMap { $0 }.first { !$0.isEmpty }
        command = chosen ?? "vi"
        isChosen = chosen != nil
    }

    /// Blocks until the editor exits; `nil` on success, else why it failed.
    public func edit(_ path: String, line: Int?) -> String? {
        // +LINE is understood by vi, vim, nvim, emacs, nano, micro, kak and helix.
        var arguments = ["/bin/sh", "-c", command + " \"$@\"", "tenet-editor"]
        if let line, line > 0 { arguments.append("+\(line)") }
        arguments.append(path)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ)
        guard spawned == 0 else {
            return "could not start the editor `\(command)`: \(String(cString: strerror(spawned))); set $EDITOR"
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        if !exited { return "the editor `\(command)` was stopped by signal \(status & 0x7f); nothing saved" }
        if code != 0 { return "the editor `\(command)` exited with status \(code); nothing saved" }
        return nil
    }
}
