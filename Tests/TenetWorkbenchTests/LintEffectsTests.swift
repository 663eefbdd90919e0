import Foundation
import Testing
import TenetSpec
import TenetStore
import TenetUI
@testable import TenetWorkbench
import TenetTestSupport

/// The workbench's lint findings are of each rule as it stands in the project: what an
/// annotation answered (a rationale added with `r`, an example, a direction) is no longer
/// reported, where the rule pane went on saying "has no rationale" under the rationale.
@Suite struct LintEffectsTests {
    static let text = """
    # One {#one}

    ## Safety {#safety}

    ### Do not lie {#one.lie kind=safety direction=prohibit}

    Never state a falsehood as fact.
    """

    /// The lint marks the runner reports for spec `one`, once its background lint ends.
    static func marks(_ runner: EffectRunner) throws -> [String: [LintMark]] {
        var actions = runner.run(.lint(spec: "one"))
        let deadline = Date().addingTimeInterval(60)
        while true {
            for action in actions { if case .lintLoaded(_, let marks) = action { return marks } }
            try #require(Date() < deadline, "lint did not end")
            usleep(2_000)
            actions = runner.collect()
        }
    }

    @Test func findingsAnAnnotationAnsweredAreGone() throws {
        let directory = try temporaryDirectory("tenet-lint-effects")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/tenet.db", author: "alice")
        _ = try store.importSpec(try SpecReader.read(path: "one.md", text: Self.text), text: Self.text)
        let runner = EffectRunner(store: store, samplesPath: nil, editor: ExternalEditor(configured: "true"))
        let key = try store.rule("one.lie").key

        let before = try Self.marks(runner)[key, default: []].map(\.message)
        #expect(before.contains { $0.contains("has no rationale") })
        #expect(before.contains { $0.contains("has no boundary example") })

        var change = AnnotationChange()
        change.rationale = "Trust matters."
        _ = try store.annotate(key, change)
        _ = try store.addExample(key, Example(verdict: .bad, title: "States a guess as fact", turns: [
            Turn(role: "user", content: "When did it open?"), Turn(role: "assistant", content: "In 1902, certainly."),
        ], line: 0))

        let after = try Self.marks(runner)[key, default: []]
        #expect(after.isEmpty, "\(after.map(\.message))")
    }

    /// The reader's own findings are listed once: they were given twice, as the file's and
    /// again among the linter's. One on no rule is kept for its section.
    @Test func theReadersFindingsAreListedOnce() throws {
        let directory = try temporaryDirectory("tenet-lint-effects")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = "# One\n\n## Honesty\n\n- Never state a falsehood as fact.\n\n## Prohibited Content\n\n- Graphic violence\n- Weapons plans\n"
        let store = try ProjectStore(path: directory + "/tenet.db", author: "alice")
        _ = try store.importSpec(try SpecReader.read(path: "one.md", text: text), text: text)
        let runner = EffectRunner(store: store, samplesPath: nil, editor: ExternalEditor(configured: "true"))
        let elsewhere = try Self.marks(runner)[LintMark.noRule, default: []].map(\.message)
        #expect(elsewhere.filter { $0.hasSuffix("[list-without-rules]") }.count == 1, "\(elsewhere)")
    }

    /// Reloading the open spec after an annotation asks for its findings again; reloading
    /// it unchanged does not.
    @Test func anAnnotatedRuleIsLintedAgain() {
        var state = WorkbenchState(user: "alice", database: "tenet.db")
        let rule = RuleOutline(key: "k", id: "one.lie", title: "Do not lie", text: "Never …", kind: .safety, direction: .prohibit,
                               family: nil, section: "safety", examples: 0, hasRationale: false, annotated: false, line: 5, revision: 1)
        let outline = SpecOutline(id: "one", title: "One", file: "one.md", revision: 1, sections: [], rules: [rule], hasDetails: true)
        _ = reduce(&state, .specLoaded(outline, select: nil))
        _ = reduce(&state, .lintLoaded(spec: "one", marks: ["k": [LintMark(severity: .warning, line: 5, message: "no rationale")]]))
        func relints(_ outline: SpecOutline) -> Bool {
            reduce(&state, .specLoaded(outline, select: nil)).contains { if case .lint(spec: "one") = $0 { true } else { false } }
        }
        #expect(!relints(outline))
        var now = rule
        now.revision = 2
        now.hasRationale = true
        #expect(relints(SpecOutline(id: "one", title: "One", file: "one.md", revision: 1, sections: [], rules: [now], hasDetails: true)))
    }
}
