import Foundation
import Testing

/// What an export says about itself: the rows' lengths after every export, `--max-length`
/// warning or dropping, and an hf card written from the export it describes.
@Suite struct ExportReportTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
        #expect(try run(["instantiate", "travel", "--save", "trip"]).status == 0)
        #expect(try run(["generate", "--instantiation", "trip", "--count", "6"]).status == 0)
        let list = try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]] ?? []
        for id in list.compactMap({ $0["id"] as? String }) { #expect(try run(["pair", "decide", id, "accept"]).status == 0) }
    }

    @discardableResult
    func run(_ arguments: [String], user: String = "alice") throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": user])
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// The rows' estimated tokens, as the report defines them: the prompt's messages and
    /// the longer answer, UTF-8 bytes / 4 rounded up.
    func tokens(_ file: String) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for line in lines(try String(contentsOfFile: directory + "/" + file, encoding: .utf8)) {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let prompt = try #require(o["prompt"] as? [[String: String]]).map { $0["content"] ?? "" }
            let answers = [o["chosen"], o["rejected"]].compactMap { ($0 as? [[String: String]])?.first?["content"] }
            let bytes = prompt.map(\.utf8.count).reduce(0, +) + (answers.map(\.utf8.count).max() ?? 0)
            out[try #require(o["id"] as? String)] = (bytes + 3) / 4
        }
        return out
    }

    @Test func everyExportReportsItsRowsLengthsAndTheLongestRows() throws {
        let plain = try run(["export", "pairs", "--out", "plain.jsonl"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let report = lines(plain.stderr)
        #expect(report.count == 2 && report[0] == "exported 6 pairs (trl-conversational) to plain.jsonl", "\(plain.stderr)")
        let sizes = try tokens("plain.jsonl")
        let sorted = sizes.values.sorted(), longest = sizes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        #expect(report[1].contains("median \(sorted[(sorted.count - 1) / 2]) tokens") && report[1].contains("longest \(sorted.last ?? 0) tokens"), "\(report[1])")
        #expect(report[1].contains(longest[0].key) && report[1].contains("tokens estimated as UTF-8 bytes / 4"), "the longest row is named")

        // The instance's spec in every prompt makes every row long; without --max-length, rows
        // past a common training length are pointed out.
        let spec = try run(["export", "pairs", "--with-spec", "--out", "spec.jsonl"])
        let specSizes = try tokens("spec.jsonl")
        let shortest = try #require(specSizes.values.min()), longestWithSpec = try #require(specSizes.values.max())
        #expect(shortest > 512, "the rendered spec adds hundreds of tokens to each row")
        #expect(lines(spec.stderr).last?.hasPrefix("note: 6 of 6 rows are longer than 512 tokens (estimated)") == true, "\(spec.stderr)")

        // --max-length: a warning with the count, or the rows left out.
        let limit = (shortest + longestWithSpec) / 2
        let over = specSizes.values.filter { $0 > limit }.count
        #expect(over > 0 && over < 6)
        let warned = try run(["export", "pairs", "--with-spec", "--max-length", String(limit), "--out", "warned.jsonl"])
        #expect(lines(warned.stderr).last?.hasPrefix("warning: \(over) of 6 rows are longer than --max-length \(limit)") == true, "\(warned.stderr)")
        #expect(try tokens("warned.jsonl").count == 6, "warn keeps them")
        let dropped = try run(["export", "pairs", "--with-spec", "--max-length", String(limit), "--over-length", "drop", "--out", "dropped.jsonl"])
        #expect(dropped.stderr.hasPrefix("exported \(6 - over) pairs (trl-conversational) to dropped.jsonl; \(over) longer than --max-length \(limit) left out"),
                "\(dropped.stderr)")
        #expect(try tokens("dropped.jsonl").values.allSatisfy { $0 <= limit } && tokens("dropped.jsonl").count == 6 - over)

        for (arguments, message) in [(["--over-length", "drop"], "--over-length drop needs --max-length N"),
                                     (["--max-length", "0"], "--max-length is a number of tokens"),
                                     (["--license", "mit"], "--license, --language and --pretty-name are for --format hf")] {
            let refused = try run(["export", "pairs", "--out", "x.jsonl"] + arguments)
            #expect(refused.status == 64 && refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
    }

    @Test func theCardDescribesTheExportItCameWith() throws {
        func card(_ folder: String, _ options: [String]) throws -> String {
            let result = try run(["export", "pairs", "--format", "hf", "--out", folder] + options)
            #expect(result.status == 0, "\(result.stderr)")
            return try String(contentsOfFile: directory + "/\(folder)/README.md", encoding: .utf8)
        }
        let full = try card("full", [])
        #expect(full.contains("- name: decisions\n    list:\n    - name: annotator") && full.contains("| `decisions` |"))
        #expect(full.contains("No prompt is led by the rules") && full.contains("TRL's conversational preference format"))
        #expect(full.contains("## Licence\n\nNone given.") && !full.contains("\nlicense:"), "no licence claimed that nobody gave")

        let bare = try card("bare", ["--no-provenance"])
        #expect(!bare.contains("- name: decisions") && !bare.contains("| `decisions` |") && !bare.contains("`spec_revision`")
                && bare.contains("left out the provenance columns"),
                "a --no-provenance card lists no provenance column")
        let spec = try card("spec", ["--with-spec"])
        #expect(spec.contains("Every prompt starts with a system message") && spec.contains("led by a system message"))
        let standard = try card("standard", ["--style", "standard"])
        #expect(standard.contains("TRL's standard preference format") && standard.contains("ends with a blank line and `Assistant:`")
                && standard.contains("- name: prompt\n    dtype: string"))
        #expect(Set([full, bare, spec, standard]).count == 4, "each card is its export's")

        // Licence, language and name: the project's settings, or the flags over them.
        #expect(try run(["project", "set", "license", "cc-by-4.0"]).status == 0)
        #expect(try run(["project", "set", "language", "en,fr"]).status == 0)
        #expect(try run(["project", "set", "pretty-name", "Travel pairs"]).status == 0)
        let set = try card("set", [])
        #expect(set.hasPrefix("---\npretty_name: \"Travel pairs\"\nlicense: \"cc-by-4.0\"\nlanguage:\n- \"en\"\n- \"fr\"\n") && set.contains("# Travel pairs\n"))
        let flags = try card("flags", ["--license", "apache-2.0", "--language", "pt-BR", "--pretty-name", "Viagens: \"v2\"\nrevista"])
        #expect(flags.hasPrefix("---\npretty_name: \"Viagens: \\\"v2\\\"\\nrevista\"\nlicense: \"apache-2.0\"\nlanguage:\n- \"pt-BR\"\n"), "\(flags.prefix(200))")
        #expect(flags.contains("# Viagens: \"v2\" revista\n"), "the heading stays on one line")
        let shown = try run(["project", "show"]).stdout
        #expect(shown.contains("license        cc-by-4.0") && shown.contains("language       en,fr"), "\(shown)")
        let bad = try run(["project", "set", "license", "CC BY 4.0"])
        #expect(bad.status != 0 && bad.stderr.contains("a Hugging Face licence identifier such as cc-by-4.0"), "\(bad.stderr)")
        let badLanguage = try run(["export", "pairs", "--format", "hf", "--out", "x", "--language", "English"])
        #expect(badLanguage.status == 64 && badLanguage.stderr.contains("ISO 639 codes"), "\(badLanguage.stderr)")
    }
}
