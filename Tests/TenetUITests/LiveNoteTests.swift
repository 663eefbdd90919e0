import Testing
import TenetStore
@testable import TenetUI

/// Notes of others' work never cover what the user was just told: their own messages and
/// refusals stay until the next key; a live note only replaces another live note.
@Suite struct LiveNoteTests {
    @Test func aRefusalOrYourOwnMessageOutranksOthersNotes() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 100, height: 30))
        state.message = StatusMessage("Not saved: bob changed this answer first", isError: true)
        _ = reduce(&state, .externalChange(authors: ["bob"], what: "accept pair p-1"))
        #expect(state.message?.text == "Not saved: bob changed this answer first", "the refusal stays")
        state.message = StatusMessage("Edited the chosen answer")
        _ = reduce(&state, .externalChange(authors: ["bob"], what: "accept pair p-1"))
        #expect(state.message?.text == "Edited the chosen answer", "so does the user's own message")
        state.message = nil
        _ = reduce(&state, .externalChange(authors: ["bob"], what: "accept pair p-1"))
        #expect(state.message == StatusMessage("bob: accept pair p-1 · shown live", live: true))
        _ = reduce(&state, .externalChange(authors: ["carol"], what: "swap pair p-2"))
        #expect(state.message?.text == "carol: swap pair p-2 · shown live", "a newer note replaces an older one")
        _ = reduce(&state, .key(.char("j")))
        #expect(state.message?.live != true)
    }

    /// A long message takes up to three lines on a screen of normal height, one (its end
    /// marked …) on a very small one, where the body needs the rows.
    @Test func aLongMessageGivesWayToTheBodyOnATinyScreen() throws {
        let fixture = try Fixture()
        let text = "Blind: the answers are A and B in random order · 1 A is better · 2 B · 0 a tie"
        func messageRows(_ size: Size) throws -> [String] {
            var state = try fixture.state(size: size)
            state.message = StatusMessage(text)
            return render(state, size: size, theme: .plain).text.split(separator: "\n", omittingEmptySubsequences: false)
                .suffix(3).map(String.init).filter { $0.contains("Blind") || $0.contains("random") || $0.contains("tie") }
        }
        #expect(try messageRows(Size(width: 30, height: 24)).count == 3)
        let tiny = try messageRows(Size(width: 30, height: 8))
        #expect(tiny.count == 1 && tiny[0].hasSuffix("…"), "\(tiny)")
    }

    @Test func aNoteNamesTheRealAction() throws {
        let fixture = try Fixture()
        _ = try fixture.store.savePairs([ScreenSnapshotTests.bookingPair], message: "pair")
        let seen = try fixture.store.latestChangeset()
        let bob = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "bob")
        try bob.decide(ScreenSnapshotTests.bookingPair.id, .accept, note: "fine")
        let (notices, _) = try fixture.store.changes(after: seen)
        #expect(notices.map(\.message) == ["accept pair \(ScreenSnapshotTests.bookingPair.id): fine"])
    }
}

/// A save the store refused for the person's role is not a conflict: nothing offers to
/// save over anyone, and what was typed stays open.
@Suite struct RefusedSaveTests {
    @Test func aViewersRationaleIsRefusedWithoutAnOverwriteOffer() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 100, height: 30), select: "travel.budget-honesty")
        _ = reduce(&state, .key(.char("r")))
        guard case .text = state.top else { Issue.record("r opened no editor"); return }
        fixture.press(&state, .typing("Why it matters."))
        let effects = reduce(&state, .key(.ctrl("s")))
        guard case .annotate(_, _, let revision, _)? = effects.first else { Issue.record("no save: \(effects)"); return }
        let refusal = "refused: changing specs and rules needs the author role; vic is a viewer."
        _ = reduce(&state, .refused(refusal))
        guard case .text(let edit) = state.top else { Issue.record("the typed text was closed"); return }
        #expect(edit.area.text.hasSuffix("Why it matters.") && edit.problem == "Not saved: " + refusal)
        #expect(edit.revision == revision, "no save over anyone is offered")
        #expect(state.message?.isError == true)
    }
}
