import Foundation
import Testing
import TenetSpec
@testable import TenetStore
import TenetTestSupport

/// The durability and sharing settings the README promises are really in effect.
@Suite struct StoreSettingsTests {
    /// A fresh temporary directory for this target's tests, removed by the caller.
    static func temporaryDirectory() throws -> String { try TenetTestSupport.temporaryDirectory("tenet-store") }

    /// With a pool (the workbench) and with one connection (a short command) alike, and
    /// whichever of them created the file.
    @Test(arguments: [DatabaseConnections.pool, .single])
    func walWithFullSynchronousOnTheWritingConnection(_ connections: DatabaseConnections) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/p.db", identity: .owner("t"), connections: connections)
        #expect(try store.journalMode() == "wal")
        #expect(try store.synchronousMode() == 2, "PRAGMA synchronous = FULL")
        // A second process-like open of the same file, each way, gets the same settings.
        for other in [DatabaseConnections.pool, .single] {
            let again = try ProjectStore(path: directory + "/p.db", identity: .owner("u"), connections: other)
            #expect(try again.journalMode() == "wal")
            #expect(try again.synchronousMode() == 2)
        }
    }

    @Test func filesInASetgidDirectoryAreGroupWritable() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.setAttributes([.posixPermissions: 0o2770], ofItemAtPath: directory)
        let store = try ProjectStore(path: directory + "/shared.db", author: "t")
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## R {#r kind=behavioral}\n\nBe kind.\n")
        _ = try store.importSpec(spec, text: "")
        for file in ["shared.db", "shared.db-wal", "shared.db-shm", "shared.db.lock"] {
            let mode = try FileManager.default.attributesOfItem(atPath: directory + "/" + file)[.posixPermissions] as? Int
            #expect(mode.map { $0 & 0o660 } == 0o660, "\(file) is group read/write (mode \(String(mode ?? 0, radix: 8)))")
        }
    }

    @Test func aRenamedRuleKeepsItsAnnotationsAndHistory() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/p.db", author: "t")
        let v1 = "# S {#s}\n\n## R {#old kind=behavioral}\n\nAnswer in the language of the question.\n"
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: v1), text: v1)
        var change = AnnotationChange()
        change.rationale = "People read best in their own language."
        _ = try store.annotate("old", change)
        let v2 = v1.replacingOccurrences(of: "#old", with: "#new")
        let report = try store.importSpec(try SpecReader.read(path: "s.md", text: v2), text: v2)
        #expect(report.renamed.map(\.from) == ["old"])
        let rule = try store.rule("new")
        #expect(rule.key == "s/old")
        #expect(rule.record.effective.rationale == "People read best in their own language.")
        #expect(try store.log(rule: "new").count == 3)
        #expect(throws: StoreError.self) { try store.rule("old") }
    }
}
