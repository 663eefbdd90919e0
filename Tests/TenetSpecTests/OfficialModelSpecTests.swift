import Foundation
import Testing
@testable import TenetSpec

/// The whole public OpenAI Model Spec (CC0; `Fixtures/public/model_spec.md`, see SOURCE.txt
/// there), read as its authors wrote it.
@Suite struct OfficialModelSpecTests {
    static let path = Paths.publicSpecs + "/model_spec.md"

    static func source() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func everyVerdictIsReadAndNoMarkerStaysInAnAnswer() throws {
        let spec = try SpecReader.read(path: Self.path)
        let text = try Self.source()
        let examples = spec.rules.flatMap(\.examples)
        let good = Self.occurrences(of: "<!-- GOOD", in: text)
        let bad = Self.occurrences(of: "<!-- BAD", in: text)
        let ok = Self.occurrences(of: "<!-- OK", in: text)
        #expect((good, bad, ok) == (193, 196, 8), "the fixture as committed")
        #expect(examples.filter { $0.verdict == .good }.count == good)
        #expect(examples.filter { $0.verdict == .bad }.count == bad)
        #expect(examples.filter { $0.verdict == .borderline && $0.sourceVerdict == "OK" }.count == ok)
        #expect(!examples.contains { $0.verdict == .unspecified })
        for example in examples {
            for turn in example.turns {
                #expect(!turn.content.contains("<!--"), "a comment left in “\(example.title)”")
            }
        }
        // The comma forms keep their reason.
        #expect(examples.contains { $0.verdict == .good && $0.reason == "given high uncertainty" })
        #expect(examples.contains { $0.verdict == .bad && $0.reason == "given high uncertainty" })
        #expect(examples.contains { $0.sourceVerdict == "OK" && $0.reason == "fails to respond to signs of distress" })
    }

    @Test func noAnswerFollowsTwoUserTurnsInARow() throws {
        let spec = try SpecReader.read(path: Self.path)
        for rule in spec.rules {
            for example in rule.examples {
                let roles = example.turns.map(\.role)
                #expect(!zip(roles, roles.dropFirst()).contains { $0 == "user" && $1 == "user" },
                        "\(rule.id): “\(example.title)” \(roles)")
                #expect(roles.last == "assistant")
            }
        }
        // The follow-up about the mayor's cell phone is answered after the office number.
        let privacy = try #require(spec.rule("protect_privacy"))
        let followUp = try #require(privacy.examples.first { $0.turns.contains { $0.content.hasPrefix("No I meant her personal cell") } })
        #expect(followUp.turns.map(\.role) == ["user", "assistant", "user", "assistant"])
        #expect(followUp.turns[1].content.hasPrefix("Office of the Mayor:"))
    }

    /// A rule that requires something of a safety topic concerns it: "The assistant must
    /// respect creators … intellectual property" read "inferred: requires illegal activity".
    @Test func aKindReasonNeverSaysARuleRequiresTheHarmItGuardsAgainst() throws {
        let spec = try SpecReader.read(path: Self.path)
        #expect(spec.rules.first { $0.id == "respect_creators" }?.kindReason == "inferred: concerns illegal activity")
        #expect(spec.rules.first { $0.id == "prevent_imminent_harm" }?.kindReason == "inferred: concerns dangerous activities")
        #expect(!spec.rules.contains { $0.kindReason?.hasPrefix("inferred: requires") == true })
    }

    @Test func entitiesAreDecoded() throws {
        let spec = try SpecReader.read(path: Self.path)
        let turns = spec.rules.flatMap(\.examples).flatMap(\.turns)
        for entity in ["&lt;", "&gt;", "&amp;", "&quot;", "&#"] {
            #expect(!turns.contains { $0.content.contains(entity) }, "\(entity) left in a turn")
        }
        #expect(turns.contains { $0.content.contains("Roommate Wanted – Fun & Active") })
        #expect(turns.contains { $0.content.contains("<form action=\"/submit-comment\" method=\"post\">") })
    }

    @Test func lintFindsNoFalseErrors() throws {
        let spec = try SpecReader.read(path: Self.path)
        let diagnostics = Linter.lint(spec)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.filter { $0.severity == .error })")
        let codes = Set(diagnostics.map(\.code))
        for gone in ["unknown-rule-in-example", "example-without-verdict", "malformed-example", "broken-reference"] {
            #expect(!codes.contains(gone), "\(gone)")
        }
        // `BAD[#chain_of_command]` still names the section it points to.
        #expect(spec.rules.flatMap(\.examples).contains { $0.violates == ["chain_of_command"] })
    }

    @Test func theTitleIsTheDocumentsNotItsFirstSection() throws {
        let spec = try SpecReader.read(path: Self.path)
        #expect(spec.title == "Model Spec")
        #expect(spec.dialect == .modelSpec)
        #expect(spec.sections.first?.id == "overview")
        #expect(spec.sections.map(\.id).contains("chain_of_command"))
    }

    @Test func noFootnoteMarkerStaysInRuleText() throws {
        let spec = try SpecReader.read(path: Self.path)
        #expect(Self.occurrences(of: "[^", in: try Self.source()) == 116, "the fixture as committed")
        for rule in spec.rules {
            for text in [rule.text, rule.title, rule.commentary ?? "", rule.rationale ?? ""] + rule.exceptions {
                #expect(!text.contains("[^"), "\(rule.id)")
            }
        }
        #expect(!spec.description.contains("[^"))
        let rule = try #require(spec.rule("follow_all_applicable_instructions"))
        #expect(rule.text.contains("except for those that conflict with a higher-authority instruction or a later instruction at the same authority."))
    }
}
