import GRDB

/// Pair statuses as the reader may see them. Under `visibility own` an annotator or viewer
/// sees only their own verdicts, and a finished pair's status — accepted, edited, rejected or
/// disputed — is made of everyone's: they see it as `finished`, and may not filter on the
/// four (a list of the pairs others rejected would tell them what those others decided).
extension ProjectStore {
    /// Whether this identity sees other annotators' verdicts, and so pairs' real statuses.
    func seesStatuses(_ db: Database) throws -> Bool {
        try seesOthers(db, try Self.reviewSettings(db), viewer: identity.name)
    }

    /// A stored status as this reader is shown it.
    static func shown(_ status: String, seeingOthers: Bool) -> String {
        PairStatus(rawValue: status)?.shown(seeingOthers: seeingOthers).rawValue ?? status
    }

    /// The stored statuses a filter on `status` selects for this reader: refused when it
    /// names a status they are not shown.
    func storedStatuses(_ db: Database, matching status: String) throws -> [String] {
        if let named = PairStatus(rawValue: status), PairStatus.verdictStatuses.contains(named), try !seesStatuses(db) {
            throw StoreError.forbidden("""
                this project keeps verdicts private (visibility own): you see a finished pair as `finished`, not whether \
                it was \(status); filter on finished, pending or flagged
                """)
        }
        return PairStatus.stored(matching: status)
    }
}
