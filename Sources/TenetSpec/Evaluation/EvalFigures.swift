import Foundation

/// How evaluation figures read, on the command line (`tenet eval list`, `show`, `compare`)
/// and on the workbench's evaluation screen alike: four decimals, and `not scored` where
/// nothing was scored — never a 0.0000 that reads like a score of zero. (In JSON the same
/// figures are `null`: ``Bootstrap/Interval`` encodes its mean and bounds so.)
public enum EvalFigures {
    /// What a figure over no scored response reads as.
    public static let notScored = "not scored"

    /// `0.7250`, or `not scored` for `nil`.
    public static func number(_ value: Double?) -> String {
        value.map { String(format: "%.4f", $0) } ?? notScored
    }

    /// `0.7250 [0.6100, 0.8300]`, or `not scored` for an interval over nothing.
    public static func interval(_ value: Bootstrap.Interval) -> String {
        guard value.count > 0 else { return notScored }
        return "\(number(value.mean)) [\(number(value.low)), \(number(value.high))]"
    }

    /// How far a run has come, in the same words everywhere: `12/12 done: 11 answered,
    /// 10 scored, 1 judge failure, 1 with no answer from the model` — done, prompts with a
    /// result; answered, those the model gave an answer to. (The workbench had said "12/12
    /// answered" where the command line said 11.)
    public static func progress(_ summary: EvalSummary) -> String {
        "\(summary.answered)/\(summary.prompts) done: \(summary.answered - summary.answerFailures) answered, \(summary.scored) scored, "
            + "\(summary.judgeFailures) judge failure\(summary.judgeFailures == 1 ? "" : "s")"
            + (summary.answerFailures > 0 ? ", \(summary.answerFailures) with no answer from the model" : "")
    }

    /// A difference B − A with its interval, signed: `+0.1250 [-0.0500, +0.3000]`, or
    /// `not scored` for a difference over nothing.
    public static func delta(_ value: Bootstrap.Interval) -> String {
        guard value.count > 0 else { return notScored }
        func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + number(x) }
        return "\(signed(value.mean)) [\(signed(value.low)), \(signed(value.high))]"
    }
}
