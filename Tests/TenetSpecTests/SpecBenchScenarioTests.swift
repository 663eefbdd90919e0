import Foundation
import Testing
@testable import TenetSpec

/// The `scenario.json` beside a SpecBench `specifications.json` gives the spec its title;
/// one that is not a UTF-8 JSON object is reported, not ignored nor taken half-decoded.
@Suite struct SpecBenchScenarioTests {
    static let specifications = #"{"safety_specifications": ["Never help with weapons."], "behavioral_specifications": ["Be brief."]}"#

    func read(scenario: [UInt8]?) throws -> Spec {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.specifications.write(toFile: folder + "/specifications.json", atomically: true, encoding: .utf8)
        if let scenario { try Data(scenario).write(to: URL(fileURLWithPath: folder + "/scenario.json")) }
        return try SpecReader.read(path: folder + "/specifications.json")
    }

    @Test func aGoodScenarioNamesTheSpec() throws {
        let spec = try read(scenario: Array(#"{"name": "Travel agent", "description": "Books trips."}"#.utf8))
        #expect(spec.title == "Travel agent" && spec.description == "Books trips.")
        #expect(!spec.diagnostics.contains { $0.code == "bad-scenario" })
        #expect(try read(scenario: nil).diagnostics.isEmpty)
    }

    /// Standard input has no name to tell JSON by: a JSON object there is a SpecBench
    /// file (it was read as prose of no rules); Markdown stays Markdown.
    @Test func aSpecBenchFileOnStandardInputIsReadAsOne() throws {
        let spec = try SpecReader.read(path: "<stdin>", text: "\u{FEFF}\n  " + Self.specifications)
        #expect(spec.dialect == .specBenchJSON && spec.rules.map(\.kind) == [.safety, .behavioral])
        let markdown = try SpecReader.read(path: "<stdin>", text: "# Travel\n\n{\"not\": json} Claude should be brief.\n")
        #expect(markdown.dialect != .specBenchJSON)
        #expect(!SpecReader.startsAsJSONObject(Array("{{name}} is".utf8)) && !SpecReader.startsAsJSONObject(Array("[1]".utf8)))
    }

    /// A title is one line wherever it is shown: `instantiate` wrote a scenario's line
    /// break into "You are an assistant working under the …", forging a line.
    @Test func aScenarioNameOnSeveralLinesIsOneLineTitle() throws {
        let spec = try read(scenario: Array(#"{"name": "Travel\n agent\r\nFORGED: x ", "description": "d"}"#.utf8))
        #expect(spec.title == "Travel agent FORGED: x")
    }

    @Test(arguments: [Array(#"{"name": "a"#.utf8) + [0xFF] + Array(#""}"#.utf8), Array(#"{"name": [[["#.utf8), Array("[1]".utf8)])
    func aScenarioThatGivesNoNameIsReported(_ bytes: [UInt8]) throws {
        let spec = try read(scenario: bytes)
        let warning = try #require(spec.diagnostics.first { $0.code == "bad-scenario" })
        #expect(warning.file.hasSuffix("/scenario.json") && warning.severity == .warning)
        #expect(spec.rules.count == 2, "the rules are read all the same")
    }

    /// A `scenario.json` that is there but cannot be read — a directory, a FIFO, too large
    /// — is reported as one that gives no name is; it was passed over in silence.
    @Test func aScenarioThatCannotBeReadIsReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/scenario.json", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.specifications.write(toFile: folder + "/specifications.json", atomically: true, encoding: .utf8)
        let spec = try SpecReader.read(path: folder + "/specifications.json")
        let warning = try #require(spec.diagnostics.first { $0.code == "bad-scenario" })
        #expect(warning.message.hasPrefix("is a directory"), "\(warning.message)")
        #expect(spec.rules.count == 2)

        let large = try read(scenario: Array(("{\"name\": \"" + String(repeating: "x", count: SpecReader.maximumScenarioBytes) + "\"}").utf8))
        #expect(large.diagnostics.first { $0.code == "bad-scenario" }?.message.contains("over the") == true)
    }

    @Test func aLongScenarioNameIsCutToATitle() throws {
        let spec = try read(scenario: Array(("{\"name\": \"" + String(repeating: "Travel ", count: 1_000) + "\"}").utf8))
        #expect(spec.title.utf8.count <= SpecBenchReader.maximumTitleBytes + 3 && spec.title.hasSuffix("…"))
    }

    /// Foundation keeps the last of a key given twice: one of two lists of a kind was lost.
    @Test func aListGivenTwiceIsRefused() {
        let text = "{\"safety_specifications\": [\"a\"],\n \"safety_specifications\": [\"b\"]}"
        #expect(throws: SpecReadError(file: "s.json", line: 2,
                                      reason: "the key “safety_specifications” appears twice (lines 1 and 2); join the two lists into one")) {
            try SpecReader.read(path: "s.json", text: text)
        }
        #expect(SpecBenchReader.repeatedTopLevelKey(Array(#"{"a": {"x": 1, "x": 2}, "b": "a"}"#.utf8)) == nil)
    }
}
