import Foundation
import Testing

/// `tenet annotate`: suggestions from the built-in heuristics and from a model behind a
/// real HTTP server on loopback — bounded concurrency, Ctrl-C keeping what was done, a run
/// resuming only what is missing — listed, accepted and rejected from a script.
@Suite struct AnnotateCommandTests {
    let directory: String
    /// The travel sample has 14 rules; 9 fields each.
    static let rules = 14
    static let fields = 9

    /// A model's answer: every field, with reasons.
    static let answer = #"""
        {"rule": {"value": true, "reason": "it tells the assistant what to do"},
         "kind": {"value": "safety", "reason": "crossing it fails the answer"},
         "direction": {"value": "prohibit", "reason": "it forbids"},
         "scope": {"value": "bookings", "reason": "about bookings"},
         "family": {"value": "consent", "reason": "consent"},
         "priority": {"value": 1, "reason": "money"},
         "concreteness": {"value": "concrete", "reason": "names the steps"},
         "exceptions": {"value": null, "reason": "none stated"},
         "rationale": {"value": null, "reason": "no reason is given"}}
        """#

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
    }

    func run(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
    }

    func listed(_ extra: [String] = []) throws -> [[String: Any]] {
        let list = try run(["annotate", "travel", "--list", "--json"] + extra)
        #expect(list.status == 0, "\(list.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    }

    @Test func offlineSuggestionsAreListedAcceptedAndRejectedFromAScript() throws {
        let suggested = try run(["annotate", "travel", "--suggest"])
        #expect(suggested.status == 0, "\(suggested.stderr)")
        #expect(suggested.stderr.contains("read 14/14 rules"), "progress without a terminal: \(suggested.stderr)")
        #expect(suggested.stderr.contains("\(Self.rules * Self.fields) suggestions saved for 14 rules (offline heuristics, no model)"), "\(suggested.stderr)")
        let all = try listed()
        #expect(all.count == Self.rules * Self.fields)
        #expect(all.allSatisfy { ($0["source"] as? [String: Any])?["heuristics"] as? Bool == true && $0["state"] as? String == "pending" })

        // Nothing is applied until accepted; then it is the author's annotation.
        let before = try run(["rule", "show", "travel.booking-consent", "--json"]).stdout
        #expect(!before.contains("\"annotations\" : {\n    \"direction\""))
        let accepted = try run(["annotate", "travel", "--accept", "travel.booking-consent", "kind", "direction"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("travel.booking-consent: accepted kind, direction · changeset"), "\(accepted.stdout)")
        #expect(accepted.stdout.contains("annotations.direction, annotations.kind"), "\(accepted.stdout)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(try run(["rule", "show", "travel.booking-consent", "--json"]).stdout.utf8)) as? [String: Any])
        let annotations = try #require(shown["annotations"] as? [String: Any])
        #expect(annotations["kind"] as? String == "safety" && annotations["direction"] as? String == "require")
        let log = try run(["log", "travel.booking-consent", "--limit", "1"])
        #expect(log.stdout.contains("accept suggestion for travel.booking-consent: kind → safety; direction → require (offline heuristics, no model)"),
                "\(log.stdout)")

        let rejected = try run(["annotate", "travel", "--reject", "travel.booking-consent", "scope"])
        #expect(rejected.status == 0 && rejected.stdout.contains("rejected scope"), "\(rejected.stdout)")
        let again = try run(["annotate", "travel", "--reject", "travel.booking-consent", "scope"])
        #expect(again.stdout.contains("already rejected: scope"), "\(again.stdout)")
        // The travel spec states every value the heuristics offer, so none of what is left
        // waits for a decision: --pending, the count and the workbench agree on that.
        let waiting = try listed(["--rule", "travel.booking-consent", "--pending"])
        #expect(waiting.isEmpty, "\(waiting)")
        let counted = try run(["annotate", "travel", "--list", "--rule", "travel.booking-consent"])
        #expect(counted.stderr.contains("9 suggestions, 0 waiting"), "\(counted.stderr)")
        #expect(counted.stdout.contains("family       financial → financial  [pending, agrees: nothing to decide]"), "\(counted.stdout)")

        // `all` takes every suggestion still waiting for the rule.
        let everything = try run(["annotate", "travel", "--reject", "travel.budget-honesty", "all"])
        #expect(everything.status == 0 && everything.stdout.contains("rejected rule, kind, direction"), "\(everything.stdout)")

        let text = try run(["annotate", "travel", "--list", "--rule", "travel.booking-consent"])
        #expect(text.stdout.contains("travel.booking-consent  rev 1 · offline heuristics, no model"), "\(text.stdout)")
        #expect(text.stdout.contains("  kind         safety → safety  [accepted]"), "\(text.stdout)")
        #expect(text.stdout.contains("why: Tenet's reader"), "\(text.stdout)")

        // A second run has nothing to ask.
        let nothing = try run(["annotate", "travel", "--suggest"])
        #expect(nothing.status == 0 && nothing.stderr.contains("nothing to ask"), "\(nothing.stderr)")

        // Mistakes say what to do.
        #expect(try run(["annotate", "travel", "--accept", "travel.booking-consent"]).status == 64)
        #expect(try run(["annotate", "travel", "--accept", "travel.booking-consent", "colour"]).stderr.contains("not a suggested field"))
        #expect(try run(["annotate", "travel", "--suggest", "--list"]).status == 64)
        #expect(try run(["annotate", "travel", "--accept", "travel.nope", "kind"]).status == 1)
        let noSpec = try run(["annotate", "nope", "--suggest"])
        #expect(noSpec.status == 1, "\(noSpec.stderr)")
    }

    /// A kind or direction the reader inferred from wording waits for a person to confirm
    /// it; accepting makes it an annotation, and it waits no more.
    @Test func aReadingInferredFromWordingWaitsToBeConfirmed() throws {
        try "# Desk\n\n## Conduct\n\nThe assistant must never share a customer's address.\n"
            .write(toFile: directory + "/desk.md", atomically: true, encoding: .utf8)
        #expect(try run(["import", "spec", "desk.md"]).status == 0)
        #expect(try run(["annotate", "desk", "--suggest"]).status == 0)
        let waiting = try #require(try run(["annotate", "desk", "--list", "--pending", "--json"]).stdout.data(using: .utf8))
        let entries = try #require(try JSONSerialization.jsonObject(with: waiting) as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["field"] as? String }) == ["kind", "direction"], "\(entries)")
        let rule = try #require(entries.first?["rule"] as? String)
        let accepted = try run(["annotate", "desk", "--accept", rule, "direction"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let after = try run(["annotate", "desk", "--list", "--pending"])
        #expect(after.stderr.contains(", 1 waiting"), "\(after.stderr)")
    }

    @Test func onlyAuthorsRunAcceptOrReject() throws {
        #expect(try run(["annotate", "travel", "--suggest", "--rule", "travel.booking-consent"]).status == 0)
        #expect(try run(["access", "add", "bob", "--role", "annotator"]).status == 0)
        for words in [["--suggest"], ["--accept", "travel.booking-consent", "kind"], ["--reject", "travel.booking-consent", "kind"]] {
            let refused = try run(["annotate", "travel"] + words + ["--user", "bob"])
            #expect(refused.status == 77, "\(words): \(refused.stderr)")
            #expect(refused.stderr.contains("needs the author role; bob is an annotator"), "\(refused.stderr)")
        }
        #expect(try run(["annotate", "travel", "--list", "--user", "bob"]).status == 0, "anyone may read them")
    }

    @Test func aModelIsAskedAtBoundedConcurrencyAndAttributed() throws {
        let server = try ChatServer(in: directory, delay: 0.3, content: Self.answer)
        let done = try run(["annotate", "travel", "--suggest", "--provider", "openai", "--model", "m", "--base-url", server.baseURL,
                            "--concurrency", "3"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stderr.contains("\(Self.rules * Self.fields) suggestions saved for 14 rules (openai m)"), "\(done.stderr)")
        let stats = try server.stats()
        #expect(stats.requests == Self.rules, "one request per rule")
        #expect(stats.peak <= 3 && stats.peak >= 2, "at most --concurrency at once, and more than one: \(stats.peak)")
        let all = try listed()
        let source = try #require(all.first?["source"] as? [String: Any])
        #expect(source["provider"] as? String == "openai" && source["model"] as? String == "m")
        #expect((source["template"] as? String)?.hasPrefix("built-in sha256:") == true)
        let first = try #require(all.first)
        #expect(first["ruleRevision"] as? Int == 1 && (first["textDigest"] as? String)?.count == 16)
        #expect(all.contains { $0["field"] as? String == "rationale" && $0["value"] is NSNull && $0["reason"] as? String == "no reason is given" })

        // Bad settings say what to do before anything is asked.
        let missing = try run(["annotate", "travel", "--suggest", "--provider", "openai"])
        #expect(missing.status == 64 && missing.stderr.contains("needs --base-url"), "\(missing.stderr)")
        withExtendedLifetime(server) {}
    }

    /// A reasoning model thinks before it answers, braces and all: the answer after its last
    /// `</think>` is what is read.
    @Test func aReasoningModelsThoughtIsNotReadAsItsAnswer() throws {
        let answer = #"{"kind": {"value": "safety", "reason": "k"}}"#
        let server = try ChatServer(in: directory, delay: 0, content: "The fields are {kind, direction}; kind first." + "\n</think>\n\n" + answer)
        let done = try run(["annotate", "travel", "--suggest", "--rule", "travel.accessibility", "--provider", "openai", "--model", "m",
                            "--base-url", server.baseURL])
        #expect(done.status == 0, "\(done.stderr)")
        let all = try listed()
        #expect(all.contains { $0["field"] as? String == "kind" && $0["value"] as? String == "safety" }, "\(all)")
        withExtendedLifetime(server) {}
    }

    /// A priority is the model's text: one past 999,999,999 is not a suggestion (before,
    /// `9223372036854775807` was saved, accepted, and then every read of the rule failed
    /// with `DecodingError.dataCorrupted`).
    @Test func aPriorityOutOfRangeIsNotSuggestedNorStored() throws {
        let answer = #"{"kind": {"value": "safety", "reason": "k"}, "priority": {"value": "9223372036854775807", "reason": "p"}}"#
        let server = try ChatServer(in: directory, delay: 0, content: answer)
        let done = try run(["annotate", "travel", "--suggest", "--rule", "travel.accessibility", "--provider", "openai", "--model", "m",
                            "--base-url", server.baseURL])
        #expect(done.status == 0, "\(done.stderr)")
        let all = try listed()
        #expect(all.contains { $0["field"] as? String == "kind" }, "the good field is kept")
        #expect(!all.contains { $0["field"] as? String == "priority" && !($0["value"] is NSNull) }, "\(all)")
        let accepted = try run(["annotate", "travel", "--accept", "travel.accessibility", "priority"])
        #expect(accepted.status != 0, "nothing to accept: \(accepted.stdout)")
        let shown = try run(["rule", "show", "travel.accessibility"])
        #expect(shown.status == 0, "the rule is still readable: \(shown.stderr)")
        withExtendedLifetime(server) {}
    }

    @Test func ctrlCKeepsWhatWasDoneAndTheNextRunAsksOnlyWhatIsMissing() throws {
        let server = try ChatServer(in: directory, delay: 0.5, content: Self.answer)
        defer { withExtendedLifetime(server) {} }
        let arguments = ["annotate", "travel", "--suggest", "--provider", "openai", "--model", "m", "--base-url", server.baseURL,
                         "--concurrency", "2", "--db", directory + "/tenet.db"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TenetProcess.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(["TENET_USER": "alice"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until some rules are answered (and saved), then interrupt.
        let deadline = Date().addingTimeInterval(30)
        while try server.stats().requests < 4 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("stopped: ") && stderr.contains("run again to ask for the rest"), "\(stderr)")

        let kept = try listed()
        #expect(!kept.isEmpty && kept.count < Self.rules * Self.fields, "kept \(kept.count) suggestions")
        #expect(kept.count % Self.fields == 0, "whole rules are kept")
        let keptRules = kept.count / Self.fields

        // Requests cut short by Ctrl-C are done with before counting again.
        Thread.sleep(forTimeInterval: 1)
        let asked = try server.stats().requests
        let resumed = try run(Array(arguments.dropLast(2)))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("\(keptRules) rules already had them"), "\(resumed.stderr)")
        #expect(try server.stats().requests - asked == Self.rules - keptRules, "only the rules still missing are asked")
        #expect(try listed().count == Self.rules * Self.fields)
    }
}
