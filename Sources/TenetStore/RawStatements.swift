import GRDB
import GRDBSQLite

/// Prepared statements stepped through SQLite's C interface, with text bound in place from
/// bytes the caller holds (no `String`, no argument array): for a loop that writes
/// hundreds of thousands of rows (an import's batches), where building each row's
/// arguments was a visible part of the CPU. The statements belong to `db` and must only
/// be used while it is.
struct RawStatements {
    let db: Database

    init(_ db: Database) { self.db = db }

    /// A statement of its own (not GRDB's cache: it is stepped here, not by GRDB).
    func prepare(_ sql: String) throws -> Statement { try db.makeStatement(sql: sql) }

    /// Runs a statement that returns no row, binding `values` to its parameters in order.
    func run<each Value: RawBindable>(_ statement: Statement, _ values: repeat each Value) throws {
        defer { sqlite3_reset(statement.sqliteStatement) }
        let code = try step(statement, repeat each values)
        if code != SQLITE_DONE && code != SQLITE_ROW { try check(code, statement) }
    }

    /// The first column of the first row a query bound with `values` returns, as UTF-8
    /// bytes; `nil` when it returns no row.
    func firstText<each Value: RawBindable>(_ statement: Statement, _ values: repeat each Value) throws -> [UInt8]? {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let code = try step(statement, repeat each values)
        guard code == SQLITE_ROW else {
            if code != SQLITE_DONE { try check(code, statement) }
            return nil
        }
        guard let text = sqlite3_column_text(handle, 0) else { return [] }
        return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 0))))
    }

    /// Binds `values` and takes the statement's first step; the caller resets it.
    private func step<each Value: RawBindable>(_ statement: Statement, _ values: repeat each Value) throws -> Int32 {
        let handle = statement.sqliteStatement
        var index: Int32 = 1
        for value in repeat each values {
            try check(value.bind(to: handle, at: index), statement)
            index += 1
        }
        return sqlite3_step(handle)
    }

    /// Rows changed by the last statement run (not counting its triggers').
    var changes: Int { Int(sqlite3_changes(db.sqliteConnection)) }

    private func check(_ code: Int32, _ statement: Statement) throws {
        guard code != SQLITE_OK else { return }
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}

/// A value ``RawStatements`` binds to a parameter.
protocol RawBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32
}

extension UnsafeRawBufferPointer: RawBindable {
    /// Text in UTF-8, bound without a copy: the bytes must stay valid until the statement
    /// is reset (``RawStatements`` resets it before returning).
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        guard let base = baseAddress, count > 0 else {
            return sqlite3_bind_text(statement, index, "", 0, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        return sqlite3_bind_text(statement, index, base.assumingMemoryBound(to: CChar.self), Int32(count), nil)
    }
}

extension Optional: RawBindable where Wrapped == UnsafeRawBufferPointer {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        guard let text = self else { return sqlite3_bind_null(statement, index) }
        return text.bind(to: statement, at: index)
    }
}

extension Int64: RawBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_int64(statement, index, self) }
}
