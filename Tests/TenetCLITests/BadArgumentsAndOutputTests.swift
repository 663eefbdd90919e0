import Foundation
import Testing

/// Words that are not UTF-8 and an output that cannot be written: a clear message and a
/// non-zero exit, never a changed value, another file, or a crash.
@Suite struct BadArgumentsAndOutputTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        let spec = try TenetProcess.run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md", "--db", "p.db"],
                                        in: directory)
        #expect(spec.status == 0, "\(spec.stderr)")
    }

    /// Through `sh`, since a Swift `String` cannot hold the bytes: `\377` is no UTF-8.
    func shell(_ script: String) throws -> TenetProcess.Result {
        try TenetProcess.runProgram("/bin/sh", ["-c", script, "sh", TenetProcess.binary], in: directory)
    }

    @Test func aWordThatIsNotUTF8IsRefusedNotRepaired() throws {
        let rationale = try shell(#""$1" rule set travel.accessibility --rationale "$(printf 'bad\377text')" --db p.db"#)
        #expect(rationale.status == 64, "\(rationale.stderr)")
        #expect(rationale.stderr.contains("argument 5 (“bad\u{FFFD}text”) is not UTF-8 text"), "\(rationale.stderr)")
        let show = try TenetProcess.run(["rule", "show", "travel.accessibility", "--db", "p.db"], in: directory)
        #expect(!show.stdout.contains("bad"), "nothing was stored")
        let path = try shell(#""$1" spec list --db "$(printf 'a\377b.db')""#)
        #expect(path.status == 64, "\(path.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(!files.contains { $0.hasPrefix("a") }, "no other file was made: \(files)")
    }

    /// Numbers saved as JSON must read back: a priority or a rule count past the range is
    /// refused before anything is written.
    @Test func aNumberTooLargeToKeepIsRefused() throws {
        let priority = try TenetProcess.run(["rule", "set", "travel.accessibility", "--priority", "9223372036854775807", "--db", "p.db"],
                                            in: directory)
        #expect(priority.status == 64 && priority.stderr.contains("--priority is 9223372036854775807: give a whole number from 1 to 999999999"),
                "\(priority.stderr)")
        let rules = try TenetProcess.run(["instantiate", "travel", "--rules", "9223372036854775807", "--save", "big", "--db", "p.db"], in: directory)
        #expect(rules.status == 64 && rules.stderr.contains("--rules is 9223372036854775807"), "\(rules.stderr)")
        let show = try TenetProcess.run(["rule", "show", "travel.accessibility", "--db", "p.db"], in: directory)
        #expect(show.status == 0, "\(show.stderr)")

        // A hostile-input audit's findings: each value out of range is bad usage (64) that
        // says the range, never a setting taken nor a request the endpoint must refuse.
        for (arguments, message) in [
            (["project", "set", "overlap", "abc"], "overlap is a number of reviews per pair, 1 to 20; got abc"),
            (["project", "set", "lease-seconds", "99999999999999999999"], "lease-seconds is 1 to 86400"),
            (["project", "set", "visibility", "some"], "visibility is all"),
            (["instantiate", "travel", "--rules", "0"], "--rules is 0: give a whole number from 1 to 1000000"),
            // A negative number is a value, not an option ArgumentParser answered with "Missing value".
            (["log", "--limit", "-1"], "--limit is -1: give a whole number from 1 to 1000000"),
            (["generate", "--instantiation", "x", "--count", "-5"], "--count is -5: give a whole number from 1 to 1000000"),
            // No number of the option's type: ArgumentParser refuses it before any check, and
            // the message says what to give.
            (["instantiate", "travel", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>': give a whole number from 0 to 18446744073709551615"),
            (["log", "--limit", "99999999999999999999"], "The value '99999999999999999999' is invalid for '--limit <limit>': give a whole number from 1 to 1000000"),
            (["show", "99999999999999999999"], "The value '99999999999999999999' is invalid for '<changeset>': give a whole number 1 or more"),
            (["export", "pairs", "--out", "-", "--max-length", "abc"], "The value 'abc' is invalid for '--max-length <max-length>': give a whole number 1 or more"),
            (["instantiate", "travel", "--rules", "99999999999999999999"], "--rules takes MIN..MAX or N, e.g. --rules 8..13, each a whole number from 1 to 1000000"),
            (["diff", "travel.accessibility", "1", "99999999999999999999"], "REV is `99999999999999999999`: give a whole number 1 or more"),
            (["diff", "travel.accessibility", "0", "2"], "REV1 is 0: give a whole number 1 or more"),
            (["diff", "a.md", "b.md", "c.md"], "give two spec files, or a rule and two revision numbers"),
            (["instantiate", "travel", "--safety-share", "half"], "The value 'half' is invalid for '--safety-share <safety-share>': give a number from 0.0 to 1.0"),
            (["export", "pairs", "--out", "-", "--max-length", "-1"], "--max-length is a number of tokens (estimated), 1 or more"),
            (["eval", "run", "--instantiation", "x", "--prompts", "y", "--method", "raw", "--model", "m", "--base-url", "notaurl", "--judge-model", "j"],
             "--base-url `notaurl` is not an http(s) URL"),
            (["midtrain", "generate", "travel", "--count", "1", "--types", "essay,bogus"], "unknown document type `bogus`; types: essay"),
            // A bad name is bad usage, as a bad role is, said before the project is touched.
            (["access", "add", "Bob", "--role", "viewer"], "Bob: a name is lowercase letters, digits"),
            (["generate", "--instantiation", "x", "--count", "1", "--max-tokens", "9223372036854775807"], "--max-tokens must be a whole number of tokens from 1 to 1000000"),
        ] {
            let result = try TenetProcess.run(arguments + ["--db", "p.db"], in: directory)
            #expect(result.status == 64 && result.stderr.contains(message), "\(arguments): \(result.status) \(result.stderr)")
        }
    }

    /// Every numeric option and argument the commands declare has its range in
    /// `OptionRange.allowedByName`, which ArgumentParser's "invalid" messages are completed from:
    /// one declared without would be refused, past its type's bounds, saying nothing of what
    /// to give.
    @Test func everyNumericOptionHasItsRangeForMessages() throws {
        let sources = TenetProcess.root + "/Sources/tenet"
        let table = try String(contentsOfFile: sources + "/OptionRange.swift", encoding: .utf8)
        let declaration = try Regex(#"@(Option|Argument)\((.*)\) var (\w+): (Int|Int64|UInt64|Double)\??( =|$)"#)
        var names: [String] = []
        for file in FileManager.default.enumerator(atPath: sources)!.compactMap({ $0 as? String }) where file.hasSuffix(".swift") {
            // A declaration whose `var` is on the line after its attribute is read as one line.
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
                .replacing(try Regex(#"\)\n\s+var "#), with: ") var ")
            for line in text.split(separator: "\n") {
                guard let match = try declaration.firstMatch(in: String(line)), let kind = match[1].substring,
                      let attributes = match[2].substring, let property = match[3].substring else { continue }
                if kind == "Argument" { names.append("<\(property.lowercased())>"); continue }
                if let custom = try Regex(#"customLong\("([a-z-]+)"\)"#).firstMatch(in: String(attributes))?[1].substring {
                    names.append("--" + custom)
                } else {
                    // ArgumentParser's own long name: the property's name in kebab case.
                    names.append("--" + property.replacing(try Regex("[A-Z]")) { "-" + $0.output[0].substring!.lowercased() })
                }
            }
        }
        #expect(names.count >= 30, "\(names)")
        for name in Set(names) { #expect(table.contains("\"\(name)\": allowed("), "\(name) has no range in OptionRange.allowedByName") }
    }

    /// `tenet open` on a file that cannot be imported says why and exits 1, as `import
    /// spec` does, before any screen opens (it opened the workbench on nothing and exited
    /// 0 on q); the project is left as it was.
    @Test func openRefusesAFileThatCannotBeImported() throws {
        #expect(mkfifo(directory + "/fifo.md", 0o600) == 0)
        try "# T\n\n## A {#t.a kind=safety}\n\nx\n\n## B {#t.a kind=safety}\n\ny\n".write(toFile: directory + "/dup.md", atomically: true, encoding: .utf8)
        try Data(Array("# T\n".utf8) + [0xFF, 0x0A]).write(to: URL(fileURLWithPath: directory + "/bad.md"))
        for (file, message) in [("fifo.md", "fifo.md: error: not a regular file"), ("dup.md", "dup.md:7:1: error: ID `t.a`"),
                                ("bad.md", "bad.md:2:1: error: invalid UTF-8 (byte 0xFF)"), ("nope.md", "nope.md: error: no such file")] {
            let result = try TenetProcess.run(["open", file, "--db", "p.db"], in: directory)
            #expect(result.status == 1 && result.stderr.contains(message), "\(file): \(result.status) \(result.stderr)")
        }
        let specs = try TenetProcess.run(["spec", "list", "--db", "p.db"], in: directory)
        #expect(specs.stdout.split(separator: "\n").count == 1 && specs.stdout.contains("travel"), "\(specs.stdout)")
    }

    /// An empty file name (an unset shell variable) is said to be one, not shown as
    /// nothing before the colon (": error: no such file").
    @Test func anEmptyFileNameIsSaidToBeOne() throws {
        for arguments in [["parse", ""], ["import", "spec", "", "--db", "p.db"], ["lint", ""]] {
            let result = try TenetProcess.run(arguments, in: directory)
            // `lint` reports on standard output, as it reports every finding.
            let said = arguments[0] == "lint" ? result.stdout : result.stderr
            #expect(result.status == 1 && said.hasPrefix("\"\": error: no file name (the argument is empty)"), "\(arguments): \(said)")
        }
        let pairs = try TenetProcess.run(["import", "pairs", "", "--db", "p.db"], in: directory)
        #expect(pairs.status == 1 && pairs.stderr.contains("\"\": no file name (the argument is empty)"), "\(pairs.stderr)")
    }

    /// A bad name is reported under the name the user gave it: `$TENET_USER` was reported
    /// as `--user`, an option nobody typed.
    @Test func aBadUserNameSaysWhereItCameFrom() throws {
        let fromEnvironment = try TenetProcess.run(["log", "--db", "p.db"], in: directory, environment: ["TENET_USER": "Al\u{1B}[31mice"])
        #expect(fromEnvironment.status == 64, "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stderr.hasPrefix("tenet: $TENET_USER Al␛[31mice: a name is lowercase letters"), "\(fromEnvironment.stderr)")
        let fromOption = try TenetProcess.run(["log", "--db", "p.db", "--user", "Bob"], in: directory, environment: ["TENET_USER": "alice"])
        #expect(fromOption.status == 64 && fromOption.stderr.hasPrefix("tenet: --user Bob: a name"), "\(fromOption.stderr)")
        // A huge one is cut short in the message (100,000 characters were echoed whole).
        let huge = try TenetProcess.run(["log", "--db", "p.db"], in: directory, environment: ["TENET_USER": String(repeating: "a", count: 100_000)])
        #expect(huge.status == 64 && huge.stderr.count < 300 && huge.stderr.contains(String(repeating: "a", count: 64) + "…: a name is 1 to 32"),
                "\(huge.stderr.prefix(300))")
    }

    /// Foundation's `FileHandle.write` trapped (SIGILL) when standard output could not be
    /// written; now the message says why and the exit is 74 (EX_IOERR).
    @Test func anOutputThatCannotBeWrittenEndsWithAMessage() throws {
        for command in ["log --db p.db", "rule list --db p.db", "--help", "parse \(TenetProcess.root)/SampleSpecs/travel-planning.md"] {
            let result = try shell(#""$1" "# + command + " > /dev/full")
            #expect(result.status == 74, "\(command): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("tenet: cannot write to standard output: No space left on device"), "\(command): \(result.stderr)")
        }
    }
}
