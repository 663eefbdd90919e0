import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// The store's writes refuse what the shared checks refuse, whoever calls them (the
/// command line, the workbench, an evaluation's failure turned into an example).
@Suite struct EntryCheckStoreTests {
    let directory: String
    let store: ProjectStore

    init() throws {
        directory = try StoreSettingsTests.temporaryDirectory()
        store = try ProjectStore(path: directory + "/p.db", author: "alice")
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#s.a kind=safety}\n\nDo not do a.\n\n## B {#s.b kind=behavioral}\n\nDo b.\n")
        _ = try store.importSpec(spec, text: "")
        _ = try store.savePairs([PairStoreTests.pair(0, spec: "s", rule: "s.a")], message: "pairs")
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch let error as StoreError { return error.description } catch { return "\(error)" }
        return "accepted"
    }

    @Test func anExampleIsCheckedWhenWritten() throws {
        let late = Example(verdict: .bad, title: "t", turns: [Turn(role: "assistant", content: "x"), Turn(role: "user", content: "hi")], line: 0)
        let refused = message { _ = try store.addExample("s.a", late) }
        #expect(refused.hasPrefix("the example is not saved: turn 2 (`user:`): this `user:` turn comes after the judged answer"), "\(refused)")
        let two = Example(verdict: .bad, title: "t", turns: [Turn(role: "human", content: "hi"), Turn(role: "assistant", content: "x")], line: 0)
        #expect(message { _ = try store.addExample("s.a", two) } == "the example is not saved:\n  turn 1 (`human:`): `human:` is not a role; write `user:`; "
                + "the roles are user, assistant, system, developer, tool\n  the conversation has no `user:` turn; add what the user said, as `user: …` above the answer")
        var good = Example(verdict: .bad, title: "t", turns: [Turn(role: "user", content: "hi"), Turn(role: "assistant", content: "x")],
                           violates: ["s.nope"], line: 0)
        #expect(message { _ = try store.addExample("s.a", good) }.contains("`violates: s.nope` is not a rule ID in this spec; IDs look like s.a, s.b"))
        good.violates = ["s.b"]
        _ = try store.addExample("s.a", good)
        #expect(message { _ = try store.editExample("s.a", number: 1) { $0.turns[0].content = " " } }.contains("the `user:` turn is empty"))
        #expect(try store.rule("s.a").record.effective.examples.map(\.turns) == [good.turns], "nothing refused was written")
    }

    /// What `eval example` writes (a model's answer as the judged turn) goes through the
    /// same check: an answer with an escape sequence, or a 300 KiB one, is not stored.
    @Test func anExampleTurnOrTitleWithAControlCharacterIsRefused() throws {
        let escape = Example(verdict: .bad, title: "t", turns: [Turn(role: "user", content: "hi"), Turn(role: "assistant", content: "x\u{1B}[2J")], line: 0)
        #expect(message { _ = try store.addExample("s.a", escape) }.contains("turn 2 (`assistant:`): the `assistant:` turn holds control character U+001B"))
        let huge = Example(verdict: .bad, title: "t", turns: [Turn(role: "user", content: "hi"), Turn(role: "assistant", content: String(repeating: "x", count: 300 * 1024))], line: 0)
        #expect(message { _ = try store.addExample("s.a", huge) }.contains("KiB; an answer is at most 256 KiB"))
        let title = Example(verdict: .bad, title: "t\u{7}", turns: [Turn(role: "user", content: "hi"), Turn(role: "assistant", content: "x")], line: 0)
        #expect(message { _ = try store.addExample("s.a", title) }.contains("the title holds control character U+0007"))
        #expect(try store.rule("s.a").record.effective.examples.isEmpty, "nothing refused was written")
    }

    /// A generated pair's checks read the text as it was made: after an edit that left the
    /// answers nearly the same, `pair show` still listed "pass not-near-identical" and the
    /// judge's PASS, and the pair was accepted and exported on them. The text gates run
    /// again; the gates and verdict about the old text no longer stand as its checks.
    @Test func anEditedPairsChecksAreOfItsNewText() throws {
        let passed = [QualityCheck(.answered, passed: true, reason: "both answers have text", by: "tenet"),
                      QualityCheck(.notNearIdentical, passed: true, reason: "the answers differ by more than one word in twenty", by: "tenet"),
                      QualityCheck(.chosenComplies, passed: true, reason: "not one of the spec's BAD answers", by: "tenet"),
                      QualityCheck(.rejectedViolates, passed: true, reason: "yes", by: "judge")]
        let rejected = "Book the 6am train, then take the bus from the station to the old town, which costs four euros."
        let generated = PreferencePair(spec: "s", rules: ["s.a"], prompt: [Turn(role: "user", content: "How do I get there?")],
                                       chosen: "Check the operator's site for times before you travel.", rejected: rejected,
                                       provenance: Provenance(generator: "offline-template", judge: "PASS: complies", checks: passed))
        _ = try store.savePairs([generated], message: "generated")
        let edited = try store.editPair(generated.id, chosen: rejected + " Enjoy!")
        let provenance = edited.stored.pair.provenance
        #expect(provenance.checks?.map(\.gate) == [.answered, .wellFormed, .distinct, .notNearIdentical])
        let failed = try #require(provenance.checks?.firstFailure)
        #expect(failed.gate == .notNearIdentical && failed.reason.hasPrefix("the answers are 9"), "\(failed.reason)")
        #expect(provenance.judge == "before an edit: PASS: complies")
        // An edit that makes them differ again passes; the verdict keeps one prefix.
        let fixed = try store.editPair(generated.id, chosen: "Check the operator's site for times before you travel.")
        #expect(fixed.stored.pair.provenance.checks?.firstFailure == nil)
        #expect(fixed.stored.pair.provenance.judge == "before an edit: PASS: complies")
        // An imported pair, with no checks, gets none.
        let imported = PairStoreTests.pair(0, spec: "s", rule: "s.a").id
        #expect(try store.editPair(imported, chosen: "another answer").stored.pair.provenance.checks == nil)
    }

    /// Concreteness is `concrete` or `general` — what midtraining's readiness counts. Any
    /// other word was saved (`abstract`), and the readiness check then found no general rule.
    @Test func concretenessIsConcreteOrGeneral() throws {
        var change = AnnotationChange()
        change.concreteness = "abstract"
        #expect(message { _ = try store.annotate("s.a", change) } == "concreteness is concrete or general, not “abstract”")
        change.concreteness = " General "
        _ = try store.annotate("s.a", change)
        #expect(try store.rule("s.a").record.effective.concreteness == "general")
        let spec = try SpecReader.read(path: "c.md", text: "# C\n\n## A {#c.a concreteness=abstract}\n\nDo a.\n")
        #expect(spec.rules.first?.concreteness == nil)
        #expect(spec.diagnostics.contains { $0.message == "unknown concreteness `abstract` for rule c.a; use concrete or general" })
    }

    @Test func anEditedAnswerIsCheckedAsAnImportedOne() throws {
        let id = PairStoreTests.pair(0, spec: "s", rule: "s.a").id
        #expect(message { _ = try store.editPair(id, chosen: "abc\u{0}def\u{1}") }.hasPrefix("the chosen answer holds control character U+0000"))
        #expect(message { _ = try store.editPair(id, rejected: "a\u{1B}[2J") }.hasPrefix("the rejected answer holds control character U+001B"))
        let other = try store.pair(id).pair.rejected
        #expect(message { _ = try store.editPair(id, chosen: other.uppercased() + "!") }.hasPrefix("the two answers would be the same text"))
        #expect(try store.pair(id).revision == 1, "nothing written")
        // Line breaks as Windows writes them are text.
        #expect(try store.editPair(id, chosen: "first line\r\nsecond line").stored.revision == 2)
    }

    /// A spec of more rules than a project holds is refused before anything is written
    /// (storing 1,000,000 took 3.8 GB and then failed), naming the file and the limit.
    @Test func aSpecOfTooManyRulesIsRefusedBeforeAnyWrite() throws {
        var spec = try SpecReader.read(path: "big.md", text: "# Big\n\n## A {#big.a kind=safety}\n\nDo not do a.\n")
        let rule = spec.rules[0]
        spec.rules = (0...ProjectStore.maximumRulesPerSpec).map { n in
            var copy = rule
            copy.id = "big.r\(n)"
            copy.line = n + 3
            return copy
        }
        let before = try store.log().count
        let refused = message { _ = try store.importSpec(spec, text: "") }
        #expect(refused == "big.md: \(ProjectStore.maximumRulesPerSpec + 1) rules, more than the \(ProjectStore.maximumRulesPerSpec) a spec may hold "
                + "in a project; split it into smaller specs (tenet parse and tenet lint still read it whole)", "\(refused)")
        #expect(try store.log().count == before, "nothing written")
    }
}
