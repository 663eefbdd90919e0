import Foundation
import Testing
import TenetSpec
import TenetUI
@testable import TenetWorkbench

/// Lint findings land on the rule whose lines hold them, the innermost one; the workbench
/// places them in one sweep, where it looked at every rule for every finding.
@Suite struct LintMarksTests {
    static func finding(_ line: Int, _ code: String) -> Diagnostic {
        Diagnostic(file: "one.md", line: line, severity: .warning, code: code, message: "finding \(code)")
    }

    @Test func aFindingLandsOnTheInnermostRuleThatHoldsItsLine() {
        let ruleLines = ["parent": [3, 20], "child": [5, 8], "later": [22, 30], "empty": []]
        let marks = LintMarks.place([Self.finding(6, "a"), Self.finding(10, "b"), Self.finding(21, "c"),
                                     Self.finding(5, "d"), Self.finding(30, "e"), Self.finding(1, "f")], ruleLines: ruleLines)
        #expect(marks["child"]?.map(\.message) == ["finding a [a]", "finding d [d]"])
        #expect(marks["parent"]?.map(\.message) == ["finding b [b]"])
        #expect(marks["later"]?.map(\.message) == ["finding e [e]"])
        // For the section they are in to show.
        #expect(marks[LintMark.noRule]?.map(\.message) == ["finding c [c]", "finding f [f]"], "lines 1 and 21 are on no rule: \(marks)")
        #expect(marks.count == 4)
    }

    /// The one rule the old search picked for each finding: the last to start among those
    /// holding its line (rules that start together: either); none, ``LintMark/noRule``.
    static func reference(_ diagnostics: [Diagnostic], _ ruleLines: [String: [Int]]) -> [[String]] {
        let ranges = ruleLines.sorted { ($0.value.first ?? 0, $0.key) < ($1.value.first ?? 0, $1.key) }
        return diagnostics.map { diagnostic in
            ranges.last { ($0.value.first ?? .max) <= diagnostic.line && diagnostic.line <= ($0.value.last ?? 0) }.map { [$0.key] }
                ?? [LintMark.noRule]
        }
    }

    @Test func theSweepPlacesEveryFindingWhereTheSearchDid() {
        var random = SeededRandom(seed: 21)
        for _ in 0..<300 {
            // Rules nested, side by side and overlapping, and findings on and between them.
            var ruleLines: [String: [Int]] = [:]
            for k in 0..<Int.random(in: 0...12, using: &random) {
                let first = Int.random(in: 1...60, using: &random)
                ruleLines["r\(k)"] = [first, first + Int.random(in: 0...25, using: &random)]
            }
            let diagnostics = (0..<Int.random(in: 0...20, using: &random)).map { Self.finding(Int.random(in: 0...90, using: &random), "c\($0)") }
            let marks = LintMarks.place(diagnostics, ruleLines: ruleLines)
            var found: [String: [String]] = [:]
            for (diagnostic, keys) in zip(diagnostics, Self.reference(diagnostics, ruleLines)) {
                for key in keys { found[key, default: []].append("\(diagnostic.message) [\(diagnostic.code)]") }
            }
            #expect(marks.mapValues { $0.map(\.message) } == found, "\(ruleLines) \(diagnostics.map(\.line))")
        }
    }
}
