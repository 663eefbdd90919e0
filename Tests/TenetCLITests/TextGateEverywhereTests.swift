import Foundation
import Testing

/// Every way text comes into a project refuses what `pair edit` and `import pairs` refuse
/// (``QualityCheck/textProblem``): a NUL, an escape sequence or another control character
/// is no text anyone wrote, and must not reach training data or a terminal. Midtraining
/// edits, prompt sets and boundary examples are checked the same way; a model's document
/// that holds one is a failed generation, never stored.
@Suite struct TextGateEverywhereTests {
    static let escape = "Clear the screen\u{1B}[2J and carry on."

    @Test func aMidtrainingEditWithAnEscapeIsRefusedAndTheDocumentKept() throws {
        let p = try TravelProject()
        #expect(try p.run(["midtrain", "generate", "travel", "--count", "1"]).status == 0)
        let listed = try JSONSerialization.jsonObject(with: Data(try p.run(["midtrain", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
        let id = try #require(listed?.first?["id"] as? String)
        try Self.escape.write(toFile: p.directory + "/ed.txt", atomically: true, encoding: .utf8)
        let refused = try p.run(["midtrain", "edit", id, "--text-file", "ed.txt"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("holds control character U+001B"), "\(refused.stderr)")
        let shown = try p.run(["midtrain", "show", id, "--json"])
        #expect(!shown.stdout.contains("\\u001b") && !shown.stdout.contains("\u{1B}"), "nothing of the edit was stored")
        #expect(shown.stdout.contains("\"status\" : \"pending\"") || shown.stdout.contains("\"status\":\"pending\""), "\(shown.stdout)")
    }

    /// The critic read the generated text; once it is edited, the verdict says so.
    @Test func anEditedDocumentsVerdictIsLabelledAsAboutTheGeneratedText() throws {
        let p = try TravelProject()
        #expect(try p.run(["midtrain", "generate", "travel", "--count", "1"]).status == 0)
        let listed = try JSONSerialization.jsonObject(with: Data(try p.run(["midtrain", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
        let id = try #require(listed?.first?["id"] as? String)
        #expect(try p.run(["midtrain", "show", id]).stdout.contains("\nchecks: PASS"))
        try MidtrainEditGateTests.longEdit.write(toFile: p.directory + "/ed.txt", atomically: true, encoding: .utf8)
        let edited = try p.run(["midtrain", "edit", id, "--text-file", "ed.txt"])
        #expect(edited.status == 0, "\(edited.stderr)")
        let shown = try p.run(["midtrain", "show", id]).stdout
        #expect(shown.contains("checks (on the generated text, before the edit): PASS"), "\(shown)")
        #expect(!shown.contains("\ncritic: "), "\(shown)")
    }

    /// A viewer is refused for want of the annotator role, not the adjudicator's.
    @Test func aViewersEditIsRefusedNamingTheAnnotatorRole() throws {
        let p = try TravelProject()
        for (name, role) in [("alice", "author"), ("carol", "viewer")] {
            // As the database's owner (the login name), who may configure access.
            let added = try TenetProcess.run(["access", "add", name, "--role", role, "--db", p.directory + "/tenet.db"], in: p.directory)
            #expect(added.status == 0, "\(added.stderr)")
        }
        #expect(try p.run(["midtrain", "generate", "travel", "--count", "1"]).status == 0)
        let listed = try JSONSerialization.jsonObject(with: Data(try p.run(["midtrain", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
        let id = try #require(listed?.first?["id"] as? String)
        #expect(try p.run(["midtrain", "decide", id, "accept"]).status == 0)
        try "A viewer's attempt at a rewrite.".write(toFile: p.directory + "/ed.txt", atomically: true, encoding: .utf8)
        let refused = try p.run(["midtrain", "edit", id, "--text-file", "ed.txt"], user: "carol")
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.contains("needs the annotator role"), "\(refused.stderr)")
    }

    @Test func promptsWithControlCharactersAreRefusedByLine() throws {
        let p = try TravelProject()
        let lines = [#"{"prompt": "Plan a weekend in Lisbon."}"#, #"{"prompt": "Wipe \u001b[2J the screen"}"#, #"{"prompt": "A NUL \u0000 here"}"#]
        try (lines.joined(separator: "\n") + "\n").write(toFile: p.directory + "/prompts.jsonl", atomically: true, encoding: .utf8)
        let refused = try p.run(["import", "prompts", "prompts.jsonl", "--name", "bad"])
        #expect(refused.status != 0, "\(refused.stdout) \(refused.stderr)")
        #expect(refused.stderr.contains(":2:") && refused.stderr.contains("U+001B"), "\(refused.stderr)")
        #expect(refused.stderr.contains(":3:") && refused.stderr.contains("U+0000"), "\(refused.stderr)")
        let sets = try p.run(["prompts", "list"])
        #expect(!sets.stdout.contains("bad"), "nothing was imported: \(sets.stdout)")
    }

    @Test func boundaryExamplesWithControlCharactersAreRefused() throws {
        let p = try TravelProject()
        let added = try p.run(["rule", "example", "add", "travel.budget-honesty", "--verdict", "BAD", "--title", "Escape",
                               "--turn", "user:\u{1B}[2JHow cheap can Paris be?", "--turn", "assistant:Very cheap."])
        #expect(added.status == 64, "a --turn is checked as the command's input: \(added.stderr)")
        #expect(added.stderr.contains("--turn 1: the `user:` turn holds control character U+001B"), "\(added.stderr)")
        try "user: How cheap can Paris be?\nassistant: Very \u{7}cheap.\n".write(toFile: p.directory + "/chat.txt", atomically: true, encoding: .utf8)
        let fromFile = try p.run(["rule", "example", "add", "travel.budget-honesty", "--verdict", "BAD", "--title", "Bell", "--chat-file", "chat.txt"])
        #expect(fromFile.status == 1, "\(fromFile.stderr)")
        #expect(fromFile.stderr.contains("chat.txt:2:") && fromFile.stderr.contains("U+0007"), "\(fromFile.stderr)")
        let rule = try p.run(["rule", "show", "travel.budget-honesty", "--json"])
        #expect(!rule.stdout.contains("Escape") && !rule.stdout.contains("Bell"), "no example was added")
    }

    /// A model's document with an escape sequence fails the `well-formed` gate and is not
    /// stored, not even with --keep-failed (which keeps other failures as flagged).
    @Test func aModelsDocumentWithAnEscapeIsAFailedGeneration() throws {
        let p = try TravelProject()
        let server = try MidtrainServer(in: p.directory, offRule: 0, controlAt: 1)
        let made = try p.run(["midtrain", "generate", "travel", "--count", "2", "--seed", "3", "--provider", "openai",
                              "--base-url", server.baseURL, "--model", "m", "--concurrency", "1", "--keep-failed"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("malformed text 1"), "\(made.stderr)")
        let listed = try p.run(["midtrain", "list", "--json"])
        let documents = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(documents?.count == 2, "two good ones kept, the malformed one not: \(listed.stdout)")
        #expect(!listed.stdout.contains("\\u001b") && !listed.stdout.contains("\u{1B}"))
        #expect(documents?.allSatisfy { $0["status"] as? String == "pending" } == true)
    }
}
