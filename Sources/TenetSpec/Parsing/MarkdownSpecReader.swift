import Foundation

/// Turns a Markdown spec of any dialect into a ``Spec``.
///
/// Headings make the section tree. A heading whose attribute block carries a rule
/// annotation (`kind=`, `authority=` …) is a rule and owns everything below it up to the
/// next heading of its level or higher. Outside rule headings, lists in `Safety` /
/// `Behavioral` sections and numbered bullets (`- SP1: …`, a series) are rules. Without
/// rule headings, every section whose lists gave no rules is prose, and its rules are inferred.
enum MarkdownSpecReader {
    /// Whether the sections named for a kind (`## Safety`, `## Behavioral specifications`)
    /// hold the spec's rules as SpecBench's are written: a section for each kind, or sections
    /// of nothing but lists. A prose policy with one `## Safety` among its sections, where
    /// paragraphs say what to do and lists follow lead-ins, is read as prose: read as a rule
    /// list, its bullets were its only rules (the rules of every other section, and of the
    /// Safety section's own paragraphs, were lost) and they lost their lead-ins.
    static func listsDeclareKinds(_ sections: [(blocks: [Int], title: String)], in document: MarkdownDocument) -> Bool {
        var kinds: Set<RuleKind> = []
        var onlyLists = true
        for section in sections {
            guard let kind = RuleListReader.listKind(ofSectionTitle: section.title) else { continue }
            kinds.insert(kind)
            if section.blocks.contains(where: { document.blocks[$0].kind != .list }) { onlyLists = false }
        }
        return kinds.count > 1 || (!kinds.isEmpty && onlyLists)
    }

    /// The error for a spec with more rules than are read, the last of them before `line`.
    static func tooManyRules(_ file: String, line: Int, limit: Int) -> SpecReadError {
        SpecReadError(file: file, line: line,
                      reason: "more than \(limit) rules by line \(line); "
                          + "no written spec has so many, and reading them would take gigabytes — split the spec")
    }

    /// Attribute keys that make a heading a rule.
    static let ruleKeys: Set<String> = ["kind", "authority", "direction", "priority", "family", "scope", "concreteness"]

    private struct HeadingInfo: Sendable {
        var index: Int
        var level: Int
        var line: Int
        var title: String
        var attributes: HeadingAttributes?
        var problem: String?
        /// The anchor GitHub gives the heading (``Slug/githubAnchor(_:)``).
        var anchor: String

        var isRule: Bool {
            guard let attributes else { return false }
            return attributes.pairs.contains { MarkdownSpecReader.ruleKeys.contains($0.key) }
                || attributes.classes.contains("rule")
        }
    }

    private struct SectionNode {
        var id: String
        var title: String
        var level: Int
        var line: Int
        var endLine: Int
        var parent: Int?
        var children: [Int] = []
        var blocks: [Int] = []
        var hasRuleHeadings = false
        var path: [String]
    }

    private struct HeadingRule: Sendable {
        var heading: HeadingInfo
        /// The rule's ID: explicit, or claimed in document order with the sections'.
        var id: String
        var path: [String]
        var section: Int?
        var body: [Int] = []
        var endLine: Int
    }

    /// `settings`: what the spec's front matter says (its kinds map, its assistant).
    /// Throws when the spec has more rules than `maximumRules` (``SpecLimits/maximumRules``).
    static func read(_ source: SourceText, settings: SpecSettings = SpecSettings(),
                     maximumRules: Int = SpecLimits.maximumRules) throws(SpecReadError) -> Spec {
        let document = MarkdownDocument(source: source)
        let file = source.path
        var diagnostics: [Diagnostic] = []
        func report(_ line: Int, _ severity: Diagnostic.Severity, _ code: String, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: line, severity: severity, code: code, message: message))
        }

        if let deep = SpecLimits.nestingProblem(in: document) { report(deep.line, .warning, "nesting-too-deep", deep.message) }
        let top = document.blocks.indices.filter { document.blocks[$0].depth == 0 }
        var headings: [Int: HeadingInfo] = [:]
        var uniquer = Slug.Uniquer()
        let headingIndices = top.filter { document.blocks[$0].kind == .heading }
        let infos = ParallelMap.map(headingIndices, minimumPerSlice: 1000) { index in
            let split = HeadingAttributes.split(HeadingLine.text(of: index, in: document))
            return HeadingInfo(index: index, level: Int(document.blocks[index].level),
                               line: Int(document.blocks[index].startLine), title: split.title,
                               attributes: split.attributes, problem: split.problem, anchor: Slug.githubAnchor(split.title))
        }
        // Who a large spec governs is found while its rule bodies are read, when its rules
        // will likely need it (see ``findsNamesAlongsideBodies(_:)``); the read waits for it
        // before returning in any case.
        let namesTask = source.bytes.count >= MarkdownBlocks.parallelThreshold
            && ParallelMap.cores > 1 && findsNamesAlongsideBodies(infos)
            ? AssistantNamesTask(bytes: source.bytes, declared: settings.assistant) : nil
        defer { _ = namesTask?.value() }
        for info in infos {
            let index = info.index
            if let problem = info.problem { report(info.line, .error, "malformed-attributes", problem) }
            if let id = info.attributes?.id { uniquer.reserve(id) }
            headings[index] = info
        }

        // The title heading, if the document has one (see ``SpecTitle``).
        let titleIndex = SpecTitle.titleHeading(infos.map { .init(level: $0.level, title: $0.title, isRule: $0.isRule) })
            .map { infos[$0].index }

        var sections: [SectionNode] = []
        var open: [Int] = []
        var headingRules: [HeadingRule] = []
        var currentRule: Int?
        var preamble: [Int] = []

        func closeRule(before line: Int) {
            if let r = currentRule { headingRules[r].endLine = max(headingRules[r].heading.line, line - 1) }
            currentRule = nil
        }
        func closeSections(level: Int, before line: Int) {
            while let last = open.last, sections[last].level >= level {
                sections[last].endLine = max(sections[last].line, line - 1)
                open.removeLast()
            }
        }

        for index in top {
            guard let info = headings[index] else {
                if let r = currentRule { headingRules[r].body.append(index) }
                else if let s = open.last { sections[s].blocks.append(index) }
                else { preamble.append(index) }
                continue
            }
            if index == titleIndex { continue }
            if let r = currentRule, !info.isRule, info.level > headingRules[r].heading.level {
                headingRules[r].body.append(index)
                continue
            }
            closeRule(before: info.line)
            closeSections(level: info.level, before: info.line)
            if info.isRule {
                if let s = open.last { sections[s].hasRuleHeadings = true }
                let id = info.attributes?.id ?? uniquer.claim(Slug.make(info.title))
                headingRules.append(HeadingRule(heading: info, id: id, path: open.map { sections[$0].id },
                                                section: open.last, endLine: info.line))
                currentRule = headingRules.count - 1
            } else {
                let id = info.attributes?.id ?? uniquer.claim(Slug.make(info.title))
                let node = SectionNode(id: id, title: info.title, level: info.level, line: info.line,
                                       endLine: info.line, parent: open.last,
                                       path: open.map { sections[$0].id } + [id])
                sections.append(node)
                if let parent = open.last { sections[parent].children.append(sections.count - 1) }
                open.append(sections.count - 1)
            }
        }
        let lastLine = max(1, source.lineCount)
        closeRule(before: lastLine + 1)
        closeSections(level: 0, before: lastLine + 1)
        for r in headingRules.indices {
            while headingRules[r].endLine > headingRules[r].heading.line, source.isBlank(headingRules[r].endLine) {
                headingRules[r].endLine -= 1
            }
        }

        // Title, ID and description.
        var spec = Spec(id: "", title: "", source: file, dialect: .prose)
        if let titleIndex, let info = headings[titleIndex] {
            spec.title = InlineScan.plainText(info.title)
            // Read from standard input there is no file name to go by: the title names it.
            spec.id = info.attributes?.id ?? Slug.make(file == "<stdin>" ? spec.title : baseName(file))
        } else {
            spec.title = SpecTitle.fromFileName(file)
            spec.id = Slug.make(baseName(file))
        }

        // Parameters: each table read on its own (on all cores: a file of many specs has
        // hundreds), then taken in document order.
        var parameterSections: Set<Int> = []
        var tables: [Int] = []
        for (s, section) in sections.enumerated()
        where section.title.lowercased() == "parameters" || section.id == "parameters" || section.id.hasSuffix(".parameters") {
            parameterSections.insert(s)
            tables += section.blocks.filter { document.blocks[$0].kind == .table }
        }
        let readTables = ParallelMap.map(tables, minimumPerSlice: 64) { block in
            var problems: [(line: Int, message: String)] = []
            let parameters = ParameterTable.read(table: block, in: document, problems: &problems)
            return (parameters: parameters, problems: problems)
        }
        for table in readTables {
            spec.parameters += table.parameters
            for problem in table.problems { report(problem.line, .error, "bad-parameter-table", problem.message) }
        }

        // Rules.
        var dialectEvidence: (tenet: Int, modelSpec: Int, lists: Int) = (0, 0, 0)
        // Reading rule bodies is most of the work on a large spec, and each is independent:
        // each rule is read and built on its own (on all cores), and what it reports is
        // reported here, in document order.
        // Weighed by lines: a rule with hundreds of examples is as much work as hundreds of rules.
        // The rules and what each reports come back as two arrays, so that the rules are
        // moved into the spec's list rather than copied out of pairs.
        let (headingRuleList, built) = ParallelMap.map(headingRules, weight: { $0.endLine - $0.heading.line + 1 },
                                                  minimumWeightPerSlice: 4000) { headingRule in
            let body = RuleBodyReader.read(headingRule.body, in: document)
            var problems: [(line: Int, severity: Diagnostic.Severity, code: String, message: String)] = []
            var rule = buildHeadingRule(headingRule, body: body) { problems.append(($0, $1, $2, $3)) }
            rule.placeholders = placeholders(headingRule, body)
            let keys = Set((headingRule.heading.attributes?.pairs ?? []).map(\.key) + body.annotations.map(\.label))
            return (rule, (problems: problems, statesKind: keys.contains("kind"), statesDirection: keys.contains("direction")))
        }
        var rules = headingRuleList
        var stated: (kinds: Set<String>, directions: Set<String>) = ([], [])
        stated.kinds.reserveCapacity(built.count)
        stated.directions.reserveCapacity(built.count)
        // By index: iterating the heading rules and results themselves copies each.
        for k in built.indices {
            for problem in built[k].problems { report(problem.line, problem.severity, problem.code, problem.message) }
            if built[k].statesKind { stated.kinds.insert(rules[k].id) }
            if built[k].statesDirection { stated.directions.insert(rules[k].id) }
            if headingRules[k].heading.attributes?.value("authority") != nil { dialectEvidence.modelSpec += 1 }
            if headingRules[k].heading.attributes?.value("kind") != nil { dialectEvidence.tenet += 1 }
        }
        var regions: [(blocks: [Int], title: String, path: [String])] = [(preamble, "", [])]
        for (s, section) in sections.enumerated() where !parameterSections.contains(s) && !section.hasRuleHeadings {
            regions.append((section.blocks, section.title, section.path))
        }
        for problem in settings.problems { report(problem.line, .warning, "bad-annotation", problem.message) }
        // Who the spec governs, found once and only when a rule's wording has to be read.
        var detectedNames: AssistantNames?
        func names() -> AssistantNames {
            if let detectedNames { return detectedNames }
            let found = namesTask?.value() ?? AssistantNames.detect(in: source.bytes, declared: settings.assistant)
            detectedNames = found
            return found
        }
        var listCounts: [RuleKind: Int] = [:]
        // Each region's lists are read on its own (on all cores: a prose spec has thousands of
        // regions and no list rules, and looking cost a twentieth of its read); the IDs are
        // claimed here, in document order.
        let kindLists = headingRules.isEmpty && Self.listsDeclareKinds(regions.map { ($0.blocks, $0.title) }, in: document)
        let listedByRegion = RuleListReader.series(ParallelMap.map(regions, minimumPerSlice: 256) { region in
            RuleListReader.read(region.blocks, sectionTitle: region.title, kindLists: kindLists, in: document)
        })
        for id in listedByRegion.joined().compactMap(\.id) { uniquer.reserve(id) }
        for (region, listedRules) in zip(regions, listedByRegion) {
            for listed in listedRules {
                dialectEvidence.lists += 1
                let id: String
                if let explicit = listed.id {
                    id = explicit
                } else {
                    let prefix = listed.kind == .unclassified ? "rule" : listed.kind.rawValue
                    let number = (listCounts[listed.kind] ?? 0) + 1
                    listCounts[listed.kind] = number
                    id = uniquer.claim("\(prefix)-\(number)")
                }
                var rule = makeRule(id: id, explicit: listed.id != nil, text: listed.text, path: region.path,
                                    line: listed.line, endLine: listed.endLine, kind: listed.kind,
                                    direction: nil, priority: listed.priority)
                if listed.kind != .unclassified {
                    // Every rule of the list keeps it: the title's first bytes only.
                    rule.kindReason = "heading: \(capped(InlineScan.plainText(region.title), SpecLimits.overBudgetBytes))"
                }
                rules.append(rule)
            }
        }
        let sectionTitles = Dictionary(sections.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        // Without rule headings, every region whose lists gave no rules is read as prose: a
        // document with a `## Behavioral Rules` list among sections of prose rules keeps both.
        var proseRuleCount = 0
        if headingRuleList.isEmpty {
            // Each region reads on its own (on all cores); the IDs are claimed in document order.
            let proseRegions = zip(regions, listedByRegion).filter { $0.1.isEmpty }.map { region, _ in
                ProseReader.Region(blocks: region.blocks, title: region.title, path: region.path,
                                   isPreamble: region.path.isEmpty && !sections.isEmpty)
            }
            let count = RuleCount(limit: maximumRules)
            let read = ProseReader.readRegions(proseRegions, sectionTitles: sectionTitles, names: names(), in: document, count: count)
            if count.exceeded { throw tooManyRules(file, line: count.stoppedBefore ?? 1, limit: maximumRules) }
            let listRuleCount = rules.count
            ProseReader.claimIDs(read, into: &rules, uniquer: &uniquer)
            proseRuleCount = rules.count - listRuleCount
            var ruleLines = rules.map(\.line)
            if !ruleLines.indices.dropFirst().allSatisfy({ ruleLines[$0 - 1] <= ruleLines[$0] }) { ruleLines.sort() }
            for finding in ListsWithoutRules.find(in: proseRegions, ruleLines: ruleLines, document: document) {
                report(finding.line, .warning, "list-without-rules", finding.message)
            }
        }
        if rules.count > maximumRules {
            throw tooManyRules(file, line: rules.map(\.line).sorted()[maximumRules], limit: maximumRules)
        }
        // Prose rules alone, or list rules alone, come in document order already (sorting
        // them anyway copied every rule); the two together are sorted.
        if !rules.indices.dropFirst().allSatisfy({ rules[$0 - 1].line <= rules[$0].line }) { rules.sort { $0.line < $1.line } }

        if dialectEvidence.modelSpec > 0 && dialectEvidence.modelSpec >= dialectEvidence.tenet {
            spec.dialect = .modelSpec
        } else if dialectEvidence.tenet > 0 || !spec.parameters.isEmpty {
            spec.dialect = .tenet
        } else if dialectEvidence.lists > 0 && dialectEvidence.lists >= proseRuleCount {
            spec.dialect = .ruleList
        } else {
            spec.dialect = .prose
        }
        // A rule heading outside the Model Spec's dialect is the author's own: it keeps the
        // kind it was given, or none (lint reports those).
        if spec.dialect != .modelSpec { stated.kinds.formUnion(headingRules.map(\.id)) }
        RuleMeaning.complete(&rules, sectionTitles: sectionTitles, settings: settings, names: names, stated: stated)

        // Description: the preamble, less any rules read from it.
        let ruleLines = LineSpans(rules.indices.filter { rules[$0].path.isEmpty }.map { (rules[$0].line, rules[$0].endLine) })
        spec.description = preamble
            .filter { !ruleLines.contains(Int(document.blocks[$0].startLine)) && !isTagSeparator($0, in: document) }
            .map { document.text($0) }
            .joined(separator: "\n\n")

        // Links, in one pass over the source of every block that is not code; each rule
        // then takes the links inside its lines.
        let prose = top.filter { ![.codeBlock, .htmlBlock, .thematicBreak].contains(document.blocks[$0].kind) }
        spec.references = ParallelMap.map(prose, minimumPerSlice: 2000) { index in
            let firstLine = Int(document.blocks[index].startLine)
            return document.withBytes(of: index) { InlineScan.scan($0, firstLine: firstLine) }
                .references.map { CrossReference(id: $0.id, line: $0.line) }
        }.flatMap { $0 }
        for r in rules.indices {
            var seen: Set<String> = []
            let lines = rules[r].line...rules[r].endLine
            var k = firstIndex(in: spec.references, atOrAfter: rules[r].line)
            while k < spec.references.count, lines.contains(spec.references[k].line) {
                if seen.insert(spec.references[k].id).inserted { rules[r].references.append(spec.references[k].id) }
                k += 1
            }
        }
        spec.anchors = infos.map(\.anchor)
        SpecLimits.capExamples(&rules) { report($0, .warning, "too-many-examples", $1) }
        spec.rules = rules
        spec.sections = buildTree(sections, rules: rules)
        spec.diagnostics = diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        return spec
    }

    /// Whether to find the assistant's names while the rest is read: when a rule heading
    /// does not state both its kind and its direction (its wording is then read, which
    /// needs them; the Model Spec's headings state neither), or when no heading is a rule
    /// (the rules then come from lists or prose, whose wording is read: the names are
    /// found while the lists are read, not after, with the other cores waiting). A guess:
    /// a body may state both (`**Kind:**`), and then the pass was not needed.
    private static func findsNamesAlongsideBodies(_ headings: [HeadingInfo]) -> Bool {
        var anyRule = false
        for heading in headings where heading.isRule {
            anyRule = true
            if heading.attributes?.value("kind") == nil || heading.attributes?.value("direction") == nil { return true }
        }
        return !anyRule
    }

    /// Whether the block is what a tag line became (``TagLines/isSeparator(_:)``): not part
    /// of a description.
    private static func isTagSeparator(_ index: Int, in document: MarkdownDocument) -> Bool {
        document.blocks[index].kind == .htmlBlock && TagLines.isSeparator(document.text(index).trimmed())
    }

    /// Index of the first reference on or after `line` (references are in line order).
    private static func firstIndex(in references: [CrossReference], atOrAfter line: Int) -> Int {
        var low = 0, high = references.count
        while low < high {
            let mid = (low + high) / 2
            if references[mid].line < line { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func baseName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot > name.startIndex { return String(name[..<dot]) }
        return name
    }

    private static func buildTree(_ nodes: [SectionNode], rules: [Rule]) -> [Section] {
        // By position, not ID alone: a spec pasted twice repeats every section ID.
        var rulesBySection: [[String]] = Array(repeating: [], count: nodes.count)
        // By index: iterating the rules themselves copies each (every string and array in it).
        let owners = SectionRules.owners(rules: rules.indices.map { (rules[$0].path.last, rules[$0].line) },
                                         sections: nodes.map { ($0.id, $0.line) })
        for r in rules.indices { if let owner = owners[r] { rulesBySection[owner].append(rules[r].id) } }
        // Children come after their parents, so build from the end.
        var built: [Section?] = Array(repeating: nil, count: nodes.count)
        for k in nodes.indices.reversed() {
            let node = nodes[k]
            built[k] = Section(id: node.id, title: node.title, level: node.level, line: node.line,
                               endLine: node.endLine, rules: rulesBySection[k],
                               sections: node.children.compactMap { built[$0] })
        }
        return nodes.indices.filter { nodes[$0].parent == nil }.compactMap { built[$0] }
    }

    private static func makeRule(id: String, explicit: Bool, text: String, path: [String], line: Int,
                                 endLine: Int, kind: RuleKind, direction: Direction?, priority: Int?) -> Rule {
        Rule(id: id, explicitID: explicit, title: InlineScan.firstSentence(text), text: text, path: path,
             line: line, endLine: endLine, kind: kind, direction: direction, priority: priority,
             placeholders: InlineScan.placeholders(in: text))
    }

    /// Placeholder names a heading rule uses anywhere: title, text, annotations and
    /// commentary (`{{name}}` or `{name}`), and its examples (`{{name}}` only, since
    /// conversations often hold code with braces).
    private static func placeholders(_ heading: HeadingRule, _ body: RuleBodyReader.Body) -> [String] {
        // A placeholder needs a `{` (in examples `{{`), which joining with line breaks cannot
        // make: most rules have none, and their text is neither gathered, joined nor scanned.
        func mayHold(_ text: String) -> Bool { InlineScan.mayHoldPlaceholder(text, singleBraces: true) }
        func mayHoldInConversation(_ text: String) -> Bool { InlineScan.mayHoldPlaceholder(text, singleBraces: false) }
        let pairs = heading.heading.attributes?.pairs ?? []
        let inProseText = mayHold(heading.heading.title) || mayHold(body.text)
            || body.annotations.contains { mayHold($0.value) } || body.exceptions.contains(where: mayHold)
            || body.commentary.contains(where: mayHold) || pairs.contains { mayHold($0.value) }
        // By index: iterating the examples themselves copies each.
        let inConversations = body.examples.indices.contains { e in
            mayHoldInConversation(body.examples[e].title) || mayHoldInConversation(body.examples[e].reason ?? "")
                || body.examples[e].turns.indices.contains { mayHoldInConversation(body.examples[e].turns[$0].content) }
        }
        guard inProseText || inConversations else { return [] }
        var found: [String] = []
        if inProseText {
            let prose = [heading.heading.title, body.text] + body.annotations.map(\.value) + body.exceptions + body.commentary
                + pairs.map(\.value)
            found += InlineScan.placeholders(in: prose.joined(separator: "\n"))
        }
        if inConversations {
            let conversations = body.examples.flatMap { [$0.title, $0.reason ?? ""] + $0.turns.map(\.content) }
            found += InlineScan.placeholders(in: conversations.joined(separator: "\n"), singleBraces: false)
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }

    private static func buildHeadingRule(
        _ source: HeadingRule, body: RuleBodyReader.Body,
        report: (Int, Diagnostic.Severity, String, String) -> Void
    ) -> Rule {
        let heading = source.heading
        for problem in body.problems { report(problem.line, problem.severity, problem.code, problem.message) }
        let id = source.id
        var rule = Rule(id: id, explicitID: heading.attributes?.id != nil, title: heading.title,
                        text: body.text.trimmed(), path: source.path, line: heading.line, endLine: source.endLine)
        var values: [(key: String, value: String, line: Int)] = (heading.attributes?.pairs ?? []).map { ($0.key, $0.value, heading.line) }
        values += body.annotations.map { ($0.label, $0.value, $0.line) }
        for (key, value, line) in values {
            func bad(_ message: String) { report(line, .warning, "bad-annotation", message) }
            switch key {
            case "kind":
                if let kind = RuleKind(annotation: value) { rule.kind = kind }
                else { bad("unknown kind `\(QuotedInMessage.shown(value))` for rule \(id); use safety or behavioral") }
            case "direction":
                if let direction = Direction(annotation: value) { rule.direction = direction }
                else { bad("unknown direction `\(QuotedInMessage.shown(value))` for rule \(id); use require or prohibit") }
            case "authority":
                if let authority = Authority(annotation: value) { rule.authority = authority }
                else { bad("unknown authority `\(QuotedInMessage.shown(value))` for rule \(id); use root, system, developer, user or guideline") }
            case "priority":
                if let priority = Int(value.trimmed()), Rule.priorities.contains(priority) { rule.priority = priority }
                else {
                    bad("priority `\(QuotedInMessage.shown(value))` of rule \(id) is not a whole number from \(Rule.priorities.lowerBound) to \(Rule.priorities.upperBound)")
                }
            case "family": rule.family = value
            case "scope": rule.scope = value
            case "rationale": rule.rationale = value
            case "lead-in": rule.leadIn = value
            case "context": rule.context = value
            case "parent": rule.parent = value
            case "concreteness":
                if let concreteness = Rule.concreteness(annotation: value) { rule.concreteness = concreteness }
                else { bad("unknown concreteness `\(QuotedInMessage.shown(value))` for rule \(id); use concrete or general") }
            case "tags":
                rule.tags = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            default: rule.attributes[key] = value
            }
        }
        rule.exceptions = body.exceptions
        rule.examples = body.examples
        rule.commentary = body.commentary.isEmpty ? nil : body.commentary.joined(separator: "\n\n")
        return rule
    }
}
