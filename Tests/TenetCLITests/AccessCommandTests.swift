import Foundation
import TenetTestSupport
import Testing

/// `tenet access` and who a local command acts as: keys and their fingerprints, the
/// service account's authorized_keys kept by its marked block, and `--user` refused once
/// access is configured, except for the account owning the database.
@Suite struct AccessCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        let spec = try TenetProcess.run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"], in: directory)
        #expect(spec.status == 0, "\(spec.stderr)")
    }

    func tenet(_ arguments: [String], environment: [String: String] = [:]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments, in: directory, environment: environment)
    }

    func keyPair(_ name: String) throws -> (pub: String, fingerprint: String) {
        let path = directory + "/\(name)"
        _ = try SSHHost.run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "\(name)@laptop", "-f", path])
        let printed = try SSHHost.run(["/usr/bin/ssh-keygen", "-lf", path + ".pub"]).stdout
        return (path + ".pub", String(printed.split(separator: " ")[1]))
    }

    @Test func keysGoIntoTheirOwnBlockOfAuthorizedKeysAndNothingElseMoves() throws {
        let file = directory + "/authorized_keys"
        let mine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOwnKeyOfTheAccountItselfxxxxxxxxxxxxxxxxxxxx me@host\n# a comment of mine\n"
        try mine.write(toFile: file, atomically: true, encoding: .utf8)
        let alice = try keyPair("alice"), bob = try keyPair("bob")

        let added = try tenet(["access", "add", "alice", "--role", "annotator", "--key", alice.pub, "--authorized-keys", file])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains(alice.fingerprint), "the fingerprint ssh-keygen -lf prints")
        #expect(try tenet(["access", "add", "bob", "--role", "author", "--key", bob.pub, "--authorized-keys", file]).status == 0)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix(mine), "the account's own lines stay first, as they were")
        let forced = text.split(separator: "\n").filter { $0.hasPrefix("command=") }
        #expect(forced.count == 2)
        #expect(forced[0].contains(" serve --db '\(URL(fileURLWithPath: directory).resolvingSymlinksInPath().path)/tenet.db' --key \(alice.fingerprint) alice\",restrict,pty ssh-ed25519 "))
        #expect(text.components(separatedBy: "# >>> tenet").count == 2, "one block")

        let listed = try #require(try JSONSerialization.jsonObject(with: Data(try tenet(["access", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["alice", "bob"])
        #expect(((listed[0]["keys"] as? [[String: Any]])?.first?["fingerprint"] as? String) == alice.fingerprint)

        #expect(try tenet(["access", "role", "alice", "adjudicator"]).status == 0)
        #expect(try tenet(["access", "remove", "bob", "--authorized-keys", file]).status == 0)
        text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix(mine) && !text.contains(" bob ") && text.contains(" alice "))
        let log = try tenet(["access", "log"]).stdout
        for line in ["grant alice annotator with key \(alice.fingerprint)", "grant bob author with key \(bob.fingerprint)", "role of alice: adjudicator", "remove bob"] {
            #expect(log.contains(line), "\(line) is in the access log")
        }
        #expect(try tenet(["log"]).stdout.contains("remove bob"), "access changes are in the project's log too")

        // A damaged block stops the next change before anything is written.
        try (text + "# >>> tenet: a second block pasted by hand\n").write(toFile: file, atomically: true, encoding: .utf8)
        let carol = try keyPair("carol")
        let refused = try tenet(["access", "add", "carol", "--role", "viewer", "--key", carol.pub, "--authorized-keys", file])
        #expect(refused.status == 1 && refused.stderr.contains("never ends"), "\(refused.stderr)")
        #expect(try !tenet(["access", "list"]).stdout.contains("carol"))
    }

    /// The file is replaced by a rename: a FIFO, a symbolic link or a device there is refused
    /// and left as it is, not turned into a regular file (as root, `/dev/zero` was).
    /// Undoing an access change changes who may log in; the command says how to bring an
    /// authorized_keys file kept elsewhere into step (a file at the default place is
    /// rewritten at once). Before, alice was listed again after the undo of her removal,
    /// with nothing said, and her logins were refused until someone thought of a sync.
    @Test func undoingAnAccessChangeSaysHowToKeepTheKeysInStep() throws {
        let file = directory + "/authorized_keys"
        let alice = try keyPair("alice")
        #expect(try tenet(["access", "add", "alice", "--role", "annotator", "--key", alice.pub, "--authorized-keys", file]).status == 0)
        #expect(try tenet(["access", "remove", "alice", "--authorized-keys", file]).status == 0)
        let undone = try tenet(["undo"])
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(undone.stdout.contains("person alice"), "\(undone.stdout)")
        #expect(undone.stderr.contains("run tenet access sync --authorized-keys FILE"), "\(undone.stderr)")
        #expect(try tenet(["access", "sync", "--authorized-keys", file]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(alice.fingerprint))
        // An undo that changes no one's access says nothing of it.
        #expect(try tenet(["rule", "set", "travel.accessibility", "--priority", "2"]).status == 0)
        #expect(try !tenet(["undo"]).stderr.contains("access sync"))
    }

    @Test func onlyARegularFileIsKeptAsAuthorizedKeys() throws {
        let alice = try keyPair("alice")
        let fifo = directory + "/keys.fifo", link = directory + "/keys.link", real = directory + "/keys.real"
        #expect(mkfifo(fifo, 0o600) == 0)
        try "".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        for (file, reason) in [(fifo, "is not a regular file"), (link, "is a symbolic link"), (directory, "is a directory")] {
            let refused = try tenet(["access", "add", "alice", "--role", "viewer", "--key", alice.pub, "--authorized-keys", file])
            #expect(refused.status == 1 && refused.stderr.contains(reason), "\(file): \(refused.stderr)")
        }
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
        #expect(lstat(link, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
        #expect(try tenet(["access", "list"]).stdout.contains("alice") == false, "nothing was added")
        let added = try tenet(["access", "add", "alice", "--role", "viewer", "--key", alice.pub, "--authorized-keys", real])
        #expect(added.status == 0, "\(added.stderr)")
    }

    /// One service account, two projects: each keeps its own block, and a change to one
    /// never takes the other's people out (it used to rewrite the one block there was).
    @Test func twoProjectsOnOneAccountKeepEachOthersKeys() throws {
        let file = directory + "/authorized_keys"
        let alice = try keyPair("alice"), dave = try keyPair("dave")
        let other = directory + "/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        #expect(try TenetProcess.run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"], in: other).status == 0)

        #expect(try tenet(["access", "add", "alice", "--role", "annotator", "--key", alice.pub, "--authorized-keys", file]).status == 0)
        let second = try TenetProcess.run(["access", "add", "dave", "--role", "annotator", "--key", dave.pub, "--authorized-keys", file], in: other)
        #expect(second.status == 0, "\(second.stderr)")
        var text = try String(contentsOfFile: file, encoding: .utf8)
        let here = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path + "/tenet.db"
        let there = URL(fileURLWithPath: other).resolvingSymlinksInPath().path + "/tenet.db"
        #expect(text.contains("# >>> tenet \(here): ") && text.contains("# <<< tenet \(here)\n"))
        #expect(text.contains("# >>> tenet \(there): ") && text.contains("# <<< tenet \(there)\n"))
        #expect(text.contains("--db '\(here)' --key \(alice.fingerprint) alice") && text.contains("--db '\(there)' --key \(dave.fingerprint) dave"))

        // Removing the first project's only person empties its block, not the other's.
        #expect(try tenet(["access", "remove", "alice", "--authorized-keys", file]).status == 0)
        text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains(" alice ") && text.contains(" dave "), "\(text)")

        // A file written before blocks named their project: its block is this project's when
        // its forced commands run this database, and is rewritten in the new form.
        let legacy = "# >>> tenet: keys of the people given access with `tenet access`; this block is rewritten by it\n"
            + "command=\"'/usr/local/bin/tenet' serve --db '\(here)' --key SHA256:x alice\",restrict,pty ssh-ed25519 AAAAold alice\n# <<< tenet\n"
        try (legacy + text).write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try tenet(["access", "sync", "--authorized-keys", file]).status == 0)
        text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains("AAAAold") && !text.contains("# >>> tenet: ") && text.contains(" dave "), "\(text)")
        #expect(text.components(separatedBy: "# >>> tenet").count == 3, "one block per project")
    }

    /// `access add` adds keys; it does not change a role on the side (that is `access role`).
    /// An admin may give access before the first spec is imported: the project's file is
    /// created then, and the forced command names it by its absolute path.
    @Test func accessCanBeGivenOnANewProject() throws {
        let fresh = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        let alice = try keyPair("alice")
        let file = fresh + "/authorized_keys"
        let added = try TenetProcess.run(["access", "add", "alice", "--role", "annotator", "--key", alice.pub,
                                          "--authorized-keys", file, "--db", "new.db"], in: fresh)
        #expect(added.status == 0, "\(added.stderr)")
        let real = URL(fileURLWithPath: fresh + "/new.db").resolvingSymlinksInPath().path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("--db \(real) ") || text.contains("--db '\(real)'"), "\(text)")
        #expect(try TenetProcess.run(["access", "list", "--db", "new.db"], in: fresh).stdout.contains("alice"))
    }

    @Test func addingKeysWithAnotherRoleIsRefused() throws {
        let file = directory + "/authorized_keys"
        let alice = try keyPair("alice"), spare = try keyPair("spare")
        #expect(try tenet(["access", "add", "alice", "--role", "adjudicator", "--key", alice.pub, "--authorized-keys", file]).status == 0)
        let refused = try tenet(["access", "add", "alice", "--role", "viewer", "--key", spare.pub, "--authorized-keys", file])
        #expect(refused.status != 0 && refused.stderr.contains("alice already has access as adjudicator"), "\(refused.stderr)")
        #expect(refused.stderr.contains("tenet access role alice viewer"))
        #expect(try tenet(["access", "list"]).stdout.contains("adjudicator"))
        let more = try tenet(["access", "add", "alice", "--role", "adjudicator", "--key", spare.pub, "--authorized-keys", file])
        #expect(more.status == 0 && more.stdout.contains("2 keys"), "\(more.stderr)")
    }

    /// A key that already opens the account outside Tenet's block would let its holder in
    /// without `tenet serve` (OpenSSH takes the first line matching a key): said on adding it.
    @Test func aKeyThatAlreadyOpensTheAccountIsWarnedAbout() throws {
        let file = directory + "/authorized_keys"
        let alice = try keyPair("alice")
        try String(contentsOfFile: alice.pub, encoding: .utf8).write(toFile: file, atomically: true, encoding: .utf8)
        let added = try tenet(["access", "add", "alice", "--role", "annotator", "--key", alice.pub, "--authorized-keys", file])
        #expect(added.status == 0)
        #expect(added.stderr.contains("warning: line 1 of \(file) lets the same key in without Tenet"), "\(added.stderr)")
    }

    /// An annotator asking to generate pairs is refused before any answer is generated.
    @Test func generatingPairsIsRefusedUpFrontWithoutTheAuthorRole() throws {
        let alice = try keyPair("alice")
        #expect(try tenet(["access", "add", "alice", "--role", "annotator", "--key", alice.pub, "--authorized-keys", directory + "/ak"]).status == 0)
        #expect(try tenet(["instantiate", "travel", "--seed", "7", "--save", "trip"]).status == 0)
        let refused = try tenet(["generate", "--instantiation", "trip", "--count", "3", "--seed", "1", "--user", "alice"])
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.contains("needs the author role") && !refused.stderr.contains("generated"), "\(refused.stderr)")
        #expect(try tenet(["stats"]).stdout.contains("no pairs"))
    }

    @Test func aKeyFileThatIsNotAPublicKeyIsRefusedWithItsLine() throws {
        let alice = try keyPair("alice")
        let privateKey = String(alice.pub.dropLast(4))
        let empty = directory + "/empty.pub"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        for (file, reason) in [(privateKey, "this is a private key"), (empty, "no public key here"),
                               ("/dev/null", "not a regular file")] {
            let result = try tenet(["access", "add", "alice", "--role", "viewer", "--key", file, "--authorized-keys", directory + "/ak"])
            #expect(result.status == 1 && result.stderr.contains(reason), "\(result.stderr)")
        }
        let optioned = directory + "/optioned.pub"
        try ("\n# mine\ncommand=\"sh\" " + (try String(contentsOfFile: alice.pub, encoding: .utf8))).write(toFile: optioned, atomically: true, encoding: .utf8)
        let options = try tenet(["access", "add", "alice", "--role", "viewer", "--key", optioned])
        #expect(options.status == 1 && options.stderr.contains(":3: options before the key are not accepted"), "\(options.stderr)")
        #expect(try tenet(["access", "list"]).stderr.contains("No one has been given access"), "a message, not a list: on standard error")
        let root = try tenet(["access", "add", "root", "--role", "viewer"])
        #expect(root.status == 64 && root.stderr.contains("acts as itself; give the person another name"), "\(root.stderr)")
        let role = try tenet(["access", "add", "alice", "--role", "boss"])
        #expect(role.status == 64 && role.stderr.contains("roles: viewer, annotator, adjudicator, author, admin"))
    }

    @Test func theOwnerMayActForAPersonWithThatPersonsRoleButNotForNobody() throws {
        // Before access: --user names anyone (a laptop).
        #expect(try tenet(["rule", "set", "travel.accessibility", "--rationale", "one", "--user", "zoe"]).status == 0)
        #expect(try tenet(["access", "add", "alice", "--role", "annotator"]).status == 0)
        // The owner acting as a person has their role; as an unknown name, nothing.
        let asAlice = try tenet(["rule", "set", "travel.accessibility", "--rationale", "two", "--user", "alice"])
        #expect(asAlice.status == 77 && asAlice.stderr == "tenet: refused: changing specs and rules needs the author role; alice is an annotator. An admin can change that (tenet access role alice author)\n")
        let ghost = try tenet(["stats", "--user", "ghost"])
        #expect(ghost.status == 77 && ghost.stderr.contains("ghost has no access to this project"), "\(ghost.stderr)")
        let fromEnvironment = try tenet(["stats"], environment: ["TENET_USER": "ghost"])
        #expect(fromEnvironment.status == 77)
        // Acting as itself, the owner is an admin whatever the list says.
        #expect(try tenet(["rule", "set", "travel.accessibility", "--rationale", "three"]).status == 0)
        #expect(try tenet(["project", "set", "overlap", "2"]).status == 0)
        let bad = try tenet(["stats", "--user", "Not A Name"])
        #expect(bad.status == 64 && bad.stderr.contains("lowercase letters"), "\(bad.stderr)")
    }

    @Test(.enabled(if: getuid() == 0, "switches to another account (CI runs as root)"))
    func anotherLocalAccountIsWhoItIsOnceAccessIsConfigured() throws {
        // The old group setup: a setgid directory of the annotators' group (here nogroup,
        // nobody's), where Tenet keeps its files group-writable.
        chown(directory, 0, 65534)
        chmod(directory, 0o2770)
        for suffix in ["", "-wal", "-shm", ".lock"] {
            chown(directory + "/tenet.db" + suffix, 0, 65534)
            chmod(directory + "/tenet.db" + suffix, 0o660)
        }
        func asNobody(_ arguments: [String], environment: [String: String] = [:]) throws -> TenetProcess.Result {
            try TenetProcess.run(arguments, in: directory, environment: environment,
                                 launcher: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        }
        // Before access, anyone is who they say.
        let before = try asNobody(["rule", "set", "travel.accessibility", "--rationale", "x", "--user", "alice"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(try tenet(["log", "--limit", "1"]).stdout.contains("alice") && tenet(["log", "--limit", "1"]).stdout.contains("account nobody"))

        #expect(try tenet(["access", "add", "alice", "--role", "author"]).status == 0)
        #expect(try tenet(["access", "add", "nobody", "--role", "annotator"]).status == 0)
        for result in [try asNobody(["stats", "--user", "alice"]), try asNobody(["stats"], environment: ["TENET_USER": "alice"])] {
            #expect(result.status == 77)
            #expect(result.stderr.contains("changes are attributed to your account (nobody); --user and $TENET_USER are for the account that owns the database only"), "\(result.stderr)")
        }
        let rule = try asNobody(["rule", "set", "travel.accessibility", "--rationale", "y"])
        #expect(rule.status == 77 && rule.stderr.contains("nobody is an annotator"), "\(rule.stderr)")
        #expect(try tenet(["access", "remove", "nobody"]).status == 0)
        let removed = try asNobody(["stats"])
        #expect(removed.status == 77 && removed.stderr.contains("nobody has no access"), "\(removed.stderr)")
    }
}
