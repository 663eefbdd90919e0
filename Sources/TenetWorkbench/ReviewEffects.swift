import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// The review screen's effects: serve, decide, swap, edit, undo — each one durable before
/// the next pair is shown.
extension EffectRunner {
    func performReview(_ effect: Effect) throws -> [Action] {
        switch effect {
        case .openReview(let filter, let home):
            let progress = try store.queueProgress(filter, countingFinished: false)
            countFinished(filter)
            return [.reviewStarted(filter, home: home)] + (try served(filter, after: nil, progress: progress))
        case .nextPair(let filter, let after, let release, let passed):
            if let release { try store.release(release) }
            return try served(filter, after: after, passed: passed)
        case .refilterReview(let filter, let release, let previous):
            // A mistyped rule would select nothing and read as "nothing left to review",
            // as `tenet pair list --rule` refuses it (``ProjectStore/checkFilters``).
            do { try store.checkFilters(rule: filter.rule) } catch { return [.reviewFilterRefused(error.description, previous: previous)] }
            if let release { try store.release(release) }
            let progress = try store.queueProgress(filter, countingFinished: false)
            countFinished(filter)
            return try served(filter, after: nil, progress: progress)
        case .showPair(let id, let filter):
            return try [shown(id, filter: filter)]
        case .decidePair(let id, let decision, let note, let blind, let expected, let filter, let passed):
            do {
                // The decision and the next pair's lease: one transaction, one durable commit.
                let (review, next) = try store.decide(id, decision, note: note, blind: blind, expectedRevision: expected,
                                                      claiming: filter, passed: passed)
                let decided = Action.pairDecided(pair: id, decision: decision.rawValue, note: note, status: review.stored.status,
                                                 decidedByMe: try store.decisionsByMe(filter))
                recount(filter)
                guard let next else { return [decided] + (try served(filter, after: id, passed: passed)) }
                return [decided, try shown(next, filter: filter)]
            } catch let error as StoreError {
                guard case .conflict(let conflict) = error else { throw error }
                let change = conflict.changes.first
                return [try shown(id, filter: filter), .hindered(.pairChanged(author: change?.author, fields: change?.fields ?? []))]
            }
        case .swapPair(let id, let expected, let filter):
            let review = try store.swap(id, expectedRevision: expected)
            recount(filter)
            return [try loaded(review, filter: filter), .swapped(pair: id)]
        case .editAnswer(let id, let chosen, let expected, let filter):
            defer { recount(filter) }
            return try editAnswer(id, chosen: chosen, expected: expected, filter: filter)
        case .saveAnswer(let id, let chosen, let text, let expected, let filter):
            defer { recount(filter) }
            return try saveAnswer(id, chosen: chosen, text: text, expected: expected, filter: filter)
        case .countReviewProgress(let filter):
            recount(filter)
            return []
        case .loadRuleProgress(let spec):
            return [.ruleProgressLoaded(try store.reviewStats(spec: spec).rules)]
        case .loadPairHistory(let id):
            return [.pairHistoryLoaded(pair: id, entries: try store.pairLog(id))]
        case .undoInReview(let filter, let current), .redoInReview(let filter, let current):
            let undoing: Bool
            if case .undoInReview = effect { undoing = true } else { undoing = false }
            let result = undoing ? try store.undo() : try store.redo()
            recount(filter)
            let reversal = reversal(result, undo: undoing)
            var actions: [Action] = [.reversed(reversal)]
            if let pair = reversal.pair ?? current { actions.append(try shown(pair, filter: filter)) }
            return actions
        case .leaveReview(let release):
            if let release { try? store.release(release) }
            return []
        default:
            return []
        }
    }

    /// The next pair from the queue (leased), or `nil` when it is empty for this user.
    private func served(_ filter: QueueFilter, after: String?, passed: [String] = [], progress: QueueProgress? = nil) throws -> [Action] {
        guard let next = try store.claimNext(filter, after: after, passed: passed) else {
            return [.reviewPairLoaded(nil, rules: [], progress: try progress ?? store.queueProgress(filter, countingFinished: false))]
        }
        return [try shown(next.id, filter: filter, progress: progress)]
    }

    private func shown(_ id: String, filter: QueueFilter, progress: QueueProgress? = nil) throws -> Action {
        try loaded(try store.pairReview(id), filter: filter, progress: progress)
    }

    /// Counts the queue's progress in full in the background (it reads every pair), now.
    private func countFinished(_ filter: QueueFilter) {
        reviewRecount.request(filter, store: store, mailbox: mailbox, after: 0)
    }

    /// Counts it again after a change (a decision, an edit, an undo, others' work): once
    /// changes pause for a moment, so a run of quick decisions costs one count.
    private func recount(_ filter: QueueFilter?) {
        guard let filter else { return }
        reviewRecount.request(filter, store: store, mailbox: mailbox, after: ReviewRecount.settle)
    }

    private func loaded(_ review: PairReview, filter: QueueFilter, progress: QueueProgress? = nil) throws -> Action {
        var rules: [StoredRule] = []
        if let spec = review.stored.pair.spec {
            for id in review.stored.pair.rules { if let rule = cachedRule(spec + "/" + id) { rules.append(rule) } }
        }
        return .reviewPairLoaded(review, rules: rules, progress: progress)
    }

    /// Saves an answer typed in the built-in editor. A save that meets someone else's
    /// change saves nothing and says what the answer is now, for the editor to merge.
    private func saveAnswer(_ id: String, chosen: Bool, text: String, expected: Int, filter: QueueFilter) throws -> [Action] {
        do {
            let saved = try store.editPair(id, chosen: chosen ? text : nil, rejected: chosen ? nil : text, expectedRevision: expected)
            return [try loaded(saved, filter: filter), .answerSaved(pair: id, chosen: chosen)]
        } catch let error as StoreError {
            guard case .conflict(let conflict) = error else { throw error }
            let now = try store.pairReview(id)
            return [.answerConflict(pair: id, chosen: chosen, theirs: chosen ? now.stored.pair.chosen : now.stored.pair.rejected,
                                    revision: now.stored.revision, author: conflict.changes.first?.author ?? "someone"),
                    try loaded(now, filter: filter)]
        }
    }

    /// Edits an answer in the external editor, in a private draft. A save that meets
    /// someone else's change keeps the text typed; the next `e` on it opens it with theirs
    /// below, between markers, to merge.
    private func editAnswer(_ id: String, chosen: Bool, expected: Int, filter: QueueFilter) throws -> [Action] {
        guard let editor else { return [.hindered(.noExternalEditor)] }
        let review = try store.pairReview(id)
        let which = chosen ? "chosen" : "rejected"
        let current = chosen ? review.stored.pair.chosen : review.stored.pair.rejected
        let draftKey = "pair:" + id + "#" + which
        let marker = "<<<<<<< theirs"
        let path: String
        if let draft = answerDrafts[draftKey], FileManager.default.fileExists(atPath: draft.path) {
            path = draft.path
            if draft.revision != review.stored.revision {
                let mine = privateDrafts.read(path)
                let merged = mine.trimmingCharacters(in: .newlines) + "\n\(marker) (revision \(review.stored.revision)): keep what you want and delete the marker lines\n"
                    + current + "\n>>>>>>>\n"
                do {
                    try privateDrafts.rewrite(path, text: merged)
                } catch {
                    return [.hindered(.draftUnwritable(path))]
                }
            }
        } else {
            path = try privateDrafts.create("answer", text: current + "\n")
        }
        answerDrafts[draftKey] = nil
        if let problem = suspend({ editor.edit(path, line: 1) }) {
            privateDrafts.remove(path)
            return [.failed(problem)]
        }
        var text = privateDrafts.read(path)
        if text.hasSuffix("\n") { text.removeLast() }
        if text.contains(marker) || text.split(separator: "\n").contains(">>>>>>>") {
            answerDrafts[draftKey] = (path, review.stored.revision)
            return [.hindered(.mergeMarkersLeft)]
        }
        guard text != current else {
            privateDrafts.remove(path)
            return [.unchanged(.answer(chosen: chosen))]
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            privateDrafts.remove(path)
            return [.hindered(.emptyAnswer)]
        }
        do {
            let saved = try store.editPair(id, chosen: chosen ? text : nil, rejected: chosen ? nil : text, expectedRevision: expected)
            privateDrafts.remove(path)
            return [try loaded(saved, filter: filter), .answerSaved(pair: id, chosen: chosen)]
        } catch let error as StoreError {
            if case .invalid(let reason) = error {
                // The text fails the checks every stored pair passes: kept for the next edit.
                answerDrafts[draftKey] = (path, expected)
                return [.hindered(.answerRefused(reason))]
            }
            guard case .conflict(let conflict) = error else { throw error }
            answerDrafts[draftKey] = (path, expected)
            return [try shown(id, filter: filter), .hindered(.answerChangedExternally(author: conflict.changes.first?.author ?? "someone"))]
        }
    }

    /// A rule as stored now: from the cache while its head revision is the same (pairs in
    /// a queue mostly target the same few rules), else read again.
    private func cachedRule(_ reference: String) -> StoredRule? {
        if let cached = ruleCache[reference], (try? store.headRevision(kind: .rule, id: cached.key)) == cached.revision { return cached }
        guard let rule = try? store.rule(reference) else { return nil }
        ruleCache[reference] = rule
        return rule
    }

}
