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
}
