import Foundation
import Testing

/// What a new user's walkthrough found in exports, midtraining lists and previews: an
/// archived spec is left out of every export and list that does not name it (but `stats`
/// keeps its pairs); `--force` replaces only a regular file; a filter naming nothing is
/// refused; an empty Hugging Face folder is not written; the documents' card names what it
/// holds; `--format specbench` prints the turn alone.
@Suite struct ExportFindingsTests {
    static func documents(_ p: TravelProject, _ arguments: [String] = []) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(try p.run(["midtrain", "list", "--json"] + arguments).stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func anArchivedSpecIsLeftOutOfDocumentsButStatsKeepItsPairs() throws {
        let p = try TravelProject()
        #expect(try p.run(["midtrain", "generate", "travel", "--count", "2"]).status == 0)
        for document in try Self.documents(p) {
            #expect(try p.run(["midtrain", "decide", try #require(document["id"] as? String), "accept"]).status == 0)
        }
        #expect(try p.run(["import", "pairs", "--from-spec", "travel"]).status == 0)
        #expect(try p.run(["spec", "archive", "travel"]).status == 0)

        let export = try p.run(["export", "docs", "--out", "docs.jsonl"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try String(contentsOfFile: p.directory + "/docs.jsonl", encoding: .utf8).isEmpty, "the archived spec's documents are left out")
        #expect(try Self.documents(p).isEmpty)
        let stats = try p.run(["midtrain", "stats", "--json"])
        #expect(stats.stdout.contains("\"documents\" : 0") || stats.stdout.contains("\"documents\":0"), "\(stats.stdout)")
        // Named, the spec is still reached.
        #expect(try Self.documents(p, ["--spec", "travel"]).count == 2)
        let named = try p.run(["export", "docs", "--spec", "travel", "--out", "named.jsonl"])
        #expect(named.status == 0 && named.stderr.contains("exported 2 documents"), "\(named.stderr)")
        // `stats` keeps archived specs' pairs (docs/operations.md).
        let pairStats = try p.run(["stats"])
        #expect(!pairStats.stdout.contains("no pairs yet") && pairStats.stdout.contains("travel"), "\(pairStats.stdout)")
    }

    @Test func forceRefusesToReplaceWhatIsNotARegularFile() throws {
        let p = try TravelProject()
        let fifo = p.directory + "/myfifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        try "untouched\n".write(toFile: p.directory + "/target.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: p.directory + "/mylink", withDestinationPath: "target.txt")
        for command in [["export", "pairs", "--status", "pending"], ["export", "docs"], ["export", "rules", "--spec", "travel"]] {
            for (name, kind) in [("myfifo", "a FIFO (named pipe)"), ("mylink", "a symbolic link")] {
                let result = try p.run(command + ["--out", name, "--force"])
                #expect(result.status == 1, "\(command) \(name): \(result.stderr)")
                #expect(result.stderr.contains("\(name) is \(kind), not a regular file"), "\(command): \(result.stderr)")
            }
        }
        for command in [["export", "pairs", "--status", "pending"], ["export", "docs"]] {
            let result = try p.run(command + ["--format", "hf", "--out", "myfifo", "--force"])
            #expect(result.status == 1 && result.stderr.contains("myfifo is a FIFO (named pipe), not a folder"), "\(command): \(result.stderr)")
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
        #expect(lstat(p.directory + "/mylink", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
        #expect(try String(contentsOfFile: p.directory + "/target.txt", encoding: .utf8) == "untouched\n")
    }

    @Test func anUnknownAnnotatorOrDocumentTypeIsRefused() throws {
        let p = try TravelProject()
        let annotator = try p.run(["export", "pairs", "--annotator", "typo", "--out", "pairs.jsonl"])
        #expect(annotator.status == 1, "\(annotator.stderr)")
        #expect(annotator.stderr.contains("no annotator `typo`"), "\(annotator.stderr)")
        #expect(!FileManager.default.fileExists(atPath: p.directory + "/pairs.jsonl"))
        #expect(try p.run(["export", "pairs", "--annotator", "alice", "--out", "pairs.jsonl"]).status == 0, "someone the project knows")

        #expect(try p.run(["midtrain", "generate", "travel", "--count", "1"]).status == 0)
        let type = try p.run(["midtrain", "list", "--type", "nope"])
        #expect(type.status == 1, "\(type.stderr)")
        #expect(type.stderr.contains("no document type `nope`; the types are: ") && type.stderr.contains("essay"), "\(type.stderr)")
        #expect(try p.run(["midtrain", "list", "--type", "essay"]).status == 0)
    }

    @Test func anEmptyHuggingFaceExportIsRefusedAndNothingWritten() throws {
        let p = try TravelProject()
        for command in [["export", "pairs"], ["export", "docs"]] {
            let result = try p.run(command + ["--format", "hf", "--out", "empty"])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("a Hugging Face dataset needs at least one row"), "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: p.directory + "/empty"), "\(command)")
        }
    }

    @Test func theDocumentsCardNamesTheExportedSpecsAndTheProjectsLicence() throws {
        let p = try TravelProject()
        #expect(try p.run(["import", "spec", TenetProcess.root + "/SampleSpecs/code-assistant.md"]).status == 0)
        #expect(try p.run(["project", "set", "license", "cc-by-4.0"]).status == 0)
        #expect(try p.run(["project", "set", "pretty-name", "Travel midtraining"]).status == 0)
        #expect(try p.run(["midtrain", "generate", "travel", "--count", "1"]).status == 0)
        let export = try p.run(["export", "docs", "--format", "hf", "--status", "pending", "--out", "corpus"])
        #expect(export.status == 0, "\(export.stderr)")
        let card = try String(contentsOfFile: p.directory + "/corpus/README.md", encoding: .utf8)
        #expect(card.contains("- `travel`"), "\(card)")
        #expect(!card.contains("code-assistant") && !card.contains("- `code"), "only the exported spec: \(card)")
        #expect(card.contains("license: \"cc-by-4.0\"") && card.contains("pretty_name: \"Travel midtraining\""), "\(card)")
        #expect(card.contains("# Travel midtraining"), "\(card)")
    }

    /// An exported line edited and imported back is not an edit: the stored pair stays, and
    /// the import warns about the line (exit 0: warnings alone never fail).
    @Test func importingALineThatDiffersFromTheStoredPairWarns() throws {
        let p = try TravelProject()
        #expect(try p.run(["import", "pairs", "--from-spec", "travel"]).status == 0)
        #expect(try p.run(["export", "pairs", "--status", "pending", "--out", "out.jsonl"]).status == 0)
        var lines = try String(contentsOfFile: p.directory + "/out.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        var first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        if var messages = first["chosen"] as? [[String: Any]] {
            messages[messages.count - 1]["content"] = "An answer a reviewer rewrote outside Tenet."
            first["chosen"] = messages
        } else {
            first["chosen"] = "An answer a reviewer rewrote outside Tenet."
        }
        lines[0] = String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)
        try (lines.joined(separator: "\n") + "\n").write(toFile: p.directory + "/mod.jsonl", atomically: true, encoding: .utf8)
        let imported = try p.run(["import", "pairs", "mod.jsonl"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("mod.jsonl:1: warning: pair ") && imported.stderr.contains("the chosen answer differs"), "\(imported.stderr)")
        #expect(!imported.stderr.contains("mod.jsonl:2:"), "unchanged lines are not warned about: \(imported.stderr)")
        #expect(imported.stdout.contains("(1 of them with other text or status, not imported: see the warnings)"), "\(imported.stdout)")
        let again = try p.run(["import", "pairs", "out.jsonl"])
        #expect(again.status == 0 && !again.stderr.contains("warning"), "the file as exported matches: \(again.stderr)")
    }

    @Test func aSpecBenchTurnIsAloneOnStandardOutput() throws {
        let p = try TravelProject()
        let arguments = ["instantiate", "travel", "--seed", "7", "--format", "specbench", "--question", "Plan two days in Porto."]
        let shown = try p.run(arguments)
        #expect(shown.status == 0, "\(shown.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(try p.run(arguments + ["--json"]).stdout.utf8)) as? [String: Any]
        #expect(shown.stdout == json?["rendered"] as? String, "the turn, byte for byte: \(shown.stdout)")
        #expect(shown.stderr.contains("── travel"), "the rules drawn go to standard error: \(shown.stderr)")
    }
}
