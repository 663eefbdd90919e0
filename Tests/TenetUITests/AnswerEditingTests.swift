import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// Editing a pair's answer in the built-in editor: `e` then `c` or `r`, saved as an
/// effect, and a save that meets someone else's change merged, never overwritten.
@Suite struct AnswerEditingTests {
    static let size = Size(width: 100, height: 30)

    @Test func eThenCOpensTheChosenAnswerAndCtrlSSavesIt() throws {
        let fixture = try Fixture()
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Self.size, pair: ScreenSnapshotTests.bookingPair)
        let pair = ScreenSnapshotTests.bookingPair
        fixture.press(&state, [.char("e"), .char("c")])
        guard case .text(let edit) = state.top else { Issue.record("e c did not open the text editor"); return }
        #expect(edit.area.text == pair.chosen)
        #expect(edit.title.hasPrefix("Chosen answer of pair"))
        // Review keys are text here.
        fixture.press(&state, [.alt(">")] + .typing(" axs"))
        let effects = reduce(&state, .key(.ctrl("s")))
        #expect(effects == [.saveAnswer(pair.id, chosen: true, text: pair.chosen + " axs", expectedRevision: 1, filter: state.review!.filter)])
        #expect(state.top == .review)
        #expect(state.savingText != nil)
        let saved = try fixture.store.editPair(pair.id, chosen: pair.chosen + " axs", expectedRevision: 1)
        _ = reduce(&state, .reviewPairLoaded(saved, rules: [], progress: nil))
        _ = reduce(&state, .answerSaved(pair: pair.id, chosen: true))
        #expect(state.savingText == nil)
        #expect(state.message?.text.hasPrefix("Edited the chosen answer") == true)
        // The same text again saves nothing.
        fixture.press(&state, [.char("e"), .char("r")])
        #expect(reduce(&state, .key(.ctrl("s"))).isEmpty)
        #expect(state.top == .review)
    }

    /// An edit that leaves the answers nearly the same is saved, but its checks are run
    /// again and the failure is said at once, and shown on the card, before anyone decides.
    @Test func anEditThatFailsACheckSaysSoBeforeTheDecision() throws {
        let fixture = try Fixture()
        let booking = ScreenSnapshotTests.bookingPair
        let rejected = "Done! I booked Hotel Avenida for three nights from the tenth of May, charged the card you saved last time "
            + "€426 in total, and sent the confirmation to your email address."
        let generated = PreferencePair(spec: booking.spec, rules: booking.rules, prompt: booking.prompt, chosen: booking.chosen,
                                       rejected: rejected, strategy: booking.strategy,
                                       provenance: Provenance(generator: "offline-template", judge: "PASS: offline",
                                                              checks: [QualityCheck(.notNearIdentical, passed: true, reason: "differ", by: "tenet")]))
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Self.size, pair: generated)
        let saved = try fixture.store.editPair(generated.id, chosen: generated.rejected + " Enjoy!", expectedRevision: 1)
        state.savingText = TextEdit(subject: .answer(pair: generated.id, chosen: true), title: "Chosen answer", revision: 1, text: generated.chosen)
        _ = reduce(&state, .reviewPairLoaded(saved, rules: [], progress: nil))
        _ = reduce(&state, .answerSaved(pair: generated.id, chosen: true))
        #expect(state.message?.isError == true)
        #expect(state.message?.text.hasPrefix("Edited the chosen answer, but it fails not-near-identical: the answers are") == true,
                "\(state.message?.text ?? "")")
        #expect(render(state, size: Self.size, theme: .plain).text.contains("failed not-near-identical (tenet)"))
    }

    @Test func aSaveThatMeetsTheirEditShowsTheirTextToMerge() throws {
        let fixture = try Fixture()
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Self.size, pair: ScreenSnapshotTests.bookingPair)
        let pair = ScreenSnapshotTests.bookingPair
        fixture.press(&state, [.char("e"), .char("c"), .alt(">")] + .typing(" Mine."))
        guard case .saveAnswer(_, _, let mine, let expected, _)? = reduce(&state, .key(.ctrl("s"))).first else { Issue.record("no save"); return }
        // Bob saved first: the shell's answer is a conflict with his text.
        let bob = try ProjectStore(path: fixture.directory + "/tenet.db", author: "bob", session: "bob")
        _ = try bob.editPair(pair.id, chosen: "Bob's answer.", expectedRevision: expected)
        #expect(throws: StoreError.self) { try fixture.store.editPair(pair.id, chosen: mine, expectedRevision: expected) }
        let now = try fixture.store.pairReview(pair.id)
        _ = reduce(&state, .answerConflict(pair: pair.id, chosen: true, theirs: "Bob's answer.", revision: now.stored.revision, author: "bob"))
        // The merge view opens at once on both texts; nothing is saved until a choice.
        guard case .merge(let view) = state.top else { Issue.record("no merge view: \(state.top)"); return }
        #expect(view.yours.hasSuffix("Mine.") && view.theirs == "Bob's answer." && view.author == "bob")
        #expect(state.message?.text.contains("bob saved a change first") == true)
        // e: edit with theirs below, between markers.
        #expect(reduce(&state, .key(.char("e"))).isEmpty)
        guard case .text(let merging) = state.top else { Issue.record("the typed text was lost"); return }
        #expect(merging.area.text.hasPrefix(mine + "\n<<<<<<< theirs (bob, revision \(now.stored.revision))\nBob's answer.\n>>>>>>>"))
        #expect(merging.problem?.contains("Theirs is below yours") == true)
        #expect(merging.revision == now.stored.revision)
        // With the markers in, nothing is saved.
        #expect(reduce(&state, .key(.ctrl("s"))).isEmpty)
        guard case .text(let refused) = state.top else { Issue.record("closed"); return }
        #expect(refused.problem?.contains("merge marker") == true)
        // Keep both: delete the two marker lines, then save on their revision.
        goToLine(fixture, &state, 1)
        fixture.press(&state, [.ctrl("a"), .ctrl("k"), .ctrl("k")])
        goToLine(fixture, &state, 2)
        fixture.press(&state, [.ctrl("a"), .ctrl("k"), .backspace])
        let effects = reduce(&state, .key(.ctrl("s")))
        #expect(effects == [.saveAnswer(pair.id, chosen: true, text: mine + "\nBob's answer.", expectedRevision: now.stored.revision, filter: state.review!.filter)])
    }

    /// `e` in the merge view, then cancelling the edit (Esc, and Esc again to confirm),
    /// goes back to the merge view with both texts: it dropped yours and theirs and left
    /// the screen under them.
    @Test func cancellingAnEditFromTheMergeViewGoesBackToIt() throws {
        let fixture = try Fixture()
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Self.size, pair: ScreenSnapshotTests.bookingPair)
        let pair = ScreenSnapshotTests.bookingPair
        fixture.press(&state, [.char("e"), .char("c"), .alt(">")] + .typing(" Mine."))
        guard case .saveAnswer(_, _, _, let expected, _)? = reduce(&state, .key(.ctrl("s"))).first else { Issue.record("no save"); return }
        _ = reduce(&state, .answerConflict(pair: pair.id, chosen: true, theirs: "Bob's answer.", revision: expected + 1, author: "bob"))
        guard case .merge(let view) = state.top else { Issue.record("no merge view: \(state.top)"); return }
        fixture.press(&state, [.char("e"), .escape])
        guard case .text = state.top else { Issue.record("the first Esc only asks: \(state.top)"); return }
        fixture.press(&state, [.escape])
        guard case .merge(let back) = state.top else { Issue.record("not back in the merge view: \(state.top)"); return }
        #expect(back.yours == view.yours && back.theirs == "Bob's answer.")
        #expect(state.message?.text.hasPrefix("Back to both texts; nothing saved") == true, "\(state.message?.text ?? "")")
        // And from there yours can still be kept.
        #expect(!reduce(&state, .key(.char("m"))).isEmpty || state.savingText != nil)
    }

    @Test func anEmptyAnswerIsRefusedInPlace() throws {
        let fixture = try Fixture()
        var state = try ScreenSnapshotTests.reviewState(fixture, size: Self.size, pair: ScreenSnapshotTests.bookingPair)
        fixture.press(&state, [.char("e"), .char("r"), .alt(">"), .ctrl("u")])
        #expect(reduce(&state, .key(.ctrl("s"))).isEmpty)
        guard case .text(let edit) = state.top else { Issue.record("closed"); return }
        #expect(edit.problem?.contains("cannot be empty") == true)
    }

    @Test func theTextEditorScreen() throws {
        for (name, size) in ScreenSnapshotTests.sizes {
            let fixture = try Fixture()
            var state = try ScreenSnapshotTests.reviewState(fixture, size: size, pair: ScreenSnapshotTests.bookingPair)
            fixture.press(&state, [.char("e"), .char("c"), .alt(">"), .enter] + .typing("日本語 and é: wide and combining.")
                          + [.enter, .paste("A long pasted line that must wrap softly at the edge of the window, with a word or two more. \u{1B}[31m")])
            Snapshot.assert(state, size: size, named: "text-editor-\(name)")
        }
    }
}
