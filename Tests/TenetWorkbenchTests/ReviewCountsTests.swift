import Foundation
import Testing
import TenetSpec
import TenetStore
import TenetUI
import TenetWorkbench
import TenetTestSupport

/// The review screen's counters ("you N/M · done K") are the store's counts, the same as
/// `tenet stats`, for every annotator; and a decision is never recorded twice — driven
/// through the real reducer and effect runner on one project database.
@Suite struct ReviewCountsTests {
    let path: String

    init() throws {
        let directory = try temporaryDirectory("tenet-review-counts")
        path = directory + "/tenet.db"
        let owner = try ProjectStore(path: path, author: "tenet")
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n")
        _ = try owner.importSpec(spec, text: "")
        let pairs = (0..<4).map { n in
            PreferencePair(spec: "s", rules: ["a"], prompt: [Turn(role: "user", content: "question \(n)")],
                           chosen: "answer \(n)", rejected: "bad \(n)", provenance: Provenance(generator: "import", source: "f:\(n)"))
        }
        _ = try owner.savePairs(pairs, message: "pairs")
        try owner.setReviewSetting("overlap", "2")
        for name in ["ann1", "ann2"] { try owner.grant(name, role: .annotator, keys: []) }
    }

    /// One person's review screen, driven by the workbench's own session (reducer and
    /// effect runner; the terminal left out).
    final class Screen {
        let store: ProjectStore
        let session: WorkbenchSession
        static let size = Size(width: 120, height: 30)
        var state: WorkbenchState { session.state }

        init(path: String, user: String) throws {
            store = try ProjectStore(path: path, identity: Identity(name: user, source: .account(login: user)))
            session = WorkbenchSession(state: WorkbenchState(user: user, database: "tenet.db"),
                                       runner: EffectRunner(store: store, samplesPath: nil, editor: nil))
            session.dispatch(.resized(Self.size))
            session.perform([.openReview(QueueFilter(spec: "s"), home: true)])
        }

        func press(_ keys: Key...) throws {
            session.press(keys)
            try settle()
        }

        /// Lets the background counts end and applies what they sent; with `polling`,
        /// first looks for others' changes, as the event loop does every poll interval.
        func settle(polling: Bool = false) throws {
            if polling { session.poll() }
            try #require(session.settle(), "the background work did not end")
        }

        /// The pair's header line, with the counter, as drawn.
        var header: String {
            let theme = WorkbenchSettings().theme(named: "mono", depth: .none).theme
            return render(session.state, size: Self.size, theme: theme).line(1)
        }

        /// What `tenet stats` says for this person: "you N/M · done K".
        func stats() throws -> String {
            let stats = try store.reviewStats(spec: "s")
            let mine = stats.annotators[store.author]?.values.reduce(0, +) ?? 0
            let done = stats.statuses.filter { PairStatus(rawValue: $0.key)?.isFinished == true }.values.reduce(0, +)
            return "you \(mine)/\(stats.total) · done \(done)"
        }

        var shown: String? { state.review?.current?.stored.id }

        /// The header shows what `tenet stats` says (with `you` of this person's decisions).
        func expectHeaderAsStats(you: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let stats = try stats(), header = header
            #expect(header.contains(stats), "\(store.author): the header “\(header)”, tenet stats “\(stats)”", sourceLocation: sourceLocation)
            if let you { #expect(stats.hasPrefix("you \(you)/"), "\(stats)", sourceLocation: sourceLocation) }
        }
    }

    @Test func theHeaderCountsAsTenetStatsForBothAnnotatorsAfterAnEditSetsAVerdictAside() throws {
        let ann1 = try Screen(path: path, user: "ann1"), ann2 = try Screen(path: path, user: "ann2")
        try ann1.settle()
        try ann2.settle()
        let first = try #require(ann1.shown)
        // Both accept the first pair (two verdicts: finished); ann1 also rejects the next.
        try ann1.press(.char("a"))
        let second = try #require(ann1.shown)
        try ann1.press(.char("x"))
        try ann2.settle(polling: true)       // ann1's decisions, shown live
        while let shown = ann2.shown, shown != first { try ann2.press(.char("n")) }
        try ann2.press(.char("a"))
        #expect(try ann2.store.pairReview(first).decisions.count == 2)
        try ann1.settle(polling: true)
        try ann2.settle(polling: true)
        for screen in [ann1, ann2] {
            try screen.expectHeaderAsStats()
        }
        let afterDecisions = try ann1.stats()
        #expect(afterDecisions == "you 2/4 · done 1")

        // ann2 edits the pair ann1 alone rejected: ann1's reject is set aside (it judged
        // other text). ann1's screen learns it from the poll, and counts as stats does.
        _ = try ann2.store.editPair(second, chosen: "A better answer, by ann2.")
        try ann1.settle(polling: true)
        try ann2.settle(polling: true)
        let afterEdit = try ann1.stats()
        #expect(afterEdit == "you 1/4 · done 1")
        for screen in [ann1, ann2] {
            try screen.expectHeaderAsStats()
        }
    }

    @Test func undoRedoThenTheSameKeyRecordsNoSecondVerdictAndAnotherKeyChangesIt() throws {
        let ann1 = try Screen(path: path, user: "ann1")
        try ann1.settle()
        let first = try #require(ann1.shown)
        try ann1.press(.char("a"))
        #expect(ann1.shown != first)
        try ann1.press(.char("u"))
        #expect(ann1.shown == first && ann1.state.review?.current?.decisions.isEmpty == true)
        try ann1.press(.ctrl("r"))
        #expect(ann1.shown == first && ann1.state.review?.current?.decisions["ann1"]?.decision == .accept)
        // a again: already accepted, nothing recorded, and the pair stays on screen.
        try ann1.press(.char("a"))
        #expect(ann1.state.message?.text.contains("already accepted") == true, "\(String(describing: ann1.state.message))")
        #expect(ann1.shown == first)
        #expect(try ann1.store.pairLog(first).filter { $0.message.hasPrefix("accept") }.count == 1)
        try ann1.expectHeaderAsStats(you: 1)
        // x changes the verdict and moves on.
        try ann1.press(.char("x"))
        #expect(ann1.shown != first)
        #expect(try ann1.store.pairReview(first).decisions["ann1"]?.decision == .reject)
        try ann1.expectHeaderAsStats(you: 1)
    }

    /// `n` moves on even from a pair served first because its rule changed since this
    /// person decided it (it used to serve that same pair again, for ever).
    @Test func movingOnFromAPairWhoseRuleChangedShowsEveryOtherPairInTurn() throws {
        let ann1 = try Screen(path: path, user: "ann1")
        try ann1.settle()
        try ann1.press(.char("a"))
        try ann1.press(.char("a"))
        var kind = AnnotationChange()
        kind.kind = .behavioral
        _ = try ProjectStore(path: path, author: "tenet").annotate("s/a", kind)
        var seen: [String] = []
        for _ in 0..<4 {
            try ann1.press(.char("n"))
            seen.append(try #require(ann1.shown))
        }
        #expect(Set(seen).count == 4, "each n shows another pair: \(seen)")
    }
}
