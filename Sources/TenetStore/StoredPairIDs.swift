import GRDB

/// Whether pairs are stored in the project, asked in ascending ID order (SQLite's text
/// order, as an import's batches take them) within one read transaction. One look-up finds
/// the least stored ID at or after the one asked and answers every ID before it without
/// another: a batch of new pairs in a new project, or in IDs apart from the stored ones,
/// takes a few look-ups instead of one per pair. Never more than one per pair.
struct StoredPairIDs {
    private let sql: RawStatements
    private let next: Statement
    /// The least stored ID at or after the last one looked up (`.some(nil)`: none), once
    /// looked up in this read transaction.
    private var known: [UInt8]?? = .none

    init(_ sql: RawStatements) throws {
        self.sql = sql
        next = try sql.prepare("SELECT id FROM main.entity WHERE kind = 'pair' AND id >= ? ORDER BY id LIMIT 1")
    }

    /// Forgets what was looked up: a new read transaction may see pairs added since.
    mutating func reset() { known = .none }

    /// Whether the project has a pair `id`, an ID not before the one asked last.
    mutating func contains(_ id: UnsafeRawBufferPointer) throws -> Bool {
        if case .some(let stored) = known {
            guard let stored else { return false }
            let order = stored.withUnsafeBytes { ImportStagingFile.compare(id, $0) }
            if order <= 0 { return order == 0 }
        }
        let stored = try sql.firstText(next, id)
        known = .some(stored)
        return stored?.withUnsafeBytes { ImportStagingFile.compare(id, $0) == 0 } ?? false
    }
}
