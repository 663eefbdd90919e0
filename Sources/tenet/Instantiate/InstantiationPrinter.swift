import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// The preview as the commands print it: the rendered text, then the rules and why.
enum InstantiationPrinter {
    static func text(_ instance: Instantiation, format: InstantiationFormat, question: String?) -> String {
        var out = instance.rendered(format, question: question)
        out += "\n── \(SafeText.visible(instance.spec)) r\(instance.specRevision) · seed \(instance.controls.seed) · \(instance.rules.count) rules"
        out += " (drawn \(instance.drawnCount) from \(instance.controls.minRules)..\(instance.controls.maxRules))"
        out += " · \(instance.safety.count) safety, \(instance.behavioral.count) behavioral\n"
        for (i, rule) in instance.rules.enumerated() {
            out += "\(String(i + 1).leftPad(3)). \(SafeText.visible(rule.id))  [\(rule.kind.rawValue)\(rule.direction.map { ", \($0.rawValue)" } ?? "")]  \(rule.reason)\n"
        }
        if !instance.parameters.isEmpty {
            out += "parameters: " + instance.parameters.map { SafeText.visible("\($0.name)=\($0.value ?? "(unset)")") + " (\($0.source.rawValue))" }.joined(separator: ", ") + "\n"
        }
        for note in instance.notes { out += "note: \(SafeText.visible(note))\n" }
        return out
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
