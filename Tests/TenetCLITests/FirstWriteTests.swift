import Foundation
import Testing

/// No database file until something is written: reading a project that does not exist
/// yet reads an empty one (or says there is none) and leaves nothing behind; the first
/// write creates the file with the mode and owner it always had.
@Suite struct FirstWriteTests {
    let directory: String

    init() throws { directory = try TenetProcess.temporaryDirectory() }

    func tenet(_ arguments: [String], in folder: String? = nil) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments, in: folder ?? directory, environment: ["TENET_USER": "alice"])
    }

    /// What the directory holds besides what the test put there.
    func files(_ folder: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder ?? directory)) ?? []).sorted()
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil) ?? -1
    }

    @Test func readingCommandsOnAMissingDatabaseLeaveNoFileBehind() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // An empty project: nothing in it, and nothing wrong.
        for arguments in [["log"], ["log", "--json"], ["spec", "list"], ["spec", "list", "--archived"], ["rule", "list"],
                          ["pair", "list"], ["stats"], ["tag", "--list"], ["project", "show"], ["instantiation", "list"]] {
            let result = try tenet(arguments)
            #expect(result.status == 0, "tenet \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        #expect((try JSONSerialization.jsonObject(with: Data(try tenet(["log", "--json"]).stdout.utf8)) as? [Any])?.isEmpty == true)
        #expect(try tenet(["spec", "list"]).stdout.isEmpty)
        // An empty list says so on standard error, as the other lists do.
        let tags = try tenet(["tag", "--list"])
        #expect(tags.stdout.isEmpty && tags.stderr.contains("no tags; tenet tag NAME"), "\(tags.stderr)")
        // An empty queue, as documented: nothing printed, exit 0.
        let next = try tenet(["pair", "next", "--json"])
        #expect(next.status == 0 && next.stdout == "null\n", "\(next.stderr)")

        // Where acting on an empty project makes no sense, it says there is none.
        for arguments in [["review"], ["export", "pairs", "--out", "train.jsonl"], ["export", "rules", "--out", "rules.json"]] {
            let result = try tenet(arguments)   // standard input is /dev/null
            #expect(result.status == 1, "tenet \(arguments.joined(separator: " "))")
            #expect(result.stderr == "tenet: no project at tenet.db: import a spec first with tenet import spec FILE\n",
                    "tenet \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        // Writes that find nothing to change create nothing either.
        #expect(try tenet(["undo"]).stderr == "tenet: nothing to undo for alice\n")
        #expect(try tenet(["rule", "set", "travel.nope", "--kind", "safety"]).status == 1)
        #expect(try tenet(["tag", "v1"]).stderr == "tenet: nothing to tag yet: the project has no history\n")
        #expect(try tenet(["pair", "decide", "p-nope", "accept"]).status == 1)

        #expect(files() == [], "no database, lock, WAL or export file")
    }

    /// An import that keeps nothing — bad lines, only bad lines with --skip-bad, an empty
    /// file, a bad prompt set — leaves no project where there was none (a mistyped `--db`
    /// made an empty 140 KB project and its lock file).
    @Test func anImportThatKeepsNothingLeavesNoFileBehind() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inputs = directory + "/in"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: false)
        try "not json\n".write(toFile: inputs + "/bad.jsonl", atomically: true, encoding: .utf8)
        try "".write(toFile: inputs + "/empty.jsonl", atomically: true, encoding: .utf8)
        for arguments in [["import", "pairs", "in/bad.jsonl"], ["import", "pairs", "--skip-bad", "in/bad.jsonl"],
                          ["import", "pairs", "in/empty.jsonl"], ["import", "prompts", "in/bad.jsonl"]] {
            let result = try tenet(arguments)
            #expect(result.status == 1, "tenet \(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(result.stderr.contains("in/"), "says which file: \(result.stderr)")
            #expect(files() == ["in"], "tenet \(arguments.joined(separator: " ")) left \(files())")
        }
    }

    /// Ctrl-C while prompts still come from standard input, into a new project: nothing is
    /// left, no project file and no lock file (the project was made before the first line
    /// was read, and the interrupted import left it there, empty). The signal is sent once
    /// the import has read the line sent and waits in `read` on standard input for more.
    @Test func ctrlCWhilePromptsComeFromStandardInputLeavesNoProject() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TenetProcess.binary)
        process.arguments = ["import", "prompts", "-", "--name", "typed", "--db", "new.db"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["TENET_USER": "alice", "PATH": "/usr/bin:/bin"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        input.fileHandleForWriting.write(Data("{\"prompt\": \"Is Lisbon safe at night?\"}\n".utf8))
        try ExportSignalTests.withSignalsUnblocked { try process.run() }
        defer { if process.isRunning { process.terminate() } }
        // Blocked in read(2) on the pipe (standard input, or its duplicate) with the line
        // already in it: the line was read. A read of some other file does not count.
        let deadline = Date().addingTimeInterval(60)
        let pid = process.processIdentifier
        func waitingForInput() -> Bool {
            let call = ((try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8)) ?? "").split(separator: " ")
            guard call.count > 1, call[0] == "0", let fd = Int(call[1].dropFirst(2), radix: 16),
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)") else { return false }
            return target.hasPrefix("pipe:")
        }
        while !waitingForInput() && process.isRunning && Date() < deadline { usleep(5_000) }
        #expect(waitingForInput(), "the import reads standard input for more")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT)
        #expect(files() == [], "an interrupted import into a new project leaves nothing: \(files())")
        try? input.fileHandleForWriting.close()
    }

    /// A failed import racing a successful one into the same new project, as two real
    /// processes: the one that succeeded is always there afterwards, never removed with
    /// the failed one's empty file. (The narrowest interleaving — the other opens the file
    /// before the removal and writes after it — is held in-process, step by step, by
    /// `FirstWriteStoreTests.aFailedImportLeavesANewProjectSomeoneElseHasOpen`.)
    @Test func aFailedImportRacingASuccessfulOneNeverLosesIt() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "not json\n".write(toFile: directory + "/bad.jsonl", atomically: true, encoding: .utf8)
        let spec = TenetProcess.root + "/SampleSpecs/travel-planning.md"
        for round in 0..<8 {
            let database = "race-\(round).db"
            nonisolated(unsafe) var results: [TenetProcess.Result?] = [nil, nil]
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: 2) { side in
                let result = try? tenet(side == 0 ? ["import", "pairs", "bad.jsonl", "--db", database] : ["import", "spec", spec, "--db", database])
                lock.lock(); results[side] = result; lock.unlock()
            }
            #expect(results[0]?.status == 1, "round \(round): \(results[0]?.stderr ?? "")")
            #expect(results[1]?.status == 0, "round \(round): \(results[1]?.stderr ?? "")")
            let listed = try tenet(["spec", "list", "--db", database])
            #expect(listed.stdout.hasPrefix("travel "), "round \(round): the spec imported beside the failed import is there: \(listed.stdout)\(listed.stderr)")
        }
    }

    @Test func theFirstWriteCreatesTheDatabaseOwnerOnly() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try tenet(["spec", "list"]).status == 0)
        #expect(files() == [])
        let spec = TenetProcess.root + "/SampleSpecs/travel-planning.md"
        let imported = try tenet(["import", "spec", spec])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported travel from "))
        #expect(files().contains("tenet.db") && files().contains("tenet.db.lock"))
        // SQLite removes -wal and -shm when the last connection closes; those left are 0600 too.
        for file in files() {
            #expect(Self.mode(directory + "/" + file) & 0o777 == 0o600, "\(file) is 0600 (mode \(String(Self.mode(directory + "/" + file), radix: 8)))")
        }
        #expect(try tenet(["spec", "list"]).stdout.hasPrefix("travel  Travel Planning Assistant  revision 1"))
    }

    @Test func theFirstWriteInASetgidDirectoryCreatesGroupWritableFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let shared = directory + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o2770])
        #expect(try tenet(["log"], in: shared).status == 0)
        #expect(try tenet(["review"], in: shared).status == 1)
        #expect(files(shared) == [])
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"], in: shared).status == 0)
        #expect(files(shared).contains("tenet.db") && files(shared).contains("tenet.db.lock"))
        for file in files(shared) {
            let mode = Self.mode(shared + "/" + file)
            #expect(mode & 0o777 == 0o660, "\(file) is group read/write (mode \(String(mode, radix: 8)))")
        }
    }

    @Test(.enabled(if: getuid() == 0, "needs root, to act in another account's directory"))
    func rootCreatingAProjectInSomeoneElsesDirectoryGivesItToThem() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let home = directory + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        chown(home, 65534, 65534)
        #expect(try tenet(["log"], in: home).status == 0)
        #expect(files(home) == [], "a read by root creates nothing")
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"], in: home).status == 0)
        for file in ["tenet.db", "tenet.db.lock"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: home + "/" + file)
            #expect(attributes[.ownerAccountID] as? Int == 65534, "\(file) belongs to the directory's owner")
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
        }
        // And that account can open it.
        let read = try TenetProcess.run(["spec", "list"], in: home,
                                        launcher: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        #expect(read.status == 0 && read.stdout.hasPrefix("travel "), "\(read.stderr)")
    }
}
