import Foundation
import Testing
import TenetSpec
@testable import tenet

/// `eval compare` lists the rules that worsened most first; rules that moved alike keep
/// the run's rule order (it listed behavioral-10 before behavioral-2).
@Suite struct EvalCompareOrderTests {
    @Test func rulesThatMovedAlikeKeepTheRunsOrder() throws {
        func interval(_ mean: Double) -> String { #"{"mean": \#(mean), "low": \#(mean), "high": \#(mean), "count": 3}"# }
        let ids = (1...11).map { "behavioral-\($0)" }
        let rules = ids.map { id in
            #"{"rule": "\#(id)", "violationA": 0, "violationB": \#(id == "behavioral-7" ? 0.5 : 0), "delta": \#(interval(id == "behavioral-7" ? 0.5 : 0))}"#
        }
        let json = #"{"a": "r1", "b": "r2", "shared": 3, "matching": 3, "differentText": 0, "sarDelta": \#(interval(0)), "safetyDelta": \#(interval(0)), "#
            + #""behavioralDelta": \#(interval(0)), "sarA": 0.9, "sarB": 0.9, "rules": [\#(rules.joined(separator: ", "))], "worse": [], "better": 0}"#
        let comparison = try JSONDecoder().decode(EvalComparison.self, from: Data(json.utf8))
        let printed = EvalPrinter.comparison(comparison, limit: 10)
        let listed = printed.split(separator: "\n").compactMap { line in ids.first { line.trimmingCharacters(in: .whitespaces).hasPrefix($0 + " ") } }
        #expect(listed == ["behavioral-7"] + ids.filter { $0 != "behavioral-7" }, "\(listed)")
    }
}
