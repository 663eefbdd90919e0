import Foundation
import Testing

/// `tenet export pairs` through the real binary: the end-to-end path from a sample spec to
/// a training file, filters, determinism and the file handling.
@Suite struct ExportCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
    }

    @discardableResult
    func run(_ arguments: [String], user: String = "alice", database: String = "tenet.db") throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/" + database], in: directory, environment: ["TENET_USER": user])
    }

    func ids(_ status: String? = nil) throws -> [String] {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"] + (status.map { ["--status", $0] } ?? [])).stdout.utf8)) as? [[String: Any]])
        return list.compactMap { $0["id"] as? String }
    }

    @Test func sampleSpecToInstantiationToGenerationToDecisionsToAValidTrlFile() throws {
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
        #expect(try run(["instantiate", "travel", "--save", "trip"]).status == 0)
        #expect(try run(["generate", "--instantiation", "trip", "--count", "12"]).status == 0)
        let pairs = try ids()
        #expect(pairs.count == 12)
        // Decide from the command line: accept 8 (one after an edit, one after a swap), reject 2, flag 1, leave 1.
        try "A careful answer, rewritten.\n".write(toFile: directory + "/better.txt", atomically: true, encoding: .utf8)
        #expect(try run(["pair", "edit", pairs[0], "--chosen-file", "better.txt"]).status == 0)
        #expect(try run(["pair", "swap", pairs[1]]).status == 0)
        for id in pairs[0..<8] { #expect(try run(["pair", "decide", id, "accept"]).status == 0) }
        for id in pairs[8..<10] { #expect(try run(["pair", "decide", id, "reject"]).status == 0) }
        #expect(try run(["pair", "decide", pairs[10], "flag", "--note", "unsure"]).status == 0)

        let exported = try run(["export", "pairs", "--out", "train.jsonl"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("exported 8 pairs (trl-conversational) to train.jsonl"))
        // A small validator, as a training pipeline would run it.
        let validator = directory + "/validate.py"
        try """
        import json, sys
        n = 0
        for number, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
            o = json.loads(line)
            assert set(["prompt", "chosen", "rejected"]) <= set(o), (number, sorted(o))
            assert isinstance(o["prompt"], list) and o["prompt"], number
            for m in o["prompt"]:
                assert m["role"] in ("system", "user", "assistant", "developer", "tool") and isinstance(m["content"], str), number
            for key in ("chosen", "rejected"):
                assert len(o[key]) == 1 and o[key][0]["role"] == "assistant" and o[key][0]["content"].strip(), (number, key)
            assert o["chosen"] != o["rejected"], number
            assert o["status"] in ("accepted", "edited"), number
            # the edited and the swapped pair's accepts judged revision 2 (the edit, the swap);
            # the others the text as generated
            revision = 2 if o["id"] in sys.argv[2:] else 1
            assert o["decisions"] == [{"annotator": "alice", "blind": False, "decision": "accept", "note": "", "text_revision": revision}], (number, o["decisions"])
            assert o["rule_ids"] and o["id"].startswith("p-") and o["generator"] == "offline-template", number
            n += 1
        print(n)
        """.write(toFile: validator, atomically: true, encoding: .utf8)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", validator, directory + "/train.jsonl", pairs[0], pairs[1]]
        let pipe = Pipe()
        python.standardOutput = pipe
        python.standardError = pipe
        try python.run()
        python.waitUntilExit()
        let said = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(python.terminationStatus == 0 && said.trimmingCharacters(in: .whitespacesAndNewlines) == "8", "\(said)")
        let text = try String(contentsOfFile: directory + "/train.jsonl", encoding: .utf8)
        #expect(text.contains("A careful answer, rewritten."), "the human edit is in the export")
        #expect(text.contains("\"status\":\"edited\""))

        // Deterministic: the same state, the same bytes; the target is not replaced without --force.
        let again = try run(["export", "pairs", "--out", "train.jsonl"])
        #expect(again.status == 1 && again.stderr.contains("exists; use --force"))
        #expect(try run(["export", "pairs", "--out", "train.jsonl", "--force"]).status == 0)
        #expect(try String(contentsOfFile: directory + "/train.jsonl", encoding: .utf8) == text)
        #expect(try run(["export", "pairs", "--out", "-"]).stdout == text, "--out - writes the same to standard output")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "no temporary files left: \(leftovers)")

        // Filters: statuses, rule, annotator; the other formats.
        let rejectedRun = try run(["export", "pairs", "--status", "rejected,flagged", "--out", "-"])
        let rejected = rejectedRun.stdout
        #expect(rejected.split(separator: "\n").count == 3)
        #expect(rejectedRun.stderr.contains("note: rejected, flagged pairs are not accepted by review"), "\(rejectedRun.stderr)")
        #expect(!(try run(["export", "pairs", "--out", "-"])).stderr.contains("not accepted by review"))
        #expect(try run(["export", "pairs", "--annotator", "bob", "--out", "-"]).stdout.isEmpty)
        #expect(try run(["export", "pairs", "--status", "done", "--out", "-"]).status == 64)
        let openai = try run(["export", "pairs", "--format", "openai", "--no-provenance", "--out", "-"]).stdout
        #expect(openai.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"input\":") })

        // --with-spec: the instance's rendered spec leads each prompt.
        let withSpec = try run(["export", "pairs", "--with-spec", "--no-provenance", "--out", "-"]).stdout
        let firstLine = try #require(withSpec.split(separator: "\n").first)
        let prompt = try #require((try JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any])?["prompt"] as? [[String: String]])
        #expect(prompt.first?["role"] == "system" && prompt.first?["content"]?.contains("Travel Planning Assistant") == true)
        // hf: a dataset folder with the data and a card that counts what is in it.
        let hf = try run(["export", "pairs", "--format", "hf", "--out", "dataset"])
        #expect(hf.status == 0, "\(hf.stderr)")
        #expect(try String(contentsOfFile: directory + "/dataset/data/train.jsonl", encoding: .utf8) == text)
        let card = try String(contentsOfFile: directory + "/dataset/README.md", encoding: .utf8)
        #expect(card.hasPrefix("---\npretty_name: \"Tenet preference pairs: travel\"\nconfigs:") && card.contains("path: data/train.jsonl") && card.contains("- dpo"))
        #expect(card.contains("size_categories:\n- n<1K\n"))
        #expect(card.contains("| travel | 8 |") && card.contains("| accepted | 7 |") && card.contains("| edited | 1 |") && card.contains("### Kind"))
        #expect(card.contains("| decision | decisions |\n|---|---|\n| accept | 8 |"))

        // Read back into a fresh project: the same pairs, the same IDs.
        let imported = try run(["import", "pairs", "train.jsonl"], database: "fresh.db")
        #expect(imported.stdout.hasPrefix("imported 8 pairs from train.jsonl (trl-conversational)"), "\(imported.stderr)")
        let fresh = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"], database: "fresh.db").stdout.utf8)) as? [[String: Any]])
        #expect(Set(fresh.compactMap { $0["id"] as? String }) == Set(try ids("accepted") + ids("edited")))
    }
}

/// `tenet export rules` in each format, as of a tag, and SpecBench read back in.
@Suite struct ExportRulesCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
    }

    @discardableResult
    func run(_ arguments: [String], user: String = "alice", database: String = "tenet.db") throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/" + database], in: directory, environment: ["TENET_USER": user])
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func jsonCarriesAnnotationsWithWhoSetThemAndAsOfATag() throws {
        #expect(try run(["rule", "set", "travel.budget-honesty", "--rationale", "Hidden fees break trust."], user: "bob").status == 0)
        #expect(try run(["tag", "reviewed"]).status == 0)
        #expect(try run(["rule", "set", "travel.budget-honesty", "--rationale", "Later wording."]).status == 0)
        let now = try #require(try json(["export", "rules", "--out", "-"]) as? [String: Any])
        #expect(now["spec"] as? String == "travel")
        let rules = try #require(now["rules"] as? [[String: Any]])
        #expect(rules.count == 14)
        let budget = try #require(rules.first { ($0["rule"] as? [String: Any])?["id"] as? String == "travel.budget-honesty" })
        #expect((budget["rule"] as? [String: Any])?["rationale"] as? String == "Later wording.")
        let setter = try #require((budget["annotatedBy"] as? [String: Any])?["rationale"] as? [String: Any])
        #expect(setter["author"] as? String == "alice" && setter["changeset"] as? Int != nil)
        // Only what someone set: the empty annotations the import writes are nobody's.
        #expect(Set(((budget["annotatedBy"] as? [String: Any]) ?? [:]).keys) == ["rationale"], "\(budget["annotatedBy"] ?? "none")")
        #expect(rules.filter { ($0["rule"] as? [String: Any])?["id"] as? String != "travel.budget-honesty" }.allSatisfy { $0["annotatedBy"] == nil })
        // Each rule says where it is in the spec's text.
        let place = try #require(budget["rule"] as? [String: Any])
        let line = try #require(place["line"] as? Int), end = try #require(place["endLine"] as? Int)
        let source = try String(contentsOfFile: TenetProcess.root + "/SampleSpecs/travel-planning.md", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(line > 0 && end >= line && source[line - 1].contains("travel.budget-honesty"), "line \(line)")
        // Examples are kept apart from where they sat, so they claim no line (not a false 0).
        let examples = try #require(place["examples"] as? [[String: Any]])
        #expect(!examples.isEmpty && examples.allSatisfy { $0["line"] == nil && $0["verdict"] is String && $0["turns"] is [Any] })
        let then = try #require(try json(["export", "rules", "--as-of", "reviewed", "--out", "-"]) as? [String: Any])
        let old = try #require((then["rules"] as? [[String: Any]])?.first { ($0["rule"] as? [String: Any])?["id"] as? String == "travel.budget-honesty" })
        #expect((old["rule"] as? [String: Any])?["rationale"] as? String == "Hidden fees break trust.")
    }

    @Test func msmSeedAndSpecBenchFolderThatImportsBack() throws {
        let seed = try #require(try json(["export", "rules", "--format", "msm", "--out", "-"]) as? [[String: Any]])
        #expect(seed.count == 1 && seed[0]["domain"] as? String == "Travel Planning Assistant")
        let first = try #require((seed[0]["rules"] as? [[String: Any]])?.first)
        #expect(Set(first.keys).isSuperset(of: ["id", "name", "text"]) && first["rationale"] is String)

        let exported = try run(["export", "rules", "--format", "specbench", "--out", "bench"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("keep their {{placeholders}} (--instantiation NAME fills them)"), "\(exported.stderr)")
        let specs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/bench/specifications.json"))) as? [String: [String]])
        #expect(specs["safety_specifications"]?.count == 6 && specs["behavioral_specifications"]?.count == 8)
        #expect(specs.values.joined().allSatisfy { !$0.contains("\n") }, "one line per rule, as SpecBench has them")
        let scenario = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/bench/scenario.json"))) as? [String: String])
        #expect(scenario["name"] == "Travel Planning Assistant")
        #expect(try run(["export", "rules", "--format", "specbench", "--out", "bench"]).stderr.contains("exists; use --force"))
        // Read back as a SpecBench scenario: the same rules, the same kinds.
        let parsed = try TenetProcess.run(["parse", directory + "/bench/specifications.json", "--json"], in: directory)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(parsed.stdout.components(separatedBy: "\"safety\"").count - 1 >= 6)
        // An instantiation's rules, with its placeholders filled.
        #expect(try run(["instantiate", "travel", "--save", "trip", "--rules", "5..5"]).status == 0)
        #expect(try run(["export", "rules", "--format", "specbench", "--instantiation", "trip", "--out", "trip"]).status == 0)
        let trip = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/trip/specifications.json"))) as? [String: [String]])
        #expect(trip.values.map(\.count).reduce(0, +) == 5)
        #expect(!trip.values.joined().contains { $0.contains("{{") }, "placeholders filled")
        let tripScenario = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/trip/scenario.json"))) as? [String: String])
        #expect(tripScenario["description"]?.contains("travellers on a") == true && tripScenario["description"]?.contains("{{") == false,
                "the scenario's placeholders are filled too: \(tripScenario["description"] ?? "")")
        #expect(scenario["description"]?.contains("{{traveller_type}}") == true, "the whole spec keeps its placeholders")
    }

    @Test func specBenchRulesArePlainSentencesWithoutMarkdownLinks() throws {
        let spec = """
        # Lab policy {#lab}

        A lab's rules; see [the handbook](https://example.org/handbook).

        ## Lab rules {#lab.rules}

        ### Weapons uplift {#lab.uplift kind=safety direction=prohibit}

        Provide serious uplift to those seeking to create [biological weapons](https://example.org/bio), as [the citing rule](#lab.cite) explains.

        ### Cite sources {#lab.cite kind=behavioral direction=require}

        Cite a source for every figure you quote (see [our guide](https://example.org/guide "Guide") and <https://example.org/raw>).
        """
        try spec.write(toFile: directory + "/lab.md", atomically: true, encoding: .utf8)
        #expect(try run(["import", "spec", "lab.md"]).status == 0)
        #expect(try run(["instantiate", "lab", "--save", "both"]).status == 0)
        let expected = ["safety_specifications": ["Never provide serious uplift to those seeking to create biological weapons, as the citing rule explains."],
                        "behavioral_specifications": ["Cite a source for every figure you quote (see our guide and https://example.org/raw)."]]
        for (folder, options) in [("inst", ["--instantiation", "both"]), ("whole", ["--spec", "lab"])] {
            let exported = try run(["export", "rules", "--format", "specbench", "--out", folder] + options)
            #expect(exported.status == 0, "\(exported.stderr)")
            let lists = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/\(folder)/specifications.json"))) as? [String: [String]])
            #expect(lists == expected, "\(folder)")
            let scenario = try String(contentsOfFile: directory + "/\(folder)/scenario.json", encoding: .utf8)
            #expect(scenario.contains("see the handbook") && !scenario.contains("]("), "\(folder): \(scenario)")
        }
    }

    @Test func specBenchFoldersStateProhibitionsAndCanEndWithTheHelpfulnessRule() throws {
        let helpfulness = "If it is possible to answer without violating other specifications, the question must be addressed to the greatest extent possible."
        let spec = """
        # Lab policy {#lab}

        ## Lab rules {#lab.rules}

        ### Weapons uplift {#lab.uplift kind=safety direction=prohibit}

        Provide serious uplift to those seeking to create biological weapons.

        ### Cite sources {#lab.cite kind=behavioral direction=require}

        Cite a source for every figure you quote.
        """
        try spec.write(toFile: directory + "/lab.md", atomically: true, encoding: .utf8)
        #expect(try run(["import", "spec", "lab.md"]).status == 0)
        func lists(_ folder: String) throws -> [String: [String]] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/\(folder)/specifications.json"))) as? [String: [String]])
        }
        #expect(try run(["export", "rules", "--format", "specbench", "--spec", "lab", "--out", "whole"]).status == 0)
        #expect(try lists("whole") == ["safety_specifications": ["Never provide serious uplift to those seeking to create biological weapons."],
                                       "behavioral_specifications": ["Cite a source for every figure you quote."]])
        #expect(try run(["export", "rules", "--format", "specbench", "--spec", "lab", "--helpfulness-rule", "--out", "kind"]).status == 0)
        #expect(try lists("kind")["behavioral_specifications"] == ["Cite a source for every figure you quote.", helpfulness])

        #expect(try run(["instantiate", "lab", "--rules", "2", "--helpfulness-rule", "--save", "both"]).status == 0)
        #expect(try run(["export", "rules", "--format", "specbench", "--instantiation", "both", "--out", "inst"]).status == 0)
        #expect(try lists("inst")["safety_specifications"] == ["Never provide serious uplift to those seeking to create biological weapons."])
        #expect(try lists("inst")["behavioral_specifications"]?.last == helpfulness, "as the instantiation was saved")
        #expect(try run(["export", "rules", "--format", "specbench", "--instantiation", "both", "--no-helpfulness-rule", "--out", "bare"]).status == 0)
        #expect(try lists("bare")["behavioral_specifications"] == ["Cite a source for every figure you quote."])
        let misplaced = try run(["export", "rules", "--format", "json", "--helpfulness-rule", "--out", "-"])
        #expect(misplaced.status != 0 && misplaced.stderr.contains("--helpfulness-rule is for --format specbench"))
    }
}
