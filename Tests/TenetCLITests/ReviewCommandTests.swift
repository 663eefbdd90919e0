import Foundation
import Testing

/// Reviewing pairs from the command line: decisions, edits, reopening, leases across
/// processes, overlap and agreement, through the real binary on one database.
@Suite struct ReviewCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
    }

    @discardableResult
    func run(_ arguments: [String], user: String = "alice") throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": user])
    }

    func importPairs(_ count: Int) throws -> [String] {
        let rules = ["travel.booking-consent", "travel.budget-honesty"]
        let lines = (0..<count).map { n in
            #"{"prompt": "question \#(n)", "chosen": "careful \#(n)", "rejected": "careless \#(n)", "rule_ids": ["\#(rules[n % 2])"], "spec": "travel"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/pairs.jsonl", atomically: true, encoding: .utf8)
        #expect(try run(["import", "pairs", "pairs.jsonl"]).status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        return list.compactMap { $0["id"] as? String }
    }

    func show(_ id: String, user: String = "alice") throws -> [String: Any] {
        let result = try run(["pair", "show", id, "--json"], user: user)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func textFromOthersReachesTheTerminalHarmless() throws {
        let ids = try importPairs(1)
        // Control characters are no answer text: refused, and the refusal shows none.
        let control = "EVIL \u{1B}]52;c;cGFzdGU=\u{07} \u{9B}31m end"
        try control.write(toFile: directory + "/control.txt", atomically: true, encoding: .utf8)
        let refused = try run(["pair", "edit", ids[0], "--chosen-file", "control.txt"])
        #expect(refused.status == 1 && refused.stderr.contains("the chosen answer holds control character U+001B"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("\u{1B}"))
        // Bidi controls are text (a right-to-left answer needs them): stored, shown safely.
        let hostile = "EVIL \u{202E}rtl\u{202C} end"
        try hostile.write(toFile: directory + "/hostile.txt", atomically: true, encoding: .utf8)
        #expect(try run(["pair", "edit", ids[0], "--chosen-file", "hostile.txt"]).status == 0)
        let shown = try run(["pair", "show", ids[0]]).stdout
        for raw in ["\u{1B}", "\u{07}", "\u{202E}", "\u{202C}", "\u{9B}"] { #expect(!shown.contains(raw), "\(raw.debugDescription) is shown, not sent") }
        #expect(shown.contains("<U+202E>rtl<U+202C>"), "\(shown)")
    }

    @Test func decideSwapEditReopenAreRevisionsWithTheirAuthors() throws {
        let ids = try importPairs(3)
        let decided = try run(["pair", "decide", ids[0], "accept", "--note", "fine"])
        #expect(decided.stdout.contains("accept by alice · now accepted, revision 2"), "\(decided.stderr)")
        #expect(try run(["pair", "swap", ids[1]], user: "bob").stdout.contains("swapped · revision 2"))
        try "A better, careful answer.\n".write(toFile: directory + "/better.txt", atomically: true, encoding: .utf8)
        #expect(try run(["pair", "edit", ids[1], "--chosen-file", "better.txt"], user: "bob").status == 0)
        let stale = try run(["pair", "decide", ids[1], "reject", "--expect-rev", "2"], user: "carol")
        #expect(stale.status == 3, "a conflict: bob edited it since")
        #expect(stale.stderr.contains("bob"))
        #expect(try run(["pair", "decide", ids[1], "accept", "--expect-rev", "3"], user: "carol").status == 0)

        let second = try show(ids[1])
        #expect(second["status"] as? String == "edited")
        #expect((second["pair"] as? [String: Any])?["chosen"] as? String == "A better, careful answer.")
        let question = (((second["pair"] as? [String: Any])?["prompt"] as? [[String: Any]])?.first?["content"] as? String) ?? ""
        #expect((second["original"] as? [String: String])?["chosen"] == question.replacingOccurrences(of: "question", with: "careful"),
                "the original is kept")
        #expect(second["swapped"] as? Bool == true && second["edited"] as? Bool == true)
        #expect(((second["decisions"] as? [String: Any])?["carol"] as? [String: Any])?["decision"] as? String == "accept")

        let reopened = try run(["pair", "reopen", ids[0], "--reason", "the answer quotes a made-up fee"], user: "dana")
        #expect(reopened.stdout.contains("reopened for alice"), "\(reopened.stderr)")
        #expect(try run(["pair", "next", "--json"]).stdout.contains(ids[0]), "back to alice first")
        let text = try run(["pair", "show", ids[0]]).stdout
        #expect(text.contains("reopened by dana") && text.contains("made-up fee"))
        // An edit sets a verdict aside "since your verdict"; shown to anyone, it names whose.
        #expect(try run(["pair", "decide", ids[2], "reject"]).status == 0)
        #expect(try run(["pair", "edit", ids[2], "--chosen-file", "better.txt"], user: "carol").status == 0)
        let edited = try run(["pair", "show", ids[2]], user: "dana").stdout
        #expect(edited.contains("the chosen answer was edited since the verdict of alice") && !edited.contains("your verdict"), "\(edited)")
        // Every step is in the log, with its author.
        let log = try run(["log", "--limit", "10"]).stdout
        for (who, what) in [("alice", "accept pair"), ("bob", "swap pair"), ("bob", "edit chosen of pair"), ("carol", "accept pair"), ("dana", "reopen pair")] {
            #expect(log.contains(who) && log.contains(what), "\(who): \(what) in\n\(log)")
        }
        // Bad input: a clear message and a non-zero exit.
        #expect(try run(["pair", "decide", ids[2], "maybe"]).status == 64)
        #expect(try run(["pair", "decide", "p-nope", "accept"]).stderr.contains("no pair `p-nope`"))
        #expect(try run(["pair", "edit", ids[2]]).status == 64)
        #expect(try run(["pair", "reopen", ids[2], "--reason", "x"]).stderr.contains("nothing to reopen"))
    }

    @Test func twoAnnotatorProcessesNeverReviewTheSamePair() throws {
        let ids = try importPairs(24)
        final class Served: @unchecked Sendable {
            let lock = NSLock()
            var by: [String: [String]] = [:]
            var problems: [String] = []
        }
        let served = Served()
        let group = DispatchGroup()
        for user in ["alice", "bob"] {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                do {
                    while true {
                        let next = try run(["pair", "next", "--json"], user: user)
                        guard next.status == 0 else { served.lock.withLock { served.problems.append(next.stderr) }; return }
                        guard let object = try JSONSerialization.jsonObject(with: Data(next.stdout.utf8), options: [.fragmentsAllowed]) as? [String: Any],
                              let id = object["id"] as? String else { return }
                        served.lock.withLock { served.by[user, default: []].append(id) }
                        let decided = try run(["pair", "decide", id, "accept"], user: user)
                        if decided.status != 0 { served.lock.withLock { served.problems.append(decided.stderr) } }
                    }
                } catch {
                    served.lock.withLock { served.problems.append("\(error)") }
                }
            }
        }
        group.wait()
        #expect(served.problems.isEmpty, "\(served.problems)")
        let alice = served.by["alice"] ?? [], bob = served.by["bob"] ?? []
        #expect(Set(alice).isDisjoint(with: bob), "no pair served to both")
        #expect(Set(alice + bob) == Set(ids) && alice.count + bob.count == ids.count, "every pair served exactly once")
        #expect(!alice.isEmpty && !bob.isEmpty, "both worked (alice \(alice.count), bob \(bob.count))")
    }

    @Test func aDeadSessionsLeaseExpiresAndThePairReturns() throws {
        let ids = try importPairs(2)
        // Long enough that the first checks run inside it on a loaded machine; the return is
        // then waited for, not slept for.
        #expect(try run(["project", "set", "lease-seconds", "8"]).status == 0)
        let held = try run(["pair", "next", "--json"], user: "carol")
        let carols = try #require(ids.first { held.stdout.contains($0) })
        // carol's session is gone (the process ended without deciding); bob gets the other one.
        let bobs = try run(["pair", "next", "--json"], user: "bob")
        #expect(!bobs.stdout.contains(carols))
        let other = try #require(ids.first { bobs.stdout.contains($0) })
        #expect(try run(["pair", "decide", other, "accept"], user: "bob").status == 0)
        #expect(try run(["pair", "next", "--json"], user: "bob").stdout == "null\n", "carol's pair is still reserved")
        let deadline = Date().addingTimeInterval(40)
        var returned = false
        while !returned && Date() < deadline {
            returned = try run(["pair", "next", "--json"], user: "bob").stdout.contains(carols)
            if !returned { Thread.sleep(forTimeInterval: 0.25) }
        }
        #expect(returned, "the lease ran out: back in the queue")
    }

    @Test func overlapTwoGivesTwoIndependentDecisionsAndAgreementFigures() throws {
        let ids = try importPairs(10)
        #expect(try run(["project", "set", "overlap", "2"]).status == 0)
        // alice accepts all but the last two; bob rejects the first three and the last.
        func decideAll(_ user: String, _ decision: (Int) -> String) throws {
            while let object = try JSONSerialization.jsonObject(with: Data(try run(["pair", "next", "--json"], user: user).stdout.utf8),
                                                                 options: [.fragmentsAllowed]) as? [String: Any],
                  let id = object["id"] as? String {
                let index = try #require(ids.firstIndex(of: id))
                #expect(try run(["pair", "decide", id, decision(index)], user: user).status == 0)
            }
        }
        try decideAll("alice") { $0 < 8 ? "accept" : "reject" }
        try decideAll("bob") { $0 < 3 || $0 == 9 ? "reject" : "accept" }
        #expect(try run(["pair", "next", "--json"], user: "carol").stdout == "null\n", "every pair has its two reviews")
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(try run(["stats", "--json"]).stdout.utf8)) as? [String: Any])
        let agreement = try #require(stats["agreement"] as? [[String: Any]])
        let all = try #require(agreement.first { $0["scope"] as? String == "all" })
        // By hand: 10 pairs; both accept 3..7 (5), both reject 9 (1), disagree on 0,1,2,8 (4).
        // p_o = .6; alice accepts 8/10, bob 6/10: p_e = .8·.6 + .2·.4 = .56; κ = .04/.44 = 1/11.
        // α: o_aa = 10, o_rr = 2, o_ar = o_ra = 4; n_a = 14, n_r = 6, n = 20;
        //    α = 1 − 19·8 / (2·14·6) = 1 − 152/168 = 2/21.
        #expect(abs((all["kappa"] as? Double ?? 9) - 1.0 / 11.0) < 1e-9)
        #expect(abs((all["alpha"] as? Double ?? 9) - 2.0 / 21.0) < 1e-9)
        #expect(all["pairs"] as? Int == 10)
        let statuses = try #require(stats["statuses"] as? [String: Int])
        #expect(statuses == ["accepted": 5, "rejected": 1, "disputed": 4])
        let text = try run(["stats"]).stdout
        #expect(text.contains("pairs: 10") && text.contains("travel.booking-consent") && text.contains("0.091"))
    }
}
