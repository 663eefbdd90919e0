import Foundation
import Testing
@testable import TenetSpec

/// What is written from a spec's rules without an instance reads with the parameters'
/// defaults, not with `{{placeholders}}` (the travel sample's `{{booking_tools}}` used to
/// reach midtraining documents as it was written).
@Suite struct ParameterFillingTests {
    @Test func rulesReadWithTheDefaultsOrTheInstancesValues() throws {
        let spec = try SpecReader.read(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleSpecs/travel-planning.md").path)
        #expect(spec.rules.contains { $0.text.contains("{{booking_tools}}") })
        let filled = spec.filled(with: spec.defaultParameterValues)
        #expect(spec.defaultParameterValues["booking_tools"] == "search-only")
        #expect(!filled.rules.contains { rule in
            ([rule.text] + [rule.rationale, rule.scope].compactMap { $0 } + rule.exceptions
                + rule.examples.flatMap { $0.turns.map(\.content) }).contains { $0.contains("{{booking_tools}}") }
        })
        #expect(filled.rules.first { $0.id == "travel.booking-consent" }?.text.contains("With the booking tools set to search-only") == true)
        let chosen = spec.filled(with: ["booking_tools": "none"])
        #expect(chosen.rules.first { $0.id == "travel.booking-consent" }?.text.contains("set to none") == true)
        #expect(spec.filled(with: [:]) == spec)
    }
}
