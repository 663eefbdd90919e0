import CSQLiteTriggers
import GRDB

extension Database {
    /// Runs `body` with this connection's triggers off: statements it prepares are compiled
    /// without them (other connections keep theirs). Only for a writer that does itself,
    /// row for row, what the triggers would do — a pair import's batches (``PairWriter``),
    /// where the per-row trigger programs were half of writing a row.
    /// `ImportBatchTests.theImportKnowsEveryInsertTriggerOnItsTables` fails when an
    /// `INSERT` trigger appears on `entity` or `revision` that such a writer does not know.
    func withoutTriggers<T>(_ body: () throws -> T) throws -> T {
        guard let connection = sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the connection is closed") }
        guard tenet_sqlite_enable_triggers(connection, 0) == SQLITE_OK else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not turn this connection's triggers off")
        }
        defer { _ = tenet_sqlite_enable_triggers(connection, 1) }
        return try body()
    }
}
