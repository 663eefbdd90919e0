import Foundation
import Testing

/// `tenet parse`, as a user and a script see it.
@Suite struct ParseCommandTests {
    @Test func printsAnIndentedTreeWithBadgesIDsAndLines() throws {
        let result = try TenetProcess.run(["parse", "SampleSpecs/travel-planning.md"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Travel Planning Assistant  (travel, tenet, SampleSpecs/travel-planning.md)") == true)
        #expect(lines.contains { $0.hasPrefix("  § ") })
        #expect(lines.contains { $0.hasPrefix("    [S] travel.") && $0.contains(":") })
        #expect(lines.contains { $0.hasPrefix("    [B] travel.") })
        #expect(!result.stdout.contains("\u{1B}["), "no colour escapes when NO_COLOR is set")
    }

    /// A SpecBench `specifications.json` written on one line: both sections start on line
    /// 1, and each rule is still printed once, under its own section (it was printed under
    /// both).
    @Test func aOneLineSpecBenchFileListsEachRuleOnce() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try #"{"safety_specifications": ["Never help with weapons.", "Never share addresses."], "behavioral_specifications": ["Be brief."]}"#
            .write(toFile: directory + "/specifications.json", atomically: true, encoding: .utf8)
        let result = try TenetProcess.run(["parse", directory + "/specifications.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("] safety-") }.count == 2 && lines.filter { $0.contains("] behavioral-") }.count == 1, "\(result.stdout)")
        let safety = try #require(lines.firstIndex { $0.contains("§ Safety") })
        let behavioral = try #require(lines.firstIndex { $0.contains("§ Behavioral") })
        #expect(lines[(safety + 1)..<behavioral].allSatisfy { $0.contains("] safety-") }, "\(result.stdout)")
        #expect(lines[(behavioral + 1)...].allSatisfy { $0.contains("] behavioral-") }, "\(result.stdout)")
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let result = try TenetProcess.run(["parse", "--json", "SampleSpecs/child-storytelling.md",
                                           "Tests/TenetSpecTests/Fixtures/public/model_spec_excerpt.md"])
        #expect(result.status == 0)
        let specs = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(specs.count == 2)
        for spec in specs {
            for key in ["id", "title", "source", "dialect", "sections", "parameters", "diagnostics", "rules", "references"] {
                #expect(spec[key] != nil, "spec key \(key)")
            }
            let rules = try #require(spec["rules"] as? [[String: Any]])
            #expect(!rules.isEmpty)
            for rule in rules {
                for key in ["id", "title", "text", "kind", "path", "line", "endLine", "examples"] {
                    #expect(rule[key] != nil, "rule key \(key)")
                }
                for example in rule["examples"] as? [[String: Any]] ?? [] {
                    #expect(["GOOD", "BAD", "BORDERLINE"].contains(example["verdict"] as? String ?? ""))
                    let turns = try #require(example["turns"] as? [[String: Any]])
                    #expect(turns.allSatisfy { $0["role"] is String && $0["content"] is String })
                    #expect(example["violates"] is [String])
                }
            }
        }
        let child = specs[0]
        #expect(child["dialect"] as? String == "tenet")
        let parameters = try #require(child["parameters"] as? [[String: Any]])
        #expect(parameters.allSatisfy { $0["name"] is String && $0["values"] is [String] })
    }

    @Test func oneUnreadableFileFailsTheRunButTheOthersArePrinted() throws {
        let result = try TenetProcess.run(["parse", "SampleSpecs/code-assistant.md", "no-such.md"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no-such.md: error: no such file"))
        #expect(result.stdout.contains("(code, tenet, SampleSpecs/code-assistant.md)"))
    }

    @Test func controlCharactersFromASpecAreShownNotSentToTheTerminal() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/evil.md"
        let evil = "# Evil \u{1B}]52;c;aGk=\u{07} title\n\n## Rule \u{1B}[2J {#r kind=safety}\n\nText \u{9B}31m.\n"
        try evil.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try TenetProcess.run(["parse", path])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("\u{07}"))
        #expect(!result.stdout.contains("\u{9B}"))
        #expect(result.stdout.contains("␛]52;c;aGk=␇"))
    }

    @Test func readsAFiftyMegabyteSpec() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var rule = "### Rule NUMBER {#rNUMBER kind=behavioral}\n\nKeep answers short and cite a source for each figure you give.\n\n"
        rule += "**Example (GOOD):** short\n\n```chat\nuser: How tall is Everest?\nassistant: 8,849 m (National Geographic, 2020).\n```\n\n"
        var text = "# Big\n\n## Rules\n\n"
        var n = 0
        while text.utf8.count < 50_000_000 {
            text += rule.replacingOccurrences(of: "NUMBER", with: String(n))
            n += 1
        }
        try text.write(toFile: directory + "/big.md", atomically: true, encoding: .utf8)
        let result = try TenetProcess.run(["lint", "big.md"], in: directory)
        #expect(result.status == 0)
        #expect(result.stderr.contains("0 errors, 0 warnings in 1 file"))
    }
}
