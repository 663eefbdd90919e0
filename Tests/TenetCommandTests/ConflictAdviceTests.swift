import ArgumentParser
import Testing
import TenetStore
@testable import tenet

/// The command a conflict tells you to read the entity again with (``EntityKind/showCommand(id:name:)``)
/// is a real command for every kind of entity.
@Suite struct ConflictAdviceTests {
    @Test func everyKindsShowCommandParses() throws {
        for kind in EntityKind.allCases {
            let command = kind.showCommand(id: "travel/travel.budget-honesty#kind", name: "travel.budget-honesty#kind")
            let words = command.split(separator: " ").map(String.init)
            #expect(words.first == "tenet", "\(kind): \(command)")
            #expect(throws: Never.self, "\(kind): \(command)") { _ = try Tenet.parseAsRoot(Array(words.dropFirst())) }
        }
        #expect(EntityKind.pair.showCommand(id: "p1", name: "p1") == "tenet pair show p1")
        #expect(EntityKind.rule.showCommand(id: "travel/travel.x", name: "travel.x") == "tenet rule show travel/travel.x")
        #expect(EntityKind.suggestion.showCommand(id: "travel/travel.x#kind", name: "travel.x#kind") == "tenet annotate travel --list --rule travel.x")
    }
}
