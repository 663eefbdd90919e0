import Foundation
import Testing

/// What `tenet generate` and `annotate --suggest` send to an OpenAI-compatible endpoint — a
/// real HTTP server on loopback — for each role's `max_tokens`, `temperature` and `stop`,
/// and when a request goes without an API key, or not at all.
@Suite struct ProviderRequestTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
        #expect(try run(["instantiate", "travel", "--save", "x"]).status == 0)
    }

    /// `OPENAI_API_KEY` and proxies of the test's own environment are never seen by tenet.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory,
                             environment: ["TENET_USER": "alice"].merging(environment) { $1 },
                             unset: ["OPENAI_API_KEY", "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                                     "no_proxy", "NO_PROXY"])
    }

    func generate(_ server: ChatServer, _ extra: [String] = [], instantiation: String = "x", baseURL: String? = nil,
                  environment: [String: String] = [:]) throws -> TenetProcess.Result {
        try run(["generate", "--instantiation", instantiation, "--count", "1", "--provider", "openai", "--model", "m",
                 "--base-url", baseURL ?? server.baseURL, "--retries", "0", "--timeout", "20"] + extra, environment: environment)
    }

    /// The requests recorded with the pairs of an instantiation, by role, as they were sent.
    func requestsByRole(_ instantiation: String) throws -> [String: [String: Any]] {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        var byRole: [String: [String: Any]] = [:]
        for entry in list {
            let pair = try #require(entry["pair"] as? [String: Any])
            guard pair["instantiation"] as? String == instantiation else { continue }
            let provenance = try #require(pair["provenance"] as? [String: Any])
            for exchange in provenance["exchanges"] as? [[String: Any]] ?? [] {
                let role = try #require(exchange["role"] as? String)
                let request = try #require(exchange["request"] as? String)
                byRole[role] = try #require(try JSONSerialization.jsonObject(with: Data(request.utf8)) as? [String: Any])
            }
        }
        return byRole
    }

    @Test func eachRoleIsAskedWithItsOwnMaxTokensTemperatureAndStop() throws {
        let server = try ChatServer(in: directory, delay: 0)
        let defaults = try generate(server)
        #expect(defaults.status == 0, "\(defaults.stderr)")
        var sent = try requestsByRole("x")
        #expect(sent.keys.sorted() == ["attacker", "defender", "judge", "planner", "violator"])
        #expect(sent["planner"]?["max_tokens"] as? Int == 128, "a planner answers in two lines")
        #expect(sent["defender"]?["max_tokens"] as? Int == 1024)
        #expect(sent["judge"]?["max_tokens"] as? Int == 256)
        #expect(sent["defender"]?["temperature"] as? Double == 0.7)
        #expect(sent["judge"]?["temperature"] as? Double == 0, "the judge is repeatable")
        #expect(sent.values.allSatisfy { $0["stop"] == nil }, "no stop key when there are no stop sequences")

        // Options for every role, and for some roles.
        #expect(try run(["instantiate", "travel", "--save", "y"]).status == 0)
        let chosen = try generate(server, ["--max-tokens", "300", "--temperature", "0.9", "--stop", #"\n\nUser:"#,
                                           "--role-option", "defender.max-tokens=900", "--role-option", "violator.temperature=1.2",
                                           "--role-option", "judge.stop=none"], instantiation: "y")
        #expect(chosen.status == 0, "\(chosen.stderr)")
        sent = try requestsByRole("y")
        #expect(sent.keys.sorted() == ["attacker", "defender", "judge", "planner", "violator"])
        #expect(sent["planner"]?["max_tokens"] as? Int == 300)
        #expect(sent["planner"]?["temperature"] as? Double == 0.9)
        #expect(sent["planner"]?["stop"] as? [String] == ["\n\nUser:"], "\\n is a line break")
        #expect(sent["defender"]?["max_tokens"] as? Int == 900, "the role's own option wins")
        #expect(sent["defender"]?["stop"] as? [String] == ["\n\nUser:"])
        #expect(sent["violator"]?["temperature"] as? Double == 1.2)
        #expect(sent["judge"]?["temperature"] as? Double == 0, "--temperature leaves the judge at 0")
        #expect(sent["judge"]?["max_tokens"] as? Int == 300)
        #expect(sent["judge"].map { $0["stop"] == nil } == true, "judge.stop=none: no stop key")
    }

    @Test func badOptionsAreUsageErrorsThatSayWhatIsRight() throws {
        let server = try ChatServer(in: directory, delay: 0)
        let cases: [([String], String)] = [
            (["--role-option", "defnder.max-tokens=800"], #"unknown role "defnder" (did you mean defender?)"#),
            (["--role-option", "judge.max-token=300"], #"unknown option "max-token" for judge (did you mean max-tokens?)"#),
            (["--role-option", "max-tokens=300"], "write ROLE.OPTION=VALUE"),
            (["--max-tokens", "lots"], #"--max-tokens must be a whole number of tokens from 1 to 1000000 (e.g. 800); got "lots""#),
            (["--max-tokens=-5"], #"got "-5""#),
            (["--max-tokens", "0"], #"got "0""#),
            (["--temperature", "hot"], #"--temperature must be a number from 0 to 2"#),
            (["--role-option", "judge.temperature=3"], #"judge.temperature must be a number from 0 to 2 (e.g. 0.7); got "3""#),
            (["--stop", "a", "--stop", "b", "--stop", "c", "--stop", "d", "--stop", "e"], "at most 4 stop sequences"),
            (["--role-option", "annotator.max-tokens=100"], "annotator options apply to tenet annotate --suggest"),
            (["--api-key-env", "sk-live-123"], "never the key itself"),
            (["--api-key-env", "MY_KEY", "--no-api-key"], "give one of them"),
        ]
        for (extra, message) in cases {
            let result = try generate(server, extra)
            #expect(result.status == 64, "\(extra): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(extra): \(result.stderr)")
        }
        #expect(try server.received().isEmpty, "nothing was asked")
    }

    @Test func theAnnotatorIsAskedWithItsOwnOptions() throws {
        let server = try ChatServer(in: directory, delay: 0, content: #"{"rule": {"value": true, "reason": "r"}}"#)
        let result = try run(["annotate", "travel", "--suggest", "--rule", "travel.booking-consent", "--provider", "openai", "--model", "m",
                              "--base-url", server.baseURL, "--max-tokens", "700", "--stop", "END",
                              "--role-option", "annotator.temperature=0.2"])
        #expect(result.status == 0, "\(result.stderr)")
        let first = try #require(try server.received().first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])
        #expect(body["max_tokens"] as? Int == 700)
        #expect(body["temperature"] as? Double == 0.2)
        #expect(body["stop"] as? [String] == ["END"])

        let stray = try run(["annotate", "travel", "--suggest", "--provider", "openai", "--model", "m", "--base-url", server.baseURL,
                             "--role-option", "judge.max-tokens=100"])
        #expect(stray.status == 64)
        #expect(stray.stderr.contains("judge options apply to tenet generate"), "\(stray.stderr)")
    }

    @Test func aMissingKeyFailsBeforeAnyRequestAndNamesTheVariable() throws {
        let server = try ChatServer(in: directory, delay: 0)

        let empty = try generate(server, environment: ["OPENAI_API_KEY": ""])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("$OPENAI_API_KEY is set but empty; set it to your key, or unset it for an endpoint that needs none"),
                "\(empty.stderr)")

        let named = try generate(server, ["--api-key-env", "TENET_TEST_UNSET_KEY"])
        #expect(named.status == 1)
        #expect(named.stderr.contains("$TENET_TEST_UNSET_KEY is not set (--api-key-env names it); export TENET_TEST_UNSET_KEY=<your key>"),
                "\(named.stderr)")
        #expect(try server.received().isEmpty, "no request was sent")

        // The default variable, unset: a local endpoint is asked without a key.
        let local = try generate(server)
        #expect(local.status == 0, "\(local.stderr)")
        let received = try server.received()
        #expect(!received.isEmpty && received.allSatisfy { $0.authorization == nil })

        // A key that is set is sent.
        let keyed = try generate(server, ["--api-key-env", "TENET_TEST_KEY", "--seed", "2"], environment: ["TENET_TEST_KEY": "sk-test-1"])
        #expect(keyed.status == 0, "\(keyed.stderr)")
        #expect(try server.received().last?.authorization == "Bearer sk-test-1")
    }

    /// Another host, reached through the loopback server acting as an HTTP proxy: with a key
    /// the requests arrive there, so without one it is tenet that sends nothing.
    @Test func withoutAKeyNoRequestGoesToAnotherHost() throws {
        let server = try ChatServer(in: directory, delay: 0)
        let proxy = ["http_proxy": "http://127.0.0.1:\(server.port)"]
        let remote = "http://api.tenet-test.example/v1"

        let keyed = try generate(server, baseURL: remote, environment: proxy.merging(["OPENAI_API_KEY": "sk-remote"]) { $1 })
        #expect(keyed.status == 0, "\(keyed.stderr)")
        let viaProxy = try server.received()
        #expect(!viaProxy.isEmpty && viaProxy.allSatisfy { $0.path == remote + "/chat/completions" && $0.authorization == "Bearer sk-remote" },
                "\(viaProxy.map(\.path))")

        let unset = try generate(server, ["--seed", "3"], baseURL: remote, environment: proxy)
        #expect(unset.status == 1)
        #expect(unset.stderr.contains("$OPENAI_API_KEY is not set, and api.tenet-test.example is not a local endpoint; export OPENAI_API_KEY=<your key>"),
                "\(unset.stderr)")
        #expect(unset.stderr.contains("--no-api-key"), "says how to insist")
        #expect(try server.received().count == viaProxy.count, "the server saw no request")

        // --no-api-key insists: the requests go, without a key.
        let insisted = try generate(server, ["--seed", "4", "--no-api-key"], baseURL: remote, environment: proxy)
        #expect(insisted.status == 0, "\(insisted.stderr)")
        let after = try server.received().dropFirst(viaProxy.count)
        #expect(!after.isEmpty && after.allSatisfy { $0.authorization == nil })
    }
}
