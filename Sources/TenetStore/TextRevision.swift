import GRDB

/// Which revision of a pair wrote the answers a decision judged, from the pair's history:
/// each revision lists the fields it changed (its `changed` column; a pair's first
/// revision lists them all).
extension ProjectStore {
    /// The newest revision of pair `id`, at or before `revision` (by default: all of them),
    /// that wrote the chosen or the rejected text; 1 when none did (the text as it came).
    static func textRevision(_ db: Database, pair id: String, atOrBefore revision: Int = .max) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT max(rev) FROM revision WHERE kind = 'pair' AND id = ? AND rev <= ?
            AND (instr(',' || changed || ',', ',chosen,') > 0 OR instr(',' || changed || ',', ',rejected,') > 0)
            """), arguments: [id, revision]) ?? 1
    }

    /// For a decision recorded without its text revision: the text revision when it was
    /// recorded, which is the newest revision at or before `revision` that wrote this
    /// annotator's decision.
    static func textRevision(_ db: Database, pair id: String, decidedBy annotator: String, atOrBefore revision: Int) throws -> Int {
        let decided = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT max(rev) FROM revision WHERE kind = 'pair' AND id = ? AND rev <= ? AND instr(',' || changed || ',', ?) > 0
            """), arguments: [id, revision, "," + ReviewFields.decisionPrefix + annotator + ","])
        return try textRevision(db, pair: id, atOrBefore: decided ?? revision)
    }
}
