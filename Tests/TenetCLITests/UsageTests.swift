import Foundation
import Testing

/// The command line as a newcomer meets it.
@Suite struct UsageTests {
    @Test func helpListsTheCommands() throws {
        let result = try TenetProcess.run(["--help"])
        #expect(result.status == 0)
        for command in ["parse", "lint", "diff"] { #expect(result.stdout.contains("  \(command) ")) }
    }

    @Test func aMistypedCommandSaysSoAndExitsWithAUsageError() throws {
        let result = try TenetProcess.run(["prase", "x.md"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("prase"))
    }

    @Test func anUnknownCommandIsAnsweredWithTheNearestOne() throws {
        let top = try TenetProcess.run(["rul"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("tenet: 'rul' is not a tenet command. Did you mean 'rule'?"), "\(top.stderr)")
        let nested = try TenetProcess.run(["rule", "lst"])
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("'lst' is not a tenet rule command. Did you mean 'list'?"), "\(nested.stderr)")
        let far = try TenetProcess.run(["zzzzzzzz"])
        #expect(far.status == 64 && !far.stderr.contains("Did you mean"), "\(far.stderr)")
        // A file where the command goes: the command that reads it.
        let file = try TenetProcess.run(["import", "specs/travel.md"])
        #expect(file.status == 64 && file.stderr.contains("To read the file, the command comes first: 'tenet import spec specs/travel.md'."),
                "\(file.stderr)")
        #expect(try TenetProcess.run(["import", "p.jsonl"]).stderr.contains("'tenet import pairs p.jsonl'"))
        #expect(try TenetProcess.run(["travel.md"]).stderr.contains("'tenet open travel.md'"))
        // A decision before the ID it is about: the order that works.
        let swapped = try TenetProcess.run(["pair", "decide", "accept", "p-0123"])
        #expect(swapped.status == 64 && swapped.stderr.contains("the ID comes before the decision: tenet pair decide p-0123 accept"), "\(swapped.stderr)")
        #expect(try TenetProcess.run(["midtrain", "decide", "reject", "d-01"]).stderr.contains("tenet midtrain decide d-01 reject"))
    }

    /// A value found wrong once the command runs is reported with that command's usage, as
    /// a parse error is, not with the top level's `tenet <subcommand>`.
    @Test func aValidationErrorEndsWithItsOwnCommandsUsage() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try TenetProcess.run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md", "--db", "t.db"], in: directory).status == 0)
        for (arguments, command) in [(["rule", "set", "travel.budget-honesty"], "tenet rule set"),
                                     (["access", "add", "eve", "--role", "god"], "tenet access add")] {
            let result = try TenetProcess.run(arguments + ["--db", "t.db"], in: directory)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("Error: "), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("Usage: \(command) "), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("See '\(command) --help' for more information."), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("<subcommand>"), "\(arguments): \(result.stderr)")
        }
    }

    /// `tenet help WORD…` for a word that is no command is answered like the same word
    /// without `help`: exit 64 and the nearest command, not the whole help and exit 0.
    @Test func helpOnAWordThatIsNoCommandSaysSo() throws {
        let top = try TenetProcess.run(["help", "nope"])
        #expect(top.status == 64, "\(top.stdout)")
        #expect(top.stderr.contains("tenet: 'nope' is not a tenet command."), "\(top.stderr)")
        #expect(top.stdout.isEmpty)
        let near = try TenetProcess.run(["help", "rul"])
        #expect(near.status == 64 && near.stderr.contains("Did you mean 'rule'?"), "\(near.stderr)")
        let nested = try TenetProcess.run(["help", "rule", "lst"])
        #expect(nested.status == 64 && nested.stderr.contains("'lst' is not a tenet rule command. Did you mean 'list'?"), "\(nested.stderr)")
        let real = try TenetProcess.run(["help", "rule", "set"])
        #expect(real.status == 0 && real.stdout.contains("tenet rule set"), "\(real.stderr)")
    }

    @Test func optionsOfEveryDatabaseCommandMayComeBeforeTheCommand() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "# S {#s}\n\n## Rules {#s.s}\n\n### Be nice {#s.r kind=safety direction=prohibit}\n\nRule text.\n".write(toFile: directory + "/s.md", atomically: true, encoding: .utf8)
        let imported = try TenetProcess.run(["--db", directory + "/a.db", "--user", "ann", "import", "spec", "s.md"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let listed = try TenetProcess.run(["--db=" + directory + "/a.db", "rule", "list"], in: directory)
        #expect(listed.status == 0 && listed.stdout.contains("s.r"), "\(listed.stderr)")
        let log = try TenetProcess.run(["--db", directory + "/a.db", "log"], in: directory)
        #expect(log.stdout.contains("ann"), "the change is attributed to --user given first: \(log.stdout)")
    }

    /// Every numeric option is range-checked before anything runs: exit 64, naming the
    /// option and the range.
    @Test func numbersOutOfRangeAreRefusedNamingTheOptionAndTheRange() throws {
        for (arguments, says) in [(["log", "--limit", "0"], "--limit is 0: give a whole number from 1 to 1000000"),
                                  (["pair", "decide", "p", "accept", "--expect-rev=-1"], "--expect-rev is -1: give a whole number 1 or more"),
                                  (["generate", "--instantiation", "i", "--count", "5", "--concurrency", "1000"], "--concurrency is 1000: give a whole number from 1 to 64"),
                                  (["instantiate", "s", "--safety-share", "nan"], "--safety-share is nan"),
                                  (["provider", "check", "--timeout", "inf"], "--timeout is inf"),
                                  (["rule", "set", "s.r", "--priority", "0"], "--priority is 0"),
                                  (["show", "0"], "CHANGESET is 0")] {
            let result = try TenetProcess.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(says), "\(arguments): \(result.stderr)")
        }
    }

    /// `-` reads a spec from standard input; a file that cannot be read is reported at the
    /// file itself, never at a line 0.
    @Test func aDashReadsStandardInputAndUnreadableFilesHaveNoLineZero() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "# S {#s}\n\n## Rules {#s.s}\n\n### Be nice {#s.r kind=safety direction=prohibit}\n\nRule text.\n"
            .write(toFile: directory + "/s.md", atomically: true, encoding: .utf8)
        for command in ["parse", "lint"] {
            let piped = try TenetProcess.runProgram("/bin/sh", ["-c", "'\(TenetProcess.binary)' \(command) - < s.md"], in: directory)
            #expect(piped.status == 0, "\(command) -: \(piped.stderr)")
            if command == "parse" { #expect(piped.stdout.contains("s.r"), "\(piped.stdout)") }
        }
        let missing = try TenetProcess.run(["parse", "no-such.md"], in: directory)
        #expect(missing.status == 1 && missing.stderr.contains("no-such.md: error: no such file") && !missing.stderr.contains(":0:"),
                "\(missing.stderr)")
    }
}
