import Foundation
import Testing

/// The same data is checked the same way whichever command brings it in: an example by
/// `rule example add|edit` as by the workbench's editor, a pair by `import pairs` as by
/// `pair edit` (one check each in the core: `ExampleCheck`, `QualityCheck.textGates`).
@Suite struct EntryCheckTests {
    typealias Project = StoreCommandTests.Project

    func examples(_ p: Project) throws -> [[String: Any]] {
        let rule = try #require(try p.json(["rule", "show", "travel.budget-honesty"]) as? [String: Any])
        return try #require((rule["rule"] as? [String: Any])?["examples"] as? [[String: Any]])
    }

    @Test func anExampleAddedOnTheCommandLineIsCheckedAsInTheWorkbench() throws {
        let p = try Project()
        try p.tenet(["import", "spec", "travel-planning.md"])
        let before = try examples(p).count
        func add(_ extra: [String]) throws -> TenetProcess.Result {
            try p.tenet(["rule", "example", "add", "travel.budget-honesty", "--verdict", "BAD", "--title", "t"] + extra)
        }
        // An answer before the user's turn: refused, not stored with the user's turn dropped.
        let late = try add(["--turn", "assistant:x", "--turn", "user:hi"])
        #expect(late.status == 64)
        #expect(late.stderr.contains("--turn 2: this `user:` turn comes after the judged answer"), "\(late.stderr)")
        // An empty turn.
        let empty = try add(["--turn", "user:", "--turn", "assistant:ok"])
        #expect(empty.status == 64 && empty.stderr.contains("--turn 1: the `user:` turn is empty"), "\(empty.stderr)")
        // An unknown role, named with the role meant.
        let human = try add(["--turn", "human:hi", "--turn", "assistant:ok"])
        #expect(human.status == 64 && human.stderr.contains("--turn 1: `human:` is not a role; write `user:`"), "\(human.stderr)")
        // A rule that is not in the spec (its Markdown export would fail lint).
        let nope = try add(["--turn", "user:hi", "--turn", "assistant:ok", "--violates", "travel.nope"])
        #expect(nope.status == 1 && nope.stderr.contains("`violates: travel.nope` is not a rule ID in this spec"), "\(nope.stderr)")
        // A chat file is checked the same way, by line.
        try "human: hi\nassistant: ok\n".write(toFile: p.directory + "/chat.txt", atomically: true, encoding: .utf8)
        let file = try add(["--chat-file", "chat.txt"])
        #expect(file.status == 1 && file.stderr.contains("chat.txt:1: `human:` is not a role; write `user:`"), "\(file.stderr)")
        #expect(try examples(p).count == before, "nothing refused was stored")

        // What passes is stored whole: every turn, a tool's name, a known rule.
        let good = try add(["--turn", "system:Be brief.", "--turn", "user:hi", "--turn", "tool (search):3 hotels",
                            "--turn", "assistant:ok", "--violates", "#travel.booking-consent"])
        #expect(good.status == 0, "\(good.stderr)")
        let added = try #require(try examples(p).last)
        #expect((added["turns"] as? [[String: Any]])?.map { $0["role"] as? String } == ["system", "user", "tool", "assistant"])
        #expect((added["turns"] as? [[String: Any]])?[2]["name"] as? String == "search")
        #expect(added["violates"] as? [String] == ["travel.booking-consent"])
        // An edit is checked too.
        let number = String(try examples(p).count)
        let edit = try p.tenet(["rule", "example", "edit", "travel.budget-honesty", number, "--turn", "assistant:x", "--turn", "user:hi"])
        #expect(edit.status == 64 && edit.stderr.contains("comes after the judged answer"), "\(edit.stderr)")
    }

    @Test func importedPairsPassTheChecksAnEditedOnePasses() throws {
        let p = try Project()
        try p.tenet(["import", "spec", "travel-planning.md"])
        let big = String(repeating: "a", count: 300 * 1024)
        let lines = [
            #"{"prompt": "fine", "chosen": "good", "rejected": "bad"}"#,
            #"{"prompt": "", "chosen": "", "rejected": "bad"}"#,
            #"{"prompt": "q", "chosen": "Same.", "rejected": "same"}"#,
            #"{"prompt": "q", "chosen": "a\u0000b\u001b[2J", "rejected": "bad"}"#,
            #"{"prompt": "q", "chosen": "\#(big)", "rejected": "bad"}"#,
            #"{"prompt": "", "chosen": "good", "rejected": "bad"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: p.directory + "/bad.jsonl", atomically: true, encoding: .utf8)
        let refused = try p.tenet(["import", "pairs", "bad.jsonl"])
        #expect(refused.status == 1)
        for expected in ["bad.jsonl:2: error: the chosen answer is empty", "bad.jsonl:3: error: the two answers are the same text",
                         "bad.jsonl:4: error: the chosen answer holds control character U+0000 (on its line 1)",
                         "bad.jsonl:5: error: the chosen answer is 300 KiB; an answer is at most 256 KiB of text",
                         "bad.jsonl:6: error: the prompt is empty", "nothing imported: 5 bad lines"] {
            #expect(refused.stderr.contains(expected), "\(expected) in \(refused.stderr)")
        }
        #expect(!refused.stderr.contains("bad.jsonl:1:"))
        #expect(try p.tenet(["pair", "list"]).stderr.hasPrefix("no pairs"), "nothing written")
        let skipped = try p.tenet(["import", "pairs", "bad.jsonl", "--skip-bad"])
        #expect(skipped.stdout.contains("imported 1 pair") && skipped.stdout.contains("5 bad lines skipped"), "\(skipped.stdout)")

        // pair edit: a binary file, an answer the same as the other one.
        let list = try #require(try p.json(["pair", "list"]) as? [[String: Any]])
        let id = try #require(list.first?["id"] as? String)
        try Data([0x61, 0x62, 0x63, 0x00, 0x64, 0x65, 0x66, 0x01]).write(to: URL(fileURLWithPath: p.directory + "/bin.md"))
        let binary = try p.tenet(["pair", "edit", id, "--chosen-file", "bin.md"])
        #expect(binary.status == 1 && binary.stderr.contains("the chosen answer holds control character U+0000"), "\(binary.stderr)")
        try "BAD!\n".write(toFile: p.directory + "/same.md", atomically: true, encoding: .utf8)
        let same = try p.tenet(["pair", "edit", id, "--chosen-file", "same.md"])
        #expect(same.status == 1 && same.stderr.contains("the two answers would be the same text"), "\(same.stderr)")
        let show = try #require(try p.json(["pair", "show", id]) as? [String: Any])
        #expect(show["revision"] as? Int == 1, "nothing written: \(show)")
    }
}
