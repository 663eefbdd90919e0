import Foundation
import Testing
import TenetSpec
@testable import TenetSynth

/// A user's template may use the marks its template is filled with and no others: a typo
/// is refused when the template is read, with its line, instead of reaching the model.
@Suite struct TemplateMarksTests {
    func folder(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("marks-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: path + "/\(name).md", atomically: true, encoding: .utf8) }
        return path
    }

    @Test func everyBuiltInTemplateUsesOnlyItsMarks() throws {
        for name in TemplateMarks.filled.keys.sorted() {
            let text = try TemplateFile.load(name, overrides: nil).text
            #expect(text.contains("{{"), "\(name) uses marks")
            #expect(TemplateMarks.unknown(in: text, name: name).isEmpty, "\(name): \(TemplateMarks.unknown(in: text, name: name))")
        }
    }

    @Test func aMistypedMarkIsRefusedWithItsLine() throws {
        let dir = try folder(["planner": "Plan.\nRules:\n{{rules}} and {{nonexistent_var}}\n",
                              "doc-writer": "Write about {{rule_title}} ({{rule_id}}); braces {{ like this }}, {{}} and {{a-b}} are text.\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try TemplateFile.load("planner", overrides: dir)
            Issue.record("a mistyped mark was accepted")
        } catch {
            #expect(error.message.hasPrefix("\(dir)/planner.md:3: {{nonexistent_var}} is not filled in the planner template, which is given {{rules}}"),
                    "\(error.message)")
        }
        #expect(try TemplateFile.load("doc-writer", overrides: dir).origin == dir + "/doc-writer.md",
                "a mark the built-in does not use, but the writer is given, is fine")
    }

    /// The table is what the code fills: templates carrying every mark of the table reach
    /// the model with none of them left as written.
    @Test func everyMarkOfTheTableIsFilledWhenPairsAreGenerated() async throws {
        var files: [String: String] = [:]
        for role in AgentRole.allCases {
            files[role.rawValue] = (TemplateMarks.filled[role.rawValue] ?? []).sorted().map { "\($0): {{\($0)}}" }.joined(separator: "\n")
        }
        files["planner"]! += "\nAnswer as `rule: ID` and `strategy: NAME`."
        let dir = try folder(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = try SpecReader.read(path: "lab.md", text: DirectionInPromptsTests.spec)
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 2, maxRules: 2, coverage: .none))
        let recorder = DirectionInPromptsTests.Recorder(plannedRule: "lab.cite")
        let generator = Generator(provider: recorder, templates: try RoleTemplates.load(overrides: dir), spec: spec, instantiation: instance,
                                  instantiationName: nil, seed: 1)
        try await generator.run(0..<2, concurrency: 1) { _ in }
        for role in AgentRole.allCases {
            let prompts = recorder.prompts(role)
            #expect(!prompts.isEmpty, "\(role) was asked")
            #expect(!prompts.contains("{{"), "\(role): \(prompts.prefix(400))")
        }
    }
}
