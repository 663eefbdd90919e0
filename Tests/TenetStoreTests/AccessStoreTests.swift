import Foundation
import GRDB
import Testing
import TenetSpec
@testable import TenetStore

/// People, roles and identities in the store: every write is checked against the role of
/// whoever is acting, in the write's own transaction, and refused writes leave nothing.
@Suite struct AccessStoreTests {
    let path: String

    init() throws {
        path = try StoreSettingsTests.temporaryDirectory() + "/p.db"
        let owner = try ProjectStore(path: path, author: "tenet")
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n\n## B {#b kind=behavioral}\n\nDo b.\n")
        _ = try owner.importSpec(spec, text: "")
        _ = try owner.savePairs((0..<4).map { PairStoreTests.pair($0, spec: "s", rule: "a") }, message: "pairs")
        for (name, role) in [("ann1", Role.annotator), ("ann2", .annotator), ("judge", .adjudicator), ("writer", .author),
                             ("boss", .admin), ("look", .viewer)] {
            try owner.grant(name, role: role, keys: [key(name)])
        }
    }

    func key(_ name: String) -> PersonKey {
        PersonKey(type: "ssh-ed25519", key: "AAAA" + name, comment: name + "@laptop", fingerprint: "SHA256:" + name)
    }

    /// `name` connecting with their own key, as `tenet serve` opens the store.
    func served(_ name: String, fingerprint: String? = nil) throws -> ProjectStore {
        try ProjectStore(path: path, identity: Identity(name: name, source: .key(fingerprint: fingerprint ?? "SHA256:" + name),
                                                        client: "127.0.0.1 port 50000"))
    }

    func pair(_ n: Int) -> String { PairStoreTests.pair(n, spec: "s", rule: "a").id }

    func latest() throws -> Int64 { try ProjectStore(path: path, author: "tenet").latestChangeset() }

    /// Runs a write expected to be refused for its role: exit status 77, and nothing written.
    func refused(_ what: String, _ body: () throws -> Void) throws {
        let before = try latest()
        do {
            try body()
            Issue.record("\(what) was not refused")
        } catch let error as StoreError {
            guard case .forbidden = error else { Issue.record("\(what): \(error)"); return }
            #expect(error.exitCode == 77)
            #expect(error.description.hasPrefix("refused: "), "\(error.description)")
        }
        #expect(try latest() == before, "\(what) wrote nothing")
    }

    @Test func eachRoleMayDoItsOwnWorkAndNothingMore() throws {
        let ann1 = try served("ann1"), look = try served("look"), writer = try served("writer"), judge = try served("judge")
        let boss = try served("boss")
        var kind = AnnotationChange()
        kind.kind = .behavioral

        // Viewers read only.
        #expect(try look.rule("s/a").record.effective.kind == .safety)
        try refused("a viewer's decision") { try look.decide(pair(0), .accept) }
        try refused("a viewer taking a pair") { _ = try look.claimNext() }

        // Annotators decide, and nothing of an author's or admin's.
        try ann1.decide(pair(0), .accept)
        try refused("an annotator's rule edit") { _ = try ann1.annotate("s/a", kind) }
        try refused("an annotator's re-import") {
            let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=behavioral}\n\nFeel free to do a.\n")
            _ = try ann1.importSpec(spec, text: "")
        }
        try refused("an annotator adding pairs") { _ = try ann1.savePairs([PairStoreTests.pair(9, spec: "s", rule: "a")], message: "mine") }
        try refused("an annotator's settings") { try ann1.setReviewSetting("overlap", "3") }
        try refused("an annotator promoting itself") { try ann1.setRole("ann1", .admin) }
        try refused("an annotator demoting the author") { try ann1.setRole("writer", .viewer) }
        try refused("an annotator reopening") { try ann1.reopen(pair(0), reason: "again") }
        try refused("an annotator tagging") { _ = try ann1.tag("v1") }

        // Another annotator's verdict is theirs: not revertable by ann2, reopened by an adjudicator.
        let ann2 = try served("ann2")
        let decided = try #require(try ann1.log(limit: 1).first?.changeset)
        try refused("reverting another annotator's decision") { _ = try ann2.revert(decided) }
        try judge.reopen(pair(0), reason: "look again")

        // Authors change rules; admins revert anyone's changeset and change access.
        let edit = try writer.annotate("s/a", kind)
        #expect(edit.revision == 2)
        try refused("an author granting access") { try writer.grant("eve", role: .admin, keys: []) }
        _ = try boss.revert(try #require(try writer.log(limit: 1).first?.changeset))
        #expect(try look.rule("s/a").record.effective.kind == .safety)
        try boss.setRole("look", .annotator)
        try look.decide(pair(1), .reject)
    }

    @Test func identityComesFromTheKeyAndIsRecordedWithEveryChangeset() throws {
        let ann1 = try served("ann1")
        try ann1.decide(pair(0), .accept)
        let entry = try #require(try ann1.log(limit: 1).first)
        #expect(entry.author == "ann1" && entry.identifiedBy == "key SHA256:ann1" && entry.client == "127.0.0.1 port 50000")

        // A key that is not (or no longer) the person's gives no access at all.
        try refused("ann1 with ann2's key") { try self.served("ann1", fingerprint: "SHA256:ann2").decide(pair(1), .accept) }
        try refused("an unregistered key") { try self.served("ann1", fingerprint: "SHA256:unknown").decide(pair(1), .accept) }
        try refused("a person who does not exist") { try self.served("ghost").decide(pair(1), .accept) }
        let owner = try ProjectStore(path: path, author: "tenet")
        try owner.removePerson("ann2")
        try refused("a removed person") { try self.served("ann2").decide(pair(1), .accept) }
        #expect(try owner.people().map(\.name).contains("ann2") == false)
        #expect(try owner.people(includingRemoved: true).first { $0.name == "ann2" }?.removed == true)
        // A key belongs to one person.
        #expect(throws: StoreError.self) { try owner.grant("mallory", role: .admin, keys: [self.key("ann1")]) }
    }

    @Test func accessAndSettingsAreVersionedChangesetsThatCanBeUndone() throws {
        let boss = try served("boss")
        try boss.setReviewSetting("overlap", "2")
        try boss.setReviewSetting("visibility", "own")
        #expect(try boss.reviewSettings().overlap == 2)
        let log = try boss.accessLog()
        #expect(log.prefix(2).map(\.message) == ["set visibility own", "set overlap 2"])
        #expect(log.first?.identifiedBy == "key SHA256:boss")
        #expect(log.contains { $0.message.hasPrefix("grant ann1 annotator") })
        _ = try boss.undo()
        #expect(try boss.reviewSettings().visibility == "all", "undo restores the setting")
        #expect(try boss.reviewSettings().overlap == 2)
        try boss.setRole("ann1", .viewer)
        _ = try boss.undo()
        #expect(try boss.person("ann1")?.role == .annotator)
    }

    @Test func visibilityOwnHoldsInEveryReadAnAnnotatorCanMake() throws {
        let owner = try ProjectStore(path: path, author: "tenet")
        try owner.setReviewSetting("visibility", "own")
        try owner.setReviewSetting("overlap", "2")
        let ann1 = try served("ann1"), ann2 = try served("ann2"), judge = try served("judge")
        try ann1.decide(pair(0), .accept)
        try ann2.decide(pair(0), .reject, note: "secret reason")
        let ann2Changeset = try #require(try ann2.log(limit: 1).first?.changeset)

        let seen = try ann1.pairReview(pair(0))
        #expect(Array(seen.decisions.keys) == ["ann1"] && seen.hiddenDecisions == 1)
        #expect(try !ann1.log(limit: 100).contains { $0.author == "ann2" }, "others' review is not in the log")
        #expect(try !ann1.pairLog(pair(0)).contains { $0.author == "ann2" })
        #expect(throws: StoreError.self) { _ = try ann1.show(ann2Changeset) }
        let stats = try ann1.reviewStats()
        #expect(Array(stats.annotators.keys) == ["ann1"] && stats.agreement.isEmpty)
        let (notices, _) = try ann1.changes(after: 0)
        #expect(!notices.contains { $0.author == "ann2" })

        // The pair's status is made of both verdicts (a tie: disputed). An annotator sees it
        // finished, in every read, and may not pick out the disputed or the rejected pairs.
        #expect(seen.stored.status == "finished")
        #expect(try ann1.pair(pair(0)).status == "finished")
        #expect(try ann1.pairs().first { $0.id == pair(0) }?.status == "finished")
        #expect(try ann1.pairs(status: "finished").map(\.id) == [pair(0)])
        for status in ["accepted", "edited", "rejected", "disputed"] {
            #expect(throws: StoreError.self, "filtering on \(status)") { _ = try ann1.pairs(status: status) }
            #expect(throws: StoreError.self, "serving \(status) pairs") { _ = try ann1.claimNext(QueueFilter(status: status)) }
        }
        #expect(stats.statuses["disputed"] == nil && stats.statuses["finished"] == 1)
        #expect(stats.specs.values.allSatisfy { $0["disputed"] == nil } && stats.rules.values.allSatisfy { $0["disputed"] == nil })
        #expect(try ann1.claimNext(QueueFilter(status: "finished"))?.id == nil, "ann1 decided it: nothing to look at again")

        // Adjudicators see every verdict, and the status they make.
        #expect(try judge.pairReview(pair(0)).stored.status == "disputed")
        #expect(try judge.pairs(status: "disputed").map(\.id) == [pair(0)])
        #expect(try judge.pairs(status: "finished").map(\.id) == [pair(0)])
        #expect(try judge.reviewStats().statuses["disputed"] == 1)
        #expect(try judge.pairReview(pair(0)).decisions.count == 2)
        #expect(try judge.log(limit: 100).contains { $0.author == "ann2" })
        #expect(try judge.reviewStats().annotators.count == 2)
        _ = try judge.show(ann2Changeset)
    }

    /// An annotator's own swap sets aside others' verdicts on the old text, and their undo
    /// puts them back: neither `show`, `log`, the pair's history nor the undo's report may
    /// carry those verdicts (or who gave them) to the annotator; an adjudicator sees them.
    @Test func visibilityOwnHoldsInTheReportsOfOnesOwnChanges() throws {
        let owner = try ProjectStore(path: path, author: "tenet")
        try owner.setReviewSetting("visibility", "own")
        try owner.setReviewSetting("overlap", "2")
        let ann1 = try served("ann1"), ann2 = try served("ann2"), judge = try served("judge")
        try ann2.decide(pair(1), .reject, note: "secret reason")
        _ = try ann1.swap(pair(1))
        let swap = try #require(try ann1.log(limit: 1).first)
        #expect(swap.author == "ann1")
        func leaks(_ fields: [String]) -> Bool { fields.contains { $0.hasPrefix("decisions.ann2") || $0 == "reopened" } }
        #expect(!leaks(swap.fields ?? []), "\(swap.fields ?? [])")
        let (_, changes) = try ann1.show(swap.changeset)
        #expect(!leaks(changes.flatMap(\.fields).map(\.field)), "\(changes)")
        #expect(try !ann1.pairLog(pair(1)).contains { leaks($0.fields ?? []) })
        #expect(try ann1.pairReview(pair(1)).reopened?.reviewers.isEmpty != false)
        let undone = try ann1.undo()
        #expect(!leaks(undone.revisions.flatMap(\.changed)), "\(undone.revisions)")
        let (_, back) = try ann1.show(undone.changeset)
        #expect(!leaks(back.flatMap(\.fields).map(\.field)))
        // The adjudicator sees what the swap set aside.
        let (_, seen) = try judge.show(swap.changeset)
        #expect(leaks(seen.flatMap(\.fields).map(\.field)))
        // Counting pairs by status is an export's, and refused below the author role.
        #expect(throws: StoreError.self) { _ = try ann1.countPairs(PairSelection(statuses: ["disputed"])) }
    }

    @Test func theLastAdminCannotLockThemselvesOut() throws {
        let boss = try served("boss")
        #expect(throws: StoreError.refused("boss is the only admin: give someone else the admin role first (tenet access role NAME admin)")) {
            try boss.removePerson("boss")
        }
        #expect(throws: StoreError.self) { try boss.setRole("boss", .author) }
        try boss.setRole("writer", .admin)
        try boss.setRole("boss", .author)
        #expect(try boss.person("boss")?.role == .author)
        // The database's owner may leave the list without admins: it stays one itself.
        let owner = try ProjectStore(path: path, author: "tenet")
        try owner.setRole("writer", .author)
        #expect(try owner.people().allSatisfy { $0.role != .admin })
    }

    @Test func rolesKeptInProjectSettingsBeforeAccessBecomePeople() throws {
        let directory = try StoreSettingsTests.temporaryDirectory()
        let old = directory + "/old.db"
        // A database as an earlier Tenet left it: roles and settings in project_setting.
        do {
            let queue = try DatabaseQueue(path: old)
            let migrator = Schema.migrator
            try migrator.migrate(queue, upTo: "v5-review-stale")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO project_setting (name, value) VALUES ('overlap', '2'), ('role.dana', 'adjudicator'), ('visibility', 'own')")
            }
            _ = migrator
        }
        let store = try ProjectStore(path: old, author: "tenet")
        #expect(try store.person("dana")?.role == .adjudicator)
        #expect(try store.reviewSettings().overlap == 2 && store.reviewSettings().visibility == "own")
        #expect(try store.accessLog().contains { $0.message == "settings and roles from before access" })
        try store.setReviewSetting("overlap", "3")
        #expect(try store.reviewSettings().overlap == 3)
    }
}
