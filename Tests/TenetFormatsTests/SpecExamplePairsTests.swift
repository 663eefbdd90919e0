import Foundation
import Testing
import TenetSpec
@testable import TenetFormats

/// Pairs made from a spec's own examples name only rules: the public Model Spec's
/// `BAD[#chain_of_command]` names a section, which is no rule a pair can target.
@Suite struct SpecExamplePairsTests {
    @Test func pairsFromTheModelSpecNameOnlyItsRules() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TenetSpecTests/Fixtures/public/model_spec.md").path
        let spec = try SpecReader.read(path: path)
        let pairs = SpecExamplePairs.pairs(spec, revision: 1)
        #expect(pairs.count > 50)
        let rules = Set(spec.rules.map(\.id))
        let strays = pairs.flatMap(\.rules).filter { !rules.contains($0) }
        #expect(strays.isEmpty, "not rules: \(Set(strays).sorted())")
    }
}
