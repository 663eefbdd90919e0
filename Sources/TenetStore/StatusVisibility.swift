import GRDB

/// Verdicts and pair statuses as the reader may see them. Under `visibility own` an annotator
/// or viewer sees only their own verdicts: not others' `decisions.NAME` fields, nor who had
/// one (a reopening's reviewers), in any read or change report; and a finished pair's status
/// — accepted, edited, rejected or disputed — is made of everyone's: they see it as
/// `finished`, and may not filter on the four (a list of the pairs others rejected would
/// tell them what those others decided).
extension ProjectStore {
    /// Whether a pair's field tells of other people's verdicts: someone else's decision, or
    /// the reviewers a reopening names.
    static func tellsOthersVerdicts(_ field: String, reader: String) -> Bool {
        field == ReviewFields.reopened
            || (field.hasPrefix(ReviewFields.decisionPrefix) && field != ReviewFields.decisionPrefix + reader)
    }

    /// The changed fields this reader may see, of those `fields` lists.
    func shownFields(_ fields: [String], seeingOthers: Bool) -> [String] {
        seeingOthers ? fields : fields.filter { !Self.tellsOthersVerdicts($0, reader: identity.name) }
    }

    /// A stored status as this reader is shown it.
    static func shown(_ status: String, seeingOthers: Bool) -> String {
        PairStatus(rawValue: status)?.shown(seeingOthers: seeingOthers).rawValue ?? status
    }

    /// The stored statuses a filter on `status` selects for this reader: refused when it
    /// names a status they are not shown.
    func storedStatuses(_ db: Database, matching status: String) throws -> [String] {
        if let named = PairStatus(rawValue: status), PairStatus.verdictStatuses.contains(named), try !seesOthersVerdicts(db) {
            throw StoreError.forbidden("""
                this project keeps verdicts private (visibility own): you see a finished pair as `finished`, not whether \
                it was \(status); filter on finished, pending or flagged
                """)
        }
        return PairStatus.stored(matching: status)
    }

    /// `r.state IN (…)` for `states`, with their arguments.
    static func state(in states: [String]) -> (sql: String, arguments: StatementArguments) {
        ("r.state IN (\(states.map { _ in "?" }.joined(separator: ", ")))", StatementArguments(states))
    }
}
