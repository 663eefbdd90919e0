import Foundation
import GRDB
import TenetSpec

/// A reopened pair: who sent it back, why, and whose review it goes back to.
public struct Reopening: Sendable, Codable, Equatable {
    public var by: String
    public var reason: String
    public var at: String
    /// The annotators whose decisions were set aside: the pair is served to them first.
    public var reviewers: [String]
}

/// A pair with its review as one viewer may see it.
public struct PairReview: Sendable, Equatable {
    /// The pair, with edits and swaps applied.
    public var stored: StoredPair
    /// Annotator → decision, as the viewer may see them (see ``ReviewSettings/visibility``).
    public var decisions: [String: ReviewDecision]
    /// Decisions by others that the viewer may not see.
    public var hiddenDecisions: Int
    /// The answers as generated, once either was edited or swapped.
    public var originalChosen: String?
    public var originalRejected: String?
    public var swapped: Bool
    /// Whether an answer's text was changed by a person.
    public var edited: Bool
    public var reopened: Reopening?
    /// Rules whose text, kind or direction changed after a decision on this pair.
    public var staleRules: [String]

    /// The text as generated of the answer now chosen (a swap exchanges the originals'
    /// places), once either answer was edited or swapped.
    public var chosenAsGenerated: String? { swapped ? originalRejected : originalChosen }
    /// The text as generated of the answer now rejected.
    public var rejectedAsGenerated: String? { swapped ? originalChosen : originalRejected }
    /// Whether a person changed the text of the answer now chosen (a swap alone is no edit).
    public var chosenEdited: Bool { edited && chosenAsGenerated.map { $0 != stored.pair.chosen } ?? false }
    /// Whether a person changed the text of the answer now rejected.
    public var rejectedEdited: Bool { edited && rejectedAsGenerated.map { $0 != stored.pair.rejected } ?? false }
}

/// Snapshot fields of a pair's review.
enum ReviewFields {
    static let decisionPrefix = "decisions."
    static let originalChosen = "original.chosen"
    static let originalRejected = "original.rejected"
    static let swapped = "swapped"
    static let reopened = "reopened"
    /// Set on a pair imported from an export that said a person had edited it.
    static let editedBeforeImport = "editedBeforeImport"
    /// Rule fields whose change makes a decision stale: what the rule says. Removing a
    /// rule (or undoing, reverting or restoring its removal) changes none of it.
    static let meaningful: [String] = ["source.text", "source.kind", "source.direction", "annotations.kind", "annotations.direction"]

    static func decisions(_ snapshot: Snapshot) -> [String: ReviewDecision] {
        var out: [String: ReviewDecision] = [:]
        for (key, value) in snapshot where key.hasPrefix(decisionPrefix) && value != .null {
            if let decision = ReviewDecision(json: value) { out[String(key.dropFirst(decisionPrefix.count))] = decision }
        }
        return out
    }

    /// A field's value, with null read as absent: an undo before the fix that restores
    /// fields exactly wrote null for a field the pair did not have (`original.chosen`
    /// after undoing its first edit), and such databases must read as if it were not there.
    static func value(_ snapshot: Snapshot, _ field: String) -> JSONValue? {
        present(snapshot[field])
    }

    /// `value`, unless it is null.
    static func present(_ value: JSONValue?) -> JSONValue? {
        value == .null ? nil : value
    }

    static func edited(_ snapshot: Snapshot) -> Bool {
        if snapshot[editedBeforeImport] == .bool(true) { return true }
        guard let original = value(snapshot, originalChosen), let originalOther = value(snapshot, originalRejected) else { return false }
        let now: Set<JSONValue> = [snapshot["chosen"] ?? .null, snapshot["rejected"] ?? .null]
        return now != [original, originalOther]
    }

    static func reopening(_ snapshot: Snapshot) -> Reopening? {
        guard let value = snapshot[reopened], value != .null else { return nil }
        return try? value.decode(Reopening.self)
    }

    static func status(_ snapshot: Snapshot, overlap: Int) -> PairStatus {
        PairStatus.of(decisions(snapshot), edited: edited(snapshot), overlap: overlap)
    }

    static func title(_ snapshot: Snapshot) -> String {
        guard case .array(let rules)? = snapshot["rules"] else { return "" }
        return rules.map(\.display).joined(separator: ",")
    }
}

extension ProjectStore {
    // MARK: settings

    /// The project's review settings.
    public func reviewSettings() throws(StoreError) -> ReviewSettings {
        try guarded { try reader.read { try Self.reviewSettings($0) } }
    }

    static func reviewSettings(_ db: Database) throws -> ReviewSettings {
        var settings = ReviewSettings()
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT name, value FROM project_setting")) {
            let name: String = row[0], value: String = row[1]
            switch name {
            case "overlap": settings.overlap = Int(value) ?? settings.overlap
            case "visibility": settings.visibility = value
            case "lease-seconds": settings.leaseSeconds = Int(value) ?? settings.leaseSeconds
            default: break
            }
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT name, role FROM access_person WHERE removed = 0")) {
            if let role = Role(rawValue: row[1]) { settings.roles[row[0]] = role }
        }
        return settings
    }

    /// Why `value` cannot be the setting `name`, with what is allowed; `nil` when it can.
    /// The store refuses such a write, and `tenet project set` a usage error (exit 64),
    /// with the same words.
    public static func reviewSettingProblem(_ name: String, _ value: String) -> String? {
        let shown = SafeText.visible(value)
        switch name {
        case "overlap":
            guard let n = Int(value), (1...20).contains(n) else { return "overlap is a number of reviews per pair, 1 to 20; got \(shown)" }
        case "visibility":
            guard ["all", "own"].contains(value) else { return "visibility is all (annotators see each other's decisions) or own; got \(shown)" }
        case "lease-seconds":
            guard let n = Int(value), (1...86_400).contains(n) else { return "lease-seconds is 1 to 86400; got \(shown)" }
        case _ where DatasetCardSettings.names.contains(name):
            return DatasetCardSettings.problem(name, value)
        default:
            guard name.hasPrefix("role."), name.count > 5 else {
                return "unknown setting \(SafeText.visible(name)); settings: \(ReviewSettings.names.joined(separator: ", "))"
            }
            guard Role(rawValue: value) != nil else { return "a role is one of \(Role.names); got \(shown)" }
        }
        return nil
    }

    /// Sets a review setting — or a dataset card setting (``DatasetCardSettings``) — as a
    /// changeset of its own (admins only); a bad name or value is refused with what is allowed. `role.NAME` changes
    /// NAME's role, as ``setRole(_:_:)`` does: someone not in the project is refused, as `tenet access role` refuses
    /// them (granting a stranger had switched access control on and locked out whoever set it).
    public func setReviewSetting(_ name: String, _ value: String) throws(StoreError) {
        if let problem = Self.reviewSettingProblem(name, value) { throw StoreError.invalid(problem) }
        if name.hasPrefix("role."), let role = Role(rawValue: value) {
            let person = String(name.dropFirst(5))
            guard try self.person(person).map({ !$0.removed }) == true else {
                throw StoreError.notFound("no person \(SafeText.visible(person)) in this project; tenet access add \(SafeText.visible(person)) "
                                          + "--role \(role.rawValue) gives them access (see tenet access list)")
            }
            try setRole(person, role)
            return
        }
        _ = try commit(kind: .edit, message: "set \(name) \(value)") { db in
            let head = try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = 'project' AND id = 'settings'")
            var settings: Snapshot = [:]
            if let head, let current = try snapshot(db, kind: .project, id: "settings", revision: head) { settings = current }
            settings[name] = .string(value)
            return [PendingRevision(kind: .project, id: "settings", parent: nil, expectedRevision: head ?? 0, snapshot: settings,
                                    name: "settings", title: "project settings", state: "")]
        }
    }

    /// Rewrites the settings index from the settings' new snapshot (every revision of
    /// them, undo and revert included).
    static func syncSettings(_ db: Database, snapshot: Snapshot) throws {
        try db.execute(sql: "DELETE FROM project_setting")
        for (name, value) in snapshot {
            guard let text = value.stringValue else { continue }
            try db.execute(sql: "INSERT INTO project_setting (name, value) VALUES (?, ?)", arguments: [name, text])
        }
    }

    // MARK: reading

    /// A pair with its review, as `viewer` (by default this store's user) may see it.
    public func pairReview(_ id: String, viewer: String? = nil) throws(StoreError) -> PairReview {
        try guarded {
            try reader.read { db in
                let (stored, snapshot) = try Self.storedPair(db, id)
                return try review(db, stored: stored, snapshot: snapshot, viewer: viewer ?? author)
            }
        }
    }

    func review(_ db: Database, stored: StoredPair, snapshot: Snapshot, viewer: String) throws -> PairReview {
        let settings = try Self.reviewSettings(db)
        let all = ReviewFields.decisions(snapshot)
        let seesOthers = try seesOthers(db, settings, viewer: viewer)
        let visible = seesOthers ? all : all.filter { $0.key == viewer }
        var stored = stored
        stored.status = Self.shown(stored.status, seeingOthers: seesOthers)
        var stale = Set<String>()
        for decision in all.values {
            for (key, revision) in decision.rules ?? [:] where try ruleChanged(db, key: key, since: revision) {
                stale.insert(String(key.split(separator: "/", maxSplits: 1).last ?? Substring(key)))
            }
        }
        return PairReview(stored: stored, decisions: visible, hiddenDecisions: all.count - visible.count,
                          originalChosen: ReviewFields.value(snapshot, ReviewFields.originalChosen)?.display,
                          originalRejected: ReviewFields.value(snapshot, ReviewFields.originalRejected)?.display,
                          swapped: snapshot[ReviewFields.swapped] == .bool(true),
                          edited: ReviewFields.edited(snapshot),
                          reopened: ReviewFields.reopening(snapshot).map { reopening in
                              var shown = reopening
                              if !seesOthers { shown.reviewers = shown.reviewers.filter { $0 == viewer } }
                              return shown
                          },
                          staleRules: stale.sorted())
    }

    /// Whether a rule's meaning (text, kind, direction) changed after `revision`.
    private func ruleChanged(_ db: Database, key: String, since revision: Int) throws -> Bool {
        let changed = try String.fetchAll(db.cachedStatement(sql: "SELECT changed FROM revision WHERE kind = 'rule' AND id = ? AND rev > ?"),
                                          arguments: [key, revision])
        return changed.contains { list in Self.fields(list).contains { ReviewFields.meaningful.contains($0) } }
    }

    // MARK: deciding

    /// Records this user's decision on a pair (replacing their earlier one) as a new
    /// revision. With `expectedRevision`, refused as a conflict if the pair changed since.
    ///
    /// A person holds at most one decision on a pair, and deciding the same again on the
    /// same text is refused (``StoreError/refused(_:)``, "already accepted"): it would add
    /// nothing but a second record of one verdict (as a redo then `a` did). A different
    /// decision, or a new note, replaces it; so does the same decision once the text or a
    /// targeted rule changed since (it judges what is there now).
    @discardableResult
    public func decide(_ id: String, _ decision: Decision, note: String? = nil, blind: Bool = false,
                       expectedRevision: Int? = nil) throws(StoreError) -> PairReview {
        try decide(id, decision, note: note, blind: blind, expectedRevision: expectedRevision, claiming: nil).decided
    }

    /// Records a decision and, in the same transaction (one durable commit), serves this
    /// user the next pair from `claiming`'s queue after it, as ``claimNext(_:after:passed:)`` does.
    public func decide(_ id: String, _ decision: Decision, note: String? = nil, blind: Bool = false,
                       expectedRevision: Int? = nil, claiming filter: QueueFilter?,
                       passed: [String] = []) throws(StoreError) -> (decided: PairReview, next: String?) {
        var next: String?
        let then: ((Database) throws -> Void)? = filter.map { filter in { db in next = try self.claim(db, filter, after: id, passed: passed) } }
        // With overlap 2 or more, another annotator deciding the same pair meanwhile is no
        // conflict: each holds their own decision field. (With overlap 1 the pair was
        // served to one person: a decision on it since is one this person did not see.)
        let myField = ReviewFields.decisionPrefix + author
        let decided = try changePair(id, expectedRevision: expectedRevision, message: "\(decision.rawValue) pair \(id)" + (note.map { ": \($0)" } ?? ""),
                                     releasing: true, mergesOver: { db, field in
                                         guard field.hasPrefix(ReviewFields.decisionPrefix), field != myField else { return false }
                                         return try Self.reviewSettings(db).overlap > 1
                                     },
                                     then: then) { db, snapshot, pair in
            let answers = AnswerText.digest(chosen: pair.chosen, rejected: pair.rejected)
            if let mine = ReviewFields.decisions(snapshot)[author], mine.decision == decision,
               (mine.note ?? "") == (note ?? ""), mine.answers == nil || mine.answers == answers,
               try !Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM review_stale WHERE pair = ? AND annotator = ?)"),
                                  arguments: [id, author])!,
               try !Self.awaitsItsStatus(db, id, snapshot) {
                throw StoreError.refused("\(author) already \(decision.done) pair \(id) as it reads now: nothing recorded")
            }
            var rules: [String: Int] = [:]
            if let spec = pair.spec {
                for rule in pair.rules {
                    guard let key = try? resolveRule(db, spec + "/" + rule, asOf: nil) else { continue }
                    if let head = try Int.fetchOne(db.cachedStatement(sql: "SELECT head_rev FROM entity WHERE kind = 'rule' AND id = ?"), arguments: [key]) {
                        rules[key] = head
                    }
                }
            }
            let record = ReviewDecision(decision: decision, note: note?.isEmpty == true ? nil : note, at: Timestamp.now(),
                                        blind: blind ? true : nil, rules: rules.isEmpty ? nil : rules,
                                        answers: answers, textRevision: try Self.textRevision(db, pair: id))
            snapshot[ReviewFields.decisionPrefix + author] = record.json
            try db.cachedStatement(sql: "DELETE FROM review_stale WHERE pair = ? AND annotator = ?").execute(arguments: [id, author])
        }
        return (decided, next)
    }

    /// Swaps chosen and rejected (the original pair is kept).
    @discardableResult
    public func swap(_ id: String, expectedRevision: Int? = nil) throws(StoreError) -> PairReview {
        try changePair(id, expectedRevision: expectedRevision, message: "swap pair \(id)") { db, snapshot, _ in
            let before = snapshot
            Self.keepOriginal(&snapshot)
            let chosen = snapshot["chosen"] ?? .string("")
            snapshot["chosen"] = snapshot["rejected"] ?? .string("")
            snapshot["rejected"] = chosen
            snapshot[ReviewFields.swapped] = .bool(!(snapshot[ReviewFields.swapped] == .bool(true)))
            try setAsideVerdictsOnOtherText(db, &snapshot, before: before, because: "the answers were swapped")
        }
    }

    /// The longest answer an edit may save, in UTF-8 bytes (``QualityCheck/longestAnswer``).
    public static let longestAnswer = QualityCheck.longestAnswer

    /// Replaces an answer's text (the original is kept). `nil` leaves that answer alone.
    @discardableResult
    public func editPair(_ id: String, chosen: String? = nil, rejected: String? = nil,
                         expectedRevision: Int? = nil) throws(StoreError) -> PairReview {
        guard chosen != nil || rejected != nil else { throw StoreError.invalid("nothing to edit: give the chosen or the rejected text") }
        // The checks every stored pair passes (``QualityCheck/textGates(prompt:chosen:rejected:)``).
        for (text, what) in [(chosen, "the chosen answer"), (rejected, "the rejected answer")] {
            guard let text else { continue }
            if QualityCheck.answerIsEmpty(text) { throw StoreError.invalid("an answer cannot be empty; to drop the pair, reject it") }
            if let problem = QualityCheck.textProblem(text, what) { throw StoreError.invalid(problem) }
        }
        let which = [chosen.map { _ in "chosen" }, rejected.map { _ in "rejected" }].compactMap { $0 }.joined(separator: " and ")
        return try changePair(id, expectedRevision: expectedRevision, message: "edit \(which) of pair \(id)") { db, snapshot, _ in
            let before = snapshot
            Self.keepOriginal(&snapshot)
            if let chosen { snapshot["chosen"] = .string(chosen) }
            if let rejected { snapshot["rejected"] = .string(rejected) }
            // The `distinct` gate: a pair needs two different answers.
            if TextSimilarity.sameWords(snapshot["chosen"]?.stringValue ?? "", snapshot["rejected"]?.stringValue ?? "") {
                throw StoreError.invalid("the two answers would be the same text; a pair needs two different answers (to drop it, reject it)")
            }
            Self.recheckEditedText(&snapshot)
            try setAsideVerdictsOnOtherText(db, &snapshot, before: before, because: "the \(which) answer was edited")
        }
    }

    /// Sends a finished pair back for review with a reason: its decisions are set aside
    /// (they stay in history) and it is served to the same reviewers first.
    @discardableResult
    public func reopen(_ id: String, reason: String, expectedRevision: Int? = nil) throws(StoreError) -> PairReview {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.invalid("say why it is reopened (--reason)") }
        return try changePair(id, expectedRevision: expectedRevision, message: "reopen pair \(id): \(reason)") { _, snapshot, _ in
            let decisions = ReviewFields.decisions(snapshot)
            guard !decisions.isEmpty else { throw StoreError.refused("pair \(id) has no decisions yet; there is nothing to reopen") }
            // A skip or a flag alone is no finished review: "reopened for  ·" had named no one.
            guard decisions.values.contains(where: { $0.decision.isVerdict }) else {
                throw StoreError.refused("pair \(id) has no verdict yet (only skips or flags); there is nothing to reopen")
            }
            for name in decisions.keys { snapshot[ReviewFields.decisionPrefix + name] = .null }
            snapshot[ReviewFields.reopened] = try JSONValue.from(Reopening(by: author, reason: reason, at: Timestamp.now(),
                                                                          reviewers: decisions.keys.filter { decisions[$0]?.decision.isVerdict == true }.sorted()))
        }
    }

    /// A verdict judges the text it saw. After an edit or a swap, every verdict on other
    /// text is set aside — it stays in history, no longer counts toward status, agreement
    /// or export — and the pair goes back to its author first ("changed since your verdict").
    /// A pair whose review others finished is changed only by an adjudicator (or reopened
    /// first): an annotator cannot rewrite what someone else accepted.
    func setAsideVerdictsOnOtherText(_ db: Database, _ snapshot: inout Snapshot, before: Snapshot,
                                             because reason: String) throws {
        let now = AnswerText.digest(chosen: snapshot["chosen"]?.stringValue ?? "", rejected: snapshot["rejected"]?.stringValue ?? "")
        let stale = ReviewFields.decisions(snapshot).filter { $0.value.decision.isVerdict && $0.value.answers != now }
        guard !stale.isEmpty else { return }
        if stale.keys.contains(where: { $0 != author }),
           ReviewFields.status(before, overlap: try Self.reviewSettings(db).overlap).isFinished {
            try authorize(db, .adjudicate)
        }
        for name in stale.keys { snapshot[ReviewFields.decisionPrefix + name] = .null }
        let earlier = ReviewFields.reopening(snapshot)?.reviewers ?? []
        snapshot[ReviewFields.reopened] = try JSONValue.from(Reopening(
            by: author, reason: reason + " since your verdict", at: Timestamp.now(),
            reviewers: Array(Set(earlier).union(stale.keys)).sorted()))
    }

    /// After an undo, redo or revert rewrote a pair, a verdict still stands only on the
    /// text it judged. One the reversal itself would bring back onto answers that changed
    /// since is refused: that person decides again on the text as it is (a redo of an
    /// accept made before someone's edit would otherwise count it for text never seen).
    /// One the reversal leaves under answers it changed is set aside, as an edit sets it.
    func keepVerdictsOnTheirText(_ db: Database, _ snapshot: inout Snapshot, before: Snapshot, restoring fields: [String],
                                 reversing changeset: Int64, by kind: ChangesetKind) throws {
        let now = AnswerText.digest(chosen: snapshot["chosen"]?.stringValue ?? "", rejected: snapshot["rejected"]?.stringValue ?? "")
        for (name, decision) in ReviewFields.decisions(snapshot).sorted(by: { $0.key < $1.key })
        where decision.decision.isVerdict && fields.contains(ReviewFields.decisionPrefix + name) && decision.answers.map({ $0 != now }) == true {
            throw StoreError.refused("""
                cannot \(kind == .revert ? "revert" : kind.rawValue) changeset \(changeset): it would bring back \(name)'s \(decision.decision.rawValue) \
                of pair \(snapshot["id"]?.display ?? ""), which judged answers that have changed since; decide again on the text as it is
                """)
        }
        let then = AnswerText.digest(chosen: before["chosen"]?.stringValue ?? "", rejected: before["rejected"]?.stringValue ?? "")
        guard now != then else { return }
        try setAsideVerdictsOnOtherText(db, &snapshot, before: before, because: "\(kind == .undo ? "an undo" : kind == .redo ? "a redo" : "a revert") changed the answers")
    }

    /// A generated pair's checks read the text as it was made. After an edit, Tenet's own
    /// text gates (answered, well-formed, distinct, not near-identical) are run again on the
    /// text as it now is, and the gates that read the rule's examples or the judge's reply
    /// are dropped: they judged text that is gone (their revision keeps them in history). The
    /// judge's verdict says it was given before the edit. An edit that leaves the answers
    /// nearly the same is saved, and its failed check shown wherever the pair is.
    static func recheckEditedText(_ snapshot: inout Snapshot) {
        guard case .object(var provenance)? = snapshot["provenance"], provenance["checks"] != nil || provenance["judge"] != nil else { return }
        let chosen = snapshot["chosen"]?.stringValue ?? "", rejected = snapshot["rejected"]?.stringValue ?? ""
        var checks = QualityCheck.textGates(prompt: nil, chosen: chosen, rejected: rejected)
        if checks.firstFailure == nil {
            checks.append(QualityCheck.nearIdenticalGate(TextSimilarity.words(chosen), TextSimilarity.words(rejected)))
        }
        provenance["checks"] = .array(checks.map(\.json))
        if let judge = provenance["judge"]?.stringValue, !judge.hasPrefix(Self.judgedBeforeEdit) {
            provenance["judge"] = .string(Self.judgedBeforeEdit + judge)
        }
        snapshot["provenance"] = .object(provenance)
    }

    /// What an edited pair's judge verdict starts with.
    static let judgedBeforeEdit = "before an edit: "

    private static func keepOriginal(_ snapshot: inout Snapshot) {
        if ReviewFields.value(snapshot, ReviewFields.originalChosen) == nil {
            snapshot[ReviewFields.originalChosen] = snapshot["chosen"] ?? .string("")
            snapshot[ReviewFields.originalRejected] = snapshot["rejected"] ?? .string("")
        }
    }

    /// One change to a pair: read its head inside the write, change the snapshot, write a
    /// revision with the status it now has. `releasing` (a decision): this user's lease on
    /// it ends. An edit or a swap keeps it: the pair is still on their screen, undecided.
    /// `mergesOver`: fields whose change since `expectedRevision` is no conflict for this
    /// change (another annotator's decision, for a decision): the change then goes on the
    /// current revision.
    private func changePair(_ id: String, expectedRevision: Int?, message: String, releasing: Bool = false,
                            mergesOver: ((Database, String) throws -> Bool)? = nil,
                            then: ((Database) throws -> Void)? = nil,
                            _ change: (Database, inout Snapshot, PreferencePair) throws -> Void) throws(StoreError) -> PairReview {
        var result: (StoredPair, Snapshot)?
        _ = try commit(kind: .edit, message: message, then: then) { db in
            let (current, stored) = try Self.storedPair(db, id)
            var snapshot = stored
            let before = stored
            let head = current.revision
            var expectedRevision = expectedRevision
            if let expected = expectedRevision, expected < head, let mergesOver {
                let changed = try String.fetchAll(db.cachedStatement(sql: "SELECT changed FROM revision WHERE kind = 'pair' AND id = ? AND rev > ?"),
                                                  arguments: [id, expected])
                if try changed.allSatisfy({ try Self.fields($0).allSatisfy { try mergesOver(db, $0) } }) { expectedRevision = head }
            }
            try change(db, &snapshot, current.pair)
            let status = ReviewFields.status(snapshot, overlap: try Self.reviewSettings(db).overlap)
            if releasing { try db.cachedStatement(sql: "DELETE FROM lease WHERE pair = ? AND annotator = ?").execute(arguments: [id, author]) }
            let updated = try Self.decodePair(snapshot)
            result = (StoredPair(id: id, revision: head + 1, status: status.rawValue, pair: updated), snapshot)
            return [PendingRevision(kind: .pair, id: id, parent: updated.spec, expectedRevision: expectedRevision ?? head, snapshot: snapshot,
                                    previous: expectedRevision == nil || expectedRevision == head ? before : nil,
                                    name: id, title: ReviewFields.title(snapshot), state: status.rawValue)]
        }
        guard let (stored, snapshot) = result else { throw StoreError.invalid("pair \(id) did not change") }
        return try guarded { try reader.read { db in try review(db, stored: stored, snapshot: snapshot, viewer: author) } }
    }

    /// Whether a pair is pending though its verdicts now finish it — the overlap was lowered
    /// after they were given, and a status is written only with a decision. The same
    /// decision given again is then recorded, and gives the pair its status.
    static func awaitsItsStatus(_ db: Database, _ id: String, _ snapshot: Snapshot) throws -> Bool {
        let stored = try String.fetchOne(db.cachedStatement(sql: """
            SELECT r.state FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'pair' AND e.id = ?
            """), arguments: [id])
        guard stored == PairStatus.pending.rawValue else { return false }
        return ReviewFields.status(snapshot, overlap: try reviewSettings(db).overlap) != .pending
    }

    /// Pending pairs whose verdicts already finish them under the overlap in force (see
    /// ``awaitsItsStatus(_:_:_:)``): after the overlap is lowered, how many wait for someone
    /// who decided them to decide again. (The queue does not look for them: on every claim
    /// that would read each of the annotator's verdicts.)
    public func pairsAwaitingTheirStatus() throws(StoreError) -> Int {
        try guarded {
            try reader.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'pair' AND r.state = 'pending' AND \(ImportBatch.shown("r"))
                      AND (SELECT count(*) FROM review v WHERE v.pair = e.id AND v.decision NOT IN ('skip', 'reopened')) >= ?
                    """, arguments: [try Self.reviewSettings(db).overlap]) ?? 0
            }
        }
    }

    /// A rule's text, kind or direction changed: every verdict on a pair targeting it is
    /// marked stale for its annotator, who is then served the pair again first.
    static func markDecisionsStale(_ db: Database, ruleKey: String, spec: String?, snapshot: Snapshot, raw: String?) throws {
        // The rule's current ID (a rename keeps the key): from the raw text without parsing
        // the whole snapshot when there is one.
        let id: String?
        if let raw {
            id = RawSnapshot(text: raw)?.fields["source.id"].flatMap { try? JSONValue.parse(Data($0.utf8)) }?.stringValue
        } else {
            id = snapshot["source.id"]?.stringValue
        }
        let owner = spec ?? String(ruleKey.split(separator: "/", maxSplits: 1).first ?? "")
        guard let id else { return }
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO review_stale (pair, annotator, rule)
            SELECT v.pair, v.annotator, ? FROM review v
            JOIN entity e ON e.kind = 'pair' AND e.id = v.pair
            JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE v.decision NOT IN ('skip', 'reopened') AND e.parent = ? AND (',' || r.title || ',') LIKE ?
            """).execute(arguments: [id, owner, "%," + id + ",%"])
    }

    /// Rewrites a pair's rows in the review index from its new snapshot (called for every
    /// pair revision written, undo and redo included).
    static func syncReviewIndex(_ db: Database, pair: String, snapshot: Snapshot) throws {
        try db.cachedStatement(sql: "DELETE FROM review WHERE pair = ?").execute(arguments: [pair])
        let decisions = ReviewFields.decisions(snapshot)
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO review (pair, annotator, decision) VALUES (?, ?, ?)")
        for (name, decision) in decisions { try insert.execute(arguments: [pair, name, decision.decision.rawValue]) }
        for name in ReviewFields.reopening(snapshot)?.reviewers ?? [] where decisions[name] == nil {
            try insert.execute(arguments: [pair, name, "reopened"])
        }
    }
}

extension ProjectStore {
    /// A pair's revisions, newest first: who did what, when.
    public func pairLog(_ id: String) throws(StoreError) -> [LogEntry] {
        try guarded {
            try reader.read { db in
                let visible = try othersReviewHidden(db)
                let sees = try seesOthersVerdicts(db)
                return try Row.fetchAll(db, sql: """
                    SELECT c.id, c.author, c.created_at, c.kind, c.undoes, c.message, r.rev, r.changed
                    FROM revision r JOIN changeset c ON c.id = r.changeset
                    WHERE r.kind = 'pair' AND r.id = ? AND \(visible.sql) ORDER BY r.rev DESC
                    """, arguments: [id] + visible.arguments).map { row in
                    LogEntry(changeset: row[0], author: row[1], time: row[2], kind: row[3], undoes: row[4], message: row[5],
                             revision: row[6], fields: shownFields(Self.fields(row[7]), seeingOthers: sees), entities: 1, names: nil)
                }
            }
        }
    }
}

extension ProjectStore {
    /// An entity's current revision (0 when it does not exist): a cheap check that a
    /// cached copy is still current.
    public func headRevision(kind: EntityKind, id: String) throws(StoreError) -> Int {
        try guarded {
            try reader.read { db in
                try Int.fetchOne(db.cachedStatement(sql: "SELECT head_rev FROM entity WHERE kind = ? AND id = ?"),
                                 arguments: [kind.rawValue, id]) ?? 0
            }
        }
    }
}
