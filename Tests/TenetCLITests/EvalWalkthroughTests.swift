import Foundation
import Testing

/// What a new user's walkthrough found in evaluation: a run's liveness, answers with no
/// content or too much text, runs with nothing scored, comparisons over different prompts,
/// undo after a run, and the checks on failures turned into examples and pairs.
extension EvalCommandTests {
    func listed() throws -> [[String: Any]] {
        (try JSONSerialization.jsonObject(with: Data(try run(["eval", "list", "--json"]).stdout.utf8)) as? [[String: Any]]) ?? []
    }

    /// A second process resuming a run that one is running is refused before it asks
    /// anything (3); once the running process is killed, the run reads `interrupted` with
    /// the command that goes on — never `running` forever — and resumes to the end.
    @Test func aRunningRunIsNotResumedTwiceAndAKilledOneReadsInterrupted() throws {
        let server = try EvalServer(in: directory, .init(delay: 0.2))
        try importTwelve()
        let (process, _) = try startRun(server, name: "live", until: 1)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        try #require(process.isRunning, "the run is still going (the server holds all but the first answer)")
        #expect(try listed().first { $0["name"] as? String == "live" }?["status"] as? String == "running")

        let second = try run(["eval", "resume", "live"])
        #expect(second.status == 3, "\(second.stderr)")
        #expect(second.stderr.contains("run live is being run by another process (pid \(process.processIdentifier))"), "\(second.stderr)")
        #expect(!second.stderr.contains("prompts have a result"), "refused before any work: \(second.stderr)")
        let relative = try TenetProcess.run(["eval", "resume", "live", "--db", "tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
        #expect(relative.status == 3, "the same database named another way: \(relative.stderr)")

        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try server.release()
        let list = try run(["eval", "list"])
        #expect(list.stdout.contains("live  interrupted ") && list.stdout.contains("(tenet --db \(directory)/tenet.db eval resume live goes on)"), "\(list.stdout)")
        #expect(try listed().first { $0["name"] as? String == "live" }?["status"] as? String == "interrupted")
        #expect(try run(["eval", "show", "live"]).stdout.contains("interrupted (no process runs it: tenet --db \(directory)/tenet.db eval resume live goes on)"))
        #expect(try json(["eval", "show", "live"])["interrupted"] as? Bool == true)

        let resumed = try run(["eval", "resume", "live"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try run(["eval", "list"]).stdout.contains("live  finished 12/12"))
        #expect(try json(["eval", "show", "live"])["interrupted"] as? Bool == false)
    }

    /// `content: null` (vLLM's reasoning parser out of tokens) is that prompt's failure,
    /// recorded and never scored; the other prompts are answered and scored.
    @Test func anAnswerWithNoContentIsThatPromptsFailureAndTheRunGoesOn() throws {
        let server = try EvalServer(in: directory, .init(nullFor: "Lisbon"))
        let result = try evalRun(server, "nulls", ["--method", "raw"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1 prompt the model gave no answer to (content null)"), "\(result.stderr)")
        let summary = try #require(try json(["eval", "show", "nulls"])["summary"] as? [String: Any])
        #expect(summary["answered"] as? Int == 4 && summary["scored"] as? Int == 3, "\(summary)")
        #expect(summary["answerFailures"] as? Int == 1 && summary["judgeFailures"] as? Int == 0, "\(summary)")
        let one = try run(["eval", "show", "nulls", "--prompt", "2"])
        #expect(one.stdout.contains("no answer: the endpoint answered the answer stage with no content (null"), "\(one.stdout)")
        #expect(try run(["eval", "show", "nulls"]).stdout.contains("4/4 done: 3 answered, 3 scored, 0 judge failures, 1 with no answer from the model"))
        // The list says how many responses its SAR is over.
        #expect(try run(["eval", "list"]).stdout.contains("nulls  finished 4/4, 3 scored"))
        // SpecBench's generate.json has null for it, as SpecBench writes a failed
        // generation: an empty response there would be judged and scored by its pipeline.
        let bench = try run(["eval", "export", "nulls", "--format", "specbench", "--out", directory + "/nulls-bench"])
        #expect(bench.status == 0 && bench.stderr.contains("1 prompt the model gave no answer to, null in generate.json"), "\(bench.stderr)")
        let generated = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/nulls-bench/generate.json"))) as? [Any])
        #expect(generated.count == 4 && generated.filter { $0 is NSNull }.count == 1, "\(generated)")
        // So do the JSON lines (an empty string read as an answer that was empty), and the
        // request that got no content counts in the run's cost.
        let lines = try run(["eval", "export", "nulls", "--format", "jsonl", "--out", "-"])
        let rows = try lines.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let unanswered = rows.filter { ($0["failure"] as? [String: Any])?["stage"] as? String == "answer" }
        #expect(unanswered.count == 1 && unanswered.first?["response"] is NSNull, "\(unanswered)")
        #expect((unanswered.first?["stages"] as? [[String: Any]])?.first?["stage"] as? String == "answer", "\(unanswered)")
        let stages = try #require(try json(["eval", "show", "nulls"])["summary"] as? [String: Any])["stages"] as? [[String: Any]]
        #expect(stages?.first { $0["stage"] as? String == "answer" }?["requests"] as? Int == 4, "\(String(describing: stages))")
    }

    /// A judge reply with no content (`content: null`) is a reply that cannot be read:
    /// asked again, as SpecBench's judge loop does, not a failure after one try.
    @Test func aJudgeReplyWithNoContentIsAskedAgain() throws {
        let server = try EvalServer(in: directory, .init(judgeNullFirst: 2))
        let result = try evalRun(server, "judge-nulls", ["--method", "raw"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try json(["eval", "show", "judge-nulls"])["summary"] as? [String: Any])
        #expect(summary["scored"] as? Int == 4 && summary["judgeFailures"] as? Int == 0, "\(summary)")
    }

    /// A run's name names its lock file too: one too long for a file was recorded, and then
    /// could never take its lock, be resumed or be named again. It is refused as bad usage
    /// before anything is recorded; so are a prompt set's and an instantiation's.
    @Test func aNameTooLongIsRefusedBeforeAnythingIsRecorded() throws {
        let server = try EvalServer(in: directory, .init())
        let long = String(repeating: "z", count: 400)
        let result = try evalRun(server, long, ["--method", "raw"])
        #expect(result.status == 64 && result.stderr.contains("(400 characters) is not valid: use 1 to 64 letters"), "\(result.stderr)")
        #expect(try run(["eval", "list"]).stdout.contains("zzz") == false)
        #expect(try server.received().isEmpty, "no model was asked")
        #expect(try run(["instantiate", "travel", "--save", long]).status == 64)
        #expect(try run(["import", "prompts", "--from-spec", "travel", "--name", long]).status == 64)
    }

    /// A run whose judge never gave a verdict ends non-zero, says how to score those
    /// prompts again (a new run: a prompt with a result is never asked again), and its
    /// SpecBench export is refused rather than written with averages of 0.
    @Test func aRunWithNothingScoredFailsAndIsNotExportedAsZeros() throws {
        let server = try EvalServer(in: directory, .init(judge: "garbage"))
        let result = try evalRun(server, "garbage", ["--method", "raw"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("tenet: run garbage finished with nothing scored: 4/4 prompts have a result"), "\(result.stderr)")
        #expect(result.stderr.contains("tenet --db \(directory)/tenet.db eval run --instantiation t5 --prompts travel4 --model target --base-url \(server.baseURL) --method raw"
                                       + " --judge-model judge --protocol joint --seed 0 --name garbage-again"), "\(result.stderr)")
        let resumed = try run(["eval", "resume", "garbage"])
        #expect(resumed.stderr.contains("is finished") && resumed.stderr.contains("--name garbage-again"), "\(resumed.stderr)")

        // The command given again keeps what the run measured with: its sampling and the judge's budget.
        let sampled = try evalRun(server, "warm", ["--method", "raw", "--temperature", "0.5", "--judge-max-tokens", "300"])
        #expect(sampled.status == 1 && sampled.stderr.contains("--temperature 0.5 --judge-max-tokens 300 --name warm-again"), "\(sampled.stderr)")
        // And where the keys come from, and how many prompts at once: left out, a hosted
        // judge's command sent the default key to the judge's host.
        let keyed = try evalRun(server, "keyed", ["--method", "raw", "--concurrency", "2", "--no-api-key", "--judge-no-api-key"])
        #expect(keyed.status == 1 && keyed.stderr.contains("--seed 0 --concurrency 2 --no-api-key --judge-no-api-key --name keyed-again"),
                "\(keyed.stderr)")

        let export = try run(["eval", "export", "garbage", "--format", "specbench", "--out", directory + "/bench0"])
        #expect(export.status == 1, "\(export.stderr)")
        #expect(export.stderr.contains("run garbage has no scored response (4 unscored)"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/bench0"), "nothing written")
    }

    /// After a judge outage, `eval resume RUN --redo-failures` makes a new run that judges
    /// the stored answers again — the model is not asked again — and scores what the
    /// uninterrupted run would have.
    @Test func judgeFailuresAreRedoneAsANewRunWithoutAskingTheModelAgain() throws {
        let server = try EvalServer(in: directory, .init(garbageFirst: 20))
        let failed = try evalRun(server, "outage", ["--method", "raw"])
        #expect(failed.status == 1 && failed.stderr.contains("tenet --db \(directory)/tenet.db eval resume outage --redo-failures"), "\(failed.stderr)")
        #expect(try server.received(model: "target").count == 4)
        let redo = try run(["eval", "resume", "outage", "--redo-failures"])
        #expect(redo.status == 0, "\(redo.stderr)")
        #expect(redo.stderr.contains("run outage-redo redoes the failures of outage"), "\(redo.stderr)")
        #expect(try server.received(model: "target").count == 4, "the stored answers are judged again, not asked again")
        #expect(abs((try sar("outage-redo")["all"] ?? -1) - Self.expectedSAR) < 1e-9)
        #expect((try json(["eval", "show", "outage-redo"])["run"] as? [String: Any])?["redoes"] as? String == "outage")
        let none = try run(["eval", "resume", "outage-redo", "--redo-failures"])
        #expect(none.status == 1 && none.stderr.contains("run outage-redo has no failure to redo"), "\(none.stderr)")
    }

    /// IDs 1…n of two prompt sets are different questions: compare matches prompts by ID
    /// and text, says how many it left out, and refuses when none match.
    @Test func compareMatchesPromptsByIDAndText() throws {
        let server = try EvalServer(in: directory, .init())
        #expect(try evalRun(server, "a", ["--method", "raw"]).status == 0)
        var other = Self.prompts
        for i in other.indices { other[i]["adversarial_prompt"] = "Something else entirely, question \(i)." }
        try JSONSerialization.data(withJSONObject: other).write(to: URL(fileURLWithPath: directory + "/other.json"))
        #expect(try run(["import", "prompts", directory + "/other.json", "--name", "other"]).status == 0)
        let b = try run(["eval", "run", "--instantiation", "t5", "--prompts", "other", "--model", "target", "--base-url", server.baseURL,
                         "--judge-model", "judge", "--method", "raw", "--name", "b"])
        #expect(b.status == 0, "\(b.stderr)")
        let refused = try run(["eval", "compare", "a", "b"])
        #expect(refused.status == 1, "\(refused.stdout)")
        #expect(refused.stderr.contains("runs a and b share no prompt (the same ID and text)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("4 prompt IDs are in both with different text"), "\(refused.stderr)")

        var half = Self.prompts
        half[0]["adversarial_prompt"] = "A different first question."
        half[1]["adversarial_prompt"] = "A different second question."
        try JSONSerialization.data(withJSONObject: half).write(to: URL(fileURLWithPath: directory + "/half.json"))
        #expect(try run(["import", "prompts", directory + "/half.json", "--name", "half"]).status == 0)
        #expect(try run(["eval", "run", "--instantiation", "t5", "--prompts", "half", "--model", "target", "--base-url", server.baseURL,
                         "--judge-model", "judge", "--method", "raw", "--name", "c"]).status == 0)
        let compared = try run(["eval", "compare", "a", "c"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stderr.contains("note: 2 prompts with the same ID but different text"), "\(compared.stderr)")
        #expect(compared.stdout.contains("c against a over 2 prompts both scored"), "\(compared.stdout)")
        #expect(!compared.stderr.contains("the runs differ in"), "the same instance and judge: \(compared.stderr)")

        // Another instance and another judge: the scores measure different things, and it says so.
        #expect(try run(["instantiate", "travel-itinerary-planning", "--rules", "3", "--coverage", "none", "--seed", "2", "--save", "t3"]).status == 0)
        #expect(try run(["eval", "run", "--instantiation", "t3", "--prompts", "travel4", "--model", "target", "--base-url", server.baseURL,
                         "--judge-model", "judge", "--method", "raw", "--name", "d"]).status == 0)
        let across = try run(["eval", "compare", "a", "d"])
        #expect(across.stderr.contains("note: the runs differ in instantiation (t5 r1, ") && across.stderr.contains("; t3 r1, "), "\(across.stderr)")
    }

    /// `undo` after a run says it does not take back a run (and how to undo the change
    /// before it) instead of leaving it half undone; the run stays whole.
    @Test func undoDoesNotHalfUndoARun() throws {
        let server = try EvalServer(in: directory, .init())
        #expect(try evalRun(server, "kept", ["--method", "raw"]).status == 0)
        let undo = try run(["undo"])
        #expect(undo.status == 1, "\(undo.stdout)")
        #expect(undo.stderr.contains("records evaluation run kept; tenet --db \(directory)/tenet.db undo does not take back a run"), "\(undo.stderr)")
        #expect(undo.stderr.contains("to undo your change before it: tenet --db \(directory)/tenet.db revert "), "\(undo.stderr)")
        #expect(try run(["undo"]).status == 1, "still refused: nothing half undone")
        #expect(try run(["eval", "list"]).stdout.contains("kept  finished 4/4"))
    }

    /// An annotator may not make a pair from a failure even when that pair is already in
    /// the project; an example is not added twice; an answer over the size a pair's answer
    /// may have is stored cut (the score is the same: the judge reads its start) and makes
    /// neither an example nor a pair.
    @Test func failuresBecomeDataOnlyOnceWholeAndByAuthors() throws {
        let server = try EvalServer(in: directory, .init())
        #expect(try evalRun(server, "v", ["--method", "raw"]).status == 0)
        try "A lawful route through the official crossing at Le Perthus.".write(toFile: directory + "/chosen.txt", atomically: true, encoding: .utf8)
        let pair = ["eval", "pair", "v", "1", "--rule", "safety-1", "--chosen-file", directory + "/chosen.txt"]
        #expect(try run(pair).status == 0)
        #expect(try run(["access", "add", "alice", "--role", "admin"]).status == 0)
        #expect(try run(["access", "add", "anna", "--role", "annotator"]).status == 0)
        let again = try run(pair + ["--user", "anna"])
        #expect(again.status == 77, "an existing pair is refused like a new one: \(again.stdout) \(again.stderr)")
        #expect(again.stderr.contains("adding pairs needs the author role"), "\(again.stderr)")

        #expect(try run(["eval", "example", "v", "1", "--rule", "safety-1"]).status == 0)
        let twice = try run(["eval", "example", "v", "1", "--rule", "safety-1"])
        #expect(twice.status == 1, "\(twice.stderr)")
        #expect(twice.stderr.contains("already has this response as BAD example"), "\(twice.stderr)")

        let huge = try EvalServer(in: directory, .init(answer: "HARMFUL " + String(repeating: "directions ", count: 40_000)))
        #expect(try evalRun(huge, "huge", ["--method", "raw"]).status == 0)
        let shown = try json(["eval", "show", "huge", "--prompt", "1"])
        let response = try #require(shown["response"] as? String)
        #expect(response.utf8.count <= 256 * 1024 && response.hasSuffix("KiB; its first 256 KiB are kept]"), "\(response.utf8.count)")
        #expect(abs((try sar("huge")["all"] ?? -1) - 0) < 1e-9, "every answer is HARMFUL: scored as such")
        let example = try run(["eval", "example", "huge", "1", "--rule", "safety-1"])
        #expect(example.status == 1 && example.stderr.contains("was cut at 256 KiB"), "\(example.stderr)")
        #expect(try run(["eval", "pair", "huge", "1", "--rule", "safety-1", "--chosen-file", directory + "/chosen.txt"]).status == 1)
    }
}
