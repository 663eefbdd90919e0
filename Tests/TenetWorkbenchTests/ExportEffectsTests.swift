import Foundation
import Testing
import TenetFormats
import TenetSpec
import TenetStore
import TenetUI
@testable import TenetWorkbench
import TenetTestSupport

/// The workbench's export runs off the event loop against a real project database: it
/// writes what `tenet export` writes, reports progress, and a stop leaves nothing behind.
@Suite struct ExportEffectsTests {
    final class Project {
        let directory: String
        let store: ProjectStore
        let runner: EffectRunner

        init(pairs: Int) throws {
            directory = try temporaryDirectory("tenet-export-effects")
            store = try ProjectStore(path: directory + "/tenet.db", author: "alice")
            let made = (0..<pairs).map { n in
                PreferencePair(spec: "travel", rules: ["travel.booking-consent"], prompt: [Turn(role: "user", content: "Book hotel \(n)")],
                               chosen: "Shall I book hotel \(n)?", rejected: "Booked \(n).", strategy: "direct",
                               provenance: Provenance(generator: "import"))
            }
            _ = try store.savePairs(made, status: "accepted", message: "test pairs")
            runner = EffectRunner(store: store, samplesPath: nil, editor: ExternalEditor(configured: "true"))
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// Runs effects until the export says it ended; every action it sent, in order.
        func run(_ effects: [Effect]) throws -> [Action] {
            var actions: [Action] = []
            for effect in effects { actions += runner.run(effect) }
            let deadline = Date().addingTimeInterval(60)
            while !actions.contains(where: { if case .exportFinished = $0 { return true } else { return false } }) {
                try #require(Date() < deadline, "the export did not end")
                actions += runner.collect()
                usleep(2_000)
            }
            return actions
        }

        /// Runs count effects; the count actions they sent, once every count has ended.
        func count(_ queries: [PairQuery]) throws -> [Action] {
            for query in queries { #expect(runner.run(.countExport(query)).isEmpty, "counted on the event loop") }
            var actions: [Action] = []
            let deadline = Date().addingTimeInterval(60)
            repeat {
                try #require(Date() < deadline, "the count did not end")
                usleep(2_000)
                actions += runner.collect()
            } while runner.hasPendingWork
            return actions
        }

        var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() }
    }

    static func request(_ out: String) -> PairExportRequest {
        var request = PairExportRequest(out: out)
        request.query = PairQuery(statuses: ["accepted", "edited"])
        return request
    }

    @Test func itWritesWhatTheCommandLineWritesWithProgress() throws {
        let project = try Project(pairs: 5_000)
        let out = project.directory + "/pairs.jsonl"
        let counted = try project.count([Self.request(out).query])
        guard case .exportCounted(let query, let count)? = counted.first else { Issue.record("not counted: \(counted)"); return }
        #expect(query == Self.request(out).query && count == 5_000)
        // An unknown tag is said plainly, for the screen to show.
        let unknown = PairQuery(since: "last-export")
        guard case .exportCountFailed(unknown, let problem)? = try project.count([unknown]).first else {
            Issue.record("an unknown tag was counted"); return
        }
        #expect(problem == "no tag or changeset named `last-export`; see tenet log and tenet tag --list")
        // Choices changed faster than they are counted: only the latest is counted.
        ExportControl.countQueue.suspend()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { ExportControl.countQueue.resume() }
        let latest = try project.count([PairQuery(statuses: ["accepted"]), PairQuery(statuses: ["rejected"]), PairQuery(statuses: ["pending"])])
        #expect(latest.count == 1, "\(latest)")
        if case .exportCounted(let query, 0)? = latest.first { #expect(query.statuses == ["pending"]) } else { Issue.record("\(latest)") }
        let actions = try project.run([.runExport(.pairs(Self.request(out)))])
        #expect(actions.contains { if case .exportProgress(2_000, 5_000) = $0 { return true } else { return false } })
        guard case .exportFinished(let message, let failed, _)? = actions.last else { Issue.record("no end"); return }
        #expect(!failed && message == "Exported 5000 pairs (trl-conversational) to \(out)")
        var direct = Self.request(project.directory + "/direct.jsonl")
        direct.force = false
        _ = try PairExporter.run(direct, store: project.store)
        #expect(FileManager.default.contents(atPath: out) == FileManager.default.contents(atPath: direct.out))

        // Again: the target exists, and the message says so without the CLI's flag.
        let again = try project.run([.runExport(.pairs(Self.request(out)))])
        guard case .exportFinished(let refused, true, true)? = again.last else { Issue.record("replaced: \(again)"); return }
        #expect(refused == "\(out) exists")
    }

    @Test func stoppingLeavesTheTargetAsItWasAndNoTemporaryFile() throws {
        let project = try Project(pairs: 10_000)
        let out = project.directory + "/pairs.jsonl"
        try "the old export\n".write(toFile: out, atomically: true, encoding: .utf8)
        var request = Self.request(out)
        request.force = true
        let actions = try project.run([.runExport(.pairs(request)), .stopExport])
        guard case .exportFinished(let message, let failed, _)? = actions.last else { Issue.record("no end"); return }
        #expect(!failed && message.hasPrefix("export stopped after "), "\(message)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "the old export\n")
        #expect(!project.files.contains { $0.hasSuffix(".tmp") }, "\(project.files)")

        // Quitting while one runs waits until it has cleaned up.
        _ = project.runner.run(.runExport(.pairs(request)))
        _ = project.runner.stopBackgroundWork()
        #expect(!project.files.contains { $0.hasSuffix(".tmp") }, "\(project.files)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "the old export\n")
    }
}
