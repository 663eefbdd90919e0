import Foundation
import Testing

/// Every command that reads a file named on its command line reads it the same way:
/// only a regular file (a FIFO or device is refused at once, never waited on), nothing
/// past its size limit, and `-` for standard input.
@Suite struct NamedFileTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
    }

    func run(_ arguments: [String], _ extra: [String] = []) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"] + extra, in: directory, environment: ["TENET_USER": "alice"])
    }

    /// Runs `tenet ARGS < file` through a shell, so standard input is a pipe or a file.
    func piped(_ arguments: String, from file: String) throws -> TenetProcess.Result {
        try TenetProcess.runProgram("/bin/sh", ["-c", "'\(TenetProcess.binary)' \(arguments) --db '\(directory)/tenet.db' < '\(file)'"],
                                    in: directory, environment: ["TENET_USER": "alice"])
    }

    @Test func aFIFOOrADeviceIsRefusedByEveryReaderWithoutWaiting() throws {
        let fifo = directory + "/spec.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let sample = TenetProcess.root + "/SampleSpecs/travel-planning.md"
        // A FIFO with no writer: a reader that opened it blocking would never return.
        for arguments in [["parse", fifo], ["lint", fifo], ["diff", fifo, sample], ["import", "spec", fifo],
                          ["import", "pairs", fifo], ["import", "prompts", fifo], ["parse", "/dev/zero"], ["import", "spec", "/dev/zero"],
                          ["access", "add", "bob", "--role", "annotator", "--key", fifo]] {
            let refused = try TenetProcess.run(arguments, in: directory, environment: ["TENET_USER": "alice", "TENET_DB": directory + "/tenet.db"])
            #expect(refused.status == 1, "\(arguments): \(refused.status) \(refused.stderr)")
            // (`lint` prints its findings on standard output, like a compiler.)
            #expect((refused.stdout + refused.stderr).contains("not a regular file"), "\(arguments): \(refused.stderr)")
        }
    }

    /// A file past the 256 MiB a spec may be is refused by its size before it is read (a
    /// sparse file: it takes no disk), and nothing is imported.
    @Test func aSpecFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let huge = directory + "/huge.md"
        #expect(FileManager.default.createFile(atPath: huge, contents: Data("# Huge\n".utf8)))
        #expect(truncate(huge, 300 << 20) == 0)
        for arguments in [["parse", huge], ["import", "spec", huge]] {
            let refused = try TenetProcess.run(arguments, in: directory, environment: ["TENET_USER": "alice", "TENET_DB": directory + "/tenet.db"])
            #expect(refused.status == 1, "\(arguments)")
            #expect(refused.stderr.contains("huge.md: error: is 300 MiB, over the 256 MiB Tenet reads"), "\(refused.stderr)")
        }
        #expect(try run(["spec", "list"]).stdout.contains("huge") == false)
    }

    /// `import spec -` reads Markdown from a pipe; with no file name to go by, the spec is
    /// named after its title. Rules read back from the project keep their lines.
    @Test func importSpecFromStandardInputNamesTheSpecByItsTitleAndKeepsLines() throws {
        let text = "# Museum Guide\n\nHow the guide answers.\n\n## Tone\n\nThe assistant must not lecture visitors.\n\nThe assistant should answer in the visitor's language.\n"
        try text.write(toFile: directory + "/guide.txt", atomically: true, encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: directory + "/empty", contents: Data()))
        let imported = try TenetProcess.runProgram(
            "/bin/sh", ["-c", "cat guide.txt | '\(TenetProcess.binary)' import spec - --db tenet.db"],
            in: directory, environment: ["TENET_USER": "alice"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported museum-guide from standard input: revision 1"), "\(imported.stdout)")

        let list = try run(["rule", "list", "--json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let id = try #require(rules.first?["id"] as? String)
        // The kind under its own name, as rule show and export name it (once only `state`).
        #expect(rules.allSatisfy { ["safety", "behavioral", "unclassified"].contains($0["kind"] as? String ?? "") && $0["removed"] as? Bool == false },
                "\(rules)")
        let shown = try run(["rule", "show", id, "--json"])
        let rule = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let lines = try #require(rule["lines"] as? [Int])
        for key in ["rule", "source"] {
            let body = try #require(rule[key] as? [String: Any])
            #expect(body["line"] as? Int == lines.first && (lines.first ?? 0) > 0, "\(key): \(body["line"] ?? "none") vs \(lines)")
            #expect(body["endLine"] as? Int == lines.last, "\(key)")
        }

        // The same again changes nothing; an empty pipe is an empty spec, refused.
        let again = try piped("import spec -", from: directory + "/guide.txt")
        #expect(again.stdout.contains("has not changed"), "\(again.stdout) \(again.stderr)")
        let empty = try piped("import spec -", from: directory + "/empty")
        #expect(empty.status == 1 && empty.stderr.contains("<stdin>:1:1: error: the file is empty"), "\(empty.stderr)")
    }

    /// `import prompts -` reads JSON lines from a pipe, under a name given with --name
    /// (there is no file name to take one from).
    @Test func importPromptsFromStandardInputNeedsAName() throws {
        try "{\"prompt\": \"Which room holds the Vermeer?\", \"label\": \"safe\"}\n"
            .write(toFile: directory + "/prompts.txt", atomically: true, encoding: .utf8)
        let nameless = try piped("import prompts -", from: directory + "/prompts.txt")
        #expect(nameless.status == 64 && nameless.stderr.contains("give the set a name with --name"), "\(nameless.stderr)")
        let named = try piped("import prompts - --name visitors", from: directory + "/prompts.txt")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("imported visitors r1: 1 prompt (0 unsafe, 1 safe, 0 unlabelled) from standard input"), "\(named.stdout)")
    }

    /// A rule with more boundary examples than any written spec keeps the first 1,000 and
    /// says where the rest begin.
    @Test func aRuleWithTooManyExamplesKeepsTheFirstThousandWithAWarning() throws {
        var text = "# Many\n\n## Manners\n\n### Greet the visitor {#many.greet kind=behavioral}\n\nThe assistant must greet the visitor.\n\n"
        var firstDroppedLine = 0
        for n in 1...1_003 {
            if n == 1_001 { firstDroppedLine = text.split(separator: "\n", omittingEmptySubsequences: false).count }
            text += "**Example (GOOD):** Greeting \(n)\n\n```chat\nuser: Hello \(n)\nassistant: Welcome!\n```\n\n"
        }
        try text.write(toFile: directory + "/many.md", atomically: true, encoding: .utf8)
        let parsed = try TenetProcess.run(["parse", "--json", directory + "/many.md"])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let specs = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [[String: Any]])
        let rule = try #require((specs.first?["rules"] as? [[String: Any]])?.first)
        #expect((rule["examples"] as? [Any])?.count == 1_000)
        let warning = (specs.first?["diagnostics"] as? [[String: Any]])?.first { $0["code"] as? String == "too-many-examples" }
        #expect(warning?["line"] as? Int == firstDroppedLine, "\(String(describing: warning))")
        #expect((warning?["message"] as? String)?.contains("1003 examples; only the first 1000 are read and 3 from here on are left out") == true)
    }
}
