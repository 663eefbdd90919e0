import Foundation
import Testing
@testable import TenetSpec

/// The byte writer behind `tenet parse --json` (``SpecJSON``) writes exactly what
/// Foundation's `JSONEncoder` writes for the same specs, with the options the commands use.
@Suite struct SpecJSONTests {
    static func encoderText(_ specs: [Spec]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(specs), as: UTF8.self)
    }

    @Test func everySampleAndFixtureSpecIsWrittenAsJSONEncoderWritesIt() throws {
        var paths = Paths.sampleFiles
        let publicSpecs = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs).filter { $0.hasSuffix(".md") }
        paths += publicSpecs.sorted().map { Paths.publicSpecs + "/" + $0 }
        paths.append(Paths.fixtures + "/numbered_rules.md")
        let specs = try paths.map { try SpecReader.read(path: $0) }
        #expect(specs.count > 10)
        #expect(SpecJSON.encode(specs) == (try Self.encoderText(specs)))
        #expect(SpecJSON.encode([]) == (try Self.encoderText([])))
    }

    /// Every field filled, every optional present and absent, and text with each control
    /// character, quotes, slashes, non-ASCII and attribute keys whose order depends on
    /// how keys are compared (case, digits).
    @Test func everyFieldAndEveryEscapeIsWrittenAsJSONEncoderWritesIt() throws {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        let odd = "a\"b\\c/d\(controls)é “q” \u{7F}\u{202E}\u{1F600}"
        var full = Rule(id: "r.\(odd)", explicitID: true, title: odd, text: odd, path: ["s", odd], line: 3, endLine: 9,
                        kind: .safety, direction: .prohibit, authority: .root, priority: 2, family: "f", scope: "s",
                        rationale: odd, exceptions: ["x", odd], concreteness: "c", tags: ["t1", "T2"],
                        attributes: ["b": "1", "B": "2", "a10": "3", "a9": "4", "_z": odd, "é": "5", "Z": ""],
                        commentary: odd, examples: [
                            Example(verdict: .bad, title: odd, turns: [Turn(role: "user", content: odd, name: "n"), Turn(role: "assistant", content: "")],
                                    reason: odd, violates: ["r"], line: 4, comparison: 1),
                            Example(verdict: .unspecified, title: "", turns: [], line: 5),
                        ], references: ["x"], placeholders: ["p"], kindReason: odd, directionReason: odd, leadIn: odd,
                        parent: "p", context: odd)
        full.examples[1].sourceVerdict = "OK"
        let bare = Rule(id: "bare", explicitID: false, title: "", line: 1, endLine: 1)
        var spec = Spec(id: "s", title: odd, description: odd, source: "/tmp/x.md", dialect: .modelSpec,
                        sections: [Section(id: "a", title: odd, level: 1, line: 1, endLine: 9, rules: ["r"],
                                           sections: [Section(id: "b", title: "", level: 2, line: 2, endLine: 2)])],
                        rules: [full, bare],
                        parameters: [Parameter(name: "p", values: ["a", odd], defaultValue: odd, description: odd, line: 1),
                                     Parameter(name: "q", line: 2)],
                        references: [CrossReference(id: odd, line: 7)],
                        diagnostics: [Diagnostic(file: odd, line: 0, column: 3, severity: .warning, code: "c", message: odd)])
        spec.anchors = ["a", odd]
        let empty = Spec(id: "", title: "", source: "", dialect: .prose)
        #expect(SpecJSON.encode([spec, empty]) == (try Self.encoderText([spec, empty])))
        // A field added to the model later is caught only if this fixture fills it: the
        // byte writer would leave it out while JSONEncoder writes it.
        #expect(Self.optionalsNeverSet(in: spec).isEmpty, "fill these in the fixture above so SpecJSON is checked on them")
    }

    /// `Type.field` of every optional stored property that is nil in every value of that
    /// type reachable from `root` (walked by reflection).
    static func optionalsNeverSet(in root: Any) -> [String] {
        var set: [String: Bool] = [:]
        func walk(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            let owner = String(describing: mirror.subjectType)
            for child in mirror.children {
                let inner = Mirror(reflecting: child.value)
                guard let label = child.label, inner.displayStyle == .optional else { walk(child.value); continue }
                let key = owner + "." + label
                if let some = inner.children.first {
                    set[key] = true
                    walk(some.value)
                } else if set[key] == nil {
                    set[key] = false
                }
            }
        }
        walk(root)
        return set.filter { !$0.value }.keys.sorted()
    }
}
