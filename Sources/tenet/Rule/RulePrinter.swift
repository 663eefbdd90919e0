import TenetSpec
import TenetStore

/// The human form of `tenet rule show`.
enum RulePrinter {
    /// `full`: every example turn whole, line by line; otherwise each is cut at 160
    /// characters on one line (`↵` for a line break), saying how to see the rest.
    static func render(_ stored: StoredRule, style: TreeStyle, full: Bool = false) -> String {
        let rule = stored.record.effective
        let set = stored.record.annotations
        func mark(_ overridden: Bool) -> String { overridden ? style.paint("*", "33") : " " }
        var out = style.badge(rule.kind) + " " + style.bold(SafeText.visible(rule.id))
            + style.dim("  revision \(stored.revision)  (\(stored.key))") + "\n"
        out += "  " + SafeText.visible(rule.title) + "\n"
        var place = "  spec \(SafeText.visible(stored.record.spec))"
        if let section = rule.path.last { place += " · section \(SafeText.visible(section))" }
        if let lines = stored.lines, lines.count == 2 { place += " · lines \(lines[0])-\(lines[1])" }
        if stored.record.removed { place += " · REMOVED from the spec file" }
        out += style.dim(place) + "\n\n"
        if let leadIn = rule.leadIn { out += style.dim("    lead-in: ") + SafeText.visible(leadIn) + "\n" }
        for line in rule.text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "    " + SafeText.visible(String(line)) + "\n"
        }
        out += "\n"
        func field(_ name: String, _ value: String?, _ overridden: Bool) {
            guard let value, !value.isEmpty else { return }
            out += mark(overridden) + " " + style.bold(name.padding(toLength: 13, withPad: " ", startingAt: 0)) + SafeText.visible(value) + "\n"
        }
        field("kind", rule.kind.rawValue + (rule.kindReason.map { "  (\($0))" } ?? ""), set.kind != nil)
        field("direction", (rule.direction?.rawValue ?? (rule.directionReason == nil ? nil : "none"))
            .map { $0 + (rule.directionReason.map { "  (\($0))" } ?? "") }, set.direction != nil)
        field("part of", rule.parent, false)
        field("authority", rule.authority?.rawValue, set.authority != nil)
        field("priority", rule.priority.map(String.init), set.priority != nil)
        field("family", rule.family, set.family != nil)
        field("scope", rule.scope, set.scope != nil)
        field("rationale", rule.rationale, set.rationale != nil)
        field("concreteness", rule.concreteness, set.concreteness != nil)
        for (n, exception) in rule.exceptions.enumerated() {
            field(n == 0 ? "exceptions" : "", "- " + exception, set.exceptions != nil)
        }
        if let context = rule.context {
            out += "  " + style.bold("context") + "\n"
            for line in context.split(separator: "\n", omittingEmptySubsequences: false) { out += "    " + SafeText.visible(String(line)) + "\n" }
        }
        if !rule.examples.isEmpty { out += "\n" }
        let fromFile = stored.record.source.examples.count
        for (n, example) in rule.examples.enumerated() {
            let verdict: String
            switch example.verdict {
            case .good: verdict = style.paint("GOOD", "32")
            case .bad: verdict = style.paint("BAD", "31")
            case .borderline: verdict = style.paint("BORDERLINE", "33")
            case .unspecified: verdict = "?"
            }
            out += mark(n >= fromFile) + " \(n + 1). \(verdict)  \(SafeText.visible(example.title))\n"
            /// A labelled text: whole, line by line, with `full`; else on one line, cut at 160.
            func labelled(_ label: String, _ text: String, cutting: Bool) {
                if full {
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    out += label + SafeText.visible(String(lines.first ?? "")) + "\n"
                    for line in lines.dropFirst() { out += "        " + SafeText.visible(String(line)) + "\n" }
                    return
                }
                let cut = cutting && text.count > 160
                out += label + SafeText.visible(cut ? String(text.prefix(159)) + "…" : text)
                    + (cut ? style.dim(" (--full shows it all)") : "") + "\n"
            }
            for turn in example.turns { labelled(style.dim("      \(SafeText.visible(turn.role)): "), turn.content, cutting: true) }
            if let reason = example.reason { labelled(style.dim("      why: "), reason, cutting: false) }
        }
        if [set.kind != nil, set.direction != nil, set.authority != nil, set.priority != nil, set.family != nil,
            set.scope != nil, set.rationale != nil, set.exceptions != nil, set.concreteness != nil, !set.examples.isEmpty].contains(true) {
            out += style.dim("\n* set in Tenet (the spec file says otherwise or nothing)") + "\n"
        }
        return out
    }
}
