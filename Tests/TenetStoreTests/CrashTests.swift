import Foundation
import GRDB
import Testing
import TenetStore
import TenetSpec
import TenetTestSupport

extension StoreStressTests {
    /// Writers acknowledge each change only after its commit returned, and are killed with
    /// SIGKILL at random moments, round after round, on one database. After every round the
    /// database must be intact and hold every acknowledged change, with gap-free history.
    @Suite(.serialized) struct CrashTests {
        static let rounds = 30
        static let writers = [(name: "w1", rule: "travel.budget-honesty"), (name: "w2", rule: "travel.accessibility")]

        @Test func killedWritersLoseNoAcknowledgedChange() throws {
            let directory = try temporaryDirectory("tenet-stress")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let db = directory + "/tenet.db"
            try Stress.seed(db)
            let keys = try Self.writers.map { try ProjectStore(path: db, author: "check").rule($0.rule).key }

            var random = SeededRandom(seed: 20_240_611)
            var totalAcks = 0
            var unacknowledgedCommits = 0
            var roundsWithoutAcks = 0
            let started = Date()
            for round in 1...Self.rounds {
                let users = Self.writers.map { "\($0.name)-r\(round)" }
                let running = try zip(users, Self.writers).map { user, writer in
                    try Stress.start(["ack-writer", db, "--user", user, "--rule", writer.rule])
                }
                // Each writer dies at its own random moment, 50–400 ms after the round starts.
                let roundStart = Date()
                let deadlines = running.map { _ in 0.05 + Double(random.next() % 351) / 1000 }
                for (process, deadline) in zip(running, deadlines).sorted(by: { $0.1 < $1.1 }) {
                    let wait = deadline - Date().timeIntervalSince(roundStart)
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                    kill(process.pid, SIGKILL)
                }
                let results = running.map { $0.wait() }
                for (user, result) in zip(users, results) {
                    try #require(result.reason == .uncaughtSignal && result.status == SIGKILL,
                                 "round \(round): \(user) ended on its own (\(result.status)) before the kill: \(result.stderr)")
                }
                let acks = try zip(users, results).map { user, result in try Self.acknowledged(result.stdout, user: user, round: round) }

                // Reopen as the next user would (recovering the WAL), then check behind the store's back.
                let store = try ProjectStore(path: db, author: "check")
                let current = try Self.writers.map { try store.rule($0.rule) }
                try Stress.readOnly(db) { database in
                    #expect(try String.fetchAll(database, sql: "PRAGMA integrity_check") == ["ok"], "round \(round)")
                    #expect(try Row.fetchAll(database, sql: "PRAGMA foreign_key_check").isEmpty, "round \(round)")
                    for (index, (user, key)) in zip(users, keys).enumerated() {
                        let ack = acks[index]
                        let revisions = try Stress.revisions(database, key: key)
                        #expect(revisions.map(\.rev) == Array(1...max(revisions.count, 1)), "round \(round): gaps in \(key)")
                        #expect(revisions.allSatisfy { $0.parentRev == $0.rev - 1 })
                        let head = try Int.fetchOne(database, sql: "SELECT head_rev FROM entity WHERE kind = 'rule' AND id = ?", arguments: [key])
                        #expect(head == revisions.count, "round \(round): head of \(key)")
                        // This round's writes, in commit order.
                        let prefix = "ack-\(user)-"
                        let committed = revisions.compactMap { $0.rationale }.filter { $0.hasPrefix(prefix) }
                            .compactMap { Int($0.dropFirst(prefix.count)) }
                        #expect(committed == (0..<committed.count).map { $0 + 1 },
                                "round \(round): \(user)'s commits out of order: \(committed.prefix(10))…")
                        let present = Set(committed)
                        let missing = ack.filter { !present.contains($0) }
                        #expect(missing.isEmpty, "round \(round): \(user) acknowledged \(missing.prefix(10)) but they are not in the database")
                        // At most one commit can land between the last acknowledgement and the kill.
                        #expect(committed.count - ack.count <= 1 && committed.count >= ack.count,
                                "round \(round): \(user) committed \(committed.count), acknowledged \(ack.count)")
                        // The store, reopened, shows the last of them.
                        if let last = committed.last {
                            #expect(current[index].record.annotations.rationale == prefix + "\(last)", "round \(round): \(key)")
                            #expect(current[index].revision == revisions.count)
                        }
                        unacknowledgedCommits += committed.count - ack.count
                        totalAcks += ack.count
                        if ack.isEmpty { roundsWithoutAcks += 1 }
                    }
                }
            }
            let elapsed = Date().timeIntervalSince(started)
            print("crash: \(Self.rounds) rounds × \(Self.writers.count) writers killed in \(String(format: "%.1f", elapsed)) s; "
                  + "\(totalAcks) acknowledged changes all present, \(unacknowledgedCommits) committed-but-unacknowledged, "
                  + "\(roundsWithoutAcks) writer-rounds killed before their first acknowledgement")
        }

        /// The acknowledged numbers, in order; a line cut short by the kill does not count.
        static func acknowledged(_ output: String, user: String, round: Int) throws -> [Int] {
            var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeLast() // after the last newline: empty, or a line the kill cut short
            let numbers = try lines.map { line in
                try #require(line.hasPrefix("ack ") ? Int(line.dropFirst(4)) : nil, "round \(round): \(user) printed `\(line)`")
            }
            #expect(numbers == numbers.indices.map { $0 + 1 }, "round \(round): \(user) acknowledged out of order")
            return numbers
        }
    }
}
