import Foundation
import GRDB
import Testing
import TenetStore
import TenetTestSupport

/// The multi-process stress tests run one after another (not beside each other): each
/// saturates the machine, and the crash test's kill timing means little under such load.
@Suite(.serialized) enum StoreStressTests {}

extension StoreStressTests {
    /// Four processes race to increment counters kept in three rules' rationale. With the
    /// revision check, every conflict is detected and retried and no increment is lost; the
    /// control writes without the check (last writer wins) and loses increments, which shows
    /// the test can fail.
    @Suite(.serialized) struct ConcurrencyTests {
        static let rules = ["travel.budget-honesty", "travel.accessibility", "travel.fit-the-traveller"]
        static let processes = 4
        static let increments = 500

        @Test func contendedEditsLoseNothingAndEveryConflictIsReported() throws {
            let directory = try temporaryDirectory("tenet-stress")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let db = directory + "/tenet.db"
            try Stress.seed(db)

            let started = Date()
            let reports = try Self.race(db, check: true)
            let elapsed = Date().timeIntervalSince(started)

            #expect(reports.count == Self.processes)
            for report in reports { #expect(report.applied == Self.increments, "\(report.user) applied \(report.applied)") }
            let conflicts = reports.map(\.conflicts).reduce(0, +)
            #expect(conflicts > 0, "4 processes on 3 rules should have collided")

            let counters = try Self.rules.map { try Self.counter(db, $0) }
            let total = counters.reduce(0, +)
            #expect(total == Self.processes * Self.increments, "lost updates: \(Self.processes * Self.increments - total)")

            // The history: gap-free, one revision per increment, each revision one more than its parent.
            let keys = try Self.rules.map { try ProjectStore(path: db, author: "check").rule($0).key }
            try Stress.readOnly(db) { database in
                var edits = 0
                for key in keys {
                    let revisions = try Stress.revisions(database, key: key)
                    #expect(revisions.map(\.rev) == Array(1...max(revisions.count, 1)), "gaps in \(key)")
                    let head = try Int.fetchOne(database, sql: "SELECT head_rev FROM entity WHERE kind = 'rule' AND id = ?", arguments: [key])
                    #expect(head == revisions.count)
                    for revision in revisions.dropFirst() {
                        #expect(revision.rationale == "count=\(revision.rev - 1)", "\(key) revision \(revision.rev): \(revision.rationale ?? "nil")")
                    }
                    edits += revisions.count - 1
                }
                #expect(edits == Self.processes * Self.increments)
            }
            print("concurrency: \(Self.processes)×\(Self.increments) checked edits in \(String(format: "%.1f", elapsed)) s; "
                  + "conflicts detected and retried: \(conflicts) (\(reports.map { "\($0.user)=\($0.conflicts)" }.joined(separator: ", "))); "
                  + "counters \(counters), lost updates: \(Self.processes * Self.increments - total)")
        }

        @Test func controlWithoutRevisionCheckLosesUpdates() throws {
            let directory = try temporaryDirectory("tenet-stress")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let db = directory + "/tenet.db"
            try Stress.seed(db)

            let started = Date()
            let reports = try Self.race(db, check: false)
            let elapsed = Date().timeIntervalSince(started)

            for report in reports { #expect(report.applied == Self.increments) }
            #expect(reports.map(\.conflicts).reduce(0, +) == 0, "without a revision there is nothing to conflict with")
            let counters = try Self.rules.map { try Self.counter(db, $0) }
            let total = counters.reduce(0, +)
            #expect(total < Self.processes * Self.increments, "last writer wins should have lost increments")
            print("control (no revision check): \(Self.processes)×\(Self.increments) edits in \(String(format: "%.1f", elapsed)) s; "
                  + "counters \(counters), lost updates: \(Self.processes * Self.increments - total)")
        }

        // MARK: helpers

        struct Report: Decodable {
            var user: String
            var applied: Int
            var conflicts: Int
        }

        /// Runs the increment processes at once — a barrier beside the database holds each
        /// until all have started, so they overlap however loaded the machine — and collects
        /// their reports.
        static func race(_ db: String, check: Bool) throws -> [Report] {
            let barrier = (db as NSString).deletingLastPathComponent + "/barrier"
            try FileManager.default.createDirectory(atPath: barrier, withIntermediateDirectories: true)
            let running = try (1...processes).map { index in
                try Stress.start(["increment", db, "--user", "p\(index)", "--rules", rules.joined(separator: ","),
                                  "--count", "\(increments)", "--seed", "\(index)", "--barrier", barrier, "--parties", "\(processes)"]
                                 + (check ? [] : ["--no-check"]))
            }
            return try running.map { process in
                let result = process.wait()
                try #require(result.status == 0 && result.reason == .exit, "tenet-stress failed (\(result.status)): \(result.stderr)")
                let line = try #require(result.stdout.split(separator: "\n").last)
                return try JSONDecoder().decode(Report.self, from: Data(line.utf8))
            }
        }

        /// The counter in a rule's rationale, read through the store.
        static func counter(_ db: String, _ rule: String) throws -> Int {
            let rationale = try ProjectStore(path: db, author: "check").rule(rule).record.annotations.rationale
            guard let rationale else { return 0 }
            return try #require(Int(rationale.dropFirst("count=".count)), "not a counter: \(rationale)")
        }
    }
}

/// Runs `tenet-stress` and reads the database behind the store's back.
enum Stress {
    /// The package root, found from this file's location.
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let sampleSpec = root + "/SampleSpecs/travel-planning.md"

    /// The `tenet-stress` built beside the test bundle.
    static let binary: String = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("tenet-stress").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root + "/.build/debug/tenet-stress"
    }()

    /// A database with the travel sample imported.
    static func seed(_ db: String) throws {
        let result = try start(["seed", db, sampleSpec]).wait()
        try #require(result.status == 0, "seed failed: \(result.stderr)")
    }

    struct Result {
        var status: Int32
        var reason: Process.TerminationReason
        var stdout: String
        var stderr: String
    }

    /// A running `tenet-stress` whose output is read as it is written.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let group = DispatchGroup()
        private let lock = NSLock()
        private var out = Data()
        private var err = Data()

        init(_ arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: Stress.binary)
            process.arguments = arguments
            let outPipe = Pipe(), errPipe = Pipe()
            process.standardOutput = outPipe
            process.standardError = errPipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            read(outPipe.fileHandleForReading, error: false)
            read(errPipe.fileHandleForReading, error: true)
        }

        private func read(_ handle: FileHandle, error: Bool) {
            DispatchQueue.global().async(group: group) { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.lock()
                    if error { err.append(chunk) } else { out.append(chunk) }
                    lock.unlock()
                }
            }
        }

        var pid: pid_t { process.processIdentifier }

        /// Waits for the process to end and its output to be read.
        func wait() -> Result {
            process.waitUntilExit()
            group.wait()
            lock.lock()
            defer { lock.unlock() }
            return Result(status: process.terminationStatus, reason: process.terminationReason,
                          stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
        }
    }

    static func start(_ arguments: [String]) throws -> Running { try Running(arguments) }

    /// Runs `body` on a read-only GRDB connection to the database.
    static func readOnly<T>(_ db: String, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: db, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    struct Revision {
        var rev: Int
        var parentRev: Int
        var data: String
        /// `annotations.rationale` in the snapshot.
        var rationale: String? {
            let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]
            return object?["annotations.rationale"] as? String
        }
    }

    /// A rule's revisions in order.
    static func revisions(_ database: Database, key: String) throws -> [Revision] {
        try Row.fetchAll(database, sql: "SELECT rev, parent_rev, data FROM revision WHERE kind = 'rule' AND id = ? ORDER BY rev",
                         arguments: [key]).map { Revision(rev: $0["rev"], parentRev: $0["parent_rev"], data: $0["data"]) }
    }
}
