import TenetSpec

/// ANSI styling for the human tree, or none.
struct TreeStyle {
    var color: Bool

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }

    func badge(_ kind: RuleKind) -> String {
        switch kind {
        case .safety: return paint("[S]", "1;31")
        case .behavioral: return paint("[B]", "1;34")
        case .unclassified: return paint("[?]", "33")
        }
    }
}

/// The indented rule tree `tenet parse` prints.
///
/// ```
/// Child Storytelling Companion  (child, tenet, SampleSpecs/child-storytelling.md)
///   14 rules: 6 safety, 8 behavioral, 0 unclassified · 31 examples · 3 parameters
///   parameters: audience_age ∈ {5-7, 8-10} = 5-7, …
///   § Safety  #child.safety  :12
///     [S] child.no-violence  Keep peril gentle  :14-40  ex 2G 1B  rationale
/// ```
enum TreePrinter {
    static func render(_ spec: Spec, style: TreeStyle) -> String {
        var out = ""
        let safety = spec.rules.filter { $0.kind == .safety }.count
        let behavioral = spec.rules.filter { $0.kind == .behavioral }.count
        let examples = spec.rules.reduce(0) { $0 + $1.examples.count }
        out += style.bold(SafeText.visible(spec.title)) + style.dim("  (\(SafeText.visible(spec.id)), \(spec.dialect.rawValue), \(SafeText.visible(spec.source)))") + "\n"
        out += "  \(spec.rules.count) rules: \(safety) safety, \(behavioral) behavioral, "
            + "\(spec.rules.count - safety - behavioral) unclassified · \(examples) examples · "
            + "\(spec.parameters.count) parameters\n"
        if !spec.parameters.isEmpty {
            let parts = spec.parameters.map { p in
                var s = p.name
                if !p.values.isEmpty { s += " ∈ {" + p.values.joined(separator: ", ") + "}" }
                if let d = p.defaultValue { s += " = " + d }
                return SafeText.visible(s)
            }
            out += "  parameters: " + parts.joined(separator: "; ") + "\n"
        }
        // Rules by the section they sit in (two rules may share an ID: both are shown).
        var bySection: [String: [Rule]] = [:]
        for rule in spec.rules { bySection[rule.path.last ?? "", default: []].append(rule) }
        for rule in bySection[""] ?? [] { out += line(rule, depth: 1, style: style) }
        for section in spec.sections { out += render(section, depth: 1, rules: bySection, style: style) }
        return out
    }

    private static func render(_ section: Section, depth: Int, rules: [String: [Rule]], style: TreeStyle) -> String {
        var out = String(repeating: "  ", count: depth) + style.bold("§ " + SafeText.visible(section.title))
            + style.dim("  #\(SafeText.visible(section.id))  :\(section.line)") + "\n"
        // Rules and subsections in document order.
        var items: [(Int, String)] = (rules[section.id] ?? []).map { ($0.line, line($0, depth: depth + 1, style: style)) }
        items += section.sections.map { ($0.line, render($0, depth: depth + 1, rules: rules, style: style)) }
        for (_, text) in items.sorted(by: { $0.0 < $1.0 }) { out += text }
        return out
    }

    private static func line(_ rule: Rule, depth: Int, style: TreeStyle) -> String {
        let good = rule.examples.filter { $0.verdict == .good }.count
        let bad = rule.examples.filter { $0.verdict == .bad }.count
        let borderline = rule.examples.filter { $0.verdict == .borderline }.count
        var marks: [String] = []
        if !rule.examples.isEmpty {
            var e = "ex"
            if good > 0 { e += " \(good)G" }
            if bad > 0 { e += " \(bad)B" }
            if borderline > 0 { e += " \(borderline)?" }
            marks.append(e)
        }
        if rule.rationale != nil { marks.append("rationale") }
        if let direction = rule.direction { marks.append(direction.rawValue) }
        let range = rule.endLine > rule.line ? ":\(rule.line)-\(rule.endLine)" : ":\(rule.line)"
        let title = SafeText.visible(rule.title.count > 70 ? String(rule.title.prefix(69)) + "…" : rule.title)
        return String(repeating: "  ", count: depth) + style.badge(rule.kind) + " " + style.bold(SafeText.visible(rule.id))
            + "  " + title + style.dim("  \(range)" + (marks.isEmpty ? "" : "  " + marks.joined(separator: " "))) + "\n"
    }
}
