import Foundation
import Testing

/// Ctrl-C (SIGINT) or SIGTERM in the middle of `tenet export pairs` ends it as the signal
/// should, and leaves nothing behind: no temporary file, no partial target, no folder an
/// hf export had made — and a file being replaced stays as it was.
@Suite struct ExportSignalTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        // 40,000 accepted pairs: an export long enough to be caught in the middle.
        var text = ""
        for n in 0..<40_000 {
            text += #"{"prompt":"Question \#(n)?","chosen":"A careful answer number \#(n), \#(String(repeating: "with detail ", count: 20))","rejected":"No.","status":"accepted"}"# + "\n"
        }
        try text.write(toFile: directory + "/many.jsonl", atomically: true, encoding: .utf8)
        let imported = try TenetProcess.run(["import", "pairs", "many.jsonl", "--db", "tenet.db"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    func entries(_ folder: String = "") -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory + folder)) ?? []
    }

    /// Starts an export, waits until its temporary file in `folder` holds some of it,
    /// freezes it there (SIGSTOP), sends `signal`, and lets it go on (SIGCONT): the signal
    /// is the first thing it meets, so it is always caught in the middle.
    func interrupt(_ arguments: [String], with signal: Int32, temporaryIn folder: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TenetProcess.binary)
        process.arguments = ["export", "pairs", "--db", directory + "/tenet.db"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try Self.withSignalsUnblocked { try process.run() }
        let deadline = Date().addingTimeInterval(60)
        var caught = false
        while !caught, process.isRunning, Date() < deadline {
            caught = entries(folder).contains { name in
                name.contains(".tenet-") && ((try? FileManager.default.attributesOfItem(atPath: directory + folder + "/" + name)[.size] as? Int) ?? 0) > 100_000
            }
            if !caught { usleep(2_000) }
        }
        kill(process.processIdentifier, SIGSTOP)
        #expect(caught && process.isRunning, "the export was caught in the middle of writing")
        kill(process.processIdentifier, signal)
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        return process
    }

    /// Runs `body` (which starts a process) with SIGINT and SIGTERM unblocked on this
    /// thread: a test runner may block them, and a child inherits its parent's mask — the
    /// export must meet them as it does started from a shell.
    static func withSignalsUnblocked(_ body: () throws -> Void) rethrows {
        var signals = sigset_t(), before = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, &before)
        defer { pthread_sigmask(SIG_SETMASK, &before, nil) }
        try body()
    }

    /// Polls (the process has exited; a generous deadline all the same) until `done`.
    func eventually(_ done: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while !done() && Date() < deadline { usleep(10_000) }
        return done()
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalMidExportLeavesNoTemporaryFile(signal: Int32) throws {
        try "the previous export\n".write(toFile: directory + "/kept.jsonl", atomically: true, encoding: .utf8)
        for target in ["new.jsonl", "kept.jsonl"] {
            let process = try interrupt(["--out", target, "--force"], with: signal, temporaryIn: "")
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal,
                    "\(target): ended by the signal, as it would have been (\(process.terminationReason.rawValue), \(process.terminationStatus))")
            #expect(eventually { !entries().contains { $0.hasSuffix(".tmp") } }, "\(target): no temporary file left: \(entries())")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/new.jsonl"), "no partial file under the target name")
        #expect(try String(contentsOfFile: directory + "/kept.jsonl", encoding: .utf8) == "the previous export\n", "the file being replaced is untouched")
    }

    @Test func aSignalMidHFExportLeavesNoFolder() throws {
        let process = try interrupt(["--format", "hf", "--out", "dataset"], with: SIGINT, temporaryIn: "/dataset/data")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT)
        #expect(eventually { !FileManager.default.fileExists(atPath: directory + "/dataset") }, "the folder the export made is gone: \(entries())")
    }
}
