import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// `q` and `Esc` on the review screen close one layer at a time: the whole rule, the
/// pair's history, the progress per rule; only then the review — and on `tenet review`'s
/// own screen, a stray `Esc` does not end the program.
@Suite struct ReviewLayerTests {
    static let size = Size(width: 100, height: 30)

    func homeReview(_ fixture: Fixture) throws -> WorkbenchState {
        var state = try fixture.state(size: Self.size)
        let pair = ScreenSnapshotTests.bookingPair
        _ = try fixture.store.savePairs([pair], message: "pair")
        _ = reduce(&state, .reviewStarted(QueueFilter(spec: "travel"), home: true))
        _ = reduce(&state, .reviewPairLoaded(try fixture.store.pairReview(pair.id), rules: [], progress: nil))
        return state
    }

    @Test func qAndEscCloseTheViewOverThePairFirst() throws {
        let fixture = try Fixture()
        var state = try homeReview(fixture)
        for (open, isOpen) in [(Key.char("r"), { (s: WorkbenchState) in s.review?.showRule == true }),
                               (.char("P"), { $0.review?.ruleProgress != nil }),
                               (.char("H"), { $0.review?.history != nil })] {
            for close in [Key.char("q"), .escape] {
                _ = reduce(&state, .key(open))
                // P and H load in the background: their results come back as actions.
                if open == .char("P") { _ = reduce(&state, .ruleProgressLoaded([:])) }
                if open == .char("H") { _ = reduce(&state, .pairHistoryLoaded(pair: ScreenSnapshotTests.bookingPair.id, entries: [])) }
                #expect(isOpen(state), "\(open.label) opened its view")
                let effects = reduce(&state, .key(close))
                #expect(effects.isEmpty && state.top == .review && !isOpen(state), "\(close.label) closed only \(open.label)'s view")
            }
        }
        // Flagging, then Esc Esc: the first closes the entry (an overlay on the stack), the
        // second closes nothing.
        _ = reduce(&state, .key(.char("f")))
        guard case .reviewEntry(let entry) = state.top, entry.kind == .flagReason else { Issue.record("f opened no entry: \(state.top)"); return }
        #expect(state.layers.count == 2)
        #expect(reduce(&state, .key(.escape)).isEmpty && reduce(&state, .key(.escape)).isEmpty)
        #expect(state.top == .review && state.message?.text == "Nothing open to close · q leaves the review")
        // q on the bottom layer leaves (and, for tenet review, quits).
        let leaving = reduce(&state, .key(.char("q")))
        #expect(leaving == [.leaveReview(release: ScreenSnapshotTests.bookingPair.id), .quit])
    }

    @Test func swappingBackSaysSo() throws {
        let fixture = try Fixture()
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Self.size, pair: ScreenSnapshotTests.bookingPair)
        fixture.press(&state, [.char("s")])
        #expect(state.message?.text.hasPrefix("Swapped: the old rejected answer is now chosen · s again swaps back") == true, "\(state.message?.text ?? "")")
        fixture.press(&state, [.char("s")])
        #expect(state.message?.text.hasPrefix("Swapped back: the answers are chosen and rejected as generated") == true, "\(state.message?.text ?? "")")
        #expect(state.review?.current?.stored.pair.chosen == ScreenSnapshotTests.bookingPair.chosen)
    }

    /// A filter naming a rule the project never had is refused, as `tenet pair list
    /// --rule` refuses it, instead of reading as "nothing left to review"; the pair shown
    /// and the filter it was served under stay.
    @Test func aFilterNamingNoRuleIsRefusedAndTheQueueStays() throws {
        let fixture = try Fixture()
        var state = try homeReview(fixture)
        fixture.press(&state, [.char("F"), .ctrl("u")] + .typing("rule=travel.nope") + [.enter])
        #expect(state.message?.isError == true && state.message?.text.hasPrefix("no rule `travel.nope`") == true, "\(state.message?.text ?? "")")
        #expect(state.message?.text.hasSuffix("Enter tries again, Esc keeps the queue as it was") == true, "\(state.message?.text ?? "")")
        #expect(state.review?.filter == QueueFilter(spec: "travel"))
        #expect(state.review?.current?.stored.id == ScreenSnapshotTests.bookingPair.id && state.review?.loading == false)
        // The filter line is open again with what was typed: keys typed next go to it, not
        // to the screen (u there undid the last verdict).
        guard case .reviewEntry(let entry) = state.top, entry.kind == .filter else { Issue.record("the filter line closed: \(state.top)"); return }
        #expect(entry.editor.text.contains("rule=travel.nope"), "\(entry.editor.text)")
        // Esc closes it and keeps the queue; a rule the project has is taken.
        fixture.press(&state, [.escape])
        #expect(state.top == .review && state.review?.filter == QueueFilter(spec: "travel"))
        fixture.press(&state, [.char("F"), .ctrl("u")] + .typing("rule=travel.booking-consent") + [.enter])
        #expect(state.review?.filter.rule == "travel.booking-consent", "\(state.message?.text ?? "")")
        #expect(state.message?.isError != true, "\(state.message?.text ?? "")")
    }

    /// `F` offers the filter as it is, and what is typed after it is a new key=value
    /// (it used to run on: `status=pendinggenerator=openai`).
    @Test func typingAfterTheOfferedFilterAddsToIt() throws {
        let fixture = try Fixture()
        var state = try homeReview(fixture)
        _ = reduce(&state, .key(.char("F")))
        for character in "generator=openai" { _ = reduce(&state, .key(.char(character))) }
        let effects = reduce(&state, .key(.enter))
        var wanted = QueueFilter(spec: "travel")
        wanted.generator = "openai"
        #expect(effects == [.refilterReview(wanted, release: ScreenSnapshotTests.bookingPair.id, previous: QueueFilter(spec: "travel"))],
                "\(effects) · \(state.message?.text ?? "")")
    }

    /// `p` at the end of the queue ("Nothing left to review here") goes back to the last
    /// pair shown; it said there was none before this one.
    @Test func pFromTheEndOfTheQueueGoesBackToTheLastPairShown() throws {
        let fixture = try Fixture()
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Size(width: 100, height: 30), pair: ScreenSnapshotTests.bookingPair)
        _ = reduce(&state, .reviewPairLoaded(nil, rules: [], progress: nil))
        #expect(state.review?.finished == true)
        #expect(reduce(&state, .key(.char("p"))) == [.showPair(ScreenSnapshotTests.bookingPair.id, filter: state.review!.filter)])
    }

    /// A queue with no pair at all under its filter says why — a search that matches none,
    /// a spec with no pairs yet — not that every pair has its reviews; and the hints leave
    /// out the keys that decide, which do nothing with no pair shown.
    @Test func anEmptyQueueSaysWhyAndHintsOnlyWhatWorks() throws {
        let fixture = try Fixture()
        let size = Size(width: 100, height: 30)
        var state = try ScreenSnapshotTests.reviewState(fixture, size: size, pair: ScreenSnapshotTests.bookingPair)
        state.review?.filter.text = "zzzqqq"
        _ = reduce(&state, .reviewPairLoaded(nil, rules: [], progress: QueueProgress(total: 0, decidedByMe: 0, finished: 0)))
        var screen = render(state, size: size, theme: .plain).text
        #expect(screen.contains("No pairs here") && screen.contains("No pair under this filter contains “zzzqqq”"), "\(screen)")
        #expect(!screen.contains("has its reviews"))
        let hints = StatusBar.hints(state).joined().map(\.text).joined()
        #expect(!hints.contains("accept") && !hints.contains("reject") && hints.contains("search"), "\(hints)")

        state.review?.filter.text = nil
        _ = reduce(&state, .reviewPairLoaded(nil, rules: [], progress: QueueProgress(total: 0, decidedByMe: 0, finished: 0)))
        screen = render(state, size: size, theme: .plain).text
        #expect(screen.contains("There are no pairs of travel yet"), "\(screen)")

        _ = reduce(&state, .reviewPairLoaded(nil, rules: [], progress: QueueProgress(total: 4, decidedByMe: 4, finished: 4)))
        screen = render(state, size: size, theme: .plain).text
        #expect(screen.contains("Nothing left to review here") && screen.contains("has its reviews"), "\(screen)")
    }

    /// At the smallest size the workbench draws (30×8) the prompt took every row and the
    /// answers showed their titles alone ("1–0/334"), while a and x still decided.
    @Test func theSmallestWindowShowsSomeOfEachAnswer() throws {
        let fixture = try Fixture()
        let size = minimumSize
        let state = try ScreenSnapshotTests.reviewState(fixture, size: size, pair: ScreenSnapshotTests.bookingPair)
        let screen = render(state, size: size, theme: .plain).text
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let chosen = try #require(lines.firstIndex { $0.contains("CHOSEN") }, "\(screen)")
        let rejected = try #require(lines.firstIndex { $0.contains("REJECTED") }, "\(screen)")
        #expect(rejected > chosen + 1, "a line of the chosen answer under its title: \(screen)")
        #expect(!lines[rejected + 1].trimmingCharacters(in: .whitespaces).isEmpty, "a line of the rejected answer: \(screen)")
        #expect(!screen.contains("1–0/"), "\(screen)")
    }

    /// In a window of 40×12 the prompt pane had room for its title and "user", and no text:
    /// a pair could be decided without its prompt in view. The role now goes on the line
    /// of its text.
    @Test func aSmallWindowShowsSomeOfThePrompt() throws {
        let fixture = try Fixture()
        let size = Size(width: 40, height: 12)
        let state = try ScreenSnapshotTests.reviewState(fixture, size: size, pair: ScreenSnapshotTests.bookingPair)
        let screen = render(state, size: size, theme: .plain).text
        #expect(screen.contains("user: Book the second hotel"), "\(screen)")
    }

    /// An undone decision leaves the footer's recent ones (it still listed "skip" for a
    /// pair with no decision), and the edit question's hints are its own keys.
    @Test func anUndoneDecisionLeavesTheRecentOnes() throws {
        let fixture = try Fixture()
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Size(width: 100, height: 30), pair: ScreenSnapshotTests.bookingPair)
        let id = ScreenSnapshotTests.bookingPair.id
        _ = reduce(&state, .pairDecided(pair: id, decision: "skip", note: nil, status: "pending", decidedByMe: 0))
        #expect(state.review?.recent.map(\.pair) == [id])
        _ = reduce(&state, .reversed(Reversal(undo: true, original: 2, changeset: 3, names: [id], count: 1, pair: id)))
        #expect(state.review?.recent.isEmpty == true)
        _ = reduce(&state, .key(.char("e")))
        let hints = StatusBar.hints(state).joined().map(\.text).joined()
        #expect(hints.contains("c chosen") && hints.contains("r rejected") && !hints.contains("Enter ok"), "\(hints)")
    }

    /// A redo names the undo it took back, as `tenet log` does ("redo of changeset 9");
    /// it named only the change it brought back, which the log did not.
    @Test func aRedoNamesTheUndoItTookBack() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        _ = reduce(&state, .reversed(Reversal(undo: false, original: 4, changeset: 10, names: ["a"], count: 1, pair: nil, undone: 9)))
        #expect(state.message?.text.hasPrefix("Redid changeset 4 (as #10, taking back its undo #9) · a") == true, "\(state.message?.text ?? "")")
        _ = reduce(&state, .reversed(Reversal(undo: true, original: 4, changeset: 11, names: ["a"], count: 1, pair: nil)))
        #expect(state.message?.text.hasPrefix("Undid changeset 4 (as #11) · a") == true)
    }

    /// An undo says what it undid, as the changeset's message has it: a stray u on the
    /// evaluation screen took back a generation of five pairs, and the message listed pair
    /// IDs only. The message is stored text: made safe.
    @Test func anUndoSaysWhatItUndid() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        _ = reduce(&state, .reversed(Reversal(undo: true, original: 24, changeset: 25, names: ["p-26b6"], count: 5, pair: "p-26b6",
                                              what: "generate 5 pairs from travel-1\u{1B}]0;x\u{7}")))
        let text = state.message?.text ?? ""
        #expect(text.hasPrefix("Undid changeset 24 “generate 5 pairs from travel-1"), "\(text)")
        #expect(!text.contains("\u{1B}") && text.contains("(as #25) · p-26b6 and 4 more"), "\(text)")
    }

    /// "Nothing left" says why a pair you decided is not there (`F status=accepted` found
    /// nothing, with no word why), and the text wraps rather than running off the screen.
    @Test func nothingLeftSaysThatDecidedPairsAreNotServedAgain() throws {
        let fixture = try Fixture()
        let size = Size(width: 60, height: 24)
        var state = try ScreenSnapshotTests.reviewState(fixture, size: size, pair: ScreenSnapshotTests.bookingPair)
        _ = reduce(&state, .reviewPairLoaded(nil, rules: [], progress: nil))
        let screen = render(state, size: size, theme: .plain).text
        #expect(screen.contains("was decided by you"), "\(screen)")
        #expect(screen.contains("(p goes back to"), "\(screen)")
    }
}

/// A rule saved in the workbench (r, an example, a suggestion accepted) has its lint read
/// again: the rule pane said "has no rationale" under the rationale just added.
@Suite struct SavedRuleLintTests {
    @Test func aSavedRuleHasItsSpecLintedAgain() throws {
        let fixture = try Fixture()
        var state = try fixture.state()
        let key = try fixture.store.rule("travel.budget-honesty").key
        var change = AnnotationChange()
        change.rationale = "Money matters."
        _ = try fixture.store.annotate(key, change)
        let stored = try fixture.store.rule(key)
        let effects = reduce(&state, .ruleSaved(stored, summary: "rationale saved"))
        #expect(effects.contains(.lint(spec: "travel")), "\(effects)")
    }
}
