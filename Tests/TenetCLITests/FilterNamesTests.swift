import Foundation
import Testing

/// A `--spec` or `--rule` filter that names nothing in the project is a typo, refused as
/// `instantiate` refuses an unknown spec — never an empty answer that reads as "0 pairs".
@Suite struct FilterNamesTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
    }

    @Test func anUnknownSpecIsRefusedNamingTheSpecsThereAre() throws {
        for arguments in [["rule", "list", "--spec", "nope"], ["pair", "list", "--spec", "nope"], ["pair", "next", "--spec", "nope"],
                          ["stats", "--spec", "nope"], ["review", "--spec", "nope"], ["midtrain", "list", "--spec", "nope"],
                          ["midtrain", "stats", "--spec", "nope"], ["midtrain", "review", "--spec", "nope"],
                          ["import", "prompts", "--from-pairs", "--spec", "nope"],
                          ["export", "pairs", "--spec", "nope", "--out", "pairs.jsonl"], ["export", "docs", "--spec", "nope", "--out", "docs.jsonl"]] {
            let result = try run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("no spec `nope`; the project has: travel"), "\(arguments): \(result.stderr)")
        }
        for file in ["pairs.jsonl", "docs.jsonl"] {
            #expect(!FileManager.default.fileExists(atPath: directory + "/" + file), "no \(file) was written")
        }
    }

    @Test func anUnknownRuleIsRefused() throws {
        for arguments in [["pair", "list", "--rule", "travel.nope"], ["pair", "next", "--rule", "travel.nope"], ["review", "--rule", "travel.nope"],
                          ["midtrain", "list", "--rule", "travel.nope"], ["export", "pairs", "--rule", "travel.nope", "--out", "pairs.jsonl"]] {
            let result = try run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("no rule `travel.nope`; list them with tenet --db \(directory)/tenet.db rule list"), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/pairs.jsonl"))
    }

    /// What the filters may name: an archived spec (named, it is still there), a rule of
    /// the project, and a rule only an imported pair targets.
    @Test func whatTheProjectHasIsAccepted() throws {
        let line = #"{"prompt": "q", "chosen": "careful", "rejected": "careless", "rule_ids": ["elsewhere.rule"], "spec": "travel"}"#
        try (line + "\n").write(toFile: directory + "/pairs.jsonl", atomically: true, encoding: .utf8)
        #expect(try run(["import", "pairs", "pairs.jsonl"]).status == 0)
        let foreign = try run(["pair", "list", "--rule", "elsewhere.rule"])
        #expect(foreign.status == 0 && foreign.stdout.contains("elsewhere.rule"), "\(foreign.stderr)")
        let known = try run(["pair", "list", "--rule", "travel.budget-honesty"])
        #expect(known.status == 0 && known.stdout.isEmpty && known.stderr.contains("no pairs"), "\(known.stderr)")
        #expect(try run(["spec", "archive", "travel"]).status == 0)
        let archived = try run(["rule", "list", "--spec", "travel"])
        #expect(archived.status == 0 && archived.stderr.contains("14 rules"), "\(archived.stderr)")
        let export = try run(["export", "pairs", "--spec", "travel", "--status", "pending", "--out", "out.jsonl"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try run(["stats", "--spec", "travel"]).status == 0)
    }
}
