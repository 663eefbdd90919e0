import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// A served session (`tenet serve` over SSH): no external editor, no file on the host.
@Suite struct ServedSessionTests {
    static func served(_ fixture: Fixture) throws -> WorkbenchState {
        var state = try fixture.state(select: "travel.budget-honesty")
        state.served = true
        // Even with an editor configured, a served session never uses it.
        state.externalEditor = "vi"
        return state
    }

    static func opensAnEditor(_ effects: [Effect]) -> Bool {
        effects.contains {
            switch $0 {
            case .editSpecSource, .editExample, .editAnswer, .importFile, .importSamples, .runExport: return true
            default: return false
            }
        }
    }

    @Test func eOnTheSpecFileIsRefusedWithWhatToDoInstead() throws {
        let fixture = try Fixture()
        var state = try Self.served(fixture)
        let effects = reduce(&state, .key(.char("e")))
        #expect(!Self.opensAnEditor(effects) && effects.isEmpty)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.hasPrefix("Not available in a served session") == true)
        #expect(state.message?.text.contains("(r, A, E)") == true, "the keys come from the keymap: \(state.message?.text ?? "")")
        #expect(!(state.message?.text.contains("\n") ?? true))
    }

    @Test func openAndImportSamplesAreRefused() throws {
        let fixture = try Fixture()
        var state = try Self.served(fixture)
        for line in ["open /etc/passwd", "import spec.md", "import-samples"] {
            var effects = reduce(&state, .key(.char(":")))
            for c in line { effects += reduce(&state, .key(.char(c))) }
            effects += reduce(&state, .key(.enter))
            #expect(!Self.opensAnEditor(effects) && effects.isEmpty, ":\(line) → \(effects)")
            #expect(state.message?.text.hasPrefix("Not available in a served session") == true, ":\(line)")
        }
        // The welcome screen's offer too.
        state.top = .welcome
        #expect(reduce(&state, .key(.char("i"))).isEmpty)
        #expect(state.message?.text.hasPrefix("Not available in a served session") == true)
    }

    @Test func writingAnExportIsRefusedButCountingWorks() throws {
        let fixture = try Fixture()
        var state = try Self.served(fixture)
        let opened = reduce(&state, .key(.char("X")))
        #expect(opened.contains { if case .countExport = $0 { return true } else { return false } })
        let effects = reduce(&state, .key(.char("w")))
        #expect(!Self.opensAnEditor(effects) && effects.isEmpty)
        #expect(state.message?.text.contains("ssh HOST export pairs") == true)
        guard case .export(let view) = state.top else { Issue.record("left the export screen"); return }
        #expect(view.progress == nil)
    }

    @Test func examplesAndAnswersUseTheBuiltInEditorEvenWithAnEditorConfigured() throws {
        let fixture = try Fixture()
        var state = try Self.served(fixture)
        let effects = reduce(&state, .key(.char("A")))
        #expect(!Self.opensAnEditor(effects))
        guard case .text = state.top else { Issue.record("A did not open the built-in editor"); return }
        _ = reduce(&state, .key(.escape))

        var review = try ScreenSnapshotTests.reviewState(fixture, size: Size(width: 100, height: 30), pair: ScreenSnapshotTests.bookingPair)
        review.served = true
        review.externalEditor = "vi"
        var all = reduce(&review, .key(.char("e")))
        all += reduce(&review, .key(.char("c")))
        #expect(!Self.opensAnEditor(all))
        guard case .text = review.top else { Issue.record("e c did not open the built-in editor"); return }
    }

    @Test func notServedWithAnEditorTheExternalEditorIsUsedAsBefore() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        state.externalEditor = "nano"
        guard case .editSpecSource? = reduce(&state, .key(.char("e"))).first else { Issue.record("e did not edit the spec"); return }
        var review = try ScreenSnapshotTests.reviewState(fixture, size: Size(width: 100, height: 30), pair: ScreenSnapshotTests.bookingPair)
        review.externalEditor = "nano"
        _ = reduce(&review, .key(.char("e")))
        guard case .editAnswer(_, true, _, _)? = reduce(&review, .key(.char("c"))).first else { Issue.record("no $EDITOR effect"); return }
    }
}
