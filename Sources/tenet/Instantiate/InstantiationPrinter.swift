import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// The preview as the commands print it: the rendered text, then the rules and why.
enum InstantiationPrinter {
    static func text(_ instance: Instantiation, format: InstantiationFormat, question: String?) -> String {
        instance.rendered(format, question: question) + "\n" + summary(instance)
    }

    /// Prints the preview, then `footer`. With `--format specbench` standard output holds
    /// SpecBench's user turn alone, byte for byte (so `> turn.txt` is the turn), and the
    /// rules, why, and `footer` go to standard error.
    static func print(_ instance: Instantiation, format: InstantiationFormat, question: String?, footer: String = "") {
        guard format == .specbench else {
            // The rendered prompt is the spec's text: no style in it is Tenet's.
            Output.write(text(instance, format: format, question: question) + footer, styled: false)
            return
        }
        Output.exact(instance.rendered(format, question: question))
        let rest = summary(instance) + footer
        Output.error(rest.hasSuffix("\n") ? String(rest.dropLast()) : rest)
    }

    /// The rules drawn and why, the parameters and notes.
    static func summary(_ instance: Instantiation) -> String {
        var out = "── \(SafeText.visible(instance.spec)) r\(instance.specRevision) · seed \(instance.controls.seed) · \(instance.rules.count) rules"
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
