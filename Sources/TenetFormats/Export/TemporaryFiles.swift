import Foundation

/// The temporary files (and folders made for them) an export is writing, so that a signal
/// that ends the process — Ctrl-C's SIGINT, SIGTERM, SIGHUP — takes them with it instead
/// of leaving a hidden `.NAME.tenet-PID.tmp` beside the target until the next export.
///
/// ``AtomicFile`` registers every temporary file it opens and forgets it once renamed or
/// removed. Nothing happens on a signal unless the program asks, with
/// ``removeOnSignals()`` (the command line does; the workbench, which turns signals into
/// events and cleans up on its own way out, does not).
///
/// The handler only calls `unlink`, `rmdir`, `sigaction` and `raise`, which are safe in a
/// signal handler, on paths kept in fixed buffers: nothing is allocated or locked there.
public enum TemporaryFiles {
    private static let slots = 8
    private static let pathBytes = Int(PATH_MAX) + 1

    /// Each slot: a NUL-terminated path, whether it is in use, whether it is a folder.
    private nonisolated(unsafe) static let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slots * pathBytes)
    private nonisolated(unsafe) static let used = UnsafeMutablePointer<Int32>.allocate(capacity: slots)
    private nonisolated(unsafe) static let folder = UnsafeMutablePointer<Int32>.allocate(capacity: slots)
    private nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 3)
    private static let lock = NSLock()
    private nonisolated(unsafe) static var installed = false
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private static let ready: Void = {
        used.initialize(repeating: 0, count: slots)
        folder.initialize(repeating: 0, count: slots)
        paths.initialize(repeating: 0, count: slots * pathBytes)
    }()

    /// Removes the registered files, then the registered folders left empty, when
    /// SIGINT, SIGTERM or SIGHUP arrives; the signal then does what it did before (ends
    /// the process, unless it was ignored or handled). A signal that was being ignored
    /// stays ignored.
    public static func removeOnSignals() {
        lock.lock()
        defer { lock.unlock() }
        _ = ready
        guard !installed else { return }
        installed = true
        for (k, signal) in signals.enumerated() {
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            #if os(Linux)
            action.__sigaction_handler.sa_handler = handle
            #else
            action.__sigaction_u.__sa_handler = handle
            #endif
            var before = sigaction()
            sigaction(signal, nil, &before)
            previous[k] = before
            if isIgnored(before) { continue }
            sigaction(signal, &action, nil)
            // A parent may have left it blocked (children inherit the mask).
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, signal)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
        }
    }

    /// Remembers a file (or, with `folder`, a folder removed only if empty) to remove on a
    /// signal. Paths longer than PATH_MAX, or more than a few at once, are not kept.
    static func register(_ path: String, folder isFolder: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        _ = ready
        let bytes = Array(path.utf8)
        guard bytes.count < pathBytes, let slot = (0..<slots).first(where: { used[$0] == 0 }) else { return }
        let start = paths + slot * pathBytes
        for (k, byte) in bytes.enumerated() { start[k] = CChar(bitPattern: byte) }
        start[bytes.count] = 0
        folder[slot] = isFolder ? 1 : 0
        used[slot] = 1
    }

    /// Forgets a path registered before (it was renamed into place or removed).
    static func forget(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        _ = ready
        for slot in 0..<slots where used[slot] == 1 && String(cString: paths + slot * pathBytes) == path {
            used[slot] = 0
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if os(Linux)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #else
        return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #endif
    }

    /// The handler: files, then folders (twice over, so that a folder inside another goes
    /// first whatever their order); then the signal's former action.
    private static let handle: @convention(c) (Int32) -> Void = { signal in
        for slot in 0..<slots where TemporaryFiles.used[slot] == 1 && TemporaryFiles.folder[slot] == 0 {
            unlink(TemporaryFiles.paths + slot * TemporaryFiles.pathBytes)
        }
        for _ in 0..<2 {
            for slot in 0..<slots where TemporaryFiles.used[slot] == 1 && TemporaryFiles.folder[slot] == 1 {
                rmdir(TemporaryFiles.paths + slot * TemporaryFiles.pathBytes)
            }
        }
        let index = signal == SIGINT ? 0 : signal == SIGTERM ? 1 : 2
        // The former action back, and the signal again: it ends the process as it would
        // have (its status says which signal), or reaches the handler there was.
        sigaction(signal, TemporaryFiles.previous + index, nil)
        raise(signal)
    }
}
