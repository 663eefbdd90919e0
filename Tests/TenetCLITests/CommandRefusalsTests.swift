import Foundation
import Testing

/// What a CLI audit found each command took silently: an empty `--db`, an empty status
/// list, a role for a stranger, an unknown status or pair, two sources of turns, a folder
/// format to standard output, a revision that does not exist. Each is refused with a
/// message that says what to give, and nothing is written.
@Suite struct CommandRefusalsTests {
    let project: TravelProject

    init() throws {
        project = try TravelProject()
        let saved = try project.run(["instantiate", "travel", "--save", "trip"])
        try #require(saved.status == 0, "\(saved.stderr)")
        let made = try project.run(["generate", "--instantiation", "trip", "--count", "4", "--seed", "3"])
        try #require(made.status == 0, "\(made.stderr)")
    }

    func firstPair() throws -> String {
        let list = try project.run(["pair", "list", "--json"])
        let pairs = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        return try #require(pairs?.first?["id"] as? String)
    }

    /// SQLite opens `""` as a private database it throws away: the import said it had
    /// saved a spec, and kept nothing.
    @Test func anEmptyDatabasePathIsRefused() throws {
        let imported = try TenetProcess.run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md", "--db", ""],
                                            in: project.directory)
        #expect(imported.status == 64 && imported.stderr.contains("--db needs the path of a project database"), "\(imported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.directory + "/.lock"), "no lock file for an empty name")
    }

    /// `--status ""` exported every pair — pending, rejected, flagged — as training data.
    @Test func anExportOfNoStatusIsRefused() throws {
        let export = try project.run(["export", "pairs", "--out", "x.jsonl", "--status", ""])
        #expect(export.status == 64 && export.stderr.contains("give at least one status to export"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.directory + "/x.jsonl"))
    }

    /// `role.NAME` for someone never added had switched access control on.
    @Test func aRoleForSomeoneNotInTheProjectIsRefused() throws {
        let set = try project.run(["project", "set", "role.nobody", "admin"])
        #expect(set.status == 1 && set.stderr.contains("no person nobody in this project; tenet --db \(project.directory)/tenet.db access add nobody --role admin"),
                "\(set.stderr)")
        let list = try project.run(["spec", "list"])
        #expect(list.status == 0, "access is still open: \(list.stderr)")
    }

    @Test func anUnknownStatusOrPairIsNoEmptyQueue() throws {
        let status = try project.run(["pair", "next", "--status", "bogus"])
        #expect(status.status == 64 && status.stderr.contains("unknown status bogus; statuses: pending"), "\(status.stderr)")
        let after = try project.run(["pair", "next", "--after", "nope"])
        #expect(after.status == 1 && after.stderr.contains("no pair `nope`"), "\(after.stderr)")
        let release = try project.run(["pair", "release", "nope"])
        #expect(release.status == 1 && release.stderr.contains("no pair `nope`"), "\(release.stderr)")
        let id = try firstPair()
        let unheld = try project.run(["pair", "release", id])
        #expect(unheld.status == 0 && unheld.stderr.contains("was not reserved by alice; nothing to release"), "\(unheld.stderr)")
    }

    /// A skip alone is no finished review: "reopened for  ·" had named no one.
    @Test func aPairWithOnlyASkipIsNotReopened() throws {
        let id = try firstPair()
        let skipped = try project.run(["pair", "decide", id, "skip"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        let reopen = try project.run(["pair", "reopen", id, "--reason", "again"])
        #expect(reopen.status == 1 && reopen.stderr.contains("has no verdict yet"), "\(reopen.stderr)")
    }

    @Test func aConversationFromAFileAndFromTurnsIsRefused() throws {
        try "user: Hi\nassistant: Hello\n".write(toFile: project.directory + "/chat.txt", atomically: true, encoding: .utf8)
        let both = try project.run(["rule", "example", "add", "travel.budget-honesty", "--verdict", "BAD", "--title", "t",
                                    "--chat-file", "chat.txt", "--turn", "user:a", "--turn", "assistant:b"])
        #expect(both.status == 64 && both.stderr.contains("with --chat-file or with --turn, not both"), "\(both.stderr)")
    }

    /// A message said to separate several rules with commas, and refused them.
    @Test func severalViolatedRulesMayBeSeparatedWithCommas() throws {
        let add = try project.run(["rule", "example", "add", "travel.budget-honesty", "--verdict", "BAD", "--title", "two rules",
                                   "--turn", "user:Plan me a trip", "--turn", "assistant:Sure, anything goes.",
                                   "--violates", "travel.accessibility, travel.fit-the-traveller"])
        #expect(add.status == 0, "\(add.stderr)")
        let show = try project.run(["rule", "show", "travel.budget-honesty", "--json"])
        #expect(show.stdout.contains("travel.accessibility") && show.stdout.contains("travel.fit-the-traveller"), "\(show.stdout)")
    }

    @Test func aFolderFormatToStandardOutputIsRefused() throws {
        let export = try project.run(["eval", "export", "any-run", "--format", "specbench", "--out", "-"])
        #expect(export.status == 64 && export.stderr.contains("specbench writes a folder"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.directory + "/-"))
    }

    @Test func aRevisionThatDoesNotExistIsNotAnother() throws {
        try "{\"prompt\": \"How cheap can Paris be?\"}\n".write(toFile: project.directory + "/p.jsonl", atomically: true, encoding: .utf8)
        let imported = try project.run(["import", "prompts", "p.jsonl", "--name", "mine"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let show = try project.run(["prompts", "show", "mine", "--revision", "2"])
        #expect(show.status == 1 && show.stderr.contains("has no revision 2 (latest: r1)"), "\(show.stderr)")
    }

    /// `--exit-code` had been ignored for a rule's revisions; `- -` read nothing the second time.
    @Test func aRulesRevisionsHonourExitCode() throws {
        let set = try project.run(["rule", "set", "travel.accessibility", "--rationale", "because"])
        #expect(set.status == 0, "\(set.stderr)")
        let diff = try project.run(["diff", "travel.accessibility", "1", "2", "--exit-code"])
        #expect(diff.status == 1 && diff.stdout.contains("rationale"), "\(diff.status) \(diff.stdout) \(diff.stderr)")
        let same = try project.run(["diff", "travel.accessibility", "1", "1", "--exit-code"])
        #expect(same.status == 0, "\(same.stderr)")
        let stdin = try project.run(["diff", "-", "-"])
        #expect(stdin.status == 64 && stdin.stderr.contains("only one of the files can be -"), "\(stdin.stderr)")
    }

    /// The person was saved before the authorized_keys file failed: exit 1, yet there.
    @Test func accessToAKeysFileThatCannotBeWrittenChangesNothing() throws {
        let add = try project.run(["access", "add", "frank", "--role", "viewer", "--authorized-keys", "/nonexistent/dir/ak"])
        #expect(add.status == 1 && add.stderr.contains("nothing was changed"), "\(add.stderr)")
        let list = try project.run(["access", "list"])
        #expect(!list.stdout.contains("frank"), "\(list.stdout)")
    }
}
