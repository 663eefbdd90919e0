import Foundation
import Testing

/// What leaves Tenet comes back in without loss: a spec exported as Tenet Markdown imports
/// to the same rules and annotations, and pairs exported → imported → exported are the
/// same bytes. Also: history filters and what a killed export leaves behind.
@Suite struct ExportRoundTripTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
    }

    @discardableResult
    func run(_ arguments: [String], user: String = "alice", database: String = "tenet.db") throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/" + database], in: directory, environment: ["TENET_USER": user])
    }

    @discardableResult
    func succeed(_ arguments: [String], user: String = "alice", database: String = "tenet.db") throws -> TenetProcess.Result {
        let result = try run(arguments, user: user, database: database)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    func file(_ name: String) throws -> String { try String(contentsOfFile: directory + "/" + name, encoding: .utf8) }

    func ids(_ status: String, database: String = "tenet.db") throws -> [String] {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try succeed(["pair", "list", "--json", "--status", status], database: database).stdout.utf8)) as? [[String: Any]])
        return list.compactMap { $0["id"] as? String }
    }

    /// Each rule of `tenet export rules --format json` without what moves with the file
    /// (lines) or is provenance (who set it).
    func rules(database: String) throws -> [String: NSDictionary] {
        let exported = try succeed(["export", "rules", "--out", "-"], database: database).stdout
        let shape = try #require(try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any])
        var out: [String: NSDictionary] = [:]
        for entry in try #require(shape["rules"] as? [[String: Any]]) {
            var rule = try #require(entry["rule"] as? [String: Any])
            for key in ["line", "endLine", "explicitID"] { rule[key] = nil }
            rule["examples"] = (rule["examples"] as? [[String: Any]] ?? []).map { example in
                var example = example
                example["line"] = nil
                example["comparison"] = nil
                return example
            }
            out[rule["id"] as? String ?? ""] = rule as NSDictionary
        }
        return out
    }

    @Test func aSpecExportedAsMarkdownImportsBackWithItsAnnotations() throws {
        try succeed(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"])
        // Annotations set in Tenet: they are written into the Markdown.
        try succeed(["rule", "set", "travel.budget-honesty", "--rationale", "Hidden fees break trust.", "--family", "honesty"], user: "bob")
        try succeed(["rule", "set", "travel.accessibility", "--kind", "safety", "--direction", "require", "--priority", "2",
                     "--scope", "any plan for a traveller who mentions a disability"])
        try succeed(["rule", "example", "add", "travel.budget-honesty", "--verdict", "BAD", "--title", "A fee left out",
                     "--turn", "user:What will the hostel cost?", "--turn", "assistant:€20 a night.", "--reason", "Leaves out the city tax."])
        let exported = try succeed(["export", "rules", "--format", "markdown", "--out", "travel.md"])
        #expect(exported.stderr.contains("exported 14 rules of travel r1 (markdown) to travel.md"))
        let markdown = try file("travel.md")
        #expect(markdown.contains("{#travel.accessibility kind=safety direction=require priority=2"))
        #expect(markdown.contains("- **Rationale:** Hidden fees break trust."))
        #expect(markdown.contains("**Why:** Leaves out the city tax."))
        let lint = try TenetProcess.run(["lint", directory + "/travel.md"], in: directory)
        #expect(lint.status == 0 && lint.stderr.contains("0 errors"), "\(lint.stdout)\(lint.stderr)")

        // Imported into a fresh project, the file alone gives the same rules.
        let imported = try succeed(["import", "spec", "travel.md"], database: "fresh.db")
        #expect(imported.stdout.contains("14"), "\(imported.stdout)")
        let before = try rules(database: "tenet.db"), after = try rules(database: "fresh.db")
        #expect(before.keys.sorted() == after.keys.sorted())
        for (id, rule) in before where after[id] != rule {
            Issue.record("\(id) changed:\n\(rule)\n\(after[id] ?? [:])")
        }
        // And exporting it again writes the same file.
        try succeed(["export", "rules", "--format", "markdown", "--out", "again.md"], database: "fresh.db")
        #expect(try file("again.md") == markdown)
    }

    /// 12 offline pairs, decided from the command line by two annotators: accepted,
    /// edited, swapped, rejected, flagged and still pending.
    func reviewedProject() throws -> [String] {
        try succeed(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"])
        try succeed(["instantiate", "travel", "--save", "trip"])
        try succeed(["generate", "--instantiation", "trip", "--count", "12"])
        let pairs = try ids("pending")
        #expect(pairs.count == 12)
        try "A careful answer, rewritten.\n".write(toFile: directory + "/better.txt", atomically: true, encoding: .utf8)
        try succeed(["pair", "edit", pairs[0], "--chosen-file", "better.txt"])
        try succeed(["pair", "swap", pairs[1]])
        for id in pairs[0..<6] { try succeed(["pair", "decide", id, "accept"]) }
        try succeed(["pair", "decide", pairs[6], "accept", "--note", "fine"], user: "bob")
        for id in pairs[7..<9] { try succeed(["pair", "decide", id, "reject"], user: "bob") }
        try succeed(["pair", "decide", pairs[9], "flag", "--note", "unsure"])
        try succeed(["pair", "decide", pairs[10], "skip"], user: "bob")
        return pairs
    }

    @Test func pairsExportImportExportIsByteIdentical() throws {
        _ = try reviewedProject()
        let all = "pending,accepted,edited,rejected,flagged,disputed"
        let variants: [(String, [String])] = [
            ("trl", ["--format", "trl"]),
            ("standard", ["--format", "trl", "--style", "standard"]),
            ("openai", ["--format", "openai"]),
            ("distilabel", ["--format", "distilabel"]),
        ]
        for (name, options) in variants {
            let first = try succeed(["export", "pairs", "--status", all, "--out", "\(name)-1.jsonl"] + options)
            #expect(first.stderr.contains("exported 12 pairs"), "\(first.stderr)")
            let imported = try succeed(["import", "pairs", "\(name)-1.jsonl"], user: "carol", database: "\(name).db")
            #expect(imported.stdout.hasPrefix("imported 12 pairs"), "\(imported.stdout)")
            try succeed(["export", "pairs", "--status", all, "--out", "\(name)-2.jsonl"] + options, database: "\(name).db")
            let once = try file("\(name)-1.jsonl"), twice = try file("\(name)-2.jsonl")
            #expect(once == twice, "\(name): export → import → export changed the file")
            #expect(once.contains("\"status\":\"edited\"") && once.contains(#""decisions":[{"annotator":"bob","blind":false,"decision":"reject","note":"","text_revision":1}]"#))
            #expect(once.contains(#"{"annotator":"alice","blind":false,"decision":"flag","note":"unsure","text_revision":1}"#), "notes travel with their decision")
        }
        // The review came in with the pairs: statuses, the queue and the default export.
        #expect(try ids("edited", database: "trl.db").count == 1 && ids("rejected", database: "trl.db").count == 2)
        #expect(try ids("flagged", database: "trl.db").count == 1 && ids("pending", database: "trl.db").count == 2)
        #expect(try succeed(["export", "pairs", "--out", "-"], database: "trl.db").stdout
                == succeed(["export", "pairs", "--out", "-"]).stdout, "accepted and edited pairs export alike")
        let bobs = try succeed(["export", "pairs", "--annotator", "bob", "--status", all, "--out", "-"], database: "trl.db").stdout
        #expect(bobs.split(separator: "\n").count == 4, "the review index came in too: bob decided 4")
        // --reset-review: the same pairs, all pending.
        try succeed(["import", "pairs", "trl-1.jsonl", "--reset-review"], database: "reset.db")
        #expect(try ids("pending", database: "reset.db").count == 12)
    }

    @Test func sinceAndAsOfSelectPairsByTheirHistory() throws {
        try succeed(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"])
        try succeed(["instantiate", "travel", "--save", "trip"])
        try succeed(["generate", "--instantiation", "trip", "--count", "6"])
        let pairs = try ids("pending")
        for id in pairs[0..<2] { try succeed(["pair", "decide", id, "accept"]) }
        try succeed(["tag", "first-batch"])
        for id in pairs[2..<5] { try succeed(["pair", "decide", id, "accept"], user: "bob") }
        func lines(_ options: [String]) throws -> [String] {
            try succeed(["export", "pairs", "--no-provenance", "--out", "-"] + options).stdout.split(separator: "\n").map(String.init)
        }
        #expect(try lines([]).count == 5)
        #expect(try lines(["--as-of", "first-batch"]).count == 2, "as the project stood at the tag")
        #expect(try lines(["--since", "first-batch"]).count == 3, "only what was decided after it")
        #expect(try lines(["--as-of", "first-batch", "--status", "pending"]).count == 4)
        #expect(try lines(["--as-of", "first-batch", "--annotator", "bob"]).isEmpty, "bob had decided nothing then")
        #expect(try lines(["--since", "first-batch", "--annotator", "bob"]).count == 3)
        let unknown = try run(["export", "pairs", "--since", "no-such-tag", "--out", "-"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no tag or changeset named `no-such-tag`"))
    }

    @Test func aKilledExportLeavesNoPartialFileUnderTheTargetName() throws {
        // 40,000 accepted pairs, imported with their review.
        var text = ""
        for n in 0..<40_000 {
            text += #"{"prompt":"Question \#(n)?","chosen":"A long careful answer number \#(n), \#(String(repeating: "with detail ", count: 20))","rejected":"No.","status":"accepted","decisions":{"ann":"accept"}}"# + "\n"
        }
        try text.write(toFile: directory + "/many.jsonl", atomically: true, encoding: .utf8)
        try succeed(["import", "pairs", "many.jsonl"])
        try "the previous export\n".write(toFile: directory + "/out.jsonl", atomically: true, encoding: .utf8)

        for target in ["new.jsonl", "out.jsonl"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TenetProcess.binary)
            process.arguments = ["export", "pairs", "--out", target, "--force", "--db", directory + "/tenet.db"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill it once the temporary file holds some of the export.
            let deadline = Date().addingTimeInterval(30)
            var started = false
            while Date() < deadline, process.isRunning, !started {
                let temporary = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".\(target).tenet-") }
                started = try temporary.contains { (try FileManager.default.attributesOfItem(atPath: directory + "/" + $0)[.size] as? Int ?? 0) > 100_000 }
                if !started { usleep(5_000) }
            }
            #expect(started && process.isRunning, "the export was caught in the middle")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if target == "new.jsonl" {
                #expect(!FileManager.default.fileExists(atPath: directory + "/new.jsonl"), "no partial file under the target name")
            } else {
                #expect(try file("out.jsonl") == "the previous export\n", "the file being replaced is untouched")
            }
        }
        // The killed exports' temporary files are cleared by the next export to the name.
        try succeed(["export", "pairs", "--out", "new.jsonl"])
        try succeed(["export", "pairs", "--out", "out.jsonl", "--force"])
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
        #expect(try file("new.jsonl") == (try file("out.jsonl")))
    }
}
