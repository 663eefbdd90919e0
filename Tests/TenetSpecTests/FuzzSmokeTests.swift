import Foundation
import Testing
@testable import TenetSpec

/// A bounded, deterministic mutation fuzz run over the reader, the example scanners, the
/// linter and the diff, seeded with the sample specs and the public fixtures. (Coverage-
/// guided fuzzing with libFuzzer runs longer: `make fuzz`.)
///
/// Invariants checked on every input: reading either succeeds or throws a SpecReadError;
/// a spec's rules have IDs and sane line ranges; a spec compared with itself is unchanged;
/// the result encodes as JSON.
@Suite struct FuzzSmokeTests {
    static let tokens: [String] = [
        "{#", "}", "{#id kind=safety}", " kind=", "=", "\"", "```chat\n", "```\n", "~~~xml\n", "~~~\n",
        "<comparison>", "</comparison>", "<assistant>", "</assistant>", "<user>", "</user>",
        "<!-- BAD[#x]: y -->", "<!-- GOOD -->", "<!--", "-->", "\n", "\r\n", "- ", "> ", "1. ", "    ",
        "| a | b |\n|---|---|\n", "**Example (BAD #r):** t\n", "**Example**: t\n", "**Why:** r\n",
        "!!! meta \"c\"\n", "{{", "}}", "{x}", "](#", "[?](#r)", "# ", "## ", "### T {#r kind=behavioral}\n",
        "- SP1: ", "## Safety\n", "user: ", "assistant: ", "tool (x): ", "\u{0}", "é", "规", "🙂", "\u{1B}[31m",
        "**Rationale:** ", "- **Exceptions:**\n  - ", "\t", "`", "\\", "*", "_",
        "<!-- OK -->", "<!-- BAD, r -->", "<!-- GOOD (r) -->", "[...]\n", "&lt;", "&amp;", "&#x27;", "&#",
        "&", "[^n]", "[^n]: note\n", "    more\n", "---\n", "title: t\n", "+++\n", "# Overview\n",
    ]

    /// The forms of the public Model Spec in one small document: front matter, a generic
    /// first heading, footnotes, OK and comma verdicts, two comparisons, entities.
    static let modelSpecForms = """
    ---
    title: Forms
    ---
    # Overview {#overview}

    Text[^a].

    # Chain {#chain}

    ## Rule {#rule authority=root}

    Do it[^b], see [?](#chain).

    **Example**: two comparisons

    ~~~xml
    <user>a &lt;b&gt;</user>
    <comparison>
    <assistant> <!-- BAD[#chain], no -->x</assistant>
    <assistant> <!-- OK -->y &amp; z</assistant>
    </comparison>
    [...]
    <user>c</user>
    <comparison>
    <!-- GOOD: yes -->
    <assistant>w</assistant>
    </comparison>
    ~~~

    [^a]: Note a.
        More of a.
    [^b]: Note b.
    """

    static func seeds() -> [[UInt8]] {
        var files = Paths.sampleFiles
        files += ["model_spec_excerpt.md", "model_spec_u18_excerpt.md", "constitution_excerpt.md"].map { Paths.publicSpecs + "/" + $0 }
        files.append(Paths.fixtures + "/numbered_rules.md")
        return files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } } + [Array(modelSpecForms.utf8)]
    }

    static func mutate(_ input: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: bytes.insert(contentsOf: Array(tokens.randomElement(using: &rng)!.utf8), at: at)
            case 1: if !bytes.isEmpty { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
            case 2:
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                bytes.removeSubrange(at..<end)
            case 3:
                let end = min(bytes.count, at + Int.random(in: 1...400, using: &rng))
                bytes.insert(contentsOf: Array(bytes[at..<end]), at: Int.random(in: 0...bytes.count, using: &rng))
            default:
                // Truncate: unterminated everything.
                bytes = Array(bytes.prefix(at))
            }
        }
        return bytes
    }

    static func check(_ bytes: [UInt8], name: String) throws {
        let spec: Spec
        do {
            spec = try SpecReader.read(path: name, bytes: bytes)
        } catch {
            #expect(error.line >= 0)
            return
        }
        let lines = bytes.filter { $0 == 0x0A }.count + 1
        for rule in spec.rules {
            #expect(!rule.id.isEmpty)
            #expect(rule.line >= 1 && rule.line <= rule.endLine && rule.endLine <= lines, "rule \(rule.id) \(rule.line)-\(rule.endLine) of \(lines)")
        }
        _ = Linter.lint(spec)
        #expect(!SpecDiff.compare(spec, spec).hasDifferences)
        _ = try JSONEncoder().encode(spec)
    }

    @Test func mutatedSpecsNeverCrashTheReader() throws {
        var rng = SeededRandom(seed: 0x7E4E7)
        let seeds = Self.seeds()
        #expect(seeds.count >= 6)
        for round in 0..<400 {
            let seed = seeds[round % seeds.count]
            try Self.check(Self.mutate(seed, &rng), name: "fuzz-\(round).md")
        }
    }

    @Test func randomJSONNeverCrashesTheSpecBenchReader() throws {
        var rng = SeededRandom(seed: 42)
        let seed = Array(#"{"safety_specifications": ["Do not \"x\".", "b"], "behavioral_specifications": ["c\u00e9"]}"#.utf8)
        for round in 0..<300 {
            try Self.check(Self.mutate(seed, &rng), name: "specifications-\(round).json")
        }
    }
}
