import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet pair show --json`: the pair, its status and revision, and its review.
struct PairJSON: Encodable {
    var id: String
    var status: String
    var revision: Int
    var pair: PreferencePair
    var decisions: [String: ReviewDecision]
    var hiddenDecisions: Int
    var original: [String: String]?
    var swapped: Bool
    var edited: Bool
    var reopened: Reopening?
    var staleRules: [String]

    init(_ review: PairReview) {
        id = review.stored.id
        status = review.stored.status
        revision = review.stored.revision
        pair = review.stored.pair
        decisions = review.decisions
        hiddenDecisions = review.hiddenDecisions
        if let chosen = review.originalChosen, let rejected = review.originalRejected { original = ["chosen": chosen, "rejected": rejected] }
        swapped = review.swapped
        edited = review.edited
        reopened = review.reopened
        staleRules = review.staleRules
    }
}

/// A pair and its review as text.
enum PairPrinter {
    static func text(_ review: PairReview) -> String {
        let stored = review.stored
        let pair = stored.pair
        // Answers and prompts keep their lines; every other field stays on its line.
        func block(_ text: String) -> String { SafeText.visible(text, lineBreaks: .kept) }
        func clean(_ text: String) -> String { SafeText.visible(text) }
        var out = "\(clean(stored.id))  \(stored.status)  revision \(stored.revision)\n"
        out += "rules: \(pair.rules.isEmpty ? "-" : clean(pair.rules.joined(separator: ", ")))  spec: \(clean(pair.spec ?? "-"))\(pair.specRevision.map { " r\($0)" } ?? "")"
        out += "  strategy: \(clean(pair.strategy ?? "-"))  generator: \(clean(pair.provenance.generator))\(pair.provenance.model.map { " (\(clean($0)))" } ?? "")\n"
        for turn in pair.prompt { out += "\n[\(clean(turn.role))]\n\(block(turn.content))\n" }
        out += "\n[chosen]\(review.chosenEdited ? " (edited)" : "")\n\(block(pair.chosen))\n"
        out += "\n[rejected]\(review.rejectedEdited ? " (edited)" : "")\n\(block(pair.rejected))\n"
        if review.swapped { out += "\nswapped: chosen and rejected were exchanged\n" }
        if let judge = pair.provenance.judge { out += "\nverdict: \(block(judge))\n" }
        for check in pair.provenance.checks ?? [] {
            out += "  \(check.passed ? "pass" : "FAIL")  \(check.gate.rawValue) (\(clean(check.by))): \(clean(check.reason))\n"
        }
        if let source = pair.provenance.source { out += "source: \(clean(source))\n" }
        if !review.decisions.isEmpty || review.hiddenDecisions > 0 { out += "\ndecisions:\n" }
        for (name, decision) in review.decisions.sorted(by: { $0.key < $1.key }) {
            out += "  \(clean(name))  \(decision.decision.rawValue)\(decision.blind == true ? " (blind)" : "")  \(decision.at)"
            out += (decision.note.map { "  — \(clean($0))" } ?? "") + "\n"
        }
        if review.hiddenDecisions > 0 { out += "  (\(review.hiddenDecisions) by others, not shown to you)\n" }
        if let reopened = review.reopened {
            // "… since your verdict" is said to the people whose verdicts were set aside (the
            // queue serves it to them first); `pair show` is read by anyone, so it names them.
            let suffix = " since your verdict"
            let reason = reopened.reason.hasSuffix(suffix) && !reopened.reviewers.isEmpty
                ? String(reopened.reason.dropLast(suffix.count)) + " since the verdict\(reopened.reviewers.count == 1 ? "" : "s") of "
                    + reopened.reviewers.joined(separator: ", ")
                : reopened.reason
            out += "\nreopened by \(clean(reopened.by)) at \(reopened.at): \(clean(reason))\n"
        }
        if !review.staleRules.isEmpty {
            out += "\nrule changed since review: \(clean(review.staleRules.joined(separator: ", "))) — decide again\n"
        }
        return out
    }
}
