import Foundation
import Testing

/// Roles where midtraining documents are written: authors generate (others are refused
/// with exit 77 and nothing is written), annotators decide, and changing a decision
/// someone else made needs an adjudicator — as with pairs.
@Suite struct MidtrainAccessTests {
    @Test func authorsGenerateAnnotatorsDecideAdjudicatorsOverrule() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func tenet(_ arguments: [String], as user: String? = nil) throws -> TenetProcess.Result {
            try TenetProcess.run(arguments + ["--db", directory + "/project.db"] + (user.map { ["--user", $0] } ?? []), in: directory)
        }
        #expect(try tenet(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
        for (name, role) in [("ann", "annotator"), ("bob", "annotator"), ("vic", "viewer"), ("dana", "adjudicator"), ("alice", "author")] {
            let added = try tenet(["access", "add", name, "--role", role])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let refused = try tenet(["midtrain", "generate", "travel", "--count", "2"], as: "ann")
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("needs the author role"), "\(refused.stderr)")
        let made = try tenet(["midtrain", "generate", "travel", "--count", "2"], as: "alice")
        #expect(made.status == 0, "\(made.stderr)")
        let list = try JSONSerialization.jsonObject(with: Data(try tenet(["midtrain", "list", "--json"], as: "vic").stdout.utf8)) as? [[String: Any]]
        let id = try #require(list?.first?["id"] as? String)
        #expect(list?.count == 2)

        #expect(try tenet(["midtrain", "decide", id, "accept"], as: "vic").status == 77, "a viewer only reads")
        #expect(try tenet(["midtrain", "decide", id, "accept"], as: "ann").status == 0)
        let overrule = try tenet(["midtrain", "decide", id, "reject"], as: "bob")
        #expect(overrule.status == 77)
        #expect(overrule.stderr.contains("adjudicator"), "\(overrule.stderr)")
        #expect(try tenet(["midtrain", "decide", id, "reject", "--note", "repeats the rule without its reason"], as: "dana").status == 0)
        let shown = try JSONSerialization.jsonObject(with: Data(try tenet(["midtrain", "show", id, "--json"], as: "vic").stdout.utf8)) as? [String: Any]
        #expect(shown?["status"] as? String == "rejected")
        #expect(shown?["decidedBy"] as? String == "dana")
        // Undo is per person and restores the decision beneath.
        #expect(try tenet(["undo"], as: "dana").status == 0)
        let restored = try JSONSerialization.jsonObject(with: Data(try tenet(["midtrain", "show", id, "--json"], as: "vic").stdout.utf8)) as? [String: Any]
        #expect(restored?["status"] as? String == "accepted")
        #expect(restored?["decidedBy"] as? String == "ann")
        let byRule = try tenet(["midtrain", "list", "--rule", ((shown?["document"] as? [String: Any])?["rules"] as? [String])?.first ?? "", "--json"], as: "vic")
        #expect(byRule.stdout.contains(id), "the rule filter still finds it after the undo")
        let log = try tenet(["log", "--limit", "3"])
        #expect(log.stdout.contains("midtrain: rejected document \(id)"), "\(log.stdout)")
    }
}
