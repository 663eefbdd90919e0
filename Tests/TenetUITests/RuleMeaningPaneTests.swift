import Foundation
import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// The rule pane shows what a prose rule means: the lead-in that gives it its polarity and
/// why it has its kind and direction, next to the bullet itself.
@Suite struct RuleMeaningPaneTests {
    @Test func theRulePaneShowsTheLeadInAndTheReasons() throws {
        let fixture = try Fixture(specs: [])
        let text = """
        # Policy

        ## Hard constraints

        The assistant should never:

        - Create cyberweapons or malicious code that could cause significant damage.

        These are bright lines because the harm would be severe.
        """
        let spec = try SpecReader.read(path: "policy.md", text: text)
        _ = try fixture.store.importSpec(spec, text: text)
        let stored = try fixture.store.rule(try #require(spec.rules.first).id)
        let shown = RuleDetail.lines(stored, lint: [], width: 100).map { $0.map(\.text).joined() }
        #expect(shown.contains("Lead-in: The assistant should never:"))
        #expect(shown.contains { $0.hasPrefix("Kind from") && $0.contains("inferred: prohibits cyberweapons and attacks on infrastructure") })
        #expect(shown.contains { $0.hasPrefix("Direction") && $0.contains("lead-in: “The assistant should never:”") })
        #expect(shown.contains { $0.hasPrefix("Rationale") && $0.contains("bright lines") })
        #expect(shown.firstIndex { $0.hasPrefix("Lead-in") }! < shown.lastIndex { $0.hasPrefix("Create cyberweapons") }!, "the lead-in comes before the bullet")
    }

    @Test func theInstantiationScreenSaysWhyAnInstanceWouldBeEmptyAndWhatToDo() throws {
        let fixture = try Fixture(specs: [])
        let text = "# Unsorted {#unsorted}\n\n## Rules\n\n### Be brief {#brief .rule}\n\nKeep answers short.\n"
        _ = try fixture.store.importSpec(try SpecReader.read(path: "unsorted.md", text: text), text: text)
        var state = try fixture.state("unsorted", size: Size(width: 120, height: 30))
        #expect(reduce(&state, .key(.char("I"))) == [.loadInstantiationSpec("unsorted")])
        let (spec, revision) = try fixture.store.effectiveSpec("unsorted")
        _ = reduce(&state, .instantiationSpecLoaded(spec, revision: revision))
        guard case .instantiate(let view) = state.top else { Issue.record("no instantiation screen"); return }
        #expect(view.preview == nil)
        #expect(view.problem?.contains("would have no rules: 1 of its 1 rules are unclassified") == true)
        #expect(view.problem?.contains("U in the workbench") == true)
        let screen = render(state, size: Size(width: 120, height: 30), theme: .plain)
        #expect(screen.text.contains("would have no rules"))
        // w and x say it too: w did nothing, and x asked to save what could not be saved.
        for key in ["w", "x"] {
            state.message = nil
            _ = reduce(&state, .key(.char(Character(key))))
            #expect(state.message?.isError == true && state.message?.text.contains("would have no rules") == true, "\(key): \(state.message?.text ?? "")")
        }
    }
}
