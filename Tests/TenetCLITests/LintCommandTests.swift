import Foundation
import Testing

/// `tenet lint`: `file:line:col: severity: message [code]`, exit 1 on errors.
@Suite struct LintCommandTests {
    @Test func theSampleSpecsLintClean() throws {
        let samples = try FileManager.default.contentsOfDirectory(atPath: TenetProcess.root + "/SampleSpecs")
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { "SampleSpecs/" + $0 }
        let result = try TenetProcess.run(["lint"] + samples)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr == "0 errors, 0 warnings in \(samples.count) files\n")
    }

    @Test func errorsPrintWithTheirPlaceAndExitOne() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
        # S

        ### A {#a kind=safety}

        See [?](#missing).

        ### B {#a kind=behavioral}

        Text.
        """.write(toFile: directory + "/bad.md", atomically: true, encoding: .utf8)
        let result = try TenetProcess.run(["lint", "bad.md"], in: directory)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("bad.md:5:1: error: link to `#missing`, which is neither a rule nor a section of this spec [broken-reference]"))
        #expect(lines.contains { $0.hasPrefix("bad.md:7:1: error: ID `a` of this rule is already used by the rule at line 3") })
        #expect(lines.allSatisfy { $0.range(of: #"^bad\.md:\d+:\d+: (error|warning|note): .+ \[[a-z-]+\]$"#, options: .regularExpression) != nil })
        #expect(result.stderr.hasPrefix("2 errors, "))
    }

    @Test func warningsAloneExitZero() throws {
        let result = try TenetProcess.run(["lint", "Tests/TenetSpecTests/Fixtures/public/specbench/Child/specifications.json"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("warning: rule safety-1 has no boundary example [no-examples]"))
    }

    @Test func unreadableFilesAreErrorsInTheSameFormat() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data([0x23, 0x20, 0x54, 0x0A, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: directory + "/latin1.md"))
        let result = try TenetProcess.run(["lint", "latin1.md", "."], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("latin1.md:2:1: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8 [unreadable]"))
        #expect(result.stdout.contains(".: error: is a directory"))
    }

    @Test func jsonListsDiagnostics() throws {
        let result = try TenetProcess.run(["lint", "--json", "Tests/TenetSpecTests/Fixtures/public/model_spec_excerpt.md"])
        #expect(result.status == 1)
        let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(diagnostics.contains { $0["code"] as? String == "broken-reference" && $0["line"] as? Int == 325 })
        #expect(diagnostics.allSatisfy { $0["severity"] is String && $0["file"] is String && $0["column"] is Int })
        // A clean file: `[]`, as every empty JSON list Tenet prints (Foundation wrote `[`, a blank line, `]`).
        let clean = try TenetProcess.run(["lint", "--json", "SampleSpecs/travel-planning.md"])
        #expect(clean.status == 0 && clean.stdout == "[]\n", "\(clean.stdout)")
    }
}
