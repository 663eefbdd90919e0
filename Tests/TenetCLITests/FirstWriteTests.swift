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
