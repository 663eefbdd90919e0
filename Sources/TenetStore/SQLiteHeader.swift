import Foundation

/// What the first bytes of a file say about whether SQLite could open it as a database.
enum SQLiteHeader {
    /// Every SQLite 3 database file starts with these 16 bytes.
    static let magic = Array("SQLite format 3\u{0}".utf8)

    /// The reason given for a file that is not a database.
    static let notADatabase = "is not a Tenet database (not an SQLite file); give another --db path"

    /// Whether the file at `path` may be an SQLite database: empty (SQLite makes a new
    /// database of an empty file), or starting with SQLite's header. An unreadable file is
    /// given the benefit of the doubt; opening it says what is wrong.
    ///
    /// Never call it on a database this process has open: closing the descriptor it reads
    /// through releases the process's POSIX locks on the file, SQLite's included.
    static func couldBeDatabase(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: magic.count) else { return true }
        return head.isEmpty || Array(head) == magic
    }
}
