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

    /// A template is read as a spec is: a FIFO, a folder, over 1 MiB or bad UTF-8 is an
    /// error naming the file (a FIFO blocked, 3 GB aborted, bad bytes reached the model as
    /// U+FFFD), and a `--templates` folder that is not there is refused, not silently
    /// replaced by the built-in templates.
    @Test func aTemplateThatCannotBeReadIsAnErrorNotTheBuiltInOne() throws {
        let dir = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func message(_ name: String, _ overrides: String) -> String {
            do { _ = try TemplateFile.load(name, overrides: overrides); return "loaded" } catch { return error.message }
        }
        #expect(mkfifo(dir + "/planner.md", 0o600) == 0)
        #expect(message("planner", dir) == "\(dir)/planner.md: not a regular file (a FIFO, a socket or a device); save it to a file and give that")
        try FileManager.default.createDirectory(atPath: dir + "/judge.md", withIntermediateDirectories: false)
        #expect(message("judge", dir).hasPrefix("\(dir)/judge.md: is a directory"))
        try Data(repeating: 0x61, count: (1 << 20) + 1).write(to: URL(fileURLWithPath: dir + "/attacker.md"))
        #expect(message("attacker", dir) == "\(dir)/attacker.md: is 1 MiB, over the 1 MiB Tenet reads")
        try Data(Array("Plan.\n{{rules}} caf".utf8) + [0xC3, 0x28, 0x0A]).write(to: URL(fileURLWithPath: dir + "/defender.md"))
        #expect(message("defender", dir).hasPrefix("\(dir)/defender.md:2: not valid UTF-8 (byte 0xC3)"), "\(message("defender", dir))")
        #expect(message("planner", dir + "/nope").hasPrefix("\(dir)/nope: no such folder for --templates"))
        #expect(try TemplateFile.load("violator", overrides: dir).origin == "built-in", "a folder without the file: the built-in one")
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
