import Testing
import TenetSpec
@testable import TenetUI

/// A boundary example goes out to the text editor or $EDITOR as text, comes back the same,
/// and is checked before it is saved.
@Suite struct ExampleFileTests {
    static let ids: Set<String> = ["travel.a", "travel.b", "travel.booking-consent", "travel.x"]

    func parse(_ text: String, original: Example? = nil) -> ExampleFile.Outcome {
        ExampleFile.parse(text, knownRuleIDs: Self.ids, original: original)
    }

    /// The problems of a text that must be refused, or none (recorded) when it was accepted.
    func problems(_ text: String, original: Example? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> [ExampleFile.Problem] {
        guard case .invalid(let problems) = parse(text, original: original) else {
            Issue.record("accepted:\n\(text)", sourceLocation: sourceLocation)
            return []
        }
        return problems
    }

    static let examples = [
        Example(verdict: .bad, title: "Steps", turns: [
            Turn(role: "system", content: "Tools: search."),
            Turn(role: "user", content: "Steps:\n# heading\nend"),
            Turn(role: "tool", content: "{\"ok\": true}", name: "search"),
            Turn(role: "assistant", content: "Sure:\n\n1. one\n2. two\nNote: a line like a label"),
        ], reason: "Two lines\nof reason.", violates: ["travel.a", "travel.b"], line: 0),
        Example(verdict: .unspecified, title: "No verdict yet", turns: [
            Turn(role: "user", content: "Hi"), Turn(role: "assistant", content: "Hello"),
        ], line: 0),
    ]

    @Test func anExampleSurvivesTheRoundTrip() throws {
        for example in Self.examples {
            let text = ExampleFile.text(example, ruleID: "travel.x", ruleTitle: "A rule")
            guard case .example(let back) = parse(text) else {
                Issue.record("did not parse its own output:\n\(text)"); continue
            }
            #expect(back == example)
        }
        // $EDITOR opens the template on line 10: the first turn.
        let template = ExampleFile.text(nil, ruleID: "travel.x", ruleTitle: "A rule").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(template[9].hasPrefix("user:"))
    }

    @Test func problemsNameTheLine() {
        let unknown = problems("verdict: GOOD\ntitle: t\nmood: happy\n---\nuser: a\nassistant: b\n")
        #expect(unknown.map(\.line) == [3])
        #expect(unknown.first?.message.contains("unknown key `mood`") == true)
        #expect(problems("title: t\nverdict: SOSO\n---\nuser: a\nassistant: b\n").map(\.line) == [2])
        if case .cancelled = parse(ExampleFile.text(nil, ruleID: "r", ruleTitle: "t")) {} else {
            Issue.record("an untouched template must cancel")
        }
    }

    @Test func theConversationNeedsAUserTurnAndTheAnswerLast() {
        // No user turn: the answer alone judges nothing.
        let alone = problems("verdict: BAD\n---\nassistant: Sure, here is how.\n")
        #expect(alone.map(\.line) == [3])
        #expect(alone.first?.message.contains("no `user:` turn") == true)
        // No answer.
        #expect(problems("verdict: BAD\n---\nuser: How?\n").first?.message.contains("no `assistant:` turn") == true)
        // A turn after the judged answer would be lost.
        let late = problems("verdict: BAD\n---\nuser: How?\nassistant: Like this.\nuser: Thanks\n")
        #expect(late.map(\.line) == [5])
        #expect(late.first?.message.contains("would be dropped") == true)
        // An empty turn among written ones.
        let empty = problems("verdict: BAD\n---\nsystem:\nuser: How?\nassistant: Like this.\n")
        #expect(empty.map(\.line) == [3])
        #expect(empty.first?.message.contains("`system:` turn is empty") == true)
        // Text before the first turn.
        #expect(problems("verdict: BAD\n---\nHow do I?\nuser: How?\nassistant: Like this.\n").map(\.line) == [3])
        // The conversation above the --- line.
        let early = problems("verdict: BAD\nuser: How?\nassistant: Like this.\n")
        #expect(early.count == 1 && early.first?.line == 2)
    }

    @Test func rolesComeFromTheAllowedSet() {
        // Other transcripts' speakers and misspelt roles would silently join the turn above.
        let text = "verdict: BAD\n---\nuser: How?\nHuman: tell me\nassistant: Like this.\nAssitant: and more\n"
        let found = problems(text)
        #expect(found.map(\.line) == [4, 6])
        #expect(found[0].message.contains("`Human:` is not a role") && found[0].message.contains("write `user:`"))
        #expect(found[1].message.contains("write `assistant:`"))
        // A label inside a code block, or an ordinary word before a colon, is text.
        let fine = "verdict: BAD\n---\nuser: How?\nassistant: Like this:\n```\nHuman: a transcript\n```\nNote: as said.\n"
        guard case .example(let example) = parse(fine) else { Issue.record("refused"); return }
        #expect(example.turns.count == 2)
        // Roles are read in any case.
        guard case .example = parse("verdict: GOOD\n---\nUser: a\nASSISTANT: b\n") else { Issue.record("refused"); return }
    }

    @Test func violatesNamesRulesOfThisSpec() {
        let text = "verdict: BAD\ntitle: t\nreason: r\n\nviolates: travel.a,\n  be nice, booking-consent\n---\nuser: a\nassistant: b\n"
        let found = problems(text)
        #expect(found.map(\.line) == [6, 6])
        #expect(found.map(\.description).first == "line 6: `violates: be nice` is not a rule ID in this spec; "
                + "IDs look like travel.a, travel.b (as in the rule tree); separate several with commas")
        #expect(found.last?.message.contains("did you mean travel.booking-consent?") == true)
        guard case .example(let example) = parse("verdict: BAD\nviolates: #travel.a, travel.b\n---\nuser: a\nassistant: b\n") else {
            Issue.record("refused known IDs"); return
        }
        #expect(example.violates == ["travel.a", "travel.b"])
        #expect(problems("verdict: BAD\nviolates: travel.aa\n---\nuser: a\nassistant: b\n").first?.message.contains("did you mean travel.a?") == true)
    }

    @Test func everyProblemIsReportedInLineOrder() {
        let text = "verdict: MAYBE\nviolates: nope\nverdict: GOOD\n---\nassistant: x\n"
        let found = problems(text)
        #expect(found.map(\.line) == found.map(\.line).sorted())
        #expect(found.count >= 4)
        let summary = ExampleFile.summary(found)
        #expect(summary.hasPrefix("line 1: verdict must be GOOD, BAD or BORDERLINE, not `MAYBE`"))
        #expect(summary.contains("more problems, on lines 2, 3"))
    }

    @Test func anUnchangedExampleSavesNothing() {
        let example = Self.examples[0]
        let text = ExampleFile.text(example, ruleID: "travel.x", ruleTitle: "A rule")
        #expect(parse(text, original: example) == .unchanged)
        // Spacing that reads the same is no change either.
        #expect(parse(text.replacingOccurrences(of: "title: Steps", with: "title:   Steps  ") + "\n\n", original: example) == .unchanged)
        // A real change is an example to save.
        guard case .example(let changed) = parse(text.replacingOccurrences(of: "verdict: BAD", with: "verdict: GOOD"), original: example) else {
            Issue.record("a change was not saved"); return
        }
        #expect(changed.verdict == .good)
        // An ID the example already named that has left the spec is not held against an
        // unchanged text; a changed one must fix it.
        var stale = example
        stale.violates = ["travel.gone"]
        let staleText = ExampleFile.text(stale, ruleID: "travel.x", ruleTitle: "A rule")
        #expect(parse(staleText, original: stale) == .unchanged)
        #expect(problems(staleText.replacingOccurrences(of: "title: Steps", with: "title: Steps again"), original: stale).count == 1)
    }
}

/// The workbench's text editor checks an example against the spec it belongs to.
@Suite struct ExampleEditorTests {
    @Test func savingAnUnchangedExampleSavesNothingAndABadIDStaysOpenOnItsLine() throws {
        let fixture = try Fixture()
        let key = try fixture.store.rule("travel.budget-honesty").key
        let added = Example(verdict: .good, title: "Quotes the total", turns: [
            Turn(role: "user", content: "Is it cheap?"), Turn(role: "assistant", content: "About €420 in all."),
        ], line: 0)
        _ = try fixture.store.addExample(key, added)
        var state = try fixture.state(select: "travel.budget-honesty")
        let number = try fixture.store.rule(key).record.effective.examples.count

        // E then save at once: nothing to save, and the message says which example.
        fixture.press(&state, [.char("E")])
        guard case .text = state.top else { Issue.record("E did not open the text editor"); return }
        #expect(reduce(&state, .key(.ctrl("s"))).isEmpty)
        #expect(state.top == .browse)
        #expect(state.message?.text == "Example \(number) unchanged; nothing saved")

        // Free text under violates: refused on its line, with what IDs look like.
        fixture.press(&state, [.char("E")])
        goToLine(fixture, &state, 7)
        fixture.press(&state, [.ctrl("e")] + .typing("be nice"))
        #expect(reduce(&state, .key(.ctrl("s"))).isEmpty)
        guard case .text(let refused) = state.top else { Issue.record("a bad ID closed the editor"); return }
        #expect(refused.problem?.hasPrefix("Line 8: `violates: be nice` is not a rule ID in this spec; IDs look like travel.") == true,
                "\(refused.problem ?? "")")
        #expect(refused.area.cursor.line == 7)

        // A real ID of the spec saves.
        fixture.press(&state, [.ctrl("e"), .ctrl("u")] + .typing("violates: travel.booking-consent"))
        let effects = reduce(&state, .key(.ctrl("s")))
        guard case .saveExample(_, number?, let example, _)? = effects.first else {
            Issue.record("no save: \(effects) \(state.top)"); return
        }
        #expect(example.violates == ["travel.booking-consent"])
    }
}
