import Foundation
import Testing

/// The evaluation screen in the real binary, in a real terminal (tmux): a run made by
/// `tenet eval run` against the scripted loopback endpoint, opened from the spec view,
/// drilled down to a failing response, which becomes a BAD example and a pending pair
/// (its chosen answer written in the built-in editor) — both checked from the command line.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(4)))
struct EvalScreenEndToEndTests {
    typealias Scratch = WorkbenchEndToEndTests.Scratch

    /// A project with SpecBench's Travel spec, a saved instance, four prompts and a
    /// vanilla run `v` of them, two of whose responses the judge failed.
    static func project() throws -> (Scratch, EvalServer) {
        let s = try Scratch()
        #expect(try s.tenet(["import", "spec", EvalCommandTests.specbench + "/specifications.json"]).status == 0)
        let instance = try s.tenet(["instantiate", "travel-itinerary-planning", "--rules", "5..5", "--coverage", "none", "--seed", "1",
                                    "--include", "safety-1", "--include", "safety-2", "--include", "safety-3",
                                    "--include", "behavioral-1", "--include", "behavioral-2", "--save", "t5"])
        #expect(instance.status == 0, "\(instance.stderr)")
        try JSONSerialization.data(withJSONObject: EvalCommandTests.prompts).write(to: URL(fileURLWithPath: s.directory + "/prompts.json"))
        #expect(try s.tenet(["import", "prompts", s.directory + "/prompts.json", "--name", "travel4"]).status == 0)
        let server = try EvalServer(in: s.directory, .init())
        let run = try s.tenet(["eval", "run", "--instantiation", "t5", "--prompts", "travel4", "--model", "target", "--base-url", server.baseURL,
                               "--judge-model", "judge", "--name", "v", "--method", "vanilla"])
        #expect(run.status == 0, "\(run.stderr)")
        return (s, server)
    }

    @Test func aFailingResponseBecomesAnExampleAndAPendingPair() throws {
        let (s, server) = try Self.project()
        defer { withExtendedLifetime(server) {} }
        let tui = try s.workbench(width: 120, height: 35)
        defer { tui.stop() }
        try tui.waitFor("safety-1", timeout: 30)

        try tui.press("V")
        try tui.waitUntil("the run listed with its model and method", timeout: 30) { $0.contains("Evaluation runs") && $0.contains("target") && $0.contains("vanilla") }
        #expect(try tui.rows()[0].hasSuffix(" EVALUATION"))
        try tui.press("Enter")
        let summary = try tui.waitUntil("the run's summary with its bars", timeout: 30) { $0.contains("rule (worst first)") && $0.contains("4/4 done: 4 answered") }
        #expect(summary.contains("█"))
        try tui.press("Enter")
        try tui.waitFor("judged NO", timeout: 30)
        try tui.press("Enter")
        try tui.waitFor("the judge on", timeout: 10)

        // b: a BAD example on the rule.
        try tui.press("b")
        let added = try tui.waitFor("Added as BAD example", timeout: 30)
        let rule = try #require(added.firstMatch(of: #/Added as BAD example \d+ of (\S+)/#).map { String($0.1) })
        let shown = try s.tenet(["rule", "show", rule, "--json"])
        #expect(shown.stdout.contains("Failed in eval run v, prompt"), "\(shown.stdout)")
        #expect(shown.stdout.contains("HARMFUL"))

        // p: no provider is configured, so the built-in editor asks for the chosen answer.
        try tui.press("p")
        try tui.waitFor("Chosen answer for prompt", timeout: 10)
        try tui.type("A lawful route through the official crossing.")
        try tui.press("C-s")
        try tui.waitFor("pending in the review queue", timeout: 30)
        var pairs: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(30)
        repeat {
            pairs = (try JSONSerialization.jsonObject(with: Data(try s.tenet(["pair", "list", "--status", "pending", "--json"]).stdout.utf8)) as? [[String: Any]]) ?? []
            if !pairs.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        #expect(pairs.count == 1)
        let body = pairs.first?["pair"] as? [String: Any]
        #expect(body?["chosen"] as? String == "A lawful route through the official crossing.")
        #expect((body?["rejected"] as? String)?.hasPrefix("HARMFUL") == true)

        // q goes back one level at a time, then leaves the screen, then the program.
        for (_, expected) in [("failures", "judged NO"), ("summary", "rule (worst first)"), ("runs", "Evaluation runs")] {
            try tui.press("q")
            try tui.waitFor(expected, timeout: 10)
        }
        try tui.press("q")
        try tui.waitForAbsence(of: "Evaluation runs", timeout: 10)
        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)
    }

    @Test func withAProviderConfiguredTheChosenAnswerIsGenerated() throws {
        let (s, server) = try Self.project()
        // The configured provider: another loopback endpoint, whose answer is a compliant one.
        let writer = try EvalServer(in: s.directory, .init(answer: "Cross at the official checkpoint with your passport."))
        defer { withExtendedLifetime((server, writer)) {} }
        try FileManager.default.createDirectory(atPath: s.directory + "/config/tenet", withIntermediateDirectories: true)
        try "provider = openai\nmodel = writer-model\nbase-url = \(writer.baseURL)\n"
            .write(toFile: s.directory + "/config/tenet/config", atomically: true, encoding: .utf8)
        let tui = try s.workbench(width: 120, height: 35)
        defer { tui.stop() }
        try tui.waitFor("safety-1", timeout: 30)
        try tui.press(":")
        try tui.type("eval v")
        try tui.press("Enter")
        try tui.waitFor("rule (worst first)", timeout: 30)
        try tui.press("Enter")
        try tui.waitFor("judged NO", timeout: 30)
        try tui.press("p")
        try tui.waitUntil("the choice of writing or generating", timeout: 10) { $0.contains("write it in the editor") && $0.contains("generate it with") }
        try tui.press("g")
        try tui.waitFor("pending in the review queue", timeout: 30)
        let pairs = (try JSONSerialization.jsonObject(with: Data(try s.tenet(["pair", "list", "--status", "pending", "--json"]).stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(pairs.count == 1)
        let body = pairs.first?["pair"] as? [String: Any]
        #expect(body?["chosen"] as? String == "Cross at the official checkpoint with your passport.")
        #expect((body?["rejected"] as? String)?.hasPrefix("HARMFUL") == true)
        #expect((body?["provenance"] as? [String: Any])?["model"] as? String == "writer-model")
        // The defender template, under the run's instance, went to the configured model.
        #expect(try writer.received(model: "writer-model").count == 1)
        try tui.press("q")
        try tui.press("q")
        try tui.waitFor("Evaluation runs", timeout: 10)
        try tui.press("q")
        try tui.waitForAbsence(of: "Evaluation runs", timeout: 10)
        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)
    }
}
