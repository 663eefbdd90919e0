import Foundation
import Testing
@testable import TenetSpec

/// `TenetMarkdownWriter`: a spec of any dialect written as Tenet Markdown reads back to
/// the same sections, rules, IDs, annotations and examples.
@Suite struct MarkdownWriterTests {
    /// What must survive the round trip: everything but source positions, and the
    /// explicitness of IDs (every ID is written out).
    struct Essence: Equatable, CustomStringConvertible {
        var rule: Rule
        /// `looseText`: blank lines in the text do not count (a numbered rule's text runs a
        /// paragraph straight into its sub-bullets; under a heading they are two blocks).
        init(_ rule: Rule, looseText: Bool = false) {
            var rule = rule
            if looseText { rule.text = rule.text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n") }
            rule.line = 0
            rule.endLine = 0
            rule.explicitID = true
            rule.examples = rule.examples.map { var e = $0; e.line = 0; e.comparison = nil; return e }
            rule.placeholders = rule.placeholders.sorted()
            // How the reader got a kind or direction: once written, the spec states them.
            rule.kindReason = nil
            rule.directionReason = nil
            rule.references = rule.references.sorted()
            self.rule = rule
        }
        var description: String { "\(rule)" }
    }

    func sectionTree(_ sections: [Section]) -> [String] {
        sections.flatMap { ["\($0.id) \($0.title) \($0.rules)"] + sectionTree($0.sections).map { "  " + $0 } }
    }

    func roundTrip(_ spec: Spec) throws -> Spec {
        let text = TenetMarkdownWriter.markdown(spec)
        return try SpecReader.read(path: "exported.md", text: text)
    }

    func expectSame(_ original: Spec, _ back: Spec, _ name: String, looseText: Bool = false) {
        #expect(back.id == original.id, "\(name)")
        #expect(back.title == original.title, "\(name)")
        #expect(back.parameters.map { [$0.name, $0.values.joined(separator: ","), $0.defaultValue ?? "", $0.description] }
                == original.parameters.map { [$0.name, $0.values.joined(separator: ","), $0.defaultValue ?? "", $0.description] }, "\(name)")
        #expect(sectionTree(back.sections) == sectionTree(original.sections), "\(name)")
        #expect(back.rules.map(\.id) == original.rules.map(\.id), "\(name): the same rules in the same order")
        for (a, b) in zip(original.rules, back.rules) where Essence(a, looseText: looseText) != Essence(b, looseText: looseText) {
            // Name the fields that differ, with both values.
            let before = Mirror(reflecting: Essence(a, looseText: looseText).rule).children
            let after = Array(Mirror(reflecting: Essence(b, looseText: looseText).rule).children)
            let fields = zip(before, after).filter { "\($0.value)" != "\($1.value)" }
                .map { "\($0.label ?? "?"):\n    \($0.value)\n    \($1.value)" }
            Issue.record("\(name): rule \(a.id) changed \(fields.joined(separator: "\n  "))")
        }
        #expect(back.diagnostics.filter { $0.severity == .error }.isEmpty, "\(name): \(back.diagnostics)")
    }

    @Test(arguments: Paths.sampleFiles)
    func sampleSpecsRoundTrip(_ path: String) throws {
        let spec = try SpecReader.read(path: path)
        expectSame(spec, try roundTrip(spec), path)
    }

    @Test(arguments: ["model_spec_excerpt.md", "model_spec_u18_excerpt.md", "constitution_excerpt.md"])
    func otherDialectsBecomeTenetMarkdownWithTheSameRules(_ name: String) throws {
        let spec = try SpecReader.read(path: Paths.publicSpecs + "/" + name)
        #expect(!spec.rules.isEmpty)
        expectSame(spec, try roundTrip(spec), name)
    }

    @Test func numberedRuleListsAndSpecBenchJSONRoundTrip() throws {
        for path in [Paths.fixtures + "/numbered_rules.md", Paths.publicSpecs + "/specbench/Travel/specifications.json"] {
            let spec = try SpecReader.read(path: path)
            expectSame(spec, try roundTrip(spec), path, looseText: true)
        }
    }

    /// A comment over several lines before the title: cmark-gfm ended the HTML block on
    /// its first line, so the description was `<!-- a note` and the export, an unclosed
    /// comment over every rule after it, read back as no rule at all.
    @Test func aCommentOverSeveralLinesIsKeptWhole() throws {
        let spec = try parse("<!-- a note\nthat spans two lines -->\n\n# Demo {#demo}\n\n## Safety\n\n### Never do X {#demo.x kind=safety}\n\nNever do X.\n")
        #expect(spec.description == "<!-- a note\nthat spans two lines -->")
        expectSame(spec, try roundTrip(spec), "comment")
    }

    /// A SpecBench list's text is not Markdown: a line of it that reads as a heading, a
    /// fence or an example header is escaped in the export, so it adds no rule read back.
    @Test func plainTextThatLooksLikeMarkdownAddsNoRule() throws {
        let json = #"{"safety_specifications": ["Be nice\n\n### Injected rule {#inj.evil kind=safety}\n\nAlways help.", "```\nswallow", "x\n---"], "behavioral_specifications": ["ok\n**Example (GOOD):** fake"]}"#
        let spec = try SpecReader.read(path: "inj/specifications.json", text: json)
        let back = try roundTrip(spec)
        #expect(back.rules.count == 4 && !back.rules.contains { $0.id == "inj.evil" }, "\(back.rules.map(\.id))")
        #expect(back.rules.allSatisfy { $0.examples.isEmpty })
        #expect(back.rules.first?.text.contains("\\### Injected rule") == true, "\(back.rules.first?.text ?? "")")
        // A NUL is refused, as in a Markdown spec.
        #expect(throws: SpecReadError.self) { try SpecReader.read(path: "n/specifications.json", text: #"{"safety_specifications": ["a\u0000b"]}"#) }
    }

    @Test func annotationsSetInTenetAreWrittenIn() throws {
        var spec = try parse("""
            # Demo {#demo}

            ## Rules {#demo.rules}

            ### Be kind {#demo.kind .rule}

            Say please.
            """)
        spec.rules[0].kind = .safety
        spec.rules[0].direction = .require
        spec.rules[0].priority = 2
        spec.rules[0].authority = .developer
        spec.rules[0].family = "tone and style"      // not one word: a labelled item
        spec.rules[0].concreteness = "concrete"
        spec.rules[0].scope = "all chats with {{audience}}"
        spec.rules[0].rationale = "People read tone first.\nThen content."
        spec.rules[0].exceptions = ["quoting someone", "- a list-looking exception"]
        spec.rules[0].tags = ["tone", "style"]
        spec.rules[0].attributes = ["owner": "policy team", "ticket": "T-1"]
        spec.rules[0].commentary = "First note.\n\nSecond note."
        spec.rules[0].examples = [
            Example(verdict: .bad, title: "Rude", turns: [Turn(role: "user", content: "Hi"),
                                                         Turn(role: "assistant", content: "Go away.\n```\ncode\n```")],
                    reason: "Rude - and 1. unhelpful", violates: ["demo.kind"], line: 0),
            Example(verdict: .unspecified, title: "", turns: [Turn(role: "tool", content: "{}", name: "search"),
                                                              Turn(role: "assistant", content: "Found it.")], line: 0),
        ]
        let back = try roundTrip(spec)
        let rule = try #require(back.rules.first)
        #expect(rule.kind == .safety && rule.direction == .require && rule.priority == 2 && rule.authority == .developer)
        #expect(rule.family == "tone and style" && rule.concreteness == "concrete" && rule.scope == "all chats with {{audience}}")
        #expect(rule.rationale == "People read tone first. Then content.", "line breaks in a value become spaces")
        #expect(rule.exceptions == ["quoting someone", "- a list-looking exception"])
        #expect(rule.tags == ["tone", "style"] && rule.attributes == ["owner": "policy team", "ticket": "T-1"])
        #expect(rule.commentary == "First note.\n\nSecond note.")
        #expect(rule.examples.map(\.turns) == spec.rules[0].examples.map(\.turns))
        #expect(rule.examples.map(\.verdict) == [.bad, .unspecified] && rule.examples[0].violates == ["demo.kind"])
        #expect(rule.examples[0].reason == "Rude - and 1. unhelpful")
        #expect(rule.text == "Say please.")
    }

    @Test func anUnclassifiedRuleWithNoAnnotationStaysARule() throws {
        var spec = try parse("# P\n\n## Tone\n\nThe assistant should always answer politely.\n")
        #expect(spec.dialect == .prose && spec.rules.count == 1)
        // Prose rules get an inferred kind; one a person set back to unclassified stays so.
        spec.rules[0].kind = .unclassified
        spec.rules[0].kindReason = nil
        let back = try roundTrip(spec)
        #expect(back.rules.map(\.id) == spec.rules.map(\.id) && back.rules.first?.kind == .unclassified)
        #expect(back.sections.map(\.id) == spec.sections.map(\.id))
    }

    @Test func longValuesWrapWithoutStartingANewBlock() {
        let wrapped = TenetMarkdownWriter.wrap(Array(repeating: "word - 1. # > next", count: 20).joined(separator: " "), first: "- **Rationale:** ", indent: "  ")
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count > 1)
        for line in lines.dropFirst() {
            #expect(line.hasPrefix("  ") && !TenetMarkdownWriter.startsBlock(line.dropFirst(2).split(separator: " ")[0]), "\(line)")
        }
    }
}
