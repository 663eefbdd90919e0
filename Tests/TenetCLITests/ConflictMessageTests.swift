import Foundation
import Testing

/// A conflict (exit 3) says which command shows the thing again — the pair's for a pair,
/// the rule's for a rule — and the revision to retry with.
@Suite struct ConflictMessageTests {
    @Test func aConflictNamesTheCommandThatShowsItsKind() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func run(_ arguments: [String], user: String) throws -> TenetProcess.Result {
            try TenetProcess.run(arguments + ["--db", "tenet.db"], in: directory, environment: ["TENET_USER": user])
        }
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"], user: "alice").status == 0)
        let line = #"{"prompt": "q", "chosen": "careful", "rejected": "careless", "rule_ids": ["travel.budget-honesty"], "spec": "travel"}"#
        try (line + "\n").write(toFile: directory + "/pairs.jsonl", atomically: true, encoding: .utf8)
        #expect(try run(["import", "pairs", "pairs.jsonl"], user: "alice").status == 0)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"], user: "alice").stdout.utf8)) as? [[String: Any]])
        let pair = try #require(listed.first?["id"] as? String)

        #expect(try run(["pair", "decide", pair, "accept"], user: "alice").status == 0)
        let stalePair = try run(["pair", "decide", pair, "reject", "--expect-rev", "1"], user: "bob")
        #expect(stalePair.status == 3, "\(stalePair.stderr)")
        #expect(stalePair.stderr.contains("Read it again (tenet --db tenet.db pair show \(pair)) and retry with --expect-rev 2."), "\(stalePair.stderr)")

        #expect(try run(["rule", "set", "travel.budget-honesty", "--rationale", "Money matters."], user: "alice").status == 0)
        let staleRule = try run(["rule", "set", "travel.budget-honesty", "--kind", "safety", "--expect-rev", "1"], user: "bob")
        #expect(staleRule.status == 3, "\(staleRule.stderr)")
        #expect(staleRule.stderr.contains("Read it again (tenet --db tenet.db rule show travel/travel.budget-honesty) and retry with --expect-rev 2."),
                "\(staleRule.stderr)")
        // The command named works.
        #expect(try run(["rule", "show", "travel/travel.budget-honesty"], user: "bob").status == 0)
    }
}
