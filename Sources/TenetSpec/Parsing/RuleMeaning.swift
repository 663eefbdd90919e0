/// Settings a spec gives the reader in its front matter:
///
/// ```yaml
/// ---
/// kinds: root=safety, system=safety, developer=behavioral, user=behavioral, guideline=behavioral, under_18=safety
/// assistant: the assistant
/// ---
/// ```
///
/// `kinds` maps authority levels and tags to kinds (a tag wins over an authority level);
/// `assistant` names the party the spec governs, for reading prose. (TOML front matter:
/// `kinds = "root=safety, …"`.)
struct SpecSettings: Sendable {
    var kinds: [String: RuleKind] = [:]
    var assistant: String?
    var problems: [(line: Int, message: String)] = []

    init() {}

    init(_ frontMatter: FrontMatter?) {
        guard let frontMatter else { return }
        let value = { (key: String) in frontMatter.fields.first { $0.key == key } }
        if let field = value("kinds") {
            for pair in field.value.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                let parts = pair.split(whereSeparator: { $0 == "=" || $0 == ":" }).map { $0.trimmed() }
                guard parts.count == 2, !parts[0].isEmpty else {
                    problems.append((field.line, "`kinds:` entry `\(pair.trimmed())` is not NAME=KIND (e.g. root=safety)"))
                    continue
                }
                guard let kind = RuleKind(annotation: parts[1]) else {
                    problems.append((field.line, "unknown kind `\(QuotedInMessage.shown(parts[1]))` for `\(QuotedInMessage.shown(parts[0]))` in `kinds:`; use safety or behavioral"))
                    continue
                }
                let key = parts[0].lowercased()
                kinds[key == "platform" ? "root" : key] = kind
            }
        }
        if let field = value("assistant"), !field.value.isEmpty { assistant = field.value }
    }
}

/// Completes what a spec did not say about its rules: the kind (``KindInference``) and the
/// direction (from the rule's own wording, then its title), each with its reason. Rules
/// whose kind or direction the spec states are left as they are.
enum RuleMeaning {
    /// - Parameters:
    ///   - sectionTitles: section ID → title, for the headings above each rule.
    ///   - stated: IDs of rules whose kind (`kinds`) or direction (`directions`) the spec
    ///     writes, even as `kind=unclassified`: those are kept as written.
    ///   - names: who the spec governs; asked for only when a rule's wording has to be read.
    static func complete(_ rules: inout [Rule], sectionTitles: [String: String], settings: SpecSettings,
                         names: () -> AssistantNames, stated: (kinds: Set<String>, directions: Set<String>) = ([], [])) {
        // Through a buffer pointer, which lends each rule: the array's subscript copied each
        // one (a retain and a release of every string and array in it), twice.
        let needing = rules.withUnsafeBufferPointer { buffer in
            buffer.indices.filter { r in
                let need = needs(buffer[r], stated)
                return need.kind || need.direction
            }
        }
        guard !needing.isEmpty else { return }
        let names = names()
        // Each rule is read on its own: on a long spec (the Model Spec's hundreds of rules)
        // they are read on all cores, in order.
        var done: [Rule] = []
        do {
            let snapshot = rules
            done = ParallelMap.map(needing, minimumPerSlice: 64) { r in
                completed(snapshot[r], sectionTitles: sectionTitles, settings: settings, names: names, stated: stated)
            }
        }
        // The snapshot is gone: `rules` is held once again, and each completed rule is
        // written in place (while the snapshot lived, the first write copied every rule).
        for (r, rule) in zip(needing, done) { rules[r] = rule }
    }

    /// What the spec left unsaid of a rule: its kind, its direction.
    private static func needs(_ rule: Rule, _ stated: (kinds: Set<String>, directions: Set<String>)) -> (kind: Bool, direction: Bool) {
        (rule.kind == .unclassified && rule.kindReason == nil && !stated.kinds.contains(rule.id),
         rule.direction == nil && rule.directionReason == nil && !stated.directions.contains(rule.id))
    }

    /// One rule with its kind and direction completed where ``needs(_:_:)`` says so.
    private static func completed(_ rule: Rule, sectionTitles: [String: String], settings: SpecSettings,
                                  names: AssistantNames, stated: (kinds: Set<String>, directions: Set<String>)) -> Rule {
        var rule = rule
        let (needsKind, needsDirection) = needs(rule, stated)
        var modality: Modality?
        // A title cut from the text's own start ("Except for reviews, do…", as SpecBench's
        // and prose rules get) is not read: cut short, it can say the opposite of the
        // sentence it was cut from ("do" without its "not").
        let cutFromText = rule.text.hasPrefix(rule.title.hasSuffix("…") ? String(rule.title.dropLast()) : rule.title)
        let title = cutFromText ? nil : ProseWords.sentences(rule.title, limit: 1).first
        // The title, then the first sentences of the text: a heading rule's body often
        // opens with a reason before it says what the assistant should do.
        let textSentences = ProseWords.sentences(rule.text.characterPrefix(600), limit: 3)
        let firstWords = (title?.words ?? ProseWordList()) + (textSentences.first?.words ?? ProseWordList())
        for (n, sentence) in ([title].compactMap({ $0 }) + textSentences).enumerated() {
            // Past the first sentence only a modal with the assistant as subject counts.
            if n > (title == nil ? 0 : 1), Polarity.finding(in: sentence, names: names) == nil { continue }
            if let (found, source) = ownWording(sentence, names: names) {
                modality = found.modality
                if needsDirection {
                    rule.direction = found.modality.direction
                    rule.directionReason = found.modality == .permission
                        ? "permits (\(source) “\(found.evidence)”): neither requires nor prohibits"
                        : "\(source): “\(found.evidence)”"
                }
                break
            }
        }
        if needsKind {
            let headings = rule.path.reversed().compactMap { sectionTitles[$0] }
            let stated: Modality? = rule.direction.map { $0 == .prohibit ? .prohibition : .obligation }
            let inferred = KindInference.infer(words: firstWords, modality: needsDirection ? modality : stated,
                                               headings: headings, authority: rule.authority, tags: rule.tags, map: settings.kinds)
            rule.kind = inferred.kind
            rule.kindReason = inferred.reason
        }
        return rule
    }

    /// The polarity a rule's own sentence states: a leading negation, a modal with the
    /// assistant as subject, or an imperative.
    private static func ownWording(_ sentence: ProseSentence, names: AssistantNames) -> (DeonticFinding, String)? {
        if let leading = Polarity.leading(sentence.words) { return (leading, "own wording") }
        if let found = Polarity.finding(in: sentence, names: names) { return (found, "own wording") }
        if let found = Polarity.imperative(sentence) { return (found, "imperative") }
        if let found = Polarity.predicateProhibition(sentence.words) { return (found, "own wording") }
        if let found = Polarity.ruleModal(in: sentence, names: names) { return (found, "own wording") }
        return nil
    }
}
