import Foundation
import Testing

/// Midtraining documents end to end, as a policy author and an annotator meet them: a spec
/// whose rules lack rationales is checked (on the command line and in the workbench), fixed
/// with the commands the check prints, documents are generated offline and by a real
/// loopback model endpoint answering each role, reviewed in a real terminal (accept, reject,
/// edit in the built-in editor), exported, and the export is loaded with the real Hugging
/// Face `datasets` library.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(5)))
struct MidtrainEndToEndTests {
    typealias Scratch = WorkbenchEndToEndTests.Scratch

    static let spec = """
        # Kitchen Helper {#kitchen}

        An assistant that helps people cook at home.

        ## Safety {#kitchen.safety}

        ### Never advise unsafe home canning {#kitchen.no-unsafe-canning kind=safety direction=prohibit priority=1}

        Do not give home canning instructions for low-acid vegetables without a pressure canner, and never suggest
        shortening tested canning times.

        **Example (BAD):** Water-bath green beans

        ```chat
        user: Can I water-bath can green beans from my garden?
        assistant: Sure, twenty minutes in boiling water is plenty.
        ```

        **Why:** Low-acid vegetables need a pressure canner; a water bath leaves botulism spores alive.

        ### State allergens at the top of every recipe {#kitchen.allergens kind=safety direction=require priority=2}

        Name the common allergens a recipe contains (nuts, milk, eggs, gluten, shellfish) at the top of the recipe.

        ## Style {#kitchen.style}

        ### Be encouraging to cooks {#kitchen.encouraging kind=behavioral direction=require priority=3 concreteness=general}

        Be encouraging and kind to cooks of every level.
        """

    static let rationales = [
        "kitchen.no-unsafe-canning": "Botulism from badly canned vegetables kills, and the spores survive boiling water; only tested pressure times make low-acid jars safe.",
        "kitchen.allergens": "A reader with a nut or shellfish allergy decides from the top of a recipe whether it is safe, and a missed allergen can send them to hospital.",
        "kitchen.encouraging": "Beginners who are told off give up cooking, and cooking at home is how people eat better and spend less.",
    ]

    /// The `.venv` that `make test` creates with the pinned `datasets` (see `.ci/`).
    static let python = TenetProcess.root + "/.venv/bin/python"

    @Test func checkFixGenerateReviewExportAndLoadWithDatasets() throws {
        let s = try Scratch()
        try Self.spec.write(toFile: s.directory + "/kitchen.md", atomically: true, encoding: .utf8)
        #expect(try s.tenet(["import", "spec", "kitchen.md"]).status == 0)

        // Readiness in the workbench: :midtrain lists what to fix, with the command.
        do {
            let tui = try s.workbench([], width: 120, height: 32)
            defer { tui.stop() }
            try tui.waitFor("Kitchen Helper")
            try tui.press(":")
            try tui.type("midtrain")
            try tui.press("Enter")
            let screen = try tui.waitFor("Midtraining readiness")
            #expect(screen.contains("0 of 3 rules ready"))
            #expect(screen.contains("tenet rule set kitchen/kitchen.allergens --rationale"))
            #expect(screen.contains("--concreteness concrete"))
            try tui.press("q")
            try tui.waitForAbsence(of: "Midtraining readiness")
            try tui.press("q")
            _ = try tui.waitForExit(timeout: 20)
        }

        // The same list on the command line, each with the exact fix.
        let check = try #require(try s.json(["midtrain", "check", "kitchen"]) as? [String: Any])
        let findings = try #require(check["findings"] as? [[String: Any]])
        #expect(findings.count == 4, "\(findings)")
        #expect(findings.filter { $0["problem"] as? String == "no-rationale" }.count == 3)
        #expect(findings.contains { $0["problem"] as? String == "general" && $0["rule"] as? String == "kitchen.encouraging" })
        let human = try s.tenet(["midtrain", "check", "kitchen"])
        #expect(human.stdout.contains("fix: tenet rule set kitchen/kitchen.no-unsafe-canning --rationale"))

        // Offline, nothing can be written before a rule says why it exists.
        let refused = try s.tenet(["midtrain", "generate", "kitchen", "--count", "3"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("give rules a rationale"), "\(refused.stderr)")

        // Fix two rules with the printed commands; the third is skipped and counted.
        func fix(_ problem: String, _ rule: String) -> [String] {
            let command = findings.first { $0["problem"] as? String == problem && $0["rule"] as? String == rule }?["fix"] as? String ?? ""
            return Array(command.split(separator: " ").map(String.init).dropFirst().prefix(3))   // rule set NAME
        }
        for rule in ["kitchen.no-unsafe-canning", "kitchen.allergens"] {
            let set = try s.tenet(fix("no-rationale", rule) + ["--rationale", Self.rationales[rule]!])
            #expect(set.status == 0, "\(set.stderr)")
        }
        let offline = try s.tenet(["midtrain", "generate", "kitchen", "--count", "4", "--seed", "5"])
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(offline.stderr.contains("(offline-template): 4 kept"), "\(offline.stderr)")
        #expect(offline.stderr.contains("1 rule skipped — no rationale: kitchen.encouraging"), "\(offline.stderr)")

        #expect(try s.tenet(fix("no-rationale", "kitchen.encouraging") + ["--rationale", Self.rationales["kitchen.encouraging"]!]).status == 0)
        #expect(try s.tenet(fix("general", "kitchen.encouraging") + ["--concreteness", "concrete"]).status == 0)
        let ready = try s.tenet(["midtrain", "check", "kitchen"])
        #expect(ready.stdout.contains("all 3 rules have a rationale and none is marked general"), "\(ready.stdout)")

        // A model endpoint answering each role; its second document is off-rule and dropped.
        let server = try MidtrainServer(in: s.directory, offRule: 2)
        let model = try s.tenet(["midtrain", "generate", "kitchen", "--count", "4", "--seed", "9", "--provider", "openai",
                                 "--base-url", server.baseURL, "--model", "writer-model", "--concurrency", "1"])
        #expect(model.status == 0, "\(model.stderr)")
        #expect(model.stderr.contains("(openai): 4 kept, 1 dropped — off-rule 1"), "\(model.stderr)")
        let requests = try server.received()
        #expect(requests.count == 5 * 2 + 4, "ideator and writer for five documents, the critic for the four that passed the gates: \(model.stderr)")
        #expect(requests.allSatisfy { $0["seed"] is Int && $0["model"] as? String == "writer-model" })
        let writerRequests = requests.filter { (($0["messages"] as? [[String: Any]])?.last?["content"] as? String)?.hasPrefix("Write a ") == true }
        #expect(writerRequests.allSatisfy { $0["max_tokens"] as? Int == 2048 })
        let criticRequests = requests.filter { (($0["messages"] as? [[String: Any]])?.last?["content"] as? String)?.hasPrefix("You check documents") == true }
        #expect(criticRequests.count == 4 && criticRequests.allSatisfy { ($0["temperature"] as? Double) == 0 })

        let listed = try #require(try s.json(["midtrain", "list", "--spec", "kitchen"]) as? [[String: Any]])
        #expect(listed.count == 8)
        let byModel = listed.compactMap { $0["document"] as? [String: Any] }.filter { ($0["provenance"] as? [String: Any])?["generator"] as? String == "openai" }
        #expect(Set(byModel.compactMap { ($0["rules"] as? [String])?.first }).count == 3,
                "the dropped document's rule is written again, so every rule is covered")
        let modelMade = try #require(listed.first { (($0["document"] as? [String: Any])?["provenance"] as? [String: Any])?["generator"] as? String == "openai" })
        let provenance = try #require((modelMade["document"] as? [String: Any])?["provenance"] as? [String: Any])
        #expect(provenance["model"] as? String == "writer-model")
        #expect((provenance["exchanges"] as? [Any])?.count == 3)
        #expect((provenance["critic"] as? String)?.hasPrefix("PASS") == true)
        #expect((provenance["templates"] as? [String: String])?["doc-writer"]?.contains("sha256:") == true)

        // Review in a real terminal: accept the first, reject the second, edit the third.
        let ids = listed.compactMap { $0["id"] as? String }
        do {
            let tui = try s.workbench(["midtrain", "review", "--spec", "kitchen"], width: 120, height: 32)
            defer { tui.stop() }
            let first = try tui.waitFor("Document 1/8")
            #expect(first.contains("why: "), "the rule's rationale is beside the document")
            try tui.press("a")
            try tui.waitFor("Document 2/8")
            try tui.press("x")
            try tui.waitFor("Document 3/8")
            try tui.press("e")
            try tui.waitFor("Ctrl-S save")
            try tui.press("End")
            try tui.type(" (reviewed by hand)")
            try tui.press("C-s")
            try tui.waitFor("edited (the original is kept)", timeout: 20)
            try tui.press("q")
            _ = try tui.waitForExit(timeout: 20)
        }
        func status(_ id: String) throws -> [String: Any] { try s.json(["midtrain", "show", id]) as? [String: Any] ?? [:] }
        #expect(try status(ids[0])["status"] as? String == "accepted")
        #expect(try status(ids[1])["status"] as? String == "rejected")
        let edited = try status(ids[2])
        #expect(edited["status"] as? String == "edited")
        #expect(edited["decidedBy"] as? String == "alice")
        let editedText = try #require((edited["document"] as? [String: Any])?["text"] as? String)
        #expect(editedText.contains("(reviewed by hand)"))
        #expect((edited["original"] as? String)?.contains("(reviewed by hand)") == false, "the original is kept")
        #expect(try s.tenet(["midtrain", "decide", ids[3], "accept"]).status == 0)

        let stats = try #require(try s.json(["midtrain", "stats", "--spec", "kitchen"]) as? [String: Any])
        #expect(stats["documents"] as? Int == 8)
        #expect(stats["accepted"] as? Int == 3)

        // Export, and load both forms with the real datasets library.
        #expect(try s.tenet(["export", "docs", "--out", "docs.jsonl"]).status == 0)
        let lines = s.read("docs.jsonl").split(separator: "\n")
        #expect(lines.count == 3)
        let hf = try s.tenet(["export", "docs", "--format", "hf", "--out", "dataset"])
        #expect(hf.status == 0, "\(hf.stderr)")
        let card = s.read("dataset/README.md")
        #expect(card.contains("# Midtraining documents exported from Tenet"))
        #expect(card.contains("`kitchen` — Kitchen Helper"))
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            Issue.record("no Python environment with datasets at .venv/: run `make test` (or python3 -m venv .venv && .venv/bin/pip install datasets==5.2.0)")
            return
        }
        let loaded = try TenetProcess.runProgram(Self.python, ["-c", """
            import json, datasets
            lines = datasets.load_dataset('json', data_files='docs.jsonl', split='train')
            folder = datasets.load_dataset('dataset', split='train')
            print(json.dumps({'rows': lines.num_rows, 'folder_rows': folder.num_rows, 'columns': sorted(folder.column_names),
                              'texts': [row['text'] for row in folder], 'rules': [row['rule_ids'] for row in folder],
                              'features': {k: str(v) for k, v in folder.features.items()}}))
            """], in: s.directory, environment: ["HF_DATASETS_OFFLINE": "1", "HF_HOME": s.directory + "/hf"])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(loaded.stdout.utf8)) as? [String: Any])
        #expect(result["rows"] as? Int == 3 && result["folder_rows"] as? Int == 3)
        #expect((result["columns"] as? [String])?.contains("text") == true)
        #expect((result["columns"] as? [String])?.contains("critic") == true)
        #expect((result["texts"] as? [String])?.contains(editedText) == true, "the reviewer's edit is what is exported")
        #expect((result["rules"] as? [[String]])?.allSatisfy { $0.count == 1 && $0[0].hasPrefix("kitchen.") } == true)
        // The card fixes each column's type, so that a column null on every line (`model`,
        // for documents made offline) does not load as `null` in one export and `string`
        // in the next.
        let features = try #require(result["features"] as? [String: String])
        #expect(features["model"]?.contains("string") == true && features["seed"]?.contains("string") == true, "\(features)")
        #expect(features["tokens"]?.contains("int64") == true && features["edited"]?.contains("bool") == true, "\(features)")
    }
}
