import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// Decisions, edits, reopening, visibility and the review queue, on a real SQLite file.
@Suite struct ReviewStoreTests {
    let directory: String
    let path: String

    init() throws {
        directory = try StoreSettingsTests.temporaryDirectory()
        path = directory + "/p.db"
        let store = try ProjectStore(path: path, author: "setup")
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n\n## B {#b kind=behavioral}\n\nDo b.\n")
        _ = try store.importSpec(spec, text: "")
        _ = try store.savePairs((0..<6).map { PairStoreTests.pair($0, spec: "s", rule: $0 % 2 == 0 ? "a" : "b") }, message: "pairs")
    }

    func store(_ user: String) throws -> ProjectStore { try ProjectStore(path: path, author: user) }
    func id(_ n: Int) -> String { PairStoreTests.pair(n, spec: "s", rule: n % 2 == 0 ? "a" : "b").id }

    @Test func aDecisionIsARevisionAndSetsTheStatusByOverlap() throws {
        let alice = try store("alice"), bob = try store("bob")
        let decided = try alice.decide(id(0), .accept, note: "clear")
        #expect(decided.stored.status == "accepted" && decided.stored.revision == 2)
        #expect(decided.decisions["alice"]?.decision == .accept && decided.decisions["alice"]?.note == "clear")
        #expect(decided.decisions["alice"]?.rules == ["s/a": 1], "the rule's revision when decided")
        #expect(try alice.pairs(status: "accepted").map(\.id) == [id(0)])

        try alice.setReviewSetting("overlap", "2")
        #expect(try alice.decide(id(1), .accept).stored.status == "pending", "one of two reviews")
        #expect(try bob.decide(id(1), .reject).stored.status == "disputed")
        #expect(try bob.decide(id(2), .flag, note: "unsure").stored.status == "flagged")
        #expect(try bob.decide(id(3), .skip).stored.status == "pending")
        // Changing one's mind replaces the decision.
        #expect(try bob.decide(id(1), .accept).stored.status == "accepted")
        // A tie is no vote for the pair: accept + tie is disputed, reject + tie rejected,
        // and two accepts outvote a tie at overlap 3.
        #expect(try alice.decide(id(4), .accept).stored.status == "pending")
        #expect(try bob.decide(id(4), .tie).stored.status == "disputed")
        #expect(try alice.decide(id(5), .reject).stored.status == "pending")
        #expect(try bob.decide(id(5), .tie).stored.status == "rejected")
        try alice.setReviewSetting("overlap", "3")
        #expect(try store("carol").decide(id(4), .accept).stored.status == "accepted")
        #expect(throws: StoreError.self) { try alice.setReviewSetting("overlap", "0") }
        #expect(throws: StoreError.self) { try alice.setReviewSetting("visibility", "some") }
        #expect(throws: StoreError.self) { try alice.setReviewSetting("colour", "red") }
    }

    /// Lowering the overlap leaves pairs pending that their verdicts now finish (a status
    /// is written only with a decision): the same decision given again is recorded and
    /// gives each its status; a pair that does not await one still refuses the same
    /// decision twice.
    @Test func pairsLeftPendingByALowerOverlapGetTheirStatusWhenDecidedAgain() throws {
        let alice = try store("alice"), bob = try store("bob")
        try alice.setReviewSetting("overlap", "2")
        #expect(try alice.decide(id(0), .accept).stored.status == "pending")
        #expect(try alice.decide(id(1), .reject).stored.status == "pending")
        try alice.setReviewSetting("overlap", "1")
        #expect(try alice.pairsAwaitingTheirStatus() == 2)
        #expect(try bob.claimNext().map { [id(0), id(1)].contains($0.id) } == false, "not served to someone else: they have their verdicts")
        #expect(try alice.decide(id(0), .accept).stored.status == "accepted")
        #expect(try alice.decide(id(1), .reject).stored.status == "rejected")
        #expect(try alice.pairsAwaitingTheirStatus() == 0)
        #expect(throws: StoreError.self) { try alice.decide(id(0), .accept) }
    }

    @Test func swapAndEditKeepTheOriginalAndUndoRestoresIt() throws {
        let alice = try store("alice")
        let swapped = try alice.swap(id(0))
        #expect(swapped.stored.pair.chosen == "bad 0" && swapped.stored.pair.rejected == "answer 0")
        #expect(swapped.swapped && !swapped.edited && swapped.originalChosen == "answer 0")
        #expect(!swapped.chosenEdited && !swapped.rejectedEdited, "a swap alone edits neither answer")
        let edited = try alice.editPair(id(0), chosen: "a better answer 0")
        #expect(edited.edited && edited.originalChosen == "answer 0" && edited.stored.pair.chosen == "a better answer 0")
        #expect(edited.chosenEdited && !edited.rejectedEdited && edited.chosenAsGenerated == "bad 0")
        #expect(try alice.decide(id(0), .accept).stored.status == "edited")
        // A stale revision is a conflict, naming who changed it.
        let bob = try store("bob")
        let error = #expect(throws: StoreError.self) { try bob.editPair(id(0), rejected: "mine", expectedRevision: 2) }
        if case .conflict(let conflict)? = error {
            #expect(conflict.currentRevision == 4 && conflict.changes.first?.author == "alice")
        } else {
            Issue.record("expected a conflict, got \(String(describing: error))")
        }
        #expect(throws: StoreError.self) { try bob.editPair(id(0), chosen: "  ") }
        // Undo takes back the decision; the status and the queue index follow.
        _ = try alice.undo()
        #expect(try alice.pair(id(0)).status == "pending")
        #expect(try alice.pairReview(id(0)).decisions.isEmpty)
        #expect(try alice.claimNext()?.id != nil)
    }

    /// Edit, then swap: the edited answer moves to rejected and is the only one marked
    /// (`pair show` used to mark both).
    @Test func anEditFollowsItsAnswerThroughASwap() throws {
        let alice = try store("alice")
        _ = try alice.editPair(id(1), chosen: "a better answer 1")
        let review = try alice.swap(id(1))
        #expect(review.stored.pair.chosen == "bad 1" && review.stored.pair.rejected == "a better answer 1")
        #expect(!review.chosenEdited && review.rejectedEdited)
        #expect(review.rejectedAsGenerated == "answer 1" && review.chosenAsGenerated == "bad 1")
    }

    @Test func reopeningSendsThePairBackToItsReviewerFirst() throws {
        let alice = try store("alice"), bob = try store("bob"), carol = try store("carol")
        try alice.decide(id(4), .accept)
        #expect(throws: StoreError.self) { try carol.reopen(id(5), reason: "why not") }
        let reopened = try carol.reopen(id(4), reason: "the chosen answer invents a price")
        #expect(reopened.stored.status == "pending" && reopened.decisions.isEmpty)
        #expect(reopened.reopened?.reviewers == ["alice"] && reopened.reopened?.by == "carol")
        #expect(try alice.claimNext()?.id == id(4), "back to its reviewer first")
        #expect(try bob.claimNext()?.id != id(4), "alice holds it")
        try alice.decide(id(4), .reject, note: "agreed")
        #expect(try alice.pair(id(4)).status == "rejected")
    }

    @Test func othersDecisionsAreHiddenWhenVisibilityIsOwn() throws {
        let owner = try store("setup")
        for (name, role) in [("alice", Role.annotator), ("bob", .annotator), ("dana", .annotator)] {
            try owner.grant(name, role: role, keys: [])
        }
        func person(_ name: String) throws -> ProjectStore {
            try ProjectStore(path: path, identity: Identity(name: name, source: .account(login: name)))
        }
        let alice = try person("alice"), bob = try person("bob"), dana = try person("dana")
        try alice.decide(id(0), .accept)
        try bob.decide(id(0), .reject)
        #expect(try bob.pairReview(id(0)).decisions.count == 2)
        try owner.setReviewSetting("visibility", "own")
        try owner.setReviewSetting("role.dana", "adjudicator")
        let seen = try bob.pairReview(id(0))
        #expect(Array(seen.decisions.keys) == ["bob"] && seen.hiddenDecisions == 1)
        #expect(try dana.pairReview(id(0)).decisions.count == 2, "adjudicators see all")
    }

    @Test func aRuleChangedAfterTheDecisionMakesItStale() throws {
        let alice = try store("alice")
        try alice.decide(id(0), .accept)
        #expect(try alice.pairReview(id(0)).staleRules.isEmpty)
        var rationale = AnnotationChange()
        rationale.rationale = "because"
        _ = try alice.annotate("s/a", rationale)
        #expect(try alice.pairReview(id(0)).staleRules.isEmpty, "a rationale does not change what the rule asks")
        var kind = AnnotationChange()
        kind.kind = .behavioral
        _ = try alice.annotate("s/a", kind)
        #expect(try alice.pairReview(id(0)).staleRules == ["a"])
    }

    @Test func aPairWhoseRuleChangedIsServedToItsReviewerAgainFirst() throws {
        let alice = try store("alice"), bob = try store("bob")
        // Alice accepts every pair; bob skips one targeting rule a (no verdict, so not stale).
        for pair in try alice.pairs() { try alice.decide(pair.id, .accept) }
        try bob.decide(id(2), .skip)
        #expect(try alice.claimNext() == nil, "nothing left for alice")
        var why = AnnotationChange()
        why.rationale = "clearer now"
        _ = try alice.annotate("s/a", why)
        #expect(try alice.claimNext() == nil, "a rationale does not change what the rule asks")
        var kind = AnnotationChange()
        kind.kind = .behavioral
        _ = try bob.annotate("s/a", kind)
        // Pairs 0, 2 and 4 target rule a: alice gets them back, accepted as they are.
        var served: [String] = []
        while let next = try alice.claimNext(), served.count < 10 {
            served.append(next.id)
            #expect(try alice.pairReview(next.id).staleRules == ["a"])
            try alice.decide(next.id, .reject)
        }
        #expect(Set(served) == Set([0, 2, 4].map(id)))
        #expect(try alice.pairReview(id(0)).staleRules.isEmpty, "decided again after the change")
    }

    @Test func aPairWhoseRuleChangedIsServedWithinTheFilterAndMovingOnMovesPastIt() throws {
        let alice = try store("alice")
        for n in 0..<4 { try alice.decide(id(n), .accept) }
        var kind = AnnotationChange()
        kind.kind = .behavioral
        _ = try alice.annotate("s/a", kind)
        // Pairs 0 and 2 target rule a: alice's again, but not under a filter on rule b.
        let onB = try #require(try alice.claimNext(QueueFilter(rule: "b")))
        #expect(onB.id == id(5), "the pending pair on rule b, not a changed pair on rule a")
        try alice.release(onB.id)
        let first = try #require(try alice.claimNext())
        #expect([id(0), id(2)].contains(first.id))
        // Moving on (n) moves: the other changed pair, then the pending ones, and the pairs
        // moved past come round again only when nothing else is left.
        var passed = [first.id]
        try alice.release(first.id)
        let second = try #require(try alice.claimNext(after: first.id, passed: passed))
        #expect(second.id != first.id && [id(0), id(2)].contains(second.id))
        passed.append(second.id)
        try alice.release(second.id)
        let third = try #require(try alice.claimNext(after: second.id, passed: passed))
        #expect([id(4), id(5)].contains(third.id), "a pending pair once the changed ones were passed")
        try alice.decide(id(4), .accept)
        try alice.decide(id(5), .accept)
        let again = try #require(try alice.claimNext(after: id(5), passed: passed), "nothing else is left")
        #expect(passed.contains(again.id))
    }

    @Test func removingAndRestoringARuleLeavesDecisionsAsTheyAre() throws {
        let alice = try store("alice")
        try alice.decide(id(1), .accept)
        let withoutB = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n")
        _ = try alice.importSpec(withoutB, text: "")
        #expect(try alice.pairReview(id(1)).staleRules.isEmpty, "a removed rule asks nothing new")
        _ = try alice.undo()
        #expect(try alice.pairReview(id(1)).staleRules.isEmpty, "restored as it was")
        while let next = try alice.claimNext() {
            #expect(next.id != id(1), "not served again")
            try alice.decide(next.id, .skip)
        }
    }

    /// Taking back an import takes back what it created: refused, whole, when any of it
    /// changed since (it used to remove the spec and leave what came later live).
    @Test func revertingAnImportChangedSinceIsRefusedAndChangesNothing() throws {
        let setup = try store("setup"), alice = try store("alice")
        let imported = try #require(try setup.log(limit: 10).last?.changeset)
        var why = AnnotationChange()
        why.rationale = "because"
        _ = try alice.annotate("s/a", why)
        let newest = try setup.log(limit: 1).first?.changeset
        let error = #expect(throws: StoreError.self) { try setup.revert(imported) }
        #expect("\(String(describing: error))".contains("annotations.rationale"), "\(String(describing: error))")
        #expect(try setup.log(limit: 1).first?.changeset == newest, "nothing written")
        _ = try alice.undo()
        #expect(try setup.revert(imported).reversed == imported, "once the change is taken back")
    }

    @Test func undoingAPairsOnlyEditOrSwapLeavesItAsGenerated() throws {
        let alice = try store("alice")
        _ = try alice.editPair(id(0), chosen: "a better answer 0")
        _ = try alice.undo()
        let review = try alice.pairReview(id(0))
        #expect(!review.edited && review.originalChosen == nil && review.originalRejected == nil)
        #expect(review.stored.pair.chosen == "answer 0")
        #expect(try alice.decide(id(0), .accept).stored.status == "accepted", "not edited")
        #expect(try alice.pairs(status: "edited").isEmpty)
        let again = try alice.editPair(id(2), chosen: "another")
        #expect(again.edited && again.originalChosen == "answer 2", "a later edit keeps what was generated")
        _ = try alice.swap(id(1))
        _ = try alice.undo()
        let unswapped = try alice.pairReview(id(1))
        #expect(!unswapped.swapped && !unswapped.edited && unswapped.originalChosen == nil)
        #expect(unswapped.stored.pair.chosen == "answer 1")
    }

    @Test func theQueueServesEachPairToOneAnnotatorAtATime() throws {
        let alice = try store("alice"), bob = try store("bob")
        let first = try #require(try alice.claimNext())
        #expect(try alice.claimNext()?.id == first.id, "a held pair is served again to its holder")
        let other = try #require(try bob.claimNext())
        #expect(other.id != first.id)
        #expect(try alice.leases(first.id).map(\.annotator) == ["alice"])
        try alice.decide(first.id, .accept)
        #expect(try alice.leases(first.id).isEmpty, "deciding gives the lease back")
        let next = try #require(try alice.claimNext(after: first.id))
        #expect(next.id != first.id && next.id != other.id)
        // Filters: only rule b.
        try alice.release(next.id)
        let onlyB = try #require(try alice.claimNext(QueueFilter(rule: "b")))
        #expect(onlyB.pair.rules == ["b"])
        // Everything decided: nothing left for alice.
        for pair in try alice.pairs() where pair.status == "pending" { try alice.decide(pair.id, .skip) }
        #expect(try alice.claimNext() == nil)
        #expect(try alice.queueProgress().decidedByMe == 6)
    }

    @Test func theQueueFiltersByStrategyGeneratorAndText() throws {
        let alice = try store("alice")
        var special = PairStoreTests.pair(100, spec: "s", rule: "a")
        special.strategy = "role-play"
        special.provenance.generator = "openai"
        special.chosen = "It's 50% off — the \"deal\" ends_today"
        special = PreferencePair(spec: special.spec, rules: special.rules, prompt: special.prompt, chosen: special.chosen,
                                 rejected: special.rejected, strategy: special.strategy, provenance: special.provenance)
        _ = try alice.savePairs([special], message: "one more")
        #expect(try alice.claimNext(QueueFilter(strategy: "role-play"))?.id == special.id)
        try alice.release(special.id)
        #expect(try alice.claimNext(QueueFilter(generator: "openai"))?.id == special.id)
        try alice.release(special.id)
        for text in ["50% off", "\"deal\"", "ends_today", "IT'S 50"] {
            #expect(try alice.claimNext(QueueFilter(text: text))?.id == special.id, "\(text)")
            try alice.release(special.id)
        }
        #expect(try alice.claimNext(QueueFilter(text: "5_% off")) == nil, "_ is a character, not a wildcard")
        #expect(try alice.claimNext(QueueFilter(strategy: "hypothetical")) == nil)
        let progress = try alice.queueProgress(QueueFilter(generator: "openai"))
        #expect(progress.total == 1 && progress.decidedByMe == 0 && progress.finished == 0)
        #expect(try alice.queueProgress(countingFinished: false).finished == nil)
    }

    @Test func flaggedAndDisputedPairsAreServedForASecondLook() throws {
        let alice = try store("alice"), bob = try store("bob"), dana = try store("dana")
        try alice.decide(id(0), .flag, note: "unsure")
        try alice.decide(id(1), .accept)
        try bob.decide(id(1), .reject)
        #expect(try alice.pairs(status: "disputed").map(\.id) == [id(1)])
        #expect(try dana.claimNext(QueueFilter(status: "flagged"))?.id == id(0), "an adjudicator gets the flagged pair")
        #expect(try bob.claimNext(QueueFilter(status: "flagged")) == nil, "dana holds it")
        #expect(try dana.claimNext(QueueFilter(status: "disputed"))?.id == id(1))
        #expect(try alice.claimNext(QueueFilter(status: "disputed")) == nil, "alice decided it already")
    }

    @Test func overlapTwoServesEachPairToTwoDifferentAnnotators() throws {
        let alice = try store("alice"), bob = try store("bob"), carol = try store("carol")
        try alice.setReviewSetting("overlap", "2")
        let a = try #require(try alice.claimNext())
        let b = try #require(try bob.claimNext())
        #expect(a.id == b.id, "overlap 2: both may hold the first pair")
        let c = try #require(try carol.claimNext())
        #expect(c.id != a.id, "but not a third")
        try alice.decide(a.id, .accept)
        try bob.decide(b.id, .accept)
        #expect(try alice.pair(a.id).status == "accepted")
    }

    /// Two annotators shown the same pair (overlap 2) decide it from the same revision:
    /// each holds their own decision field, so the second is no conflict (over ssh it was
    /// refused as one, and the annotator had to decide again). A change to the answers
    /// meanwhile still is.
    @Test func twoAnnotatorsDecidingOneRevisionAtOnceAreNoConflict() throws {
        let alice = try store("alice"), bob = try store("bob"), carol = try store("carol")
        try alice.setReviewSetting("overlap", "2")
        let shown = try alice.pair(id(0)).revision
        try alice.decide(id(0), .accept, expectedRevision: shown)
        let second = try bob.decide(id(0), .accept, expectedRevision: shown)
        #expect(second.stored.status == "accepted" && second.stored.revision == shown + 2)
        #expect(second.decisions["alice"]?.decision == .accept && second.decisions["bob"]?.decision == .accept)
        // Bob changing his own mind from a stale revision is still his to see first.
        #expect(throws: StoreError.self) { try bob.decide(id(0), .reject, expectedRevision: shown) }
        // The answers changed since the revision shown: a conflict, as before.
        let before = try alice.pair(id(1)).revision
        try carol.editPair(id(1), chosen: "a wholly different answer")
        #expect(throws: StoreError.self) { try bob.decide(id(1), .accept, expectedRevision: before) }
    }

    @Test func anExpiredLeaseReturnsThePairToTheQueue() throws {
        let alice = try store("alice"), bob = try store("bob")
        try alice.setReviewSetting("lease-seconds", "10")
        let held = try #require(try alice.claimNext())
        #expect(try bob.claimNext()?.id != held.id)
        // Age alice's lease past its end, as a killed session's would be.
        try DatabaseQueueHelper.execute(path, "UPDATE lease SET expires_at = '2000-01-01T00:00:00.000Z' WHERE annotator = 'alice'")
        // Bob holds one already; once he decides it, the expired one is served.
        let bobs = try #require(try bob.claimNext())
        try bob.decide(bobs.id, .accept)
        var served: [String] = []
        while let next = try bob.claimNext(), served.count < 6 {
            served.append(next.id)
            try bob.decide(next.id, .accept)
        }
        #expect(served.contains(held.id), "the pair alice's dead session held came back")
    }
}

/// Raw SQL on a test database (for what the API rightly never does, like ageing a lease).
enum DatabaseQueueHelper {
    static func execute(_ path: String, _ sql: String) throws {
        let store = try ProjectStore(path: path, author: "test")
        try store.writer.write { try $0.execute(sql: sql) }
    }
}

/// A verdict judges the text it saw: an edit or a swap after it sets it aside and sends
/// the pair back to its author, and undoing the edit brings the verdict back.
@Suite struct VerdictsBoundToTextTests {
    let path: String

    init() throws {
        path = try StoreSettingsTests.temporaryDirectory() + "/p.db"
        let owner = try ProjectStore(path: path, author: "tenet")
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n")
        _ = try owner.importSpec(spec, text: "")
        _ = try owner.savePairs((0..<3).map { PairStoreTests.pair($0, spec: "s", rule: "a") }, message: "pairs")
        try owner.grant("ann1", role: .annotator, keys: [])
        try owner.grant("ann2", role: .annotator, keys: [])
    }

    func annotator(_ name: String) throws -> ProjectStore {
        try ProjectStore(path: path, identity: Identity(name: name, source: .account(login: name)))
    }

    func pair(_ n: Int) -> String { PairStoreTests.pair(n, spec: "s", rule: "a").id }

    @Test func anAnnotatorCannotRewriteAPairOthersFinished() throws {
        let ann1 = try annotator("ann1"), ann2 = try annotator("ann2")
        #expect(try ann1.decide(pair(0), .accept).stored.status == "accepted")
        #expect(throws: StoreError.forbidden("changing another annotator's verdict, a pair others finished reviewing, or reopening a pair needs the adjudicator role; ann2 is an annotator. An admin can change that (tenet access role ann2 adjudicator)")) {
            try ann2.editPair(pair(0), chosen: "Mine now.")
        }
        #expect(throws: StoreError.self) { try ann2.swap(pair(0)) }
        // ann1 may still change what only they decided; an adjudicator may change anything.
        #expect(try ann1.swap(pair(0)).decisions.isEmpty)
        try ProjectStore(path: path, author: "tenet").setRole("ann2", .adjudicator)
        try ann1.decide(pair(0), .accept)
        #expect(try ann2.editPair(pair(0), chosen: "Mine now.").reopened?.reviewers == ["ann1"])
    }

    @Test func anEditAfterAnAcceptSendsThePairBackToWhoeverAcceptedTheOldText() throws {
        let ann1 = try annotator("ann1"), ann2 = try annotator("ann2")
        try ProjectStore(path: path, author: "tenet").setReviewSetting("overlap", "2")
        #expect(try ann1.decide(pair(0), .accept).stored.status == "pending")
        // ann2, an annotator like ann1, edits the chosen answer and accepts it.
        let edited = try ann2.editPair(pair(0), chosen: "A better answer.")
        #expect(edited.decisions.isEmpty && edited.stored.status == "pending", "ann1's accept judged other text")
        #expect(edited.reopened?.reviewers == ["ann1"])
        #expect(edited.reopened?.reason == "the chosen answer was edited since your verdict")
        let decided = try ann2.decide(pair(0), .accept)
        #expect(decided.stored.status == "pending" && Array(decided.decisions.keys) == ["ann2"], "one verdict on this text of two")
        // ann1 is served it again first, and their old accept is in history only.
        #expect(try ann1.claimNext()?.id == pair(0))
        #expect(try ann1.pairLog(pair(0)).contains { $0.author == "ann1" && $0.message.hasPrefix("accept") })

        // Undoing the edit would bring ann1's verdict back; here ann2 undoes only their accept.
        _ = try ann2.undo()
        #expect(try ann2.pairReview(pair(0)).decisions.isEmpty)
    }

    @Test func aSwapSetsAsideVerdictsAndUndoingItRestoresThem() throws {
        let ann1 = try annotator("ann1"), ann2 = try annotator("ann2")
        try ProjectStore(path: path, author: "tenet").setReviewSetting("overlap", "2")
        try ann1.decide(pair(1), .reject, note: "both bad")
        let swapped = try ann2.swap(pair(1))
        #expect(swapped.decisions.isEmpty && swapped.reopened?.reviewers == ["ann1"])
        _ = try ann2.undo()
        let restored = try ann2.pairReview(pair(1))
        #expect(restored.decisions["ann1"]?.decision == .reject && restored.reopened == nil)
        // A verdict on the text as it is stays when nothing changes it.
        #expect(try ann2.decide(pair(2), .accept).decisions["ann2"]?.answers != nil)
    }

    // MARK: One verdict per person per text

    @Test func theSameDecisionAgainOnTheSameTextIsRefusedAndADifferentOneReplacesIt() throws {
        let ann1 = try annotator("ann1")
        try ann1.decide(pair(0), .accept)
        #expect(throws: StoreError.refused("ann1 already accepted pair \(pair(0)) as it reads now: nothing recorded")) {
            try ann1.decide(pair(0), .accept)
        }
        // Changing one's mind replaces the verdict; so does a new reason for a flag.
        #expect(try ann1.decide(pair(0), .reject).decisions["ann1"]?.decision == .reject)
        try ann1.decide(pair(0), .flag, note: "a price")
        #expect(throws: StoreError.self) { try ann1.decide(pair(0), .flag, note: "a price") }
        #expect(try ann1.decide(pair(0), .flag, note: "a made-up price").decisions["ann1"]?.note == "a made-up price")
        try ann1.decide(pair(1), .skip)
        #expect(throws: StoreError.self) { try ann1.decide(pair(1), .skip) }
        // Four decisions recorded on pair 0 (accept, reject, flag, flag again with a new note), one standing.
        #expect(try ann1.pairLog(pair(0)).filter { $0.author == "ann1" }.count == 4)
        #expect(try ann1.reviewStats().annotators["ann1"] == ["flag": 1, "skip": 1])
    }

    @Test func afterUndoThenRedoTheSameVerdictIsNotRecordedTwice() throws {
        let ann1 = try annotator("ann1")
        try ProjectStore(path: path, author: "tenet").setReviewSetting("overlap", "2")
        try ann1.decide(pair(0), .accept)
        _ = try ann1.undo()
        #expect(try ann1.pairReview(pair(0)).decisions.isEmpty)
        _ = try ann1.redo()
        #expect(try ann1.pairReview(pair(0)).decisions["ann1"]?.decision == .accept)
        // a again: the redone accept is ann1's, on this text: nothing more is recorded.
        let error = #expect(throws: StoreError.self) { try ann1.decide(pair(0), .accept) }
        #expect(error?.description.contains("already accepted") == true)
        #expect(try ann1.pairLog(pair(0)).filter { $0.message.hasPrefix("accept") }.count == 1)
        #expect(try ann1.pair(pair(0)).status == "pending", "one verdict of the two needed")
        #expect(try ann1.queueProgress().decidedByMe == 1 && ann1.reviewStats().annotators["ann1"] == ["accept": 1])
        // x changes it.
        #expect(try ann1.decide(pair(0), .reject).decisions["ann1"]?.decision == .reject)
    }

    @Test func aRedoNeverBringsBackAVerdictOnAnswersChangedSince() throws {
        let ann1 = try annotator("ann1"), ann2 = try annotator("ann2")
        try ProjectStore(path: path, author: "tenet").setReviewSetting("overlap", "2")
        try ann1.decide(pair(0), .accept)
        _ = try ann1.undo()
        _ = try ann2.editPair(pair(0), chosen: "A better answer.")
        let error = #expect(throws: StoreError.self) { try ann1.redo() }
        #expect(error?.description.contains("would bring back ann1's accept") == true, "\(String(describing: error))")
        #expect(try ann1.pairReview(pair(0)).decisions.isEmpty)
        // ann1 decides the text as it is now.
        #expect(try ann1.decide(pair(0), .accept).decisions["ann1"]?.answers == AnswerText.digest(chosen: "A better answer.", rejected: "bad 0"))
    }

    @Test func undoingAnEditSetsAsideVerdictsOnTheEditedText() throws {
        let ann1 = try annotator("ann1"), ann2 = try annotator("ann2")
        try ProjectStore(path: path, author: "tenet").setReviewSetting("overlap", "2")
        _ = try ann1.editPair(pair(1), chosen: "Edited by ann1.")
        try ann2.decide(pair(1), .accept)
        // ann1 undoes the edit: ann2's accept judged the edited text, so it is set aside.
        _ = try ann1.undo()
        let back = try ann1.pairReview(pair(1))
        #expect(back.stored.pair.chosen == "answer 1" && back.decisions.isEmpty)
        #expect(back.reopened?.reviewers == ["ann2"] && back.reopened?.reason == "an undo changed the answers since your verdict")
        #expect(try ann2.reviewStats().annotators["ann2"] == nil && ann2.queueProgress().decidedByMe == 0)
    }

    @Test func queueProgressAndStatsCountTheSame() throws {
        let ann1 = try annotator("ann1"), ann2 = try annotator("ann2")
        try ProjectStore(path: path, author: "tenet").setReviewSetting("overlap", "2")
        try ann1.decide(pair(0), .accept)
        try ann1.decide(pair(1), .reject)
        try ann1.decide(pair(2), .skip)
        try ann2.decide(pair(0), .accept)
        _ = try ann2.editPair(pair(1), chosen: "Rewritten by ann2.")   // sets aside ann1's reject
        for person in [ann1, ann2] {
            let stats = try person.reviewStats()
            let progress = try person.queueProgress()
            let finished = stats.statuses.filter { PairStatus(rawValue: $0.key)?.isFinished == true }.values.reduce(0, +)
            #expect(progress.total == stats.total && progress.finished == finished)
            #expect(progress.decidedByMe == stats.annotators[person.author]?.values.reduce(0, +) ?? 0)
            #expect(try person.decisionsByMe() == progress.decidedByMe)
            #expect(try person.queueProgress(QueueFilter(spec: "s")) == progress)
        }
        #expect(try ann1.queueProgress() == QueueProgress(total: 3, decidedByMe: 2, finished: 1), "the reject set aside is not counted")
        // An archived spec's pairs leave the queue unless the spec is named; stats keep them
        // (docs/operations.md: `log`, `show` and `stats` keep an archived spec's pairs).
        _ = try ProjectStore(path: path, author: "tenet").archiveSpec("s")
        #expect(try ann1.queueProgress() == QueueProgress(total: 0, decidedByMe: 0, finished: 0))
        #expect(try ann1.reviewStats().total == 3 && ann1.reviewStats().annotators[ann1.author] != nil && ann1.reviewStats().specs["s"] != nil)
        #expect(try ann1.reviewStats(spec: "s").total == 3 && ann1.queueProgress(QueueFilter(spec: "s")).decidedByMe == 2)
    }
}
