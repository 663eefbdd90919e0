import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// Rules read in one go (an export's) are the rules read one at a time, lines included:
/// reading each alone read the spec's whole snapshot for each, and an export of 25,000
/// rules took minutes.
@Suite struct RulesInOneReadTests {
    @Test func rulesReadTogetherAreTheRulesReadAlone() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, identity: .owner("alice"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("SampleSpecs/travel-planning.md"), encoding: .utf8)
        _ = try store.importSpec(try SpecReader.read(path: "travel-planning.md", text: text), text: text)
        let keys = try store.ruleSummaries(spec: "travel").map(\.key)
        #expect(keys.count > 10)
        let together = try store.rules(keys: keys)
        #expect(together == (try keys.map { try store.rule($0) }))
        #expect(together.allSatisfy { $0.lines?.count == 2 }, "each keeps its lines in the spec's text")
        #expect(try store.blame(rule: keys[0], withLines: false).1 == (try store.blame(rule: keys[0]).1))
    }
}
