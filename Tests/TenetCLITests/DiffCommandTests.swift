import Foundation
import Testing

/// `tenet diff OLD NEW`.
@Suite struct DiffCommandTests {
    @Test func reportsEachKindOfChange() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let old = try String(contentsOfFile: TenetProcess.root + "/SampleSpecs/code-assistant.md", encoding: .utf8)
        let spec = try JSONSerialization.jsonObject(with: Data(try TenetProcess.run(["parse", "--json", "SampleSpecs/code-assistant.md"]).stdout.utf8)) as? [[String: Any]]
        let rules = try #require(spec?.first?["rules"] as? [[String: Any]])
        let first = try #require(rules.first?["id"] as? String)
        let second = try #require(rules.dropFirst().first?["id"] as? String)
        // Rename the first rule's ID, change the second rule's kind, add a rule at the end.
        var new = old.replacingOccurrences(of: "{#\(first) ", with: "{#\(first)-renamed ")
        let kind = try #require(rules.dropFirst().first?["kind"] as? String)
        let flipped = kind == "safety" ? "behavioral" : "safety"
        new = new.replacingOccurrences(of: "{#\(second) kind=\(kind)", with: "{#\(second) kind=\(flipped)")
        new += "\n### Brand new rule {#code.brand-new kind=behavioral}\n\nAlways say hello.\n"
        try old.write(toFile: directory + "/old.md", atomically: true, encoding: .utf8)
        try new.write(toFile: directory + "/new.md", atomically: true, encoding: .utf8)

        let result = try TenetProcess.run(["diff", "old.md", "new.md"], in: directory)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "old.md → new.md")
        #expect(lines.contains { $0.hasPrefix("+ code.brand-new  Brand new rule") && $0.contains("new.md:") })
        #expect(lines.contains { $0.hasPrefix("~ \(first)-renamed") && $0.contains("[was \(first); id]") })
        #expect(lines.contains { $0.hasPrefix("~ \(second)") && $0.contains("kind") })

        let exit = try TenetProcess.run(["diff", "--exit-code", "old.md", "new.md"], in: directory)
        #expect(exit.status == 1)
        let same = try TenetProcess.run(["diff", "--exit-code", "old.md", "old.md"], in: directory)
        #expect(same.status == 0)
        #expect(same.stdout.contains("0 added, 0 removed, 0 changed, 0 moved"))

        let json = try TenetProcess.run(["diff", "--json", "old.md", "new.md"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["status"] as? String == "added" && $0["id"] as? String == "code.brand-new" })
        #expect(changes.contains { $0["oldID"] as? String == first && $0["matchedBy"] as? String == "text" })
        // As the text: unchanged rules only with --all.
        #expect(!changes.contains { $0["status"] as? String == "unchanged" }, "\(changes)")
        #expect(changes.count == 3, "the renamed, the changed and the added rule: \(changes.count)")
        let all = try TenetProcess.run(["diff", "--json", "--all", "old.md", "new.md"], in: directory)
        let every = try #require((try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])?["changes"] as? [[String: Any]])
        #expect(every.count == rules.count + 1 && every.contains { $0["status"] as? String == "unchanged" })
    }

    @Test func aMissingFileIsAnError() throws {
        let result = try TenetProcess.run(["diff", "SampleSpecs/code-assistant.md", "nope.md"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nope.md: error: no such file"))
    }
}
