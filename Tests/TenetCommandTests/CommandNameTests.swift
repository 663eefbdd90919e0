import ArgumentParser
import Testing
@testable import tenet

/// Start-up cost of the command tree (issue 21).
@Suite struct CommandNameTests {
    /// ArgumentParser reads every command's name when it builds the tree, at every start.
    /// A name it has to derive from the type (`String(describing:)`) makes the Swift
    /// runtime scan every protocol conformance in the process several times over: with
    /// 24 unnamed commands that was a third of a `tenet rule set`'s instructions.
    @Test func everyCommandNamesItself() {
        var unnamed: [String] = []
        func visit(_ command: ParsableCommand.Type) {
            if command.configuration.commandName == nil { unnamed.append(String(reflecting: command)) }
            command.configuration.subcommands.forEach(visit)
        }
        visit(Tenet.self)
        #expect(unnamed.isEmpty, "give these commands a commandName in their CommandConfiguration: \(unnamed.joined(separator: ", "))")
    }
}
