import Foundation
import Testing
import TenetFormats
import TenetStore
@testable import TenetUI

/// The export screen: the choices of `tenet export` one row each, `w` writes, an existing
/// target asks before it is replaced, and the progress of a running export is shown.
@Suite struct ExportScreenTests {
    static func exportView(_ state: WorkbenchState) -> ExportView? {
        if case .export(let view) = state.top { return view }
        return nil
    }

    /// In a short window the selected row stays in view as it moves down: it scrolled off,
    /// and Space and w acted on a row that was not shown.
    @Test func theSelectedRowStaysInViewInAShortWindow() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 40, height: 12))
        _ = reduce(&state, .key(.char("X")))
        let rows = try #require(Self.exportView(state)).rows.count
        for _ in 1..<rows {
            _ = reduce(&state, .key(.char("j")))
            let screen = render(state, size: state.viewport, theme: .plain).text
            let row = Self.exportView(state)?.row
            #expect(screen.contains("▸ "), "row \(String(describing: row)) is off the screen:\n\(screen)")
        }
        #expect(try #require(Self.exportView(state)).row == .output)
        #expect(render(state, size: state.viewport, theme: .plain).text.contains("j/k moves the selection"))
        _ = reduce(&state, .exportCounted(try #require(Self.exportView(state)).query, 1))
        _ = reduce(&state, .key(.char("k")))
        _ = reduce(&state, .resized(Size(width: 80, height: 40)))
        #expect(render(state, size: state.viewport, theme: .plain).text.contains("1 pair matches these choices"))
    }

    @Test func xOpensTheScreenAndCountsWhatTheChoicesSelect() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        let effects = reduce(&state, .key(.char("X")))
        let view = try #require(Self.exportView(state))
        #expect(effects == [.countExport(PairQuery(spec: "travel", statuses: ["accepted", "edited"]))])
        #expect(view.out == "travel-pairs.jsonl")
        #expect(render(state, size: Size(width: 80, height: 24), theme: .plain).text.contains("counting the pairs…"))
        _ = reduce(&state, .exportCounted(view.query, 12))
        #expect(render(state, size: Size(width: 80, height: 24), theme: .plain).text.contains("12 pairs match these choices"))

        // Down to Statuses; Space widens it, which counts again.
        fixture.press(&state, [.char("j"), .char("j")])
        #expect(reduce(&state, .key(.char("j"))) == [])
        let widened = reduce(&state, .key(.char(" ")))
        #expect(widened == [.countExport(PairQuery(spec: "travel", statuses: ["accepted", "edited", "rejected"]))])
        #expect(Self.exportView(state)?.matching == nil, "the old count is not shown for new choices")
        // Rejected pairs in a training file: said on the screen.
        #expect(render(state, size: Size(width: 100, height: 30), theme: .plain).text.contains("note: rejected pairs are not accepted by review"))
        // A count for choices since changed is ignored.
        _ = reduce(&state, .exportCounted(view.query, 12))
        #expect(Self.exportView(state)?.matching == nil)
        // h steps back.
        _ = reduce(&state, .key(.char("h")))
        #expect(Self.exportView(state)?.value(.statuses) == "accepted, edited")
        // q closes it.
        _ = reduce(&state, .key(.char("q")))
        #expect(state.top == .browse)
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
        // Pairs of: the spec, the rule selected in the tree, every spec.
        let rule = try #require(state.selectedRule?.id)
        fixture.press(&state, [.char("j"), .char(" ")])
        #expect(Self.exportView(state)?.value(.scope) == "rule \(rule)" && Self.exportView(state)?.query.rule == rule)
        #expect(Self.exportView(state)?.query.spec == "travel")
        fixture.press(&state, [.char(" ")])
        #expect(Self.exportView(state)?.out == "tenet-dataset", "all specs' pairs are not named after one")
        #expect(Self.exportView(state)?.query.spec == nil && Self.exportView(state)?.query.rule == nil)
        // Type a path: Enter on Output edits it.
        for _ in 0..<7 { _ = reduce(&state, .key(.char("j"))) }
        #expect(Self.exportView(state)?.row == .output)
        _ = reduce(&state, .key(.enter))
        #expect(Self.exportView(state)?.editing == .output)
        #expect(render(state, size: Size(width: 80, height: 24), theme: .plain).text.contains("Write to: tenet-dataset"))
        _ = reduce(&state, .key(.ctrl("u")))
        for key in [Key].typing("out/mine") { _ = reduce(&state, .key(key)) }
        #expect(reduce(&state, .key(.enter)).isEmpty)
        // Another format keeps the typed path.
        for _ in 0..<8 { _ = reduce(&state, .key(.char("k"))) }
        _ = reduce(&state, .key(.char(" ")))
        let view = try #require(Self.exportView(state))
        #expect(view.value(.format) == "trl (conversational)" && view.out == "out/mine")

        // Rules: four rows, the format's own default path.
        var rules = try fixture.state()
        _ = reduce(&rules, .key(.char("X")))
        _ = reduce(&rules, .key(.char(" ")))
        let ruleView = try #require(Self.exportView(rules))
        #expect(ruleView.rows == [.what, .format, .asOf, .output] && ruleView.out == "travel-rules.json")
        _ = reduce(&rules, .key(.char("j")))
        _ = reduce(&rules, .key(.char(" ")))
        #expect(Self.exportView(rules)?.out == "travel-annotated.md")
        var request = RuleExportRequest(out: "travel-annotated.md")
        request.format = .markdown
        request.spec = "travel"
        #expect(reduce(&rules, .key(.char("w"))) == [.runExport(.rules(request))])
    }

    @Test func theCommandLinesFiltersAreTypedRows() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        _ = reduce(&state, .key(.char("X")))
        func go(to row: ExportView.Row) {
            while let view = Self.exportView(state), view.row != row, view.rows.last != view.row { _ = reduce(&state, .key(.char("j"))) }
            while let view = Self.exportView(state), view.row != row, view.rows.first != view.row { _ = reduce(&state, .key(.char("k"))) }
        }
        func type(_ text: String, into row: ExportView.Row) -> [Effect] {
            go(to: row)
            #expect(reduce(&state, .key(.char(" "))).isEmpty)
            #expect(Self.exportView(state)?.editing == row)
            _ = reduce(&state, .key(.ctrl("u")))
            for key in [Key].typing(text) { _ = reduce(&state, .key(key)) }
            return reduce(&state, .key(.enter))
        }
        // Decided by, changed since, as of: each counts again with the new choice.
        #expect(type("bob", into: .annotator) == [.countExport(PairQuery(spec: "travel", annotator: "bob"))])
        #expect(Self.exportView(state)?.value(.annotator) == "bob")
        #expect(type("v1", into: .since) == [.countExport(PairQuery(spec: "travel", annotator: "bob", since: "v1"))])
        #expect(type("12", into: .asOf) == [.countExport(PairQuery(spec: "travel", annotator: "bob", since: "v1", asOf: "12"))])
        #expect(render(state, size: Size(width: 80, height: 24), theme: .plain).text.contains("Changed     after v1"))
        // An unknown tag is shown where the count would be.
        let query = try #require(Self.exportView(state)?.query)
        _ = reduce(&state, .exportCountFailed(query, "no tag or changeset named `v1`; see tenet log and tenet tag --list"))
        #expect(render(state, size: Size(width: 80, height: 24), theme: .plain).text.contains("no tag or changeset named `v1`"))
        // Emptied, it is everything again; Esc keeps what was there.
        #expect(type("", into: .annotator) == [.countExport(PairQuery(spec: "travel", since: "v1", asOf: "12"))])
        go(to: .since)
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.ctrl("u")))
        #expect(reduce(&state, .key(.escape)).isEmpty && Self.exportView(state)?.since == "v1")
        guard case .runExport(.pairs(let request))? = reduce(&state, .key(.char("w"))).first else {
            Issue.record("w did not run an export"); return
        }
        #expect(request.query == PairQuery(spec: "travel", since: "v1", asOf: "12"))

        // Rules: as of for every format; an instance for specbench, which names the folder.
        var rules = try fixture.state()
        _ = reduce(&rules, .key(.char("X")))
        _ = reduce(&rules, .key(.char(" ")))
        _ = reduce(&rules, .key(.char("j")))
        _ = reduce(&rules, .key(.char(" ")))
        _ = reduce(&rules, .key(.char(" ")))
        let bench = try #require(Self.exportView(rules))
        #expect(bench.ruleFormat == .specbench && bench.rows == [.what, .format, .instantiation, .asOf, .output])
        #expect(bench.value(.instantiation) == "none: the whole spec")
        state = rules
        _ = type("trip", into: .instantiation)
        _ = type("reviewed", into: .asOf)
        #expect(Self.exportView(state)?.out == "travel-trip-specbench")
        var expected = RuleExportRequest(out: "travel-trip-specbench")
        expected.format = .specbench
        expected.spec = "travel"
        expected.instantiation = "trip"
        expected.asOf = "reviewed"
        #expect(reduce(&state, .key(.char("w"))) == [.runExport(.rules(expected))])
    }

    @Test func writingShowsProgressAndAnExistingTargetAsksFirst() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 100, height: 30))
        _ = reduce(&state, .key(.char("X")))
        _ = reduce(&state, .exportCounted(PairQuery(spec: "travel", statuses: ["accepted", "edited"]), 5_000))
        guard case .runExport(.pairs(let request))? = reduce(&state, .key(.char("w"))).first else {
            Issue.record("w did not run an export"); return
        }
        #expect(request.format == .trl && request.style == .conversational && request.out == "travel-pairs.jsonl")
        #expect(request.query == PairQuery(spec: "travel", statuses: ["accepted", "edited"]))
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
        #expect(Self.exportView(state)?.result?.text == "travel-pairs.jsonl exists · w again replaces it, Space on Output names another")
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
        guard case .help = state.top else { Issue.record("no help"); return }
        _ = reduce(&state, .exportFinished("Exported 3 pairs (trl-conversational) to /tmp/x.jsonl", failed: false, exists: false))
        _ = reduce(&state, .key(.char("q")))
        let view = try #require(Self.exportView(state), "q in help goes back to the export screen")
        #expect(view.progress == nil && view.result?.text.hasPrefix("Exported 3 pairs") == true)
        _ = reduce(&state, .key(.char("q")))
        #expect(state.top == .browse)
        // From the spec view, help still closes to the spec view.
        _ = reduce(&state, .key(.char("?")))
        _ = reduce(&state, .key(.char("q")))
        #expect(state.top == .browse)
    }
}
