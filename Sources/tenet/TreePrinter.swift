import TenetSpec

/// ANSI styling for the human tree, or none.
struct TreeStyle: Sendable {
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
        // Counted in place: filtering would copy every rule.
        var safety = 0, behavioral = 0, examples = 0
        for r in spec.rules.indices {
            switch spec.rules[r].kind {
            case .safety: safety += 1
            case .behavioral: behavioral += 1
            case .unclassified: break
            }
            examples += spec.rules[r].examples.count
        }
        out += style.bold(SafeText.visible(spec.title)) + style.dim("  (\(SafeText.visible(spec.id)), \(spec.dialect.rawValue), \(SafeText.visible(spec.source)))") + "\n"
        out += "  \(counted(spec.rules.count, "rule")): \(safety) safety, \(behavioral) behavioral, "
            + "\(spec.rules.count - safety - behavioral) unclassified · \(counted(examples, "example")) · "
            + "\(counted(spec.parameters.count, "parameter"))\n"
        if !spec.parameters.isEmpty {
            let parts = spec.parameters.map { p in
                var s = p.name
                if !p.values.isEmpty { s += " ∈ {" + p.values.joined(separator: ", ") + "}" }
                if let d = p.defaultValue { s += " = " + d }
                return SafeText.visible(s)
            }
            out += "  parameters: " + parts.joined(separator: "; ") + "\n"
        }
        // Rules by the section they sit in, found by position: two sections or rules may
        // share an ID (a spec pasted twice), and each is shown once, where it is.
        let bySection = spec.ruleIndicesBySection
        // Each rule's line is made on all cores (on a large spec they are most of the work);
        // the tree is then put together from them in order.
        let lines = ParallelMap.map(Array(spec.rules.indices), minimumPerSlice: 500) { line(spec.rules, $0, style: style) }
        for r in bySection[0] {
            indent(1, into: &out)
            out += lines[r]
        }
        var next = 1
        for section in spec.sections {
            render(section, depth: 1, spec: spec, lines: lines, rules: bySection, next: &next, style: style, into: &out)
        }
        return out
    }

    private static func indent(_ depth: Int, into out: inout String) {
        for _ in 0..<depth { out += "  " }
    }

    /// `lines`: each rule's line, by its index in `spec.rules`; `rules`: the rules of each
    /// section (``Spec/ruleIndicesBySection``), this one's at `next`, which moves on past
    /// it and its subsections.
    private static func render(_ section: Section, depth: Int, spec: Spec, lines: [String], rules: [[Int]], next: inout Int,
                               style: TreeStyle, into out: inout String) {
        indent(depth, into: &out)
        out += style.bold("§ " + SafeText.visible(section.title))
        out += style.dim("  #\(SafeText.visible(section.id))  :\(section.line)")
        out += "\n"
        // Rules and subsections in document order (both lists are in line order already;
        // a rule and a subsection never share a line).
        let own = rules[next]
        next += 1
        var r = 0, s = 0
        while r < own.count || s < section.sections.count {
            if r < own.count, s == section.sections.count || spec.rules[own[r]].line < section.sections[s].line {
                indent(depth + 1, into: &out)
                out += lines[own[r]]
                r += 1
            } else {
                render(section.sections[s], depth: depth + 1, spec: spec, lines: lines, rules: rules, next: &next, style: style, into: &out)
                s += 1
            }
        }
    }

    /// The line of rule `r` of the tree, without its indent. The rule is read where it is:
    /// taking it out of the array copies every string and array in it.
    private static func line(_ rules: [Rule], _ r: Int, style: TreeStyle) -> String {
        var good = 0, bad = 0, borderline = 0
        for e in rules[r].examples.indices {
            switch rules[r].examples[e].verdict {
            case .good: good += 1
            case .bad: bad += 1
            case .borderline: borderline += 1
            default: break
            }
        }
        var marks: [String] = []
        if !rules[r].examples.isEmpty {
            var e = "ex"
            if good > 0 { e += " \(good)G" }
            if bad > 0 { e += " \(bad)B" }
            if borderline > 0 { e += " \(borderline)?" }
            marks.append(e)
        }
        if rules[r].rationale != nil { marks.append("rationale") }
        if let direction = rules[r].direction { marks.append(direction.rawValue) }
        let range = rules[r].endLine > rules[r].line ? ":\(rules[r].line)-\(rules[r].endLine)" : ":\(rules[r].line)"
        // Counting characters walks graphemes: a title of at most 70 bytes has at most 70.
        let long = rules[r].title.utf8.count > 70 && rules[r].title.count > 70
        let title = SafeText.visible(long ? String(rules[r].title.prefix(69)) + "…" : rules[r].title)
        var out = style.badge(rules[r].kind)
        out += " "
        out += style.bold(SafeText.visible(rules[r].id))
        out += "  "
        out += title
        out += style.dim("  \(range)" + (marks.isEmpty ? "" : "  " + marks.joined(separator: " ")))
        out += "\n"
        return out
    }
}
