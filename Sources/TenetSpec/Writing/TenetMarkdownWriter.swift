/// Writes a spec as Tenet Markdown with every annotation and boundary example written in:
/// the form `tenet export rules --format markdown` produces. Reading the result back
/// gives the same sections, rules, IDs, annotations and examples, whatever dialect the
/// spec was first written in.
///
/// - Every section and rule heading carries its ID, so generated IDs become explicit.
/// - A rule's kind, direction, priority and authority go in its heading's attribute block
///   (`kind=unclassified` keeps an unclassified rule a rule); family and concreteness too
///   when they are one word, and the rule a nested bullet refines (`parent=`). The rest
///   are labelled items under the rule's text, a prose rule's lead-in and context too.
/// - Kinds and directions Tenet inferred are written as plain annotations: the written
///   spec states them.
/// - Annotation values are written as one paragraph each: line breaks inside a value
///   become spaces, as when a file is read.
/// - Examples become `**Example (VERDICT #rule):** title` + a `chat` block + `**Why:**`.
public enum TenetMarkdownWriter {
    public static func markdown(_ spec: Spec) -> String {
        var out = "# " + inline(spec.title) + " {#\(spec.id)}\n"
        let plainText = spec.dialect == .specBenchJSON
        let description = spec.description.trimmed()
        if !description.isEmpty { out += "\n" + (plainText ? escapingBlockStarts(description) : description) + "\n" }
        let rulesByID = Dictionary(spec.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var written = Set<String>()

        func isParameterSection(_ section: Section) -> Bool {
            section.title.lowercased() == "parameters" || section.id == "parameters" || section.id.hasSuffix(".parameters")
        }
        func parameters(level: Int, id: String, title: String) {
            out += "\n" + String(repeating: "#", count: level) + " \(inline(title)) {#\(id)}\n\n"
            out += "| parameter | values | default | meaning |\n|---|---|---|---|\n"
            for parameter in spec.parameters {
                out += "| `\(parameter.name)` | " + parameter.values.map { "`\($0)`" }.joined(separator: ", ")
                    + " | " + (parameter.defaultValue.map { "`\($0)`" } ?? "") + " | " + cell(parameter.description) + " |\n"
            }
        }
        func rule(_ rule: Rule, level: Int) {
            written.insert(rule.id)
            out += "\n" + heading(rule, level: level) + "\n"
            out += body(rule, plainText: plainText)
        }
        // Rules and subsections in document order (by their first line).
        func children(rules ids: [String], sections: [Section], level: Int) {
            enum Item { case rule(Rule), section(Section) }
            var items: [(line: Int, item: Item)] = ids.compactMap { rulesByID[$0] }.map { ($0.line, .rule($0)) }
            items += sections.map { ($0.line, .section($0)) }
            for (_, item) in items.sorted(by: { $0.line < $1.line }) {
                switch item {
                case .rule(let r): rule(r, level: min(6, level))
                case .section(let s): section(s, level: min(6, level))
                }
            }
        }
        func section(_ section: Section, level: Int) {
            if isParameterSection(section) && !spec.parameters.isEmpty {
                parameters(level: level, id: section.id, title: section.title)
                return
            }
            out += "\n" + String(repeating: "#", count: level) + " \(inline(section.title)) {#\(section.id)}\n"
            children(rules: section.rules, sections: section.sections, level: level + 1)
        }

        let topRules = spec.rules.filter { $0.path.isEmpty }.map(\.id)
        if !spec.parameters.isEmpty && !spec.sections.contains(where: isParameterSection) {
            parameters(level: 2, id: "parameters", title: "Parameters")
        }
        children(rules: topRules, sections: spec.sections, level: 2)
        // Rules no section lists (a spec assembled by hand): at the end, in order.
        for leftover in spec.rules where !written.contains(leftover.id) { rule(leftover, level: 2) }
        return out
    }

    /// `### Title {#id kind=… direction=… …}`.
    static func heading(_ rule: Rule, level: Int) -> String {
        var attributes = ["#" + rule.id, "kind=" + rule.kind.rawValue]
        if let direction = rule.direction { attributes.append("direction=" + direction.rawValue) }
        if let priority = rule.priority { attributes.append("priority=\(priority)") }
        if let authority = rule.authority { attributes.append("authority=" + authority.rawValue) }
        if let family = rule.family, isWord(family) { attributes.append("family=" + family) }
        if let concreteness = rule.concreteness, isWord(concreteness) { attributes.append("concreteness=" + concreteness) }
        if let parent = rule.parent { attributes.append("parent=" + parent) }
        for key in rule.attributes.keys.sorted() where isAttributeName(key) {
            attributes.append(key + "=" + quoted(rule.attributes[key] ?? ""))
        }
        let title = rule.title.isEmpty ? rule.id : inline(rule.title)
        return String(repeating: "#", count: level) + " " + title + " {" + attributes.joined(separator: " ") + "}"
    }

    /// The rule's text, its labelled annotations, commentary and examples. `plainText`: the
    /// text is not Markdown (a SpecBench list's), so a line that would open a heading, a
    /// fence, an example or an admonition is escaped: read back, it would have been a rule
    /// of its own (`### Injected {#x kind=safety}`), or swallowed the rules after it.
    static func body(_ rule: Rule, plainText: Bool = false) -> String {
        var out = ""
        let text = plainText ? escapingBlockStarts(rule.text.trimmed()) : rule.text.trimmed()
        if !text.isEmpty { out += "\n" + text + "\n" }
        var items: [String] = []
        func item(_ label: String, _ value: String?) {
            guard let value = value.map(oneParagraph), !value.isEmpty else { return }
            items.append(wrap(value, first: "- **\(label):** ", indent: "  "))
        }
        item("Lead-in", rule.leadIn)
        item("Scope", rule.scope)
        item("Rationale", rule.rationale)
        item("Context", rule.context)
        if let family = rule.family, !isWord(family) { item("Family", family) }
        if let concreteness = rule.concreteness, !isWord(concreteness) { item("Concreteness", concreteness) }
        if !rule.tags.isEmpty { item("Tags", rule.tags.joined(separator: ", ")) }
        let exceptions = rule.exceptions.map(exception).filter { !$0.isEmpty }
        if !exceptions.isEmpty { items.append("- **Exceptions:**\n" + exceptions.joined(separator: "\n")) }
        if !items.isEmpty { out += "\n" + items.joined(separator: "\n") + "\n" }
        if let commentary = rule.commentary?.trimmed(), !commentary.isEmpty {
            // One admonition per paragraph: a blank line would end the admonition.
            for paragraph in commentary.components(separatedBy: "\n\n") where !paragraph.trimmed().isEmpty {
                out += "\n!!! meta\n" + paragraph.trimmed().split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "    " + $0.trimmingLeadingSpaces() }.joined(separator: "\n") + "\n"
            }
        }
        for example in rule.examples { out += self.example(example) }
        return out
    }

    /// `text` with a backslash before the first character of each line that would start a
    /// block the rule reader acts on: an ATX heading, a setext underline, a code fence, an
    /// `**Example` header, an `!!!` admonition, an HTML block.
    static func escapingBlockStarts(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let body = line.drop { $0 == " " }
            guard line.count - body.count <= 3, let first = body.first else { return String(line) }
            let opens = first == "#" || first == "<" || body.hasPrefix("```") || body.hasPrefix("~~~") || body.hasPrefix("**Example")
                || body.hasPrefix("!!!") || ((first == "=" || first == "-") && body.allSatisfy { $0 == first || $0 == " " })
            return opens ? String(line.prefix(line.count - body.count)) + "\\" + body : String(line)
        }.joined(separator: "\n")
    }

    /// One exception as a nested bullet.
    static func exception(_ text: String) -> String { keepingLines(text, first: "  - ", indent: "    ") }

    /// A paragraph whose line breaks the reader keeps (exceptions, an example's reason):
    /// written with its own lines, unless one would start a block of its own — then as
    /// one line.
    static func keepingLines(_ text: String, first: String, indent: String) -> String {
        let lines = text.trimmed().split(separator: "\n").map { $0.trimmingLeadingSpaces() }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return "" }
        if lines.dropFirst().contains(where: { startsBlock($0.split(separator: " ").first ?? "") }) {
            return first + oneParagraph(text)
        }
        return first + lines.joined(separator: "\n" + indent)
    }

    static func example(_ example: Example) -> String {
        var label = "Example"
        var marks: [String] = []
        if example.verdict != .unspecified { marks.append(example.verdict.rawValue) }
        marks += example.violates.map { "#" + $0 }
        if !marks.isEmpty { label += " (" + marks.joined(separator: " ") + ")" }
        var out = "\n**\(label):** " + oneParagraph(example.title) + "\n\n"
        let turns = example.turns.map { turn in
            (turn.name.map { "\(turn.role) (\($0))" } ?? turn.role) + ": " + turn.content
        }.joined(separator: "\n")
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: turns) + 1))
        out += fence + "chat\n" + turns + "\n" + fence + "\n"
        if let reason = example.reason, !reason.trimmed().isEmpty { out += "\n" + keepingLines(reason, first: "**Why:** ", indent: "") + "\n" }
        return out
    }

    // MARK: text helpers

    /// Heading text on one line.
    static func inline(_ text: String) -> String {
        oneParagraph(text)
    }

    /// Lines joined with spaces, runs of white space collapsed.
    static func oneParagraph(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Text of one paragraph wrapped at 88 columns, continuation lines indented. No line
    /// starts with something Markdown would read as a new block (`- `, `1. `, `#`, `>` …),
    /// so the paragraph reads back as the same text.
    static func wrap(_ text: String, first: String, indent: String, width: Int = 88) -> String {
        var lines: [String] = []
        var line = first
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !empty, line.count + 1 + word.count > width, !startsBlock(word) {
                lines.append(line)
                line = indent + word
            } else {
                line += (empty ? "" : " ") + word
            }
            empty = false
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// Whether a line starting with `word` could open a block of its own.
    static func startsBlock(_ word: Substring) -> Bool {
        guard let first = word.first else { return false }
        if "-*+#>|=`~<[!".contains(first) { return true }
        if first.isNumber, word.contains(where: { $0 == "." || $0 == ")" }) { return true }
        return false
    }

    /// A table cell: one line, pipes escaped.
    static func cell(_ text: String) -> String {
        oneParagraph(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// A bare attribute value: no spaces, quotes, braces or `=`.
    static func isWord(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { !" \t\n\"'{}=".unicodeScalars.contains($0) }
    }

    static func isAttributeName(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    /// An attribute value, quoted when it has to be.
    static func quoted(_ value: String) -> String {
        let value = oneParagraph(value)
        if isWord(value) { return value }
        if !value.contains("\"") { return "\"" + value + "\"" }
        if !value.contains("'") { return "'" + value + "'" }
        return "\"" + value.replacingOccurrences(of: "\"", with: "'") + "\""
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, run = 0
        for c in text {
            if c == character { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return longest
    }
}
