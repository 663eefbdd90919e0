import Foundation
import Testing

/// From a sample spec to pairs in the store: instantiate, generate offline, list.
@Suite struct GenerateCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
    }

    func run(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
    }

    @Test func offlinePairsFromASampleSpecWithTheRunsSummary() throws {
        #expect(try run(["instantiate", "travel", "--seed", "3", "--rules", "40..40", "--save", "lisbon"]).status == 0)
        let generated = try run(["generate", "--instantiation", "lisbon", "--count", "30", "--seed", "1"])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stderr.contains("generated 30/30"), "a plain progress line without a terminal")
        #expect(generated.stderr.contains("(offline-template): 30 kept"), "\(generated.stderr)")
        #expect(generated.stderr.contains("1 rule not probed — no usable examples: travel.safety-advisories"), "\(generated.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 30)
        let pairs = list.compactMap { $0["pair"] as? [String: Any] }
        #expect(pairs.allSatisfy { ($0["provenance"] as? [String: Any])?["generator"] as? String == "offline-template" })
        #expect(pairs.allSatisfy { $0["instantiation"] as? String == "lisbon" })
        #expect(Set(pairs.compactMap { $0["strategy"] as? String }).count >= 5)
        let checks = pairs.compactMap { ($0["provenance"] as? [String: Any])?["checks"] as? [[String: Any]] }
        #expect(checks.count == 30 && checks.allSatisfy { $0.allSatisfy { $0["passed"] as? Bool == true } }, "every gate is stored with the pair")
        // Where the template's answers come from is never given as "line 0" (the rules read
        // back from the project do not know their examples' lines).
        let reasons = checks.flatMap { $0.compactMap { $0["reason"] as? String } }
        #expect(reasons.contains { $0.contains("the spec's GOOD answer to this request") }, "\(reasons.prefix(3))")
        #expect(!reasons.contains { $0.contains("line 0") || $0.contains("lines 0") }, "\(reasons.prefix(3))")

        // The same run again makes the same pairs: nothing new is added.
        let again = try run(["generate", "--instantiation", "lisbon", "--count", "30", "--seed", "1"])
        #expect(try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [Any]).count == 30)
        #expect(again.stderr.contains("duplicates not kept"), "\(again.stderr)")
        // Its progress says so as batches are saved, rather than counting to 30 and then keeping none.
        let progress = again.stderr.split(separator: "\n").filter { $0.hasPrefix("generated ") }
        #expect(progress.last.map { $0.hasPrefix("generated 30/30 (") && $0.hasSuffix(" duplicates)") } == true, "\(progress)")
    }

    /// The same run again makes only pairs the project has: the summary counts them as
    /// duplicates and says none of the asked-for pairs is new, not "N of the N".
    @Test func aRunAgainSaysNoPairIsNew() throws {
        #expect(try run(["instantiate", "travel", "--seed", "3", "--save", "again"]).status == 0)
        let first = try run(["generate", "--instantiation", "again", "--count", "3", "--seed", "1"])
        #expect(first.status == 0 && first.stderr.contains("3 kept") && !first.stderr.contains("asked for"), "\(first.stderr)")
        let second = try run(["generate", "--instantiation", "again", "--count", "3", "--seed", "1"])
        #expect(second.status == 0 && second.stderr.contains("0 kept; 3 duplicates not kept; 0 new of the 3 asked for"), "\(second.stderr)")
    }

    /// A binary copied away from its resources says where it looked for the built-in
    /// templates and how to point at them; `TENET_TEMPLATES` does, as `TENET_THEMES` does
    /// for themes.
    @Test func aCopiedBinaryFindsTheTemplatesThroughTenetTemplates() throws {
        try FileManager.default.createDirectory(atPath: directory + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TenetProcess.binary, toPath: directory + "/bin/tenet")
        #expect(try run(["instantiate", "travel", "--seed", "3", "--save", "trip"]).status == 0)
        let arguments = ["generate", "--instantiation", "trip", "--count", "2", "--db", directory + "/tenet.db"]
        let missing = try TenetProcess.runProgram(directory + "/bin/tenet", arguments, in: directory,
                                                  environment: ["TENET_USER": "alice"], unset: ["TENET_TEMPLATES"])
        #expect(missing.status == 1 && missing.stderr.contains("set TENET_TEMPLATES to the folder holding them"), "\(missing.stderr)")
        let found = try TenetProcess.runProgram(directory + "/bin/tenet", arguments, in: directory,
                                                environment: ["TENET_USER": "alice", "TENET_TEMPLATES": TenetProcess.root + "/Sources/TenetSynth/Templates"])
        #expect(found.status == 0 && found.stderr.contains("2 kept"), "\(found.stderr)")
    }

    /// A reasoning model's roles write their thought before `</think>`: the pair holds what
    /// they answered, and the recorded exchanges keep everything.
    @Test func aReasoningEndpointsThoughtIsNoPartOfAPair() throws {
        #expect(try run(["instantiate", "travel", "--save", "r"]).status == 0)
        let server = try ChatServer(in: directory, delay: 0, reasoning: true)
        defer { withExtendedLifetime(server) {} }
        let made = try run(["generate", "--instantiation", "r", "--count", "2", "--provider", "openai", "--model", "m", "--base-url", server.baseURL])
        #expect(made.status == 0, "\(made.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        let pairs = list.compactMap { $0["pair"] as? [String: Any] }
        #expect(pairs.count == 2)
        for pair in pairs {
            for field in ["chosen", "rejected"] {
                let text = pair[field] as? String ?? ""
                #expect(text.hasPrefix("PASS: answer") && !text.contains("</think>"), "\(field): \(text)")
            }
            let exchanges = (pair["provenance"] as? [String: Any])?["exchanges"] as? [[String: Any]] ?? []
            #expect(exchanges.contains { "\($0)".contains("</think>") }, "the exchanges keep the whole reply")
        }
    }

    @Test func anEndpointThatAnswersEveryRoleTheSameMakesNoPairAndSaysWhy() throws {
        #expect(try run(["instantiate", "travel", "--save", "x"]).status == 0)
        let server = try ChatServer(in: directory, delay: 0, content: "Sure! Here is exactly what you asked for.")
        defer { withExtendedLifetime(server) {} }
        let endpoint = ["--provider", "openai", "--model", "m", "--base-url", server.baseURL]
        let strict = try run(["generate", "--instantiation", "x", "--count", "3"] + endpoint)
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(strict.stderr.contains("no pair passed the quality gates"), "\(strict.stderr)")
        #expect(strict.stderr.contains("3 dropped — identical answers 3"), "\(strict.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [Any])?.isEmpty == true)

        // Kept as flagged, each with the gate it failed and why.
        let kept = try run(["generate", "--instantiation", "x", "--count", "3", "--keep-failed"] + endpoint)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("(3 flagged)"), "\(kept.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--status", "flagged", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 3)
        let id = try #require((list.first?["pair"] as? [String: Any])?["id"] as? String)
        let shown = try run(["pair", "show", id])
        #expect(shown.stdout.contains("verdict: FAIL: distinct: the two answers are the same text"), "\(shown.stdout)")
        #expect(shown.stdout.contains("FAIL  distinct (tenet): the two answers are the same text"), "\(shown.stdout)")

        // The same run again makes only pairs the project has: a model run is told what a
        // model run can change, not to use a model provider.
        let again = try run(["generate", "--instantiation", "x", "--count", "3", "--keep-failed"] + endpoint)
        #expect(again.stderr.contains("gives no more distinct pairs") && again.stderr.contains("raise --temperature"), "\(again.stderr)")
        #expect(!again.stderr.contains("use a model provider"), "\(again.stderr)")
    }

    @Test func badProviderSettingsSayWhatToDo() throws {
        #expect(try run(["instantiate", "travel", "--save", "x"]).status == 0)
        let missing = try run(["generate", "--instantiation", "x", "--count", "3", "--provider", "openai"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("needs --base-url"))
        let url = try run(["generate", "--instantiation", "x", "--count", "3", "--provider", "openai", "--model", "m", "--base-url", "nope"])
        #expect(url.status == 64, "bad usage, said before anything runs: \(url.stderr)")
        #expect(url.stderr.contains("--base-url `nope` is not an http(s) URL"), "\(url.stderr)")
        let refused = try run(["generate", "--instantiation", "x", "--count", "3", "--provider", "openai", "--model", "m",
                               "--base-url", "http://127.0.0.1:9/v1", "--retries", "0", "--timeout", "2"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("generation stopped: no answer from http://127.0.0.1:9/v1/chat/completions"))
        #expect(refused.stderr.contains("made 0 pairs (openai): 0 kept"))
        let unknown = try run(["generate", "--instantiation", "nope", "--count", "3"])
        #expect(unknown.stderr.contains("no instantiation `nope`"))
    }
}

/// Ctrl-C during a model run: the run stops, and the pairs made so far are kept.
@Suite struct GenerateInterruptTests {
    @Test func ctrlCStopsAndKeepsWhatWasMade() throws {
        let directory = try TenetProcess.temporaryDirectory()
        func run(_ arguments: [String]) throws -> TenetProcess.Result {
            try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
        }
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
        #expect(try run(["instantiate", "travel", "--save", "x"]).status == 0)

        // A slow OpenAI-compatible endpoint: every answer distinct, and a judge line that passes.
        let server = try ChatServer(in: directory, delay: 0.1)
        defer { withExtendedLifetime(server) {} }

        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: TenetProcess.binary)
        generate.arguments = ["generate", "--instantiation", "x", "--count", "200", "--provider", "openai", "--model", "m",
                              "--base-url", server.baseURL, "--concurrency", "2", "--db", directory + "/tenet.db"]
        generate.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        generate.standardError = errors
        generate.standardOutput = FileHandle.nullDevice
        try generate.run()
        // Interrupt once some pairs are saved (polled, whatever the machine's load).
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, generate.isRunning,
              (try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [Any])?.isEmpty ?? true {
            Thread.sleep(forTimeInterval: 0.2)
        }
        kill(generate.processIdentifier, SIGINT)
        generate.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(generate.terminationStatus == 130, "\(stderr)")
        kill(generate.processIdentifier, SIGKILL)
        #expect(stderr.contains("stopped: "), "\(stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(!list.isEmpty && list.count < 200, "kept \(list.count) pairs")
        let first = try #require(list.first?["pair"] as? [String: Any])
        let provenance = try #require(first["provenance"] as? [String: Any])
        #expect(provenance["generator"] as? String == "openai")
        #expect((provenance["exchanges"] as? [Any])?.count == 5, "every request and response recorded")
    }
}
