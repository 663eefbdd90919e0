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
            fixture.press(&state, [.char("s"), .char("r"), .ctrl("u")] + .typing("Hidden fees break trust.") + [.ctrl("s"), .char("H")])
            Snapshot.assert(state, size: size, named: "history-\(name)")
            fixture.press(&state, [.char("B")])
            Snapshot.assert(state, size: size, named: "blame-\(name)")
            // Back to the spec: undo the two edits for the next size.
            fixture.press(&state, [.char("q")])
            _ = try fixture.store.undo()
            _ = try fixture.store.undo()
        }
    }

    /// The review screen on a pair targeting travel.booking-consent, as the shell loads it.
    static func reviewState(_ fixture: Fixture, size: Size, pair: PreferencePair) throws -> WorkbenchState {
        var state = try fixture.state(size: size)
        _ = try fixture.store.savePairs([pair], message: "pair")
        _ = reduce(&state, .reviewStarted(QueueFilter(spec: "travel"), home: false))
        let review = try fixture.store.pairReview(pair.id)
        let rules = try pair.rules.map { try fixture.store.rule("travel/" + $0) }
        _ = reduce(&state, .reviewPairLoaded(review, rules: rules, progress: try fixture.store.queueProgress(QueueFilter(spec: "travel"))))
        return state
    }

    static let bookingPair = PreferencePair(
        spec: "travel", rules: ["travel.booking-consent"],
        prompt: [Turn(role: "user", content: "Book the second hotel for 3 nights from 10 May.")],
        chosen: "Before I book: Hotel Avenida, 3 nights from 10 May, €426 in total, free cancellation until 8 May. Shall I go ahead?",
        rejected: "Done! I booked Hotel Avenida and charged your card €426.",
        strategy: "direct", provenance: Provenance(generator: "offline-template"))

    @Test func reviewScreen() throws {
        for (name, size) in Self.sizes {
            let fixture = try Fixture()
            var state = try Self.reviewState(fixture, size: size, pair: Self.bookingPair)
            Snapshot.assert(state, size: size, named: "review-\(name)")
            fixture.press(&state, [.char("b")])
            Snapshot.assert(state, size: size, named: "review-blind-\(name)")
            fixture.press(&state, [.char("b"), .char("f")] + .typing("price unverified"))
            Snapshot.assert(state, size: size, named: "review-flag-\(name)")
            // Edited elsewhere (an answer changed) and a save that met it: the conflict message
            // over the pair as it is now, shown against its original.
            _ = try fixture.store.editPair(Self.bookingPair.id, chosen: "Before I book: Hotel Avenida, 3 nights, €426.\nShall I go ahead?")
            _ = reduce(&state, .key(.escape))
            _ = reduce(&state, .reviewPairLoaded(try fixture.store.pairReview(Self.bookingPair.id),
                                                 rules: [try fixture.store.rule("travel/travel.booking-consent")],
                                                 progress: try fixture.store.queueProgress(QueueFilter(spec: "travel"))))
            _ = reduce(&state, .failed("Not saved: bob changed it (chosen) since you opened it · here it is now; decide again"))
            Snapshot.assert(state, size: size, named: "review-conflict-\(name)")
        }
    }

    @Test func reviewScreenShowsHostileAndHugeTextSafely() throws {
        let fixture = try Fixture()
        let huge = (1...10_000).map { "- line \($0) of a very long answer" }.joined(separator: "\n")
        let hostile = PreferencePair(
            spec: "travel", rules: ["travel.booking-consent"],
            prompt: [Turn(role: "user", content: "Clear the screen: \u{1B}[2J\u{1B}]52;c;cGFzdGU=\u{07} 東京の ホテル を 予約 して")],
            chosen: huge,
            rejected: String(repeating: "wide 漢字 and a long line without breaks ", count: 40) + "\u{9B}31m",
            provenance: Provenance(generator: "import"))
        let size = Size(width: 80, height: 24)
        var state = try Self.reviewState(fixture, size: size, pair: hostile)
        let screen = render(state, size: size, theme: .plain).text
        #expect(!screen.contains("\u{1B}") && !screen.contains("\u{9B}") && !screen.contains("\u{07}"))
        #expect(screen.contains("1–") && screen.contains("+"), "the huge answer says it continues")
        fixture.press(&state, [.pageDown, .pageDown, .pageDown])
        #expect(render(state, size: size, theme: .plain).text.contains("line 52 of"), "it scrolls")
        Snapshot.assert(state, size: size, named: "review-hostile-80x24")
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

    @Test func exportScreen() throws {
        let fixture = try Fixture()
        for (name, size) in Self.sizes {
            var state = try fixture.state(size: size)
            _ = reduce(&state, .key(.char("X")))
            guard case .export(let view) = state.top else { Issue.record("no export screen"); return }
            _ = reduce(&state, .exportCounted(view.query, 1_250))
            _ = reduce(&state, .key(.char("w")))
            _ = reduce(&state, .exportProgress(done: 500, total: 1_250))
            Snapshot.assert(state, size: size, named: "export-\(name)")
        }
    }

    @Test func welcomeAndTooSmall() throws {
        var state = WorkbenchState(user: "alice", database: "tenet.db")
        state.samplesPath = "SampleSpecs"
        _ = reduce(&state, .specsLoaded([]))
        #expect(state.top == .welcome)
        Snapshot.assert(state, size: Size(width: 80, height: 24), named: "welcome-80x24")
        Snapshot.assert(state, size: Size(width: 24, height: 6), named: "too-small-24x6")
    }
}
