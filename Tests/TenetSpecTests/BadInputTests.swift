import Foundation
import Testing
@testable import TenetSpec

/// Input that is not a good spec: a clear message naming file and line, never a crash.
@Suite struct BadInputTests {
    func readError(_ bytes: [UInt8], path: String = "bad.md") -> SpecReadError? {
        do {
            _ = try SpecReader.read(path: path, bytes: bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyAndBlankFilesAreRefused() {
        for text in ["", "\n\n  \t\r\n"] {
            let error = readError(Array(text.utf8))
            #expect(error?.line == 1)
            #expect(error?.description == "bad.md:1:1: error: the file is empty; a spec needs at least a title and one rule")
        }
    }

    /// A pairs file given to `import spec` (an easy mix-up) was read as prose: a spec of
    /// one junk rule, imported with exit 0. JSON Lines is refused, saying where pairs go.
    @Test func jsonLinesAreNoSpec() {
        let pairs = "\n{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\"}\n{\"prompt\": \"d\", \"chosen\": \"e\", \"rejected\": \"f\"}\n"
        let error = readError(Array(pairs.utf8), path: "d.txt")
        #expect(error?.line == 2, "\(String(describing: error))")
        #expect(error?.reason.contains("`tenet import pairs d.txt`") == true, "\(String(describing: error))")
        // Named .jsonl, one line or none of JSON is enough.
        #expect(readError(Array("{\"prompt\": \"a\"}\n".utf8), path: "one.jsonl")?.line == 1)
        #expect(readError(Array("# Title\n\nNever lie.\n".utf8), path: "spec.ndjson")?.line == 1)
        // A spec whose text shows an object is a spec.
        #expect(readError(Array("{\"a\": 1}\n# Title\n\nNever lie.\n".utf8)) == nil)
    }

    @Test func nulBytesMeanABinaryFile() {
        let error = readError(Array("# T\n\nok\nab\u{0}c\n".utf8))
        #expect(error?.line == 4)
        #expect(error?.column == 3)
        #expect(error?.reason.contains("binary") == true)
    }

    @Test func invalidUTF8IsReportedWithLineColumnAndByte() {
        var bytes = Array("# T\n\nline two\nabcd".utf8)
        bytes.append(0xFF)
        bytes += Array(" tail\n".utf8)
        let error = readError(bytes)
        #expect(error?.description == "bad.md:4:5: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8")
        // Overlong encodings and lone continuation bytes are invalid too.
        #expect(readError(Array("# T\n".utf8) + [0xC0, 0xAF]) != nil)
        #expect(readError(Array("# T\n".utf8) + [0x80]) != nil)
        #expect(readError(Array("# T\n".utf8) + [0xED, 0xA0, 0x80]) != nil, "UTF-16 surrogates are not UTF-8")
        #expect(readError(Array("# Tïtle — ok 规则 🙂\n".utf8)) == nil)
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        let text = "# Title {#t}\n\n## R {#r kind=behavioral}\n\nText.\n"
        let spec = try SpecReader.read(path: "bom.md", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(spec.id == "t")
        #expect(spec.title == "Title")
        #expect(spec.rules.first?.line == 3)
    }

    @Test func crlfLineEndingsReadLikeLF() throws {
        let sample = try #require(Paths.sampleFiles.first)
        let lf = try String(contentsOfFile: sample, encoding: .utf8)
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        var a = try SpecReader.read(path: "x.md", text: lf)
        var b = try SpecReader.read(path: "x.md", text: crlf)
        a.diagnostics = []
        b.diagnostics = []
        #expect(a == b)
        #expect(b.rules.allSatisfy { !$0.text.contains("\r") && !$0.title.contains("\r") })
    }

    @Test func aTenMegabyteLineIsOneParagraph() throws {
        let line = String(repeating: "The assistant should answer. ", count: 10_000_000 / 29)
        let spec = try SpecReader.read(path: "long.md", text: "# Long\n\n## Section\n\n" + line + "\n")
        #expect(spec.rules.count == 1)
        #expect(spec.rules[0].line == 5)
        #expect(spec.rules[0].title.count <= 81)
    }

    @Test func tenThousandLevelsOfNestingDoNotExhaustTheStack() throws {
        let lists = "# Deep\n\n## Rules\n\n" + String(repeating: "- ", count: 10_000) + "should hold\n"
        let spec = try SpecReader.read(path: "lists.md", text: lists)
        #expect(spec.rules.count <= 1)
        let quotes = "# Deep\n\n" + String(repeating: ">", count: 10_000) + " should hold\n"
        _ = try SpecReader.read(path: "quotes.md", text: quotes)
        var indented = "# Deep\n\n## Safety\n\n"
        for depth in 0..<2_000 { indented += String(repeating: " ", count: depth * 2) + "- level \(depth) must hold\n" }
        let nested = try SpecReader.read(path: "indented.md", text: indented)
        #expect(nested.rules.count == 1)
        #expect(nested.rules[0].text.contains("level 1999"))
    }

    /// Tag lookahead in xml examples is bounded: a line of many `<` or `<!--` used to
    /// make the scanner quadratic (a hang on a 200 KB line).
    @Test func longLinesOfAngleBracketsInExamplesStayLinear() throws {
        for filler in [String(repeating: "<", count: 200_000), String(repeating: "<!--", count: 50_000),
                       String(repeating: "</user", count: 30_000)] {
            let spec = try SpecReader.read(path: "lt.md", text: """
            # T

            ## R {#r authority=user}

            **Example**: x

            ~~~xml
            <user>
            \(filler)
            </user>
            <assistant> <!-- GOOD -->
            ok
            </assistant>
            ~~~
            """)
            #expect(spec.rules.first?.examples.count == 1)
            #expect(spec.rules.first?.examples.first?.turns.first?.content.count == filler.count)
        }
    }

    @Test func unterminatedFencesAreReportedNotFatal() throws {
        let spec = try SpecReader.read(path: "fence.md", text: """
        # S

        ## R {#r kind=behavioral}

        Text.

        **Example (GOOD):** never closed

        ```chat
        user: hello
        assistant: hi
        ## Not a heading any more {#x kind=safety}
        """)
        #expect(spec.rules.map(\.id) == ["r"])
        #expect(spec.rules[0].examples.count == 1)
    }

    @Test func directoriesAndMissingFilesAreRefusedWithTheirPath() {
        let missing = #expect(throws: SpecReadError.self) { try SpecReader.read(path: "/no/such/spec.md") }
        #expect(missing?.description == "/no/such/spec.md: error: no such file")
        let directory = #expect(throws: SpecReadError.self) { try SpecReader.read(path: Paths.sampleSpecs) }
        #expect(directory?.reason.hasPrefix("is a directory") == true)
    }

    @Test func nonJSONInAJSONFileIsRefused() {
        let error = readError(Array("# Markdown in a .json file\n".utf8), path: "specifications.json")
        #expect(error?.reason.contains("not valid JSON") == true)
    }
}

/// A table whose expansion would exhaust memory is read as text, with a warning; tables
/// of any written spec's size, and code that looks like a table, are untouched.
@Suite struct TableBudgetTests {
    static func table(columns: Int, rows: Int, fenced: Bool = false) -> String {
        let header = "|" + Array(repeating: "h", count: columns).joined(separator: "|") + "|\n"
        let delimiter = "|" + Array(repeating: "-", count: columns).joined(separator: "|") + "|\n"
        let body = String(repeating: "|x\n", count: rows)
        let table = header + delimiter + body
        return fenced ? "```\n" + table + "```\n" : table
    }

    static func spec(_ middle: String) -> String {
        """
        # T {#t}

        ## Rules {#t.rules}

        ### Before {#t.before kind=safety direction=prohibit}

        Never do the first thing.

        \(middle)
        ### After {#t.after kind=behavioral direction=require}

        Always do the second thing.
        """
    }

    @Test func aWideTableOfManyRowsIsTextAndTheRulesAroundItStay() throws {
        let spec = try SpecReader.read(path: "wide.md", text: Self.spec(Self.table(columns: 3000, rows: 4000)))
        #expect(spec.rules.map(\.id) == ["t.before", "t.after"])
        let warning = try #require(spec.diagnostics.first { $0.code == "table-too-large" })
        #expect(warning.line == 10 && warning.message.contains("3000 columns and 4000 rows"), "\(warning)")
    }

    /// A row of very many columns is text even with few cells: cmark-gfm's table extension
    /// is quadratic in a row's columns.
    @Test func aTableOfTooManyColumnsIsTextEvenWithFewRows() throws {
        let spec = try SpecReader.read(path: "wide.md", text: Self.spec(Self.table(columns: 1500, rows: 2)))
        #expect(spec.rules.map(\.id) == ["t.before", "t.after"])
        let warning = try #require(spec.diagnostics.first { $0.code == "table-too-large" })
        #expect(warning.message.contains("1500 columns (over 1000)"), "\(warning)")
        let fits = try SpecReader.read(path: "fits.md", text: Self.spec(Self.table(columns: 1000, rows: 2)))
        #expect(!fits.diagnostics.contains { $0.code == "table-too-large" })
    }

    @Test func ordinaryTablesAndTableLikeCodeAreUntouched() throws {
        let small = try SpecReader.read(path: "small.md", text: Self.spec(Self.table(columns: 12, rows: 200)))
        #expect(!small.diagnostics.contains { $0.code == "table-too-large" })
        let code = Self.spec(Self.table(columns: 3000, rows: 200, fenced: true))
        #expect(TableBudget.apply(Array(code.utf8), file: "code.md") == nil, "a fenced block is code, not a table")
    }
}
