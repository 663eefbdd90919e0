import Foundation
import Testing
import TenetFormats
import TenetStore
@testable import TenetUI

/// The export screen: the choices of `tenet export` one row each, `w` writes, an existing
/// target asks before it is replaced, and the progress of a running export is shown.
@Suite struct ExportScreenTests {
    static func exportView(_ state: WorkbenchState) -> ExportView? {
        if case .export(let view) = state.mode { return view }
        return nil
    }

    @Test func xOpensTheScreenAndCountsWhatTheChoicesSelect() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        let effects = reduce(&state, .key(.char("X")))
        let view = try #require(Self.exportView(state))
        #expect(effects == [.countExport(PairSelection(spec: "travel", statuses: ["accepted", "edited"]))])
        #expect(view.out == "travel-pairs.jsonl")
        #expect(render(state, size: Size(width: 80, height: 24), theme: .plain).text.contains("counting the pairs…"))
        _ = reduce(&state, .exportCounted(view.selection, 12))
        #expect(render(state, size: Size(width: 80, height: 24), theme: .plain).text.contains("12 pairs match these choices"))

        // Down to Statuses; Space widens it, which counts again.
        fixture.press(&state, [.char("j"), .char("j")])
        #expect(reduce(&state, .key(.char("j"))) == [])
        let widened = reduce(&state, .key(.char(" ")))
        #expect(widened == [.countExport(PairSelection(spec: "travel", statuses: ["accepted", "edited", "rejected"]))])
        #expect(Self.exportView(state)?.matching == nil, "the old count is not shown for new choices")
        // A count for choices since changed is ignored.
        _ = reduce(&state, .exportCounted(view.selection, 12))
        #expect(Self.exportView(state)?.matching == nil)
        // h steps back.
        _ = reduce(&state, .key(.char("h")))
        #expect(Self.exportView(state)?.value(.statuses) == "accepted, edited")
        // q closes it.
        _ = reduce(&state, .key(.char("q")))
        #expect(state.mode == .browse)
        // :export opens it too.
        _ = reduce(&state, .key(.char(":")))
        for key in [Key].typing("export") { _ = reduce(&state, .key(key)) }
        _ = reduce(&state, .key(.enter))
        #expect(Self.exportView(state) != nil)
    }

    @Test func theOutputFollowsTheFormatUntilTyped() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        _ = reduce(&state, .key(.char("X")))
        fixture.press(&state, [.char("j"), .char(" ")])
        #expect(Self.exportView(state)?.value(.format) == "trl (standard)")
        fixture.press(&state, [.char(" "), .char(" "), .char(" ")])
        #expect(Self.exportView(state)?.out == "travel-dataset", "the hf format is a folder")
        fixture.press(&state, [.char("j"), .char(" ")])
        #expect(Self.exportView(state)?.out == "tenet-dataset", "all specs' pairs are not named after one")
        // Type a path: Enter on Output edits it.
        for _ in 0..<6 { _ = reduce(&state, .key(.char("j"))) }
        #expect(Self.exportView(state)?.row == .output)
        _ = reduce(&state, .key(.enter))
        #expect(Self.exportView(state)?.editing == true)
        #expect(render(state, size: Size(width: 80, height: 24), theme: .plain).text.contains("Write to: tenet-dataset"))
        _ = reduce(&state, .key(.ctrl("u")))
        for key in [Key].typing("out/mine") { _ = reduce(&state, .key(key)) }
        #expect(reduce(&state, .key(.enter)).isEmpty)
        // Another format keeps the typed path.
        _ = reduce(&state, .key(.char("k")))
        _ = reduce(&state, .key(.char("k")))
        _ = reduce(&state, .key(.char("k")))
        _ = reduce(&state, .key(.char("k")))
        _ = reduce(&state, .key(.char("k")))
        _ = reduce(&state, .key(.char(" ")))
        let view = try #require(Self.exportView(state))
        #expect(view.value(.format) == "trl (conversational)" && view.out == "out/mine")

        // Rules: three rows, the format's own default path.
        var rules = try fixture.state()
        _ = reduce(&rules, .key(.char("X")))
        _ = reduce(&rules, .key(.char(" ")))
        let ruleView = try #require(Self.exportView(rules))
        #expect(ruleView.rows == [.what, .format, .output] && ruleView.out == "travel-rules.json")
        _ = reduce(&rules, .key(.char("j")))
        _ = reduce(&rules, .key(.char(" ")))
        #expect(Self.exportView(rules)?.out == "travel-annotated.md")
        var request = RuleExportRequest(out: "travel-annotated.md")
        request.format = .markdown
        request.spec = "travel"
        #expect(reduce(&rules, .key(.char("w"))) == [.runExport(.rules(request))])
    }

    @Test func writingShowsProgressAndAnExistingTargetAsksFirst() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 100, height: 30))
        _ = reduce(&state, .key(.char("X")))
        _ = reduce(&state, .exportCounted(PairSelection(spec: "travel", statuses: ["accepted", "edited"]), 5_000))
        guard case .runExport(.pairs(let request))? = reduce(&state, .key(.char("w"))).first else {
            Issue.record("w did not run an export"); return
        }
        #expect(request.format == .trl && request.style == .conversational && request.out == "travel-pairs.jsonl")
        #expect(request.selection.spec == "travel" && request.selection.statuses == ["accepted", "edited"])
        #expect(request.provenance && !request.withSpec && !request.force)
        _ = reduce(&state, .exportProgress(done: 2_000, total: 5_000))
        let screen = render(state, size: Size(width: 100, height: 30), theme: .plain).text
        #expect(screen.contains("2000/5000") && screen.contains("X stops"))
        // While it runs: no second export, no leaving; X stops it.
        #expect(reduce(&state, .key(.char("w"))).isEmpty)
        #expect(state.message?.text.contains("An export is running") == true)
        _ = reduce(&state, .key(.char("q")))
        #expect(Self.exportView(state) != nil)
        #expect(reduce(&state, .key(.char("X"))) == [.stopExport])
        _ = reduce(&state, .exportFinished("export stopped after 2000 pairs; travel-pairs.jsonl was left as it was", failed: false, exists: false))
        #expect(Self.exportView(state)?.progress == nil)
        #expect(Self.exportView(state)?.result?.isError == false)

        // The target is there: the message says so, w again replaces it.
        _ = reduce(&state, .key(.char("w")))
        _ = reduce(&state, .exportFinished("travel-pairs.jsonl exists", failed: true, exists: true))
        #expect(Self.exportView(state)?.result?.text == "travel-pairs.jsonl exists · w again replaces it, Enter on Output names another")
        #expect(render(state, size: Size(width: 100, height: 30), theme: .plain).text.contains("w again replaces it"))
        guard case .runExport(.pairs(let forced))? = reduce(&state, .key(.char("w"))).first else {
            Issue.record("w did not run an export"); return
        }
        #expect(forced.force)
        _ = reduce(&state, .exportFinished("Exported 5000 pairs (trl-conversational) to /tmp/travel-pairs.jsonl", failed: false, exists: false))
        #expect(render(state, size: Size(width: 100, height: 30), theme: .plain).text.contains("Exported 5000 pairs"))
        // Not forced again without asking.
        guard case .runExport(.pairs(let again))? = reduce(&state, .key(.char("w"))).first else { return }
        #expect(!again.force)
    }

    @Test func helpOverTheScreenComesBackToItWithWhatHappenedMeanwhile() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        _ = reduce(&state, .key(.char("X")))
        _ = reduce(&state, .key(.char("w")))
        _ = reduce(&state, .key(.char("?")))
        guard case .help = state.mode else { Issue.record("no help"); return }
        _ = reduce(&state, .exportFinished("Exported 3 pairs (trl-conversational) to /tmp/x.jsonl", failed: false, exists: false))
        _ = reduce(&state, .key(.char("q")))
        let view = try #require(Self.exportView(state), "q in help goes back to the export screen")
        #expect(view.progress == nil && view.result?.text.hasPrefix("Exported 3 pairs") == true)
        _ = reduce(&state, .key(.char("q")))
        #expect(state.mode == .browse)
        // From the spec view, help still closes to the spec view.
        _ = reduce(&state, .key(.char("?")))
        _ = reduce(&state, .key(.char("q")))
        #expect(state.mode == .browse)
    }
}
