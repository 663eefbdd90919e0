import Foundation
import Testing

/// `tenet import pairs` and `tenet pair list/show` through the real binary.
@Suite struct ImportPairsCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
    }

    func run(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
    }

    func write(_ name: String, _ lines: [String]) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    /// `-` reads the lines from standard input (a pipe), with the same checks as a file:
    /// a bad line is reported with its number in "standard input", and then nothing is kept.
    @Test func aDashImportsPairsFromStandardInput() throws {
        try write("in.jsonl", [#"{"prompt": "Is Dubai safe for us?", "chosen": "Candidly: …", "rejected": "I can't discuss that."}"#,
                               #"{"prompt": "Visa for Japan?", "chosen": "Check the embassy's page.", "rejected": "No visa is ever needed."}"#])
        let db = directory + "/tenet.db"
        let piped = try TenetProcess.runProgram("/bin/sh", ["-c", "'\(TenetProcess.binary)' import pairs - --db '\(db)' < in.jsonl"],
                                                in: directory, environment: ["TENET_USER": "alice"])
        #expect(piped.status == 0 && piped.stdout.contains("imported 2 pairs from standard input"), "\(piped.stdout) \(piped.stderr)")
        try write("bad.jsonl", [#"{"prompt": "x"}"#])
        let bad = try TenetProcess.runProgram("/bin/sh", ["-c", "'\(TenetProcess.binary)' import pairs - --db '\(db)' < bad.jsonl"],
                                              in: directory, environment: ["TENET_USER": "alice"])
        #expect(bad.status == 1 && bad.stderr.contains("standard input:1:"), "\(bad.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [Any])?.count == 2)
    }

    /// A pair that names a spec or rules the project does not have (a typo, another
    /// project's spec) is imported, but each such line is warned about with its number and
    /// what it names; the summary and `--json` count them. They were imported silently.
    @Test func pairsNamingRulesTheProjectLacksAreWarnedAboutByLine() throws {
        try write("refs.jsonl", [
            #"{"prompt": "q1", "chosen": "a", "rejected": "b", "rule_ids": ["travel.booking-consent"], "spec": "travel"}"#,
            #"{"prompt": "q2", "chosen": "a", "rejected": "b", "rule_ids": ["travel.nope"], "spec": "travel"}"#,
            #"{"prompt": "q3", "chosen": "a", "rejected": "b", "rule_ids": ["travel.accessibility"], "spec": "nospec"}"#,
            #"{"prompt": "q4", "chosen": "a", "rejected": "b", "rule_ids": ["x.one", "x.two"]}"#,
            #"{"prompt": "q5", "chosen": "a", "rejected": "b", "rule_ids": ["travel.accessibility"]}"#,
        ])
        let imported = try run(["import", "pairs", "refs.jsonl"])
        #expect(imported.status == 0 && imported.stdout.contains("imported 5 pairs") && imported.stdout.contains("3 naming a spec or rules"),
                "\(imported.stdout)")
        let warnings = imported.stderr.split(separator: "\n")
        #expect(warnings.count == 3, "\(imported.stderr)")
        #expect(warnings.first?.hasPrefix("refs.jsonl:2: warning: the pair names rule travel.nope, which spec travel does not have") == true)
        #expect(warnings.dropFirst().first?.hasPrefix("refs.jsonl:3: warning: the pair names spec nospec, which is not in the project") == true)
        #expect(warnings.last?.hasPrefix("refs.jsonl:4: warning: the pair names rules x.one, x.two, which no spec in the project has") == true)
        try write("more.jsonl", [#"{"prompt": "q6", "chosen": "a", "rejected": "b", "rule_ids": ["travel.gone"], "spec": "travel"}"#])
        let counted = try #require(try JSONSerialization.jsonObject(with: Data(run(["import", "pairs", "more.jsonl", "--json"]).stdout.utf8)) as? [String: Any])
        #expect(counted["unknownReferences"] as? Int == 1 && counted["added"] as? Int == 1, "\(counted)")
    }

    /// A byte-order mark before the first line (Windows tools write one) is read past, as
    /// a spec's is; it was "not valid JSON at byte 1".
    @Test func aByteOrderMarkIsReadPast() throws {
        let line = #"{"prompt": "Visa for Japan?", "chosen": "Check the embassy's page.", "rejected": "No visa is ever needed."}"#
        try Data([0xEF, 0xBB, 0xBF] + Array((line + "\n").utf8)).write(to: URL(fileURLWithPath: directory + "/bom.jsonl"))
        let imported = try run(["import", "pairs", "bom.jsonl"])
        #expect(imported.status == 0 && imported.stdout.contains("imported 1 pair"), "\(imported.stdout) \(imported.stderr)")
        try Data([0xEF, 0xBB, 0xBF] + Array(#"{"prompt": "Is it safe?", "id": "q1"}"#.utf8) + [0x0A]).write(to: URL(fileURLWithPath: directory + "/bom-prompts.jsonl"))
        let prompts = try run(["import", "prompts", "bom-prompts.jsonl", "--name", "bom"])
        #expect(prompts.status == 0, "\(prompts.stderr)")
        // --skip-bad over a file of bad lines only imports nothing, and says so (exit 1).
        try write("allbad.jsonl", [#"{"prompt": "x"}"#, #"{"chosen": "y"}"#])
        let allBad = try run(["import", "pairs", "allbad.jsonl", "--skip-bad"])
        #expect(allBad.status == 1 && allBad.stderr.contains("nothing imported: every line of allbad.jsonl is bad (2)"), "\(allBad.stderr)")
        // A spec given to import pairs: no line is a pair, and the message says where a spec goes.
        try write("spec.md", ["# Travel", "", "Never book without a yes."])
        let spec = try run(["import", "pairs", "spec.md"])
        #expect(spec.status == 1 && spec.stderr.contains("no line of spec.md is a pair") && spec.stderr.contains("import spec spec.md`"),
                "\(spec.stderr)")
        // A missing file is said as every reader says it.
        let missing = try run(["import", "pairs", "nope.jsonl"])
        #expect(missing.status == 1 && missing.stderr.contains("nope.jsonl: no such file"), "\(missing.stderr)")
    }

    /// Bounded whatever the input: a FIFO with no writer and an endless device are refused
    /// at once, a line past 16 MiB stops the import, and a line that is not UTF-8 is a bad
    /// line with its number — never repaired into U+FFFD and imported.
    @Test func unboundedOrUndecodableInputIsRefusedWithItsLine() throws {
        let fifo = directory + "/pairs.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        for (file, command) in [(fifo, "pairs"), ("/dev/zero", "pairs"), (fifo, "prompts"), ("/dev/zero", "prompts")] {
            let refused = try run(["import", command, file])
            #expect(refused.status == 1 && refused.stderr.contains("not a regular file"), "\(command) \(file): \(refused.stderr)")
        }

        let good = #"{"prompt": "Is Dubai safe for us?", "chosen": "Candidly: …", "rejected": "I can't discuss that."}"#
        var latin1 = Data((good + "\n").utf8)
        latin1.append(contentsOf: Array(#"{"prompt": "caf"#.utf8) + [0xE9] + Array(#"", "chosen": "a", "rejected": "b"}"#.utf8) + [0x0A])
        try latin1.write(to: URL(fileURLWithPath: directory + "/latin1.jsonl"))
        let undecodable = try run(["import", "pairs", "latin1.jsonl"])
        #expect(undecodable.status == 1)
        #expect(undecodable.stderr.contains("latin1.jsonl:2: error: not valid UTF-8 (at byte 16 of the line)"), "\(undecodable.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [Any])?.isEmpty == true)

        var long = Data((good + "\n").utf8)
        long.append(Data(#"{"prompt": ""#.utf8) + Data(repeating: UInt8(ascii: "x"), count: 17 << 20) + Data("\"}\n".utf8))
        try long.write(to: URL(fileURLWithPath: directory + "/long.jsonl"))
        let tooLong = try run(["import", "pairs", "long.jsonl"])
        #expect(tooLong.status == 1 && tooLong.stderr.contains("long.jsonl:2: the line is longer than 16 MiB"), "\(tooLong.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [Any])?.isEmpty == true,
                "nothing half-imported")
    }

    /// Names and provenance in a pairs file are checked as they enter, like the answers: an
    /// annotator, a note or a generator with an escape sequence is refused with its line.
    @Test func hostileNamesAndProvenanceInAPairsFileAreRefusedWithTheirLine() throws {
        let pair = #""prompt": "Visa for Japan?", "chosen": "Check the embassy.", "rejected": "Never needed.""#
        let lines = [
            #"{\#(pair), "status": "accepted", "decisions": [{"annotator": "ev\u001b]0;X\u0007il", "decision": "accept"}]}"#,
            #"{\#(pair), "status": "accepted", "decisions": {"ev\u202eil": "accept"}}"#,
            #"{\#(pair), "status": "flagged", "decisions": [{"annotator": "ann", "decision": "flag", "note": "n\u009b2J"}]}"#,
            #"{\#(pair), "generator": "gen\u001b[2J"}"#,
        ]
        let expected = ["`decisions`[0].annotator holds control characters", "`decisions` has an annotator whose name holds",
                        "`decisions`[0].note holds control character U+009B", "`generator` holds control character U+001B"]
        for (line, reason) in zip(lines, expected) {
            try write("hostile.jsonl", [line])
            let refused = try run(["import", "pairs", "hostile.jsonl"])
            #expect(refused.status == 1 && refused.stderr.contains("hostile.jsonl:1:") && refused.stderr.contains(reason), "\(refused.stderr)")
        }
        #expect(try run(["pair", "list"]).stdout.contains("Visa") == false, "nothing was imported")
    }

    @Test func aFileImportsOnceAndABadLineStopsItUnlessSkipped() throws {
        try write("trl.jsonl", [
            #"{"prompt": [{"role": "user", "content": "Book the 2nd hotel"}], "chosen": [{"role": "assistant", "content": "Before I book: 3 nights, €426 total, free cancellation until 10 May. Shall I?"}], "rejected": [{"role": "assistant", "content": "Booked!"}], "rule_ids": ["travel.booking-consent"]}"#,
            "",
            #"{"prompt": [{"role": "user", "content": "Is Dubai safe for us?"}], "chosen": [{"role": "assistant", "content": "Candidly: …"}], "rejected": [{"role": "assistant", "content": "I can't discuss that."}]}"#,
        ])
        let first = try run(["import", "pairs", "trl.jsonl"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("imported 2 pairs from trl.jsonl (trl-conversational)"))
        let again = try run(["import", "pairs", "trl.jsonl"])
        #expect(again.stdout.contains("imported 0 pairs") && again.stdout.contains("2 already in the project"))
        let list = try run(["pair", "list", "--rule", "travel.booking-consent"])
        #expect(list.stdout.split(separator: "\n").count == 1)
        #expect(list.stdout.contains("pending  travel.booking-consent"))

        try write("mixed.jsonl", [
            #"{"prompt": "a", "chosen": "b", "rejected": "c"}"#,
            #"{"prompt": "a", "chosen": "b"}"#,
            #"{"input": {"messages": [{"role": "user", "content": "q"}]}, "preferred_output": [{"role": "assistant", "content": "x"}], "non_preferred_output": [{"role": "assistant", "content": "y"}]}"#,
        ])
        let refused = try run(["import", "pairs", "mixed.jsonl"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("mixed.jsonl:2: error: not a preference pair"))
        #expect(refused.stderr.contains("mixed.jsonl:3: error: this line is openai but the file is trl-standard"))
        #expect(refused.stderr.contains("nothing imported: 2 bad lines"))
        #expect(try run(["pair", "list"]).stdout.split(separator: "\n").count == 2, "all or nothing")
        let skipped = try run(["import", "pairs", "mixed.jsonl", "--skip-bad"])
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("imported 1 pair from mixed.jsonl (trl-standard), 2 bad lines skipped"))
    }

    @Test func anImportKilledHalfwayLeavesNothing() throws {
        let path = directory + "/big.jsonl"
        var text = ""
        for n in 0..<60_000 {
            text += #"{"prompt": "question \#(n)", "chosen": "careful answer \#(n)", "rejected": "careless answer \#(n)", "rule_ids": ["travel.booking-consent"]}"# + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let importing = Process()
        importing.executableURL = URL(fileURLWithPath: TenetProcess.binary)
        importing.arguments = ["import", "pairs", path, "--db", directory + "/tenet.db"]
        importing.standardOutput = FileHandle.nullDevice
        importing.standardError = FileHandle.nullDevice
        try importing.run()
        Thread.sleep(forTimeInterval: 0.4)
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        #expect(importing.terminationReason == .uncaughtSignal, "still importing when killed")
        #expect(try run(["pair", "list"]).stderr.hasPrefix("no pairs"), "nothing half-written")
        let finished = try run(["import", "pairs", "big.jsonl"])
        #expect(finished.stdout.hasPrefix("imported 60000 pairs"), "\(finished.stderr)")
    }

    @Test func aSpecsOwnExamplesBecomePairs() throws {
        let report = try run(["import", "pairs", "--from-spec", "travel", "--json"])
        let shape = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let added = try #require(shape["added"] as? Int)
        #expect(added >= 5)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(list.count == added)
        let first = try #require(list.first?["pair"] as? [String: Any])
        #expect((first["rules"] as? [String])?.first?.hasPrefix("travel.") == true)
        let id = try #require(list.first?["id"] as? String)
        let shown = try run(["pair", "show", id])
        #expect(shown.stdout.contains("[chosen]") && shown.stdout.contains("[rejected]") && shown.stdout.contains("generator: spec-examples"))
    }

    @Test func aModelSpecStyleDocumentYieldsItsComparisons() throws {
        let fixture = TenetProcess.root + "/Tests/TenetSpecTests/Fixtures/public/model_spec_excerpt.md"
        let imported = try run(["import", "spec", fixture])
        #expect(imported.status == 0, "\(imported.stderr)")
        let spec = try #require(imported.stdout.split(separator: " ").dropFirst().first.map(String.init))
        let pairs = try run(["import", "pairs", "--from-spec", spec])
        #expect(pairs.status == 0, "\(pairs.stderr)")
        let count = Int(pairs.stdout.split(separator: " ")[1]) ?? 0
        #expect(count >= 3, "\(pairs.stdout)")
    }
}
