import Testing
@testable import tenet

/// A served request that is not offered is refused naming the command, not its arguments.
@Suite struct ServedRefusalNameTests {
    @Test func theRefusalNamesTheCommandItsWordsStartWith() {
        #expect(ServeCommand.commandName(["eval", "show", "r2"]) == "eval show")
        #expect(ServeCommand.commandName(["import", "spec", "/etc/passwd"]) == "import spec")
        #expect(ServeCommand.commandName(["eval", "--json"]) == "eval")
        #expect(ServeCommand.commandName(["frobnicate", "x", "y"]) == "frobnicate")
        #expect(ServeCommand.commandName([String(repeating: "a", count: 100)]).count == 40)
        #expect(ServeCommand.commandName([]) == "")
    }

    /// A folder format refused over SSH names the formats that stream, of what is exported:
    /// `--format json` is no pairs format.
    @Test func aFolderFormatIsAnsweredWithTheStreamedFormatsOfItsKind() throws {
        func problem(_ words: [String], _ rest: [String]) throws -> String? {
            try #require(ServedCommand.all.first { $0.words == words }).problem(rest)
        }
        #expect(try problem(["export", "pairs"], ["--format", "hf"])?.hasSuffix("export pairs as trl, openai or distilabel to standard output instead") == true)
        #expect(try problem(["export", "rules"], ["--format=specbench"])?.contains("json, markdown or msm") == true)
    }
}
