import TenetSpec
import TenetUI

/// Lint findings placed on the rules whose lines they fall on.
enum LintMarks {
    /// Each finding goes to the rule that starts last among those whose lines hold its line
    /// (a nested rule's, not its parent's); a finding on no rule's lines goes under
    /// ``LintMark/noRule``, for the section it is in to show.
    /// `ruleLines`: rule key → its first and last line. One sweep down the lines, not a look
    /// at every rule for each finding: a spec of thousands of rules has thousands of
    /// findings.
    static func place(_ diagnostics: [Diagnostic], ruleLines: [String: [Int]]) -> [String: [LintMark]] {
        // Rules in the order they start (their keys break ties, so that the answer never
        // depends on a dictionary's order).
        let rules = ruleLines.compactMap { key, lines -> (key: String, first: Int, last: Int)? in
            guard let first = lines.first, let last = lines.last else { return nil }
            return (key, first, last)
        }.sorted { ($0.first, $0.key) < ($1.first, $1.key) }
        // Findings in line order, each keeping its place in the input (the order the marks
        // of one rule are listed in).
        let order = diagnostics.indices.sorted { (diagnostics[$0].line, $0) < (diagnostics[$1].line, $1) }
        var placed: [(key: String, at: Int)] = []
        placed.reserveCapacity(diagnostics.count)
        // The rules started at or above the current line, the last started on top. One that
        // ended above the line can hold no later line either: it is dropped when it is on
        // top, and the rule on top then is the last started that holds the line.
        var open: [(key: String, last: Int)] = []
        var next = 0
        for index in order {
            let line = diagnostics[index].line
            while next < rules.count, rules[next].first <= line {
                open.append((rules[next].key, rules[next].last))
                next += 1
            }
            while let top = open.last, top.last < line { open.removeLast() }
            placed.append((open.last?.key ?? LintMark.noRule, index))
        }
        var marks: [String: [LintMark]] = [:]
        for (key, index) in placed.sorted(by: { $0.at < $1.at }) {
            let diagnostic = diagnostics[index]
            marks[key, default: []].append(LintMark(severity: diagnostic.severity, line: diagnostic.line,
                                                    message: "\(diagnostic.message) [\(diagnostic.code)]"))
        }
        return marks
    }
}
