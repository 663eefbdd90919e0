import Foundation
import TenetTestSupport
import Testing

/// `tenet provider check` against real endpoints on loopback: one that supports
/// everything it asks about, one that supports nothing, one that refuses, none at all.
@Suite struct ProviderCheckCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
    }

    /// With no config file of the user's, and no key or proxy of the test's environment.
    func check(_ arguments: [String], config: String? = nil) throws -> TenetProcess.Result {
        var environment = ["TENET_CONFIG": directory + "/no-config"]
        if let config {
            try config.write(toFile: directory + "/config", atomically: true, encoding: .utf8)
            environment["TENET_CONFIG"] = directory + "/config"
        }
        return try TenetProcess.run(["provider", "check"] + arguments, in: directory, environment: environment,
                                    unset: ["OPENAI_API_KEY", "http_proxy", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"])
    }

    func lines(_ output: String) -> [String: String] {
        var byName: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            byName[String(line[..<colon])] = String(line[line.index(colon, offsetBy: 2)...])
        }
        return byName
    }

    @Test func anEndpointThatSupportsEverything() throws {
        let server = try ProbeServer(in: directory, .everything)
        let result = try check(["--base-url", server.baseURL, "--model", "m", "--retries", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let found = lines(result.stdout)
        #expect(found["endpoint"] == "\(server.baseURL) · model m · no API key sent ($OPENAI_API_KEY is not set)")
        #expect(found["chat"]?.hasPrefix(#"yes — answered "ready" in "#) == true, "\(result.stdout)")
        #expect(found["models"] == "yes — GET /models lists 2 models: m, other — m is among them")
        #expect(found["seed"]?.hasPrefix("yes — seed 4242 gave the same answer twice at temperature 1 and seed 9001 another") == true,
                "\(result.stdout)")
        #expect(found["prefill"] == #"yes — continued "…9, 1" with "0, 11, 12, 13" with continue_final_message: true, add_generation_prompt: false [form: continue_final_message]"#,
                "\(result.stdout)")
        #expect(found["json mode"]?.hasPrefix("yes — response_format json_object gave a JSON object") == true, "\(result.stdout)")
    }

    @Test func anEndpointThatSupportsNothing() throws {
        let server = try ProbeServer(in: directory, .nothing)
        let result = try check(["--base-url", server.baseURL, "--model", "m", "--retries", "0"])
        #expect(result.status == 0, "a plain chat works: the check itself succeeds · \(result.stderr)")
        let found = lines(result.stdout)
        #expect(found["models"]?.hasPrefix("no — GET /models answered HTTP 404") == true, "\(result.stdout)")
        #expect(found["seed"]?.hasPrefix("no — seed 4242 gave two different answers at temperature 1") == true, "\(result.stdout)")
        #expect(found["prefill"]?.hasPrefix(#"no — plain: answered "1, 2, 3, 4, 5 ␛]0;pwned␇" instead of continuing "…9, 1"; continue_final_message: answered"#) == true,
                "\(result.stdout)")
        #expect(found["json mode"]?.hasPrefix("no — response_format json_object answered HTTP 400") == true, "\(result.stdout)")
        #expect(found["json mode"]?.contains("response_format is not supported") == true)
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"), "the endpoint's escapes are shown, never sent to the terminal")
    }

    @Test func jsonIsOneStableObject() throws {
        let everything = try ProbeServer(in: directory, .everything)
        let nothing = try ProbeServer(in: directory, .nothing)
        let keys = ["api_key", "base_url", "chat", "json_mode", "model", "models", "prefill", "seed"]
        for (server, supported) in [(everything, "yes"), (nothing, "no")] {
            let result = try check(["--base-url", server.baseURL, "--model", "m", "--retries", "0", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object.keys.sorted() == keys)
            #expect(object["base_url"] as? String == server.baseURL)
            #expect(object["model"] as? String == "m")
            let key = try #require(object["api_key"] as? [String: Any])
            #expect(key["sent"] as? Bool == false && key["variable"] as? String == "OPENAI_API_KEY")
            let models = try #require(object["models"] as? [String: Any])
            #expect(models.keys.sorted() == ["evidence", "listed", "model_listed", "supported"])
            let prefill = try #require(object["prefill"] as? [String: Any])
            #expect(prefill.keys.sorted() == ["evidence", "form", "supported"])
            for name in ["chat", "seed", "json_mode"] {
                #expect((object[name] as? [String: Any])?.keys.sorted() == ["evidence", "supported"], "\(name)")
            }
            #expect((object["chat"] as? [String: Any])?["supported"] as? String == "yes")
            for name in ["models", "seed", "prefill", "json_mode"] {
                #expect((object[name] as? [String: Any])?["supported"] as? String == supported, "\(name) · \(result.stdout)")
            }
            if supported == "yes" {
                #expect(models["listed"] as? [String] == ["m", "other"])
                #expect(models["model_listed"] as? Bool == true)
                #expect(prefill["form"] as? String == "continue_final_message")
            } else {
                #expect(models["listed"] is NSNull && models["model_listed"] is NSNull)
                #expect(prefill["form"] is NSNull)
            }
        }
    }

    @Test func theConfigFileFillsWhatTheFlagsLeaveOut() throws {
        let server = try ProbeServer(in: directory, .everything)
        let result = try check(["--retries", "0"], config: "provider = openai\nbase-url = \(server.baseURL)\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("· settings from \(directory)/config"), "\(result.stdout)")
        #expect(lines(result.stdout)["models"] == "yes — GET /models lists 2 models: m, other — no model named: asking m, the first")

        let none = try check([])
        #expect(none.status == 64)
        #expect(none.stderr.contains("name the endpoint with --base-url URL"), "\(none.stderr)")

        // A config that is a FIFO (it blocked) or a folder is not read, and the message says why.
        #expect(mkfifo(directory + "/fifo", 0o600) == 0)
        for (config, why) in [("fifo", "not a regular file"), ("", "is a directory")] {
            let unread = try TenetProcess.run(["provider", "check"], in: directory, environment: ["TENET_CONFIG": directory + "/" + config],
                                              unset: ["OPENAI_API_KEY"])
            #expect(unread.status == 64 && unread.stderr.contains(why) && unread.stderr.contains("the config is not read"), "\(config): \(unread.stderr)")
        }
    }

    @Test func anEndpointThatCannotBeReachedOrAnswersErrorsFails() throws {
        // Nothing listens on port 9 of loopback: the connection is refused.
        let unreachable = try check(["--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--retries", "0"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("tenet: cannot reach http://127.0.0.1:9/v1: no answer from http://127.0.0.1:9/v1/models"),
                "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("is the server running there? Check --base-url"))
        #expect(unreachable.stdout.isEmpty)

        let refusing = try ProbeServer(in: directory, .everything, status: 401)
        let refused = try check(["--base-url", refusing.baseURL, "--model", "m", "--retries", "0"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the endpoint does not answer a chat request: HTTP 401 from \(refusing.baseURL)/chat/completions"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("no API key was sent ($OPENAI_API_KEY is not set); if the endpoint needs one, export OPENAI_API_KEY=<your key>"))
        #expect(refused.stderr.contains("refused ␛[2J") && !refused.stderr.contains("\u{1B}"), "\(refused.stderr)")

        let failing = try ProbeServer(in: directory, .everything, status: 503)
        let failed = try check(["--base-url", failing.baseURL, "--model", "m", "--retries", "1"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("gave up after 2 attempts; no API key was sent ($OPENAI_API_KEY is not set)"), "\(failed.stderr)")
    }

    /// `Retry-After` is the endpoint's text: a negative, NaN or infinite number of seconds
    /// is not a wait (before, `-5` or `nan` stopped tenet with SIGILL in `Task.sleep`; `inf`
    /// made it wait a minute).
    @Test func aRetryAfterThatIsNotAWaitIsTheBackoff() throws {
        let server = try ScriptedServer([
            .status(429, #"{"error": "slow down"}"#, headers: ["Retry-After": "-5"]),
            .status(503, #"{"error": "busy"}"#, headers: ["Retry-After": "nan"]),
            .status(429, #"{"error": "slow down"}"#, headers: ["Retry-After": "inf"]),
            .status(429, #"{"error": "slow down"}"#, headers: ["Retry-After": "-0.001"]),
        ], then: .json(ScriptedServer.completion("ready")))
        defer { server.stop() }
        let started = Date()
        let result = try check(["--base-url", server.baseURL, "--model", "m", "--retries", "4", "--timeout", "20"])
        #expect(result.status == 0, "\(result.status) \(result.stderr)")
        #expect(server.requestCount >= 5, "the four refusals were retried")
        #expect(lines(result.stdout)["chat"]?.hasPrefix(#"yes — answered "ready""#) == true, "\(result.stdout)")
        // The backoff is 0.5 + 1 + 2 + 4 s; a minute would mean `inf` was taken as a wait.
        #expect(Date().timeIntervalSince(started) < 55, "no wait of a minute for `Retry-After: inf`")
    }

    /// An answer's JSON is the endpoint's choice: 900,000 small objects (7 MB, under the
    /// 8 MB a transfer may bring) took 780 MB through `JSONSerialization`, and under 1 GB of
    /// address space tenet was stopped (SIGABRT); read by ``JSONValue`` it takes about
    /// 230 MB, as do the models listed. (At the 64 MB a transfer could bring before, such an
    /// answer took 7.6 GB.)
    @Test func anAnswerOfMillionsOfObjectsIsReadInBoundedMemory() throws {
        let junk = "[" + String(repeating: #"{"a":0},"#, count: 900_000) + "{}]"
        let answer = String(ScriptedServer.completion("ready").dropLast()) + #", "junk": "# + junk + "}"
        let models = #"{"object": "list", "data": "# + junk + "}"
        let server = try ScriptedServer([.json(models), .json(answer)], then: .json(ScriptedServer.completion("ready")))
        defer { server.stop() }
        var environment = ["TENET_CONFIG": directory + "/no-config"]
        environment["NO_COLOR"] = "1"
        let result = try TenetProcess.run(["provider", "check", "--base-url", server.baseURL, "--model", "m", "--retries", "0", "--timeout", "120"],
                                          in: directory, environment: environment,
                                          unset: ["OPENAI_API_KEY", "http_proxy", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"],
                                          launcher: ["/bin/sh", "-c", #"ulimit -v 1000000 && exec "$0" "$@""#])
        #expect(result.status == 0, "\(result.status) \(result.stderr)")
        let found = lines(result.stdout)
        #expect(found["models"] == "yes — GET /models lists 0 models — m is not among them", "\(result.stdout)")
        #expect(found["chat"]?.hasPrefix(#"yes — answered "ready""#) == true, "\(result.stdout)")
    }

    /// An answer past the 8 MB a transfer may bring is the endpoint's answer, not a
    /// missing one: said so, and not asked again (before: "cannot reach … is the server
    /// running there?", after fetching the whole limit once per retry).
    @Test func anAnswerTooLargeIsSaidSoAndNotAskedAgain() throws {
        let server = try ScriptedServer([.json(String(repeating: "a", count: (8 << 20) + 1))], then: .json(ScriptedServer.completion("ready")))
        defer { server.stop() }
        let result = try check(["--base-url", server.baseURL, "--model", "m", "--retries", "2"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("/models is larger than 8 MB; a model's answer is kilobytes"), "\(result.stderr)")
        #expect(!result.stderr.contains("is the server running there"), "\(result.stderr)")
        #expect(server.requestCount == 1, "not asked again: \(server.requestCount)")
    }

    /// A password in the base URL would be recorded (an eval run keeps its base URL and
    /// `eval show` prints it to every viewer); it is refused before anything is asked or
    /// stored, and never echoed; by every command that takes one.
    @Test func aBaseURLWithAPasswordIsRefusedWithoutEchoingIt() throws {
        let server = try ScriptedServer([], then: .json(ScriptedServer.completion("ready")))
        defer { server.stop() }
        let withPassword = server.baseURL.replacingOccurrences(of: "http://", with: "http://user:s3cret@")
        let result = try check(["--base-url", withPassword, "--model", "m", "--retries", "0"])
        // Bad usage, as a base URL that is not http(s) is (reference.md's exit codes).
        #expect(result.status == 64, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("--base-url holds a user name or password") && result.stderr.contains("give \(server.baseURL) and the key"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("s3cret") && !result.stdout.contains("s3cret"))
        #expect(server.requestCount == 0, "nothing was asked")
    }
}
