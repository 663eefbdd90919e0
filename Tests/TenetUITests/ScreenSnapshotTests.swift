import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// The workbench's screens as text, at a standard terminal, a large one and a narrow one.
@Suite struct ScreenSnapshotTests {
    static let sizes: [(String, Size)] = [("80x24", Size(width: 80, height: 24)), ("200x60", Size(width: 200, height: 60)),
                                          ("40x20", Size(width: 40, height: 20))]

    @Test func specView() throws {
        let fixture = try Fixture()
        for (name, size) in Self.sizes {
            let state = try fixture.state(size: size, select: "travel.booking-consent")
            Snapshot.assert(state, size: size, named: "spec-view-\(name)")
        }
    }

    @Test func specViewNarrowShowsTheRuleAfterEnter() throws {
        let fixture = try Fixture()
        var state = try fixture.state(size: Size(width: 40, height: 20), select: "travel.booking-consent")
        fixture.press(&state, [.enter])
        #expect(state.focus == .detail)
        Snapshot.assert(state, size: Size(width: 40, height: 20), named: "spec-view-40x20-rule")
    }

    @Test func helpScreen() throws {
        let fixture = try Fixture()
        for (name, size) in Self.sizes {
            var state = try fixture.state(size: size)
            fixture.press(&state, [.char("?")])
            Snapshot.assert(state, size: size, named: "help-\(name)")
        }
    }

    @Test func editMode() throws {
        let fixture = try Fixture()
        for (name, size) in Self.sizes {
            var state = try fixture.state(size: size, select: "travel.budget-honesty")
            fixture.press(&state, [.char("a"), .char("s"), .ctrl("u")] + .typing("trips booked through the assistant"))
            Snapshot.assert(state, size: size, named: "edit-\(name)")
        }
    }

    @Test func historyPane() throws {
        let fixture = try Fixture()
        for (name, size) in Self.sizes {
            var state = try fixture.state(size: size, select: "travel.budget-honesty")
            fixture.press(&state, [.char("s"), .char("r"), .ctrl("u")] + .typing("Hidden fees break trust.") + [.enter, .char("H")])
            Snapshot.assert(state, size: size, named: "history-\(name)")
            fixture.press(&state, [.char("B")])
            Snapshot.assert(state, size: size, named: "blame-\(name)")
            // Back to the spec: undo the two edits for the next size.
            fixture.press(&state, [.char("q")])
            _ = try fixture.store.undo()
            _ = try fixture.store.undo()
        }
    }

    @Test func instantiationScreen() throws {
        let fixture = try Fixture()
        for (name, size) in Self.sizes {
            var state = try fixture.state(size: size)
            _ = reduce(&state, .key(.char("I")))
            let (spec, revision) = try fixture.store.effectiveSpec("travel")
            _ = reduce(&state, .instantiationSpecLoaded(spec, revision: revision))
            Snapshot.assert(state, size: size, named: "instantiate-\(name)")
        }
    }

    @Test func welcomeAndTooSmall() throws {
        var state = WorkbenchState(user: "alice", database: "tenet.db")
        state.samplesPath = "SampleSpecs"
        _ = reduce(&state, .specsLoaded([]))
        #expect(state.mode == .welcome)
        Snapshot.assert(state, size: Size(width: 80, height: 24), named: "welcome-80x24")
        Snapshot.assert(state, size: Size(width: 24, height: 6), named: "too-small-24x6")
    }
}
