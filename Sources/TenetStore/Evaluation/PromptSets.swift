import Foundation
import GRDB
import TenetSpec

/// A prompt set as stored: where its prompts came from, how many of each label, and a
/// digest of its prompts (a re-import that gives the same prompts writes nothing).
public struct PromptSetRecord: Codable, Sendable, Equatable {
    public var name: String
    /// The file (or `spec SPEC`, `pairs`) it was read from.
    public var source: String
    /// `specbench`, `jsonl`, `spec-examples` or `pairs`.
    public var format: String
    public var count: Int
    public var safe: Int
    public var unsafe: Int
    public var unlabelled: Int
    /// SHA-256 of the prompts as stored, in order.
    public var digest: String
}

/// A prompt set at one revision.
public struct StoredPromptSet: Sendable, Equatable {
    public var name: String
    public var revision: Int
    public var changeset: Int64
    public var record: PromptSetRecord
}

/// What an import of a prompt set did.
public struct PromptSetImport: Sendable, Equatable {
    public var set: StoredPromptSet
    /// `false`: the prompts were those of the current revision; nothing was written.
    public var changed: Bool
}

/// Takes a set's prompts one at a time, before the project is touched (see
/// ``ProjectStore/importPromptSet(name:source:format:message:_:)``): each is staged as it
/// comes in a temporary file of its own (``ImportStagingFile``), so memory stays flat
/// however many there are, and an import stopped while reading — Ctrl-C on standard input
/// — leaves no project file behind.
public final class PromptSetWriter {
    fileprivate var hasher = SHA256Hasher()
    fileprivate var ids = Set<String>()
    fileprivate var counts = (safe: 0, unsafe: 0, unlabelled: 0)
    /// The prompts staged, each under its place in the set (eight bytes, big-endian, so
    /// that key order is the set's order): the ID's length (four bytes), the ID, the prompt
    /// as stored.
    fileprivate let staging = ImportStagingFile()
    /// Prompts handed in so far.
    public fileprivate(set) var count = 0
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    fileprivate init() {}

    /// Adds the next prompt. Its ID must be new in the set.
    public func add(_ item: PromptItem) throws {
        guard ids.insert(item.id).inserted else { throw StoreError.invalid("prompt ID `\(item.id)` appears twice in the set") }
        let data = try encoder.encode(item)
        hasher.update(data)
        hasher.update(CollectionOfOne(UInt8(0x0A)))
        var key = UInt64(count).bigEndian
        var value: [UInt8] = []
        ImportStagingFile.appendLength(item.id.utf8.count, to: &value)
        value.append(contentsOf: item.id.utf8)
        value.append(contentsOf: data)
        try withUnsafeBytes(of: &key) { key in try value.withUnsafeBytes { try staging.add(key: key, value: $0) } }
        count += 1
        switch item.label {
        case .safe: counts.safe += 1
        case .unsafe: counts.unsafe += 1
        case nil: counts.unlabelled += 1
        }
    }

    /// Writes the staged prompts to the set's revision, in order.
    fileprivate func insert(into db: Database, set: String, revision: Int) throws {
        let statement = try db.makeStatement(sql: "INSERT INTO prompt_item (prompt_set, set_rev, ordinal, id, data) VALUES (?, ?, ?, ?, ?)")
        var ordinal = 0
        try staging.forEachFirstInKeyOrder { _, value in
            let idLength = ImportStagingFile.length(value, at: 0)
            let id = String(decoding: UnsafeRawBufferPointer(rebasing: value[4..<(4 + idLength)]), as: UTF8.self)
            let data = String(decoding: UnsafeRawBufferPointer(rebasing: value[(4 + idLength)...]), as: UTF8.self)
            try statement.execute(arguments: [set, revision, ordinal, id, data])
            ordinal += 1
        }
    }
}

extension ProjectStore {
    /// Imports a prompt set — a new set, or a new revision of one — in one transaction and
    /// one changeset. The producer hands in the prompts in order and returns whether to keep
    /// them (`false`, or a throw, writes nothing). Needs the author role.
    public func importPromptSet(name: String, source: String, format: String, message: String,
                                _ produce: (PromptSetWriter) throws -> Bool) throws(StoreError) -> PromptSetImport? {
        try StoredName.check(name, "prompt set")
        try authorize(.author("importing prompt sets"))    // refused before a line is read
        // Read and staged before the project is touched: an import into a new project
        // stopped while reading (Ctrl-C on standard input) leaves no file.
        let staged = PromptSetWriter()
        guard try guarded({ try produce(staged) }) else { return nil }
        guard staged.count > 0 else { throw StoreError.invalid("no prompts to import") }
        // A set that was not kept leaves no project file it created.
        return try removingNewFileUnlessWritten({ () throws(StoreError) in try guarded {
            var outcome: PromptSetImport?
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try authorize(db, .author("importing prompt sets"))
                    let record = PromptSetRecord(name: name, source: source, format: format, count: staged.count,
                                                 safe: staged.counts.safe, unsafe: staged.counts.unsafe,
                                                 unlabelled: staged.counts.unlabelled,
                                                 digest: staged.hasher.finalize().hex)
                    let head = try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = 'promptset' AND id = ?", arguments: [name])
                    var previous: Snapshot?
                    if let head {
                        previous = try snapshot(db, kind: .promptSet, id: name, revision: head)
                        if let previous, let old = try? SnapshotCoding.unflatten(previous, as: PromptSetRecord.self), old.digest == record.digest {
                            let changeset = try Int64.fetchOne(db, sql: "SELECT changeset FROM revision WHERE kind = 'promptset' AND id = ? AND rev = ?",
                                                               arguments: [name, head]) ?? 0
                            outcome = PromptSetImport(set: StoredPromptSet(name: name, revision: head, changeset: changeset, record: old), changed: false)
                            return .rollback
                        }
                    }
                    let snapshot = try SnapshotCoding.flatten(record, groups: [])
                    let changed = previous.map { SnapshotCoding.changedFields($0, snapshot) } ?? snapshot.keys.sorted()
                    let changeset = try insertChangeset(db, kind: .import, undoes: nil, message: message)
                    if head == nil {
                        try db.execute(sql: "INSERT INTO entity (kind, id, parent, head_rev) VALUES ('promptset', ?, NULL, 0)", arguments: [name])
                    }
                    let revision = (head ?? 0) + 1
                    try db.execute(sql: """
                        INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                        VALUES ('promptset', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [name, revision, head ?? 0, changeset, head == nil ? "create" : "update", changed.joined(separator: ","),
                                         name, "\(record.count) prompts from \(source)", format, SnapshotCoding.encode(snapshot)])
                    try staged.insert(into: db, set: name, revision: revision)
                    outcome = PromptSetImport(set: StoredPromptSet(name: name, revision: revision, changeset: changeset, record: record), changed: true)
                    return .commit
                }
            }
            return outcome
        } }, wrote: { $0?.changed == true })
    }

    /// A prompt set, at its newest revision or at `revision`.
    public func promptSet(_ name: String, revision: Int? = nil) throws(StoreError) -> StoredPromptSet {
        try guarded {
            try reader.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT rev, changeset, data FROM revision WHERE kind = 'promptset' AND id = ? AND rev <= ? ORDER BY rev DESC LIMIT 1
                    """, arguments: [name, revision ?? Int.max]) else {
                    let known = try String.fetchAll(db, sql: "SELECT id FROM entity WHERE kind = 'promptset' ORDER BY id")
                    throw StoreError.notFound("no prompt set `\(name)`; "
                        + (known.isEmpty ? "import one with tenet import prompts FILE --name \(name)" : "the project has: " + known.joined(separator: ", ")))
                }
                // Revision 2 of a set at r1 had shown r1.
                if let revision, revision != row["rev"] as Int {
                    throw StoreError.notFound("prompt set `\(SafeText.visible(name))` has no revision \(revision) (latest: r\(row["rev"] as Int))")
                }
                let record = try SnapshotCoding.unflatten(try SnapshotCoding.decode(row["data"]), as: PromptSetRecord.self)
                return StoredPromptSet(name: name, revision: row["rev"], changeset: row["changeset"], record: record)
            }
        }
    }

    /// Every prompt set at its newest revision, by name.
    public func promptSets() throws(StoreError) -> [StoredPromptSet] {
        try guarded {
            try reader.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT e.id, r.rev, r.changeset, r.data FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'promptset' ORDER BY e.id
                    """).map { row in
                    StoredPromptSet(name: row[0], revision: row[1], changeset: row[2],
                                    record: try SnapshotCoding.unflatten(try SnapshotCoding.decode(row[3]), as: PromptSetRecord.self))
                }
            }
        }
    }

    /// A set's prompts at a revision, in order, handed one at a time (memory stays flat).
    public func forEachPrompt(set: String, revision: Int, _ body: (PromptItem) throws -> Void) throws(StoreError) {
        let decoder = JSONDecoder()
        try guarded {
            try reader.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT data FROM prompt_item WHERE prompt_set = ? AND set_rev = ? ORDER BY ordinal",
                                               arguments: [set, revision])
                while let row = try rows.next() {
                    let text: String = row[0]
                    try body(try decoder.decode(PromptItem.self, from: Data(text.utf8)))
                }
            }
        }
    }

    /// A set's prompt IDs at a revision, by place (from 0), in order.
    public func promptIDs(set: String, revision: Int) throws(StoreError) -> [(ordinal: Int, id: String)] {
        try guarded {
            try reader.read { db in
                try Row.fetchAll(db, sql: "SELECT ordinal, id FROM prompt_item WHERE prompt_set = ? AND set_rev = ? ORDER BY ordinal",
                                 arguments: [set, revision]).map { ($0[0], $0[1]) }
            }
        }
    }

    /// One prompt of a set at a revision, by its place (from 0).
    public func prompt(set: String, revision: Int, ordinal: Int) throws(StoreError) -> PromptItem {
        try guarded {
            try reader.read { db in
                guard let text = try String.fetchOne(db.cachedStatement(sql: "SELECT data FROM prompt_item WHERE prompt_set = ? AND set_rev = ? AND ordinal = ?"),
                                                     arguments: [set, revision, ordinal]) else {
                    throw StoreError.notFound("prompt set \(set) r\(revision) has no prompt \(ordinal + 1)")
                }
                return try JSONDecoder().decode(PromptItem.self, from: Data(text.utf8))
            }
        }
    }

    /// A set's prompts at a revision, in order.
    public func prompts(set: String, revision: Int) throws(StoreError) -> [PromptItem] {
        var items: [PromptItem] = []
        try forEachPrompt(set: set, revision: revision) { items.append($0) }
        return items
    }
}
