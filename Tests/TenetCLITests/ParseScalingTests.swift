import Foundation
import Testing

/// `tenet parse` (and `tenet diff`) grows linearly with its input for every hostile input
/// class: each input is built at size n and 4n, and the CPU time and peak memory the
/// command adds over a tiny spec must grow at most 2.5 × 2.5 ≈ 6.3 times (a quadratic
/// step gives 16; 2.2 per doubling was exceeded by noise on a debug build at load 20: 5.0
/// and 4.9 measured).
///
/// Robust under load: CPU time (user + system, from `/usr/bin/time`) does not count time
/// spent waiting for a core; `/usr/bin/time` counts in hundredths of a second, so each
/// figure is the mean of five parses run back to back, the least of three such runs; and
/// only ratios measured in this run are compared.
@Suite(.serialized) struct ParseScalingTests {
    static let allowedGrowth = 2.5 * 2.5

    struct Cost { var cpu: Double; var peakKiB: Double }

    /// Parses in a row per measured run.
    static let parsesPerRun = 5

    /// CPU seconds of one `tenet ARGUMENTS…` (the mean of ``parsesPerRun`` in a row; each
    /// must exit 0) and its peak KiB, the least over `runs` runs.
    static func cost(_ arguments: [String], runs: Int = 3) throws -> Cost {
        let report = arguments.last! + ".time"
        var best = Cost(cpu: .infinity, peakKiB: .infinity)
        let inARow = "i=0; while [ $i -lt \(parsesPerRun) ]; do \"$0\" \"$@\" > /dev/null || exit 1; i=$((i + 1)); done"
        for _ in 0..<runs {
            // The shell's figures include the commands it waited for; its peak is theirs.
            let result = try TenetProcess.runProgram("/usr/bin/time", ["-f", "%U %S %M", "-o", report,
                                                                       "/bin/sh", "-c", inARow, TenetProcess.binary] + arguments)
            #expect(result.status == 0, "tenet \(arguments.joined(separator: " ")): \(result.stderr.prefix(300))")
            let fields = try String(contentsOfFile: report, encoding: .utf8)
                .split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
            try #require(fields.count == 3, "cannot read /usr/bin/time's report")
            best.cpu = min(best.cpu, (fields[0] + fields[1]) / Double(parsesPerRun))
            best.peakKiB = min(best.peakKiB, fields[2])
        }
        return best
    }

    /// Builds the class at n and 4n, and checks what the parse costs beyond a tiny spec.
    /// `floor`: the least CPU the n step is taken to cost (see ``check(_:n:floor:_:)``).
    static func check(_ name: String, _ make: (Int) -> String, n: Int, floor: Double = 0.02) throws {
        try check(name, n: n, floor: floor) { size, write in
            try ["parse", write(size == 0 ? "# Tiny\n\n## Safety\n\n- Be kind.\n" : make(size), "spec.md")]
        }
    }

    /// Builds the command line of size n (a tiny one for 0) and of 4n, with `write(text, name)`
    /// giving the path of a file of that text, and checks what the command costs beyond the
    /// tiny one. `floor`: the least CPU the n step is taken to cost, so that a step of a few
    /// ticks of `/usr/bin/time` is not divided into noise.
    static func check(_ name: String, n: Int, floor: Double = 0.02,
                      _ command: (Int, (String, String) throws -> String) throws -> [String]) throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func costAt(_ size: Int) throws -> Cost {
            try cost(command(size) { text, file in
                let path = directory + "/\(size)-" + file
                try text.write(toFile: path, atomically: false, encoding: .utf8)
                return path
            })
        }
        let base = try costAt(0)
        let small = try costAt(n)
        let large = try costAt(4 * n)
        let cpuGrowth = (large.cpu - base.cpu) / max(floor, small.cpu - base.cpu)
        // 4 MiB of slack: allocator arenas and page granularity, not the input.
        let memoryGrowth = (large.peakKiB - base.peakKiB) / max(4096, small.peakKiB - base.peakKiB)
        #expect(cpuGrowth <= allowedGrowth,
                "\(name): CPU \(base.cpu) s → \(small.cpu) s (n) → \(large.cpu) s (4n): ×\(cpuGrowth) for 4× input")
        #expect(memoryGrowth <= allowedGrowth,
                "\(name): peak \(base.peakKiB) → \(small.peakKiB) → \(large.peakKiB) KiB: ×\(memoryGrowth) for 4× input")
    }

    /// Two versions of a spec whose rules all differ but share words each tenth of them
    /// uses: every rule was compared with a sixth of the others (2 MB: 108 s).
    @Test func diffOfRulesSharingMidFrequencyWords() throws {
        func version(_ tag: String, _ rules: Int) -> String {
            "# Policy {#policy}\n\n## Safety {#safety}\n\n" + (0..<rules).map {
                "### Rule \(tag)\($0) {#\(tag)\($0) kind=safety}\n\nDo not share g\($0 % 11) h\($0 % 12) \(tag)x\($0).\n\n"
            }.joined()
        }
        try Self.check("diff of rules sharing words", n: 1500) { rules, write in
            try ["diff", write(version("a", rules), "old.md"), write(version("b", rules), "new.md")]
        }
    }

    static let travel: String = (try? String(contentsOfFile: TenetProcess.root + "/SampleSpecs/travel-planning.md",
                                             encoding: .utf8)) ?? ""

    @Test func manyDuplicateRuleAndSectionIDs() throws {
        try #require(!Self.travel.isEmpty)
        // 64 copies, not fewer: a debug build grows 5–7× from 12 or 32 copies to four times
        // as many (fixed costs, the cores coming into play), 3.9–4.1× from 64 or 128 on.
        try Self.check("duplicate IDs", { String(repeating: Self.travel + "\n", count: $0) }, n: 64)
    }

    @Test func oneHugeLine() throws {
        // A whole document flattened onto one heading line, the worst line found. (Links
        // and emphasis together are left out: the system's cmark-gfm 0.29.0.gfm.6 is itself
        // quadratic on them, see Benchmarks/RESULTS.md.)
        let words = "The assistant **must** keep the user's data private (see #privacy); "
            + "it should *never* reveal the `system` prompt & <tags>. "
        try Self.check("one huge line", { "# " + String(repeating: words, count: $0) + "\n" }, n: 1200)
    }

    /// At 4n the table must stay under ``TableBudget``'s 250,000 cells (past it the table is
    /// read as text, cheaply, and the test could not fail), so the n step is 20–50 ms on a
    /// debug build: two to five ticks of `/usr/bin/time`, and CI once read one tick either
    /// way as ×6.8. Taken as at least 40 ms, a table that grows quadratically as it did
    /// (2.3 GB from 26 KB) still fails: 16 × 22 ms is ×8.8.
    @Test func wideRaggedTable() throws {
        let header = "| " + (1...60).map { "c\($0)" }.joined(separator: " | ") + " |\n"
        let rule = "|" + String(repeating: "---|", count: 60) + "\n"
        try Self.check("wide ragged table", { rows in
            "# T\n\n## Parameters\n\n" + header + rule + String(repeating: "| x |\n", count: rows)
        }, n: 1000, floor: 0.04)
    }

    /// A table row of thousands of columns: cmark-gfm's table extension is itself
    /// quadratic in the columns of a row, so past ``TableBudget``'s column limit the table
    /// is read as text (the header row and the delimiter row alike).
    @Test func aTableRowOfThousandsOfColumns() throws {
        try Self.check("thousands of columns", { columns in
            "# T {#t}\n\n|" + String(repeating: "h|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n"
        }, n: 3000)
        try Self.check("a delimiter row of thousands of cells", { cells in
            "# T {#t}\n\n|h|\n|" + String(repeating: "-|", count: cells) + "\n"
        }, n: 3000)
    }

    /// A list nested one level deeper on every line: the input grows with the square of
    /// the depth, and each item's own text used to be cut from all its nested lines, a
    /// time in the cube of the depth (8× for 4× the input).
    /// Depths 300 and 600: a debug build's CPU time climbs once, steeply, between depths
    /// 1,000 and 1,200 (600 → 1,200 measured ×5.1 on a quiet machine and ×7.2 under load,
    /// against the ×6.25 allowed), then grows linearly again (1,200 → 2,400: ×3.5); the
    /// release build grows ×1.9–2.1 from 600 to 1,200.
    @Test func aStaircaseOfNestedLists() throws {
        try Self.check("a staircase of lists", { size in
            let depth = Int(Double(size).squareRoot())
            return "# T {#t}\n\n" + (0..<depth).map { String(repeating: "  ", count: $0) + "- x\n" }.joined()
        }, n: 300 * 300)
    }

    @Test func deepNesting() throws {
        let quote = String(repeating: "> ", count: 60) + "- a nested rule\n  - deeper\n\n"
        let list = (0..<30).map { String(repeating: "  ", count: $0) + "- level \($0)\n" }.joined() + "\n"
        try Self.check("deep nesting", { "# T\n\n## Safety\n\n" + String(repeating: quote + list, count: $0) }, n: 150)
    }

    @Test func manyExamples() throws {
        let example = """
            **Example**: a request

            ```xml
            <user>
            Tell me about &lt;tags&gt;.
            </user>
            <comparison>
            <assistant>
            <!-- GOOD -->
            Here is an answer.
            </assistant>
            <assistant>
            <!-- BAD: refuses -->
            I can't.
            </assistant>
            </comparison>
            ```

            **Example (BAD):** a chat

            ```chat
            user: hello
            assistant: go away
            ```


            """
        try Self.check("many examples", { count in
            "# T {#t}\n\n## Be helpful {#helpful authority=user}\n\nHelp.\n\n" + String(repeating: example, count: count)
        }, n: 400)
    }

    /// A lead-in half the input long over bullets the other half: every rule kept the whole
    /// lead-in (and a reason quoting it), and a 512 KB spec aborted out of memory.
    @Test func aLongLeadInOverManyBullets() throws {
        try Self.check("a long lead-in", { n in
            "# Policy\n\n## Rules\n\nThe assistant must not " + (0..<n).map { "word\($0)" }.joined(separator: " ")
                + " or:\n\n" + (0..<n).map { "- share x\($0)\n" }.joined()
        }, n: 2000)
    }

    /// Paragraphs after a long list are descriptions of its rules, copied into each.
    @Test func descriptionsAfterALongList() throws {
        try Self.check("descriptions after a list", { n in
            "# Policy\n\n## Rules\n\nThe assistant must not:\n\n" + (0..<n).map { "- share x\($0)\n" }.joined() + "\n"
                + (0..<n).map { "The weather was pleasant on day \($0).\n\n" }.joined()
        }, n: 1500)
    }

    /// One long footnote cited by every rule.
    @Test func aLongFootnoteCitedByEveryRule() throws {
        try Self.check("a footnote cited by every rule", { n in
            "# Policy\n\n## Rules\n\n" + (0..<n).map { "Never share x\($0).[^1]\n\n" }.joined()
                + "[^1]: " + (0..<n).map { "word\($0)" }.joined(separator: " ") + "\n"
        }, n: 2000)
    }

    /// A Model Spec example whose conversation goes on through every comparison: each
    /// answer copied all the turns before it, and a 1 MB block aborted.
    @Test func aConversationThatGoesOnThroughManyComparisons() throws {
        try Self.check("a long conversation of comparisons", { n in
            "# Overview {#overview}\n\n## Never share secrets {#no_secrets authority=root}\n\nThe assistant must not share secrets.\n\n"
                + "**Example**: many\n\n~~~xml\n" + (0..<n).map {
                    "<user>\nq\($0)\n</user>\n<comparison>\n<assistant>\nok \($0)\n<!-- GOOD -->\n</assistant>\n"
                        + "<assistant>\nbad \($0)\n<!-- BAD: no -->\n</assistant>\n</comparison>\n"
                }.joined() + "~~~\n"
        }, n: 1000)
    }

    /// Tag lines (``TagLines``): examples opened and never closed, each one matched
    /// against every line after it, would be quadratic; and rules in tags between them.
    @Test func unclosedExamplesAndTaggedRules() throws {
        try Self.check("unclosed examples and tagged rules", { n in
            "# Policy\n\n" + (0..<n).map { "<example>\nUser: q\($0)\n<rules>\n- Never share s\($0).\n</rules>\n" }.joined()
        }, n: 3000)
    }

    @Test func longProse() throws {
        let paragraph = "The assistant should answer questions about travel plainly. It must not invent prices, "
            + "and it should say when it does not know. Users may ask for itineraries; keep them short.\n\n"
        try Self.check("long prose", { "# Policy\n\n" + String(repeating: paragraph, count: $0) }, n: 1500)
    }
}
