import Foundation
import GRDB
import TenetSpec

/// An evaluation run as stored: its revision (a new one when it starts, resumes, stops or
/// finishes), the changeset of that revision, and how many prompts have a result.
public struct StoredEvalRun: Sendable, Equatable {
    public var name: String
    public var revision: Int
    public var changeset: Int64
    public var run: EvalRun
    public var results: Int
    /// Recorded as running, but no process runs it (``EvalRunLock``): it was killed or
    /// cut off, and `tenet eval resume` goes on.
    public var interrupted = false

    /// The status to show: `interrupted` for a running run no process runs, else the stored one.
    public var shownStatus: String { interrupted ? "interrupted" : run.status.rawValue }
}

extension ProjectStore {
    /// Records a new run (status running). Refused when the name is taken. Needs the
    /// annotator role, like every write of a run.
    public func startEvalRun(_ run: EvalRun) throws(StoreError) -> StoredEvalRun {
        try StoredName.check(run.name, "run")
        // Its lock file goes beside the database: a name that cannot be a file there is
        // refused before the run is recorded.
        let lockFile = (EvalRunLock.path(database: path, run: run.name) as NSString).lastPathComponent
        guard lockFile.utf8.count <= Int(NAME_MAX) else {
            throw StoreError.invalid("run name `\(run.name)` is too long for its lock file beside \(path); give a shorter name")
        }
        return try writeEvalRun(run, expectedRevision: 0, message: "eval run \(run.name): \(run.method.rawValue) \(run.model) on \(run.promptSet) r\(run.promptSetRevision)")
    }

    /// A new revision of a run: resumed, stopped or finished.
    public func updateEvalRun(_ run: EvalRun, expectedRevision: Int? = nil, message: String) throws(StoreError) -> StoredEvalRun {
        try writeEvalRun(run, expectedRevision: expectedRevision, message: message)
    }

    private func writeEvalRun(_ run: EvalRun, expectedRevision: Int?, message: String) throws(StoreError) -> StoredEvalRun {
        let snapshot: Snapshot
        do { snapshot = try SnapshotCoding.flatten(run, groups: []) } catch {
            throw StoreError.invalid("run \(run.name) cannot be stored: \(error)")
        }
        do {
            _ = try commit(kind: .edit, message: message) { _ in
                [PendingRevision(kind: .evalRun, id: run.name, parent: run.spec, expectedRevision: expectedRevision, snapshot: snapshot,
                                 name: run.name, title: "\(run.method.rawValue) \(run.model) · \(run.promptSet) r\(run.promptSetRevision) · \(run.instantiation)",
                                 state: run.status.rawValue)]
            }
        } catch .conflict(let conflict) where expectedRevision == 0 {
            throw StoreError.invalid("there is already a run named \(run.name) (by \(conflict.changes.last?.author ?? "someone")); "
                                     + "resume it with tenet eval resume \(run.name), or choose another --name")
        }
        return try evalRun(run.name)
    }

    /// A run at its newest revision.
    public func evalRun(_ name: String) throws(StoreError) -> StoredEvalRun {
        try guarded {
            try reader.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT r.rev, r.changeset, r.data FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'evalrun' AND e.id = ?
                    """, arguments: [name]) else {
                    let known = try String.fetchAll(db, sql: "SELECT id FROM entity WHERE kind = 'evalrun' ORDER BY id")
                    throw StoreError.notFound("no evaluation run `\(name)`; "
                        + (known.isEmpty ? "start one with tenet eval run" : "the project has: " + known.joined(separator: ", ")))
                }
                let run = try SnapshotCoding.unflatten(try SnapshotCoding.decode(row["data"]), as: EvalRun.self)
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM eval_result WHERE run = ?", arguments: [name]) ?? 0
                return StoredEvalRun(name: name, revision: row["rev"], changeset: row["changeset"], run: run, results: count,
                                     interrupted: isInterrupted(run))
            }
        }
    }

    /// Whether a run recorded as running has no process running it.
    private func isInterrupted(_ run: EvalRun) -> Bool {
        run.status == .running && !EvalRunLock.isHeld(database: path, run: run.name)
    }

    /// Every run at its newest revision, oldest first.
    public func evalRuns() throws(StoreError) -> [StoredEvalRun] {
        try guarded {
            try reader.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT e.id, r.rev, r.changeset, r.data, (SELECT count(*) FROM eval_result x WHERE x.run = e.id) AS results FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'evalrun'
                    ORDER BY (SELECT min(changeset) FROM revision x WHERE x.kind = 'evalrun' AND x.id = e.id), e.id
                    """).map { row in
                    let run = try SnapshotCoding.unflatten(try SnapshotCoding.decode(row[3]), as: EvalRun.self)
                    return StoredEvalRun(name: row[0], revision: row[1], changeset: row[2], run: run, results: row[4], interrupted: isInterrupted(run))
                }
            }
        }
    }

    /// Stores finished prompts' results in one transaction, attributed to the changeset
    /// that started (or resumed) the run. A prompt that already has a result keeps it.
    /// Needs the annotator role.
    public func saveEvalResults(run: String, changeset: Int64, _ results: [EvalResult]) throws(StoreError) {
        guard !results.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let encoded: [(EvalResult, String)]
        do { encoded = try results.map { ($0, String(decoding: try encoder.encode($0), as: UTF8.self)) } } catch {
            throw StoreError.invalid("results of \(run) cannot be stored: \(error)")
        }
        let now = Timestamp.now()
        try guarded {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try authorize(db, .evaluate)
                    let insert = try db.cachedStatement(sql: """
                        INSERT OR IGNORE INTO eval_result (run, prompt, ordinal, changeset, created_at, data) VALUES (?, ?, ?, ?, ?, ?)
                        """)
                    for (result, data) in encoded {
                        try insert.execute(arguments: [run, result.prompt, result.ordinal, changeset, now, data])
                    }
                    return .commit
                }
            }
        }
    }

    /// A run's results in prompt order, handed one at a time (memory stays flat).
    public func forEachEvalResult(run: String, _ body: (EvalResult) throws -> Void) throws(StoreError) {
        let decoder = JSONDecoder()
        try guarded {
            try reader.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT data FROM eval_result WHERE run = ? ORDER BY ordinal", arguments: [run])
                while let row = try rows.next() {
                    let text: String = row[0]
                    try body(try decoder.decode(EvalResult.self, from: Data(text.utf8)))
                }
            }
        }
    }

    /// A run's results in prompt order.
    public func evalResults(run: String) throws(StoreError) -> [EvalResult] {
        var results: [EvalResult] = []
        try forEachEvalResult(run: run) { results.append($0) }
        return results
    }

    /// One prompt's result in a run.
    public func evalResult(run: String, prompt: String) throws(StoreError) -> EvalResult {
        try guarded {
            try reader.read { db in
                guard let text = try String.fetchOne(db, sql: "SELECT data FROM eval_result WHERE run = ? AND prompt = ?", arguments: [run, prompt]) else {
                    throw StoreError.notFound(try Self.noResult(db, run: run, prompt: prompt))
                }
                return try JSONDecoder().decode(EvalResult.self, from: Data(text.utf8))
            }
        }
    }

    /// Why a prompt has no result, naming the IDs that do — those ending in `#PROMPT` or
    /// containing it first (`1` finds `travel.no-border-evasion#1`), else the run's first:
    /// `run t2 has no result for prompt `1`; did you mean travel.no-border-evasion#1?`.
    static func noResult(_ db: Database, run: String, prompt: String) throws -> String {
        let ids = try String.fetchAll(db, sql: "SELECT prompt FROM eval_result WHERE run = ? ORDER BY ordinal", arguments: [run])
        let start = "run \(run) has no result for prompt `\(prompt)`"
        guard !ids.isEmpty else { return start + "; it has no results yet (tenet eval resume \(run) goes on)" }
        let typed = prompt.lowercased()
        let ending = ids.filter { $0.lowercased().hasSuffix("#" + typed) }
        let nearest = ending.isEmpty ? ids.filter { $0.lowercased().contains(typed) } : ending
        let shown = (nearest.isEmpty ? ids : nearest).prefix(5).joined(separator: ", ") + ((nearest.isEmpty ? ids : nearest).count > 5 ? ", …" : "")
        switch nearest.count {
        case 1: return start + "; did you mean \(shown)?"
        case 0: return start + "; its \(ids.count) prompt IDs with a result begin \(shown)"
        default: return start + "; the nearest of its \(ids.count) prompt IDs with a result: \(shown)"
        }
    }

    /// The IDs of the prompts that have a result in a run.
    public func evaluatedPrompts(run: String) throws(StoreError) -> Set<String> {
        try guarded { try reader.read { db in Set(try String.fetchAll(db, sql: "SELECT prompt FROM eval_result WHERE run = ?", arguments: [run])) } }
    }
}
