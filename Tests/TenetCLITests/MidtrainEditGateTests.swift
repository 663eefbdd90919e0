import Foundation
import Testing

/// A reviewer's edit of a midtraining document goes through Tenet's own gates, as a
/// generated document does. Ten words used to be saved as an accepted ("edited")
/// document, shown and exported with the 185-word text's "written" and critic results.
@Suite struct MidtrainEditGateTests {
    /// A reviewer's rewrite long enough to be a document (over 60 words) and about nothing
    /// in particular: it passes "written", and is off the rule.
    static let longEdit = Array(repeating: "A reviewer rewrote this passage in plainer words for readers who are new to the subject.",
                                count: 5).joined(separator: " ")

    func firstDocument(_ p: TravelProject) throws -> String {
        #expect(try p.run(["midtrain", "generate", "travel", "--count", "1"]).status == 0)
        let listed = try JSONSerialization.jsonObject(with: Data(try p.run(["midtrain", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
        return try #require(listed?.first?["id"] as? String)
    }

    @Test func anEditTooShortToBeADocumentIsRefusedAndTheDocumentKept() throws {
        let p = try TravelProject()
        let id = try firstDocument(p)
        try "An edited document about travel rules, long enough? no.".write(toFile: p.directory + "/ed.txt", atomically: true, encoding: .utf8)
        let refused = try p.run(["midtrain", "edit", id, "--text-file", "ed.txt"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("fails Tenet's written check: 9 words (at least 60 make a document)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("reject"), "it says what to do instead")
        let shown = try p.run(["midtrain", "show", id]).stdout
        #expect(shown.contains("  pending") && !shown.contains("long enough? no."), "\(shown)")
    }

    /// An edit of a rejected document had made it "edited" — accepted — and exported it.
    @Test func anEditOfARejectedDocumentWaitsForADecision() throws {
        let p = try TravelProject()
        let id = try firstDocument(p)
        #expect(try p.run(["midtrain", "decide", id, "reject"]).status == 0)
        try Self.longEdit.write(toFile: p.directory + "/ed.txt", atomically: true, encoding: .utf8)
        let edited = try p.run(["midtrain", "edit", id, "--text-file", "ed.txt"])
        #expect(edited.status == 0 && edited.stderr.contains("it was rejected, so it waits for a decision again"), "\(edited.stderr)")
        #expect(try p.run(["midtrain", "show", id]).stdout.contains("  pending"))
        let export = try p.run(["export", "docs", "--out", "-"])
        #expect(!export.stdout.contains("A reviewer rewrote this passage"), "\(export.stdout)")
    }

    @Test func anEditsGatesAreItsOwnAndTheCriticsAreMarkedAsBeforeIt() throws {
        let p = try TravelProject()
        let id = try firstDocument(p)
        try Self.longEdit.write(toFile: p.directory + "/ed.txt", atomically: true, encoding: .utf8)
        let edited = try p.run(["midtrain", "edit", id, "--text-file", "ed.txt"])
        #expect(edited.status == 0, "\(edited.stderr)")
        let shown = try p.run(["midtrain", "show", id]).stdout
        let words = Self.longEdit.split(separator: " ").count
        #expect(shown.contains("✓ written (tenet): \(words) words"), "\(shown)")
        #expect(shown.contains("✗ on-rule (tenet)"), "the edit is off the rule, and says so: \(shown)")
        #expect(shown.contains("checks (on the generated text, before the edit): PASS"), "\(shown)")
    }
}
