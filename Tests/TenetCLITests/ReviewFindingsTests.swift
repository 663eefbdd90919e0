import Foundation
import Testing

/// Bugs found in review that need the real binary: crashes, slow input and terminal output.
@Suite struct ReviewFindingsTests {
    /// Runs `tenet ARGS` under `timeout(1)`, killed after `seconds`; `timedOut` says whether it was.
    static func run(_ arguments: [String], in directory: String, seconds: Int) throws -> (status: Int32, stdout: String, stderr: String, timedOut: Bool) {
        let result = try TenetProcess.run(arguments, in: directory, environment: ["SWIFT_BACKTRACE": "enable=no"],
                                          launcher: ["/usr/bin/timeout", "\(seconds)"])
        return (result.status, result.stdout, result.stderr, result.status == 124)
    }

    static func write(_ text: String, _ name: String, in directory: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    // Bug: ExampleScanner.scanXML slices `tail[startIndex+4 ..< range(of: "-->")]`; for `<!-->` or
    // `<!--->` the `-->` starts inside `<!--`, the range is inverted and the process traps.
    @Test func shortHTMLCommentInXMLExampleDoesNotCrash() throws {
        let dir = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.write("""
        # T

        ## R {#r authority=user}

        Text.

        **Example**: x

        ~~~xml
        <user>a <!---> b</user>
        <assistant> <!--> GOOD -->
        ok
        </assistant>
        ~~~

        """, "spec.md", in: dir)
        for command in ["parse", "lint"] {
            let result = try Self.run([command, "spec.md"], in: dir, seconds: 30)
            #expect(!result.stderr.contains("Fatal error"), "\(command) crashed: \(result.stderr.prefix(200))")
            #expect(result.status == 0, "\(command) exit status")
        }
    }

    // Bug: `tenet parse` prints the reader's diagnostics to stderr without TreePrinter.clean, so
    // escape sequences from the spec (here in an attribute value) reach the terminal raw.
    @Test func parseDiagnosticsAreTerminalSafe() throws {
        let dir = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.write("# T\n\n### R {#r kind=\u{1B}[2J\u{1B}]0;pwned\u{07}x}\n\nDo not.\n", "spec.md", in: dir)
        let result = try Self.run(["parse", "spec.md"], in: dir, seconds: 30)
        #expect(result.stderr.contains("bad-annotation"))
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" },
                "control characters printed raw: \(result.stderr.debugDescription)")
    }

    // Bug: `tenet parse` looks rules up by ID, so with a duplicated explicit ID the second rule is
    // never shown: its section prints the first rule (title, kind and lines) in its place.
    @Test func treeShowsBothRulesWhenIDsAreDuplicated() throws {
        let dir = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.write("# T\n\n## A\n\n### First {#x kind=safety}\n\nOne.\n\n## B\n\n### Second {#x kind=behavioral}\n\nTwo.\n", "spec.md", in: dir)
        let result = try Self.run(["parse", "spec.md"], in: dir, seconds: 30)
        #expect(result.stdout.contains("[B] x  Second  :11-13"), "\(result.stdout)")
    }

    // Bug: Slug.Uniquer.claim retries `base-2`, `base-3`, … from 2 every time, so n headings with
    // the same text cost O(n²): 20,000 `## Notes` sections take ~40 s (debug), ~20 s (release).
    @Test func manyIdenticalHeadingsAreLinear() throws {
        let dir = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.write("# T\n\n" + String(repeating: "## Notes\n\nSome text.\n\n", count: 20_000), "spec.md", in: dir)
        let timedOut = try Self.run(["parse", "spec.md"], in: dir, seconds: 15).timedOut
        #expect(!timedOut, "tenet parse took more than 15 s on 20,000 identical headings")
    }
}
