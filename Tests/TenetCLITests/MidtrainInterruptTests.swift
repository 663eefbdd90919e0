import Foundation
import Testing

/// A model run of `tenet midtrain generate` stopped with Ctrl-C keeps the documents saved so
/// far; `--keep-failed` keeps a document that failed a gate, flagged, with the gate's reason.
@Suite struct MidtrainInterruptTests {
    static func project() throws -> (directory: String, run: ([String]) throws -> TenetProcess.Result) {
        let directory = try TenetProcess.temporaryDirectory()
        let run = { (arguments: [String]) throws -> TenetProcess.Result in
            try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
        }
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
        return (directory, run)
    }

    static func documents(_ run: ([String]) throws -> TenetProcess.Result, status: String? = nil) throws -> [[String: Any]] {
        let listed = try run(["midtrain", "list", "--json"] + (status.map { ["--status", $0] } ?? []))
        return try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func ctrlCStopsAndKeepsWhatWasMade() throws {
        let (directory, run) = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try MidtrainServer(in: directory, offRule: 0, delay: 0.05)
        defer { withExtendedLifetime(server) {} }

        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: TenetProcess.binary)
        generate.arguments = ["midtrain", "generate", "travel", "--count", "300", "--provider", "openai", "--model", "m",
                              "--base-url", server.baseURL, "--concurrency", "2", "--db", directory + "/tenet.db"]
        generate.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        generate.standardError = errors
        generate.standardOutput = FileHandle.nullDevice
        try generate.run()
        // Interrupt once a batch is saved (polled, whatever the machine's load).
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, generate.isRunning, try Self.documents(run).isEmpty {
            Thread.sleep(forTimeInterval: 0.2)
        }
        kill(generate.processIdentifier, SIGINT)
        generate.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(generate.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("stopped: made "), "\(stderr)")
        let kept = try Self.documents(run)
        #expect(!kept.isEmpty && kept.count < 300, "kept \(kept.count) documents")
        #expect(stderr.contains("\(kept.count) kept"), "the summary counts what was saved: \(stderr)")
    }

    @Test func keepFailedKeepsAnOffRuleDocumentFlaggedWithItsReason() throws {
        let (directory, run) = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try MidtrainServer(in: directory, offRule: 1)
        defer { withExtendedLifetime(server) {} }
        let made = try run(["midtrain", "generate", "travel", "--count", "3", "--provider", "openai", "--model", "m",
                            "--base-url", server.baseURL, "--concurrency", "1", "--keep-failed"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("3 kept (1 flagged); flagged for: off-rule 1"), "\(made.stderr)")
        let flagged = try Self.documents(run, status: "flagged")
        #expect(flagged.count == 1)
        let id = try #require(flagged.first?["id"] as? String)
        let shown = try run(["midtrain", "show", id])
        #expect(shown.stdout.contains("checks: FAIL: on-rule:"), "\(shown.stdout)")
        #expect(shown.stdout.contains("✗ on-rule (tenet)"))
    }
}
