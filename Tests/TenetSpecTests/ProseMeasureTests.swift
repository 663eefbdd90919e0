import Foundation
import Testing
@testable import TenetSpec

/// How well prose rules are read, measured on public prose policies labelled by hand
/// (`Fixtures/public/*.labels.tsv`, labelling rules in `README-labels.md`): precision and
/// recall of rule extraction, and accuracy of kind and direction on the rules found.
/// The figures are printed and recorded in Benchmarks/RESULTS.md ("Reading prose rules").
/// `TENET_MEASURE_VERBOSE=1` also prints every disagreement.
@Suite struct ProseMeasureTests {
    /// Read while the prose reader was written.
    static let development = ["constitution_helpfulness", "constitution_harm_and_safety", "open_assistant_guidelines"]
    /// Labelled before Tenet was first run on them.
    static let heldOut = ["constitution_honesty", "model_spec_overview"]
    static var fixtures: [String] { development + heldOut }

    struct Label {
        var line: Int
        var isRule: Bool
        var kind: String
        var direction: String
        var text: String
    }

    struct Figures {
        var blocks = 0, truePositives = 0, falsePositives = 0, falseNegatives = 0, kindRight = 0, directionRight = 0
        var disagreements: [String] = []

        var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
        var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
        var kindAccuracy: Double { Double(kindRight) / Double(max(1, truePositives)) }
        var directionAccuracy: Double { Double(directionRight) / Double(max(1, truePositives)) }

        static func + (a: Figures, b: Figures) -> Figures {
            Figures(blocks: a.blocks + b.blocks, truePositives: a.truePositives + b.truePositives,
                    falsePositives: a.falsePositives + b.falsePositives, falseNegatives: a.falseNegatives + b.falseNegatives,
                    kindRight: a.kindRight + b.kindRight, directionRight: a.directionRight + b.directionRight,
                    disagreements: a.disagreements + b.disagreements)
        }

        func row(_ name: String) -> String {
            func pct(_ x: Double) -> String { String(format: "%5.1f%%", x * 100) }
            return name.padding(toLength: 30, withPad: " ", startingAt: 0)
                + String(format: "%4d blocks %4d rules  ", blocks, truePositives + falseNegatives)
                + "precision \(pct(precision))  recall \(pct(recall))  kind \(pct(kindAccuracy))  direction \(pct(directionAccuracy))"
        }
    }

    static func labels(_ name: String) throws -> [Label] {
        let text = try String(contentsOfFile: Paths.publicSpecs + "/\(name).labels.tsv", encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Label(line: Int(f[0]) ?? 0, isRule: f[1] == "rule", kind: f[2], direction: f[3], text: f.count > 4 ? f[4] : "")
        }
    }

    /// How Tenet read a rule's direction, in the labels' words.
    static func direction(of rule: Rule) -> String {
        if let direction = rule.direction { return direction.rawValue }
        return rule.directionReason?.hasPrefix("permits") == true ? "permit" : "unknown"
    }

    static func measure(_ name: String) throws -> Figures {
        let spec = try SpecReader.read(path: Paths.publicSpecs + "/\(name).md")
        let byLine = Dictionary(spec.rules.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        var figures = Figures()
        for label in try labels(name) {
            figures.blocks += 1
            let found = byLine[label.line]
            let at = "\(name):\(label.line) “\(label.text.prefix(50))”"
            switch (label.isRule, found) {
            case (true, let rule?):
                figures.truePositives += 1
                if rule.kind.rawValue == label.kind { figures.kindRight += 1 }
                else { figures.disagreements.append("kind \(rule.kind.rawValue), labelled \(label.kind): \(at) — \(rule.kindReason ?? "")") }
                if direction(of: rule) == label.direction { figures.directionRight += 1 }
                else { figures.disagreements.append("direction \(direction(of: rule)), labelled \(label.direction): \(at) — \(rule.directionReason ?? "")") }
            case (true, nil):
                figures.falseNegatives += 1
                figures.disagreements.append("missed rule: \(at)")
            case (false, let rule?):
                figures.falsePositives += 1
                figures.disagreements.append("not a rule, read as one: \(at) — \(rule.directionReason ?? "")")
            case (false, nil):
                break
            }
        }
        // Every rule Tenet found sits on a labelled block.
        let labelled = Set(try labels(name).map(\.line))
        for rule in spec.rules where !labelled.contains(rule.line) {
            figures.disagreements.append("rule on an unlabelled line: \(name):\(rule.line) \(rule.title)")
            figures.falsePositives += 1
        }
        return figures
    }

    @Test func proseRulesAreReadWithAtLeast85PercentOnEachMeasure() throws {
        var total = Figures()
        var lines: [String] = []
        for set in [Self.development, Self.heldOut] {
            var subtotal = Figures()
            for name in set {
                let figures = try Self.measure(name)
                lines.append(figures.row(name))
                subtotal = subtotal + figures
            }
            lines.append(subtotal.row(set == Self.development ? "development set" : "held-out set"))
            total = total + subtotal
        }
        lines.append(total.row("all"))
        print("Reading prose rules (hand-labelled public policies):\n" + lines.joined(separator: "\n"))
        if ProcessInfo.processInfo.environment["TENET_MEASURE_VERBOSE"] != nil {
            print(total.disagreements.joined(separator: "\n"))
        }
        #expect(total.precision >= 0.85)
        #expect(total.recall >= 0.85)
        #expect(total.kindAccuracy >= 0.85)
        #expect(total.directionAccuracy >= 0.85)
    }

    @Test func everyLabelledLineStartsABlock() throws {
        for name in Self.fixtures {
            let source = try String(contentsOfFile: Paths.publicSpecs + "/\(name).md", encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            for label in try Self.labels(name) {
                let line = source[label.line - 1].trimmingCharacters(in: .whitespaces)
                let start = label.text.replacingOccurrences(of: "…", with: "").prefix(20)
                #expect(line.contains(start) || line.hasPrefix("-") || line.hasPrefix("*"), "\(name):\(label.line)")
            }
        }
    }
}
