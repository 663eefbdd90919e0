import Foundation
import Testing

/// A database Tenet cannot use gets a clear message and a non-zero exit, never a crash and
/// never a partial write.
@Suite struct BadDatabaseTests {
    let directory: String

    init() throws { directory = try TenetProcess.temporaryDirectory() }

    func tenet(_ arguments: [String], env: [String: String] = [:]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments, in: directory, environment: env)
    }

    /// `$TENET_BUSY_TIMEOUT` is seconds, 0 to an hour: anything else is refused with what
    /// to write (a huge value used to crash the database layer; `5s` and `-1` were taken).
    @Test func aBusyTimeoutThatIsNoNumberOfSecondsIsRefused() throws {
        for value in ["inf", "nan", "1e308", "2147484", "abc", "5s", "-1", "3601"] {
            let result = try tenet(["spec", "list", "--db", directory + "/t.db"], env: ["TENET_BUSY_TIMEOUT": value])
            #expect(result.status == 64, "\(value): \(result.stderr)")
            #expect(result.stderr.contains("$TENET_BUSY_TIMEOUT is “\(value)”: give the seconds to wait"), "\(value): \(result.stderr)")
        }
        for value in ["0", "0.5", "30", ""] {
            let result = try tenet(["spec", "list", "--db", directory + "/t.db"], env: ["TENET_BUSY_TIMEOUT": value])
            #expect(result.status == 0, "\(value): \(result.stderr)")
        }
    }

    /// An empty project says so, and what to do, on standard error (standard output stays
    /// an empty list for a script): `spec list` and `log` printed nothing at all.
    @Test func anEmptyProjectSaysWhatFillsIt() throws {
        let specs = try tenet(["spec", "list", "--db", directory + "/e.db"])
        #expect(specs.status == 0 && specs.stdout.isEmpty && specs.stderr.contains("no specs; tenet --db \(directory)/e.db import spec FILE adds one"), "\(specs.stderr)")
        let log = try tenet(["log", "--db", directory + "/e.db"])
        #expect(log.status == 0 && log.stdout.isEmpty && log.stderr.contains("no changesets yet; tenet --db \(directory)/e.db import spec FILE makes the first"), "\(log.stderr)")
    }

    /// A database or output named by one character, relative to the working folder, is an
    /// ordinary file there (Foundation's path splitting trapped on it: SIGILL, no message).
    @Test func aOneCharacterPathIsAFileInTheWorkingFolder() throws {
        let spec = TenetProcess.root + "/SampleSpecs/travel-planning.md"
        let imported = try tenet(["import", "spec", spec, "--db", "a"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/a"))
        let log = try tenet(["log", "--db", "a"], env: ["TENET_DB": ""])
        #expect(log.status == 0 && log.stdout.contains("import"), "\(log.stderr)")
        let export = try tenet(["export", "rules", "--format", "json", "--out", "r", "--db", "a"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/r"))
        let fromEnvironment = try tenet(["spec", "list"], env: ["TENET_DB": "a"])
        #expect(fromEnvironment.status == 0 && fromEnvironment.stdout.contains("travel"), "\(fromEnvironment.stderr)")
    }

    /// A FIFO given as the database would block the first read for ever; a device is no
    /// database. Both are refused at once, for reading and writing commands alike.
    @Test func aFIFOOrADevice() throws {
        let fifo = directory + "/tenet.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, "/dev/zero"] {
            for arguments in [["rule", "list"], ["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]] {
                let result = try tenet(arguments + ["--db", path])
                #expect(result.status == 1, "\(path) \(arguments): \(result.stderr)")
                #expect(result.stderr.contains("is not a regular file (a FIFO, a socket or a device)"), "\(result.stderr)")
            }
        }
    }

    @Test func aDirectory() throws {
        try FileManager.default.createDirectory(atPath: directory + "/db", withIntermediateDirectories: true)
        let result = try tenet(["rule", "list", "--db", "db"])
        #expect(result.status == 1)
        #expect(result.stderr == "tenet: db: is a directory; give the path of a database file, such as db/tenet.db\n")
    }

    @Test func aFileThatIsNotSQLite() throws {
        try "# just some markdown\n".write(toFile: directory + "/notes.md", atomically: true, encoding: .utf8)
        let result = try tenet(["rule", "list", "--db", "notes.md"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("notes.md: is not a Tenet database (not an SQLite file)"))
        #expect(try String(contentsOfFile: directory + "/notes.md", encoding: .utf8) == "# just some markdown\n", "left untouched")
        // Nothing is written beside it either: no lock file, no -wal or -shm.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["notes.md"])
        // The same for a command that would write.
        let write = try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/child-storytelling.md", "--db", "notes.md"])
        #expect(write.status == 1 && write.stderr.contains("notes.md: is not a Tenet database"), "\(write.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["notes.md"])
    }

    @Test func aCorruptDatabase() throws {
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/child-storytelling.md"]).status == 0)
        // Overwrite the middle of the file with garbage.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: directory + "/tenet.db"))
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xA5, count: 16_384))
        try handle.close()
        try? FileManager.default.removeItem(atPath: directory + "/tenet.db-wal")
        try? FileManager.default.removeItem(atPath: directory + "/tenet.db-shm")
        let result = try tenet(["rule", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("tenet: tenet.db: "))
        #expect(result.stderr.contains("corrupt") || result.stderr.contains("not a Tenet database"))
    }

    @Test func aReadOnlyDatabase() throws {
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/child-storytelling.md"]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: directory + "/tenet.db")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory)
        let result: TenetProcess.Result
        if getuid() == 0 {
            // root ignores file modes: run tenet as nobody, as an annotator without write access would.
            result = try TenetProcess.run(["rule", "set", "child.age-appropriate", "--rationale", "x"], in: directory,
                                          launcher: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        } else {
            result = try tenet(["rule", "set", "child.age-appropriate", "--rationale", "x"])
        }
        #expect(result.status == 1)
        #expect(result.stderr.contains("tenet.db: is read-only; Tenet needs to write to it"), "\(result.stderr)")
    }

    @Test func aMissingDirectory() throws {
        let result = try tenet(["rule", "list", "--db", "no/such/dir/tenet.db"])
        #expect(result.status == 1)
        #expect(result.stderr == "tenet: no/such/dir/tenet.db: the directory no/such/dir does not exist; create it first (mkdir -p no/such/dir)\n")
        #expect(!FileManager.default.fileExists(atPath: directory + "/no"))
    }

    @Test func lockedByAnotherProcessPastTheTimeout() throws {
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/child-storytelling.md"]).status == 0)
        // Another process holds the write lock for a few seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(4)
            db.execute("ROLLBACK")
            """, directory + "/tenet.db"]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData   // waits for "locked"
        let start = Date()
        let result = try tenet(["rule", "set", "child.age-appropriate", "--rationale", "x"], env: ["TENET_BUSY_TIMEOUT": "1"])
        let waited = Date().timeIntervalSince(start)
        holder.waitUntilExit()
        #expect(result.status == 1)
        #expect(result.stderr.contains("is locked by another process"), "\(result.stderr)")
        #expect(waited >= 0.9, "it waited for the busy timeout before giving up")
        // Once the lock is gone the same edit goes through.
        #expect(try tenet(["rule", "set", "child.age-appropriate", "--rationale", "x"]).status == 0)
    }

    @Test func aSchemaNewerThanTheBinary() throws {
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/child-storytelling.md"]).status == 0)
        let future = Process()
        future.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        future.arguments = ["python3", "-c", "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute(\"INSERT INTO grdb_migrations VALUES ('v99-from-the-future')\"); db.commit()",
                            directory + "/tenet.db"]
        try future.run()
        future.waitUntilExit()
        let result = try tenet(["rule", "list"])
        #expect(result.status == 1)
        #expect(result.stderr == "tenet: tenet.db: was written by a newer version of Tenet; upgrade tenet to open it\n")
    }

    @Test func unknownIDsAndNothingToUndo() throws {
        #expect(try tenet(["undo", "--user", "carol"]).stderr == "tenet: nothing to undo for carol\n", "an empty project")
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/child-storytelling.md"]).status == 0)
        #expect(try tenet(["show", "42"]).stderr == "tenet: no changeset 42; see tenet log\n")
        #expect(try tenet(["blame", "child.nothing"]).status == 1)
        let undoBob = try tenet(["undo", "--user", "bob"])
        #expect(undoBob.status == 1)
        #expect(undoBob.stderr == "tenet: nothing to undo for bob\n")
    }

    @Test func historyCannotBeRewrittenEvenBehindTenetsBack() throws {
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/child-storytelling.md"]).status == 0)
        for statement in ["UPDATE revision SET data = '{}'", "DELETE FROM revision", "DELETE FROM changeset",
                          "UPDATE entity SET head_rev = 7", "INSERT INTO revision SELECT kind, id, rev + 5, rev + 4, changeset, op, changed, name, title, state, data FROM revision LIMIT 1"] {
            let sql = Process()
            sql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            sql.arguments = ["python3", "-c", "import sqlite3,sys\ntry:\n  db=sqlite3.connect(sys.argv[1]); db.execute(sys.argv[2]); db.commit(); print('allowed')\nexcept Exception as e:\n  print('refused', e)",
                             directory + "/tenet.db", statement]
            let out = Pipe()
            sql.standardOutput = out
            try sql.run()
            sql.waitUntilExit()
            let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(said.hasPrefix("refused"), "\(statement): \(said)")
        }
    }
}
