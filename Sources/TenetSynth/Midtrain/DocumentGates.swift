import TenetSpec

/// Tenet's own checks of a midtraining document's text, before (and whatever) the critic
/// says. Each rejects one way a document fails to teach its rule:
///
/// | gate | fails when |
/// |---|---|
/// | `well-formed` | the text or the idea holds a control character (``QualityCheck/textProblem(_:_:limit:)``); checked first, alone |
/// | `written` | fewer than ``DocumentCheck/minimumWords`` words |
/// | `on-rule` | under ``onRuleShare`` of the rule's content words (title and text) appear in it: it is about something else |
/// | `keeps-direction` | a sentence about the rule's behaviour prescribes the opposite: for a prohibition, "should …/must …/always …" with no negation before the behaviour; for a requirement, "should never …/must not …" |
/// | `states-reason` | under ``reasonShare`` of the rationale's content words appear in it; for a rule with no rationale, no reason is given at all (no "because", "so that", "matters" …) |
///
/// Words are compared after lower-casing and a crude stem; function words and the words
/// that only give a rule its direction are left out.
public struct DocumentGates: Sendable {
    /// Share of the rule's content words a document about it contains.
    public static let onRuleShare = 0.4
    /// Share of the rationale's content words a document that states the reason contains.
    public static let reasonShare = 0.4

    let ruleWords: Set<String>
    /// What a sentence about the rule's behaviour is compared with: the whole statement;
    /// its first sentence, where a rule states its direction ("Do not explain how to cross a
    /// border …. If someone describes fleeing danger, point them to …": a document's "You
    /// should explain how to cross a border …" was under the share of the whole); and a
    /// title that states the rule ("Never help evade border controls").
    let behaviours: [Set<String>]
    let reasonWords: Set<String>
    let direction: Direction?
    /// The rule's statement as words: a sentence that only quotes it keeps its direction.
    let statementWords: [String]

    /// `statement`: the rule as the instance text states it ("Never …" for a prohibition).
    public init(rule: Rule, statement: String) {
        ruleWords = DocumentWords.content(rule.title + " " + statement)
        var behaviours = [DocumentWords.content(statement)]
        let sentences = Self.sentences(statement)
        if sentences.count > 1, let first = sentences.first {
            let words = DocumentWords.content(first)
            if words.count >= 3 { behaviours.append(words) }
        }
        // Its first clause, before a dash, colon, semicolon or comma lists what it covers:
        // "Do not help travellers break the law at home or abroad — smuggling goods …". An
        // edit saying "you should help travellers break the law abroad: smuggling goods or
        // cash past customs" held under 0.6 of the whole first sentence's words, and passed.
        if let first = sentences.first, let cut = first.firstIndex(where: { "—;:,–".contains($0) }) {
            let words = DocumentWords.content(String(first[..<cut]))
            if words.count >= 3, !behaviours.contains(words) { behaviours.append(words) }
        }
        // A title that names a topic ("Border controls") says nothing of what to do with it.
        let title = DocumentWords.words(rule.title)
        if title.contains(where: { DocumentWords.negations.contains($0) || DocumentWords.prescriptive.contains($0) }) {
            let words = DocumentWords.content(rule.title)
            if words.count >= 2 { behaviours.append(words) }
        }
        self.behaviours = behaviours
        reasonWords = DocumentWords.content(PlainLinks.plain(rule.rationale ?? ""))
        direction = rule.direction
        statementWords = DocumentWords.words(statement)
    }

    /// The gates in order, each with its reason. `idea`: the angle the document was written
    /// from (stored beside it, so it is text too). Text that is not well-formed stops here.
    public func check(_ text: String, idea: String = "") -> [DocumentCheck] {
        if let problem = QualityCheck.textProblem(text, "the document") ?? QualityCheck.textProblem(idea, "the idea", limit: nil) {
            return [DocumentCheck(.wellFormed, passed: false, reason: problem, by: "tenet")]
        }
        let words = DocumentWords.words(text)
        // Passed, it is not listed (a stored document is text by construction).
        var checks: [DocumentCheck] = []
        // Counted as a person counts words, and as every other place shows the count.
        let length = MidtrainDocument.wordCount(text)
        checks.append(DocumentCheck(.written, passed: length >= DocumentCheck.minimumWords,
                                    reason: "\(length) words (at least \(DocumentCheck.minimumWords) make a document)", by: "tenet"))
        let present = Set(words.map(DocumentWords.stem))
        let onRule = share(ruleWords, in: present)
        checks.append(DocumentCheck(.onRule, passed: ruleWords.isEmpty || onRule >= Self.onRuleShare,
                                    reason: "\(percent(onRule)) of the rule's words are in it (at least \(percent(Self.onRuleShare)))", by: "tenet"))
        checks.append(directionCheck(text))
        if reasonWords.isEmpty {
            let marked = ["because", "so that", "the reason", "matters", "in order to", "why"].contains { text.lowercased().contains($0) }
            checks.append(DocumentCheck(.statesReason, passed: marked,
                                        reason: marked ? "the rule has no rationale to compare; the document gives a reason"
                                            : "the rule has no rationale and the document gives no reason (no because, so that, matters …)",
                                        by: "tenet"))
        } else {
            let reason = share(reasonWords, in: present)
            checks.append(DocumentCheck(.statesReason, passed: reason >= Self.reasonShare,
                                        reason: "\(percent(reason)) of the rationale's words are in it (at least \(percent(Self.reasonShare)))", by: "tenet"))
        }
        return checks
    }

    /// A sentence about the behaviour that prescribes its opposite, if there is one.
    func directionCheck(_ text: String) -> DocumentCheck {
        guard let direction, behaviours[0].count >= 2 else {
            return DocumentCheck(.keepsDirection, passed: true, reason: "the rule's direction is not annotated; nothing to keep", by: "tenet")
        }
        for sentence in Self.sentences(text) {
            let words = DocumentWords.words(sentence)
            // The rule quoted as it stands keeps its direction by definition.
            if words == statementWords || words.count < 3 { continue }
            let stems = words.map(DocumentWords.stem)
            let present = Set(stems)
            guard let behaviour = behaviours.first(where: { $0.count >= 2 && share($0, in: present) >= 0.6 }),
                  let first = stems.firstIndex(where: { behaviour.contains($0) }) else { continue }
            let lead = words[..<first]
            let prescribes = lead.contains { DocumentWords.prescriptive.contains($0) }
            let negated = lead.contains { DocumentWords.negations.contains($0) || $0.hasSuffix("n't") }
            let inverted = direction == .prohibit ? prescribes && !negated : prescribes && negated
            if inverted {
                let wanted = direction == .prohibit ? "prohibits" : "requires"
                return DocumentCheck(.keepsDirection, passed: false,
                                     reason: "the rule \(wanted) it, but the document says: \"\(Self.clip(sentence))\"", by: "tenet")
            }
        }
        return DocumentCheck(.keepsDirection, passed: true,
                             reason: "no sentence prescribes the opposite of what the rule \(direction == .prohibit ? "prohibits" : "requires")", by: "tenet")
    }

    private func share(_ wanted: Set<String>, in present: Set<String>) -> Double {
        wanted.isEmpty ? 1 : Double(wanted.intersection(present).count) / Double(wanted.count)
    }

    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    /// Sentences: split after `.`, `!`, `?` and at line breaks (read as scalars: these are
    /// all ASCII, and grapheme breaking cost more than the rest of the gates).
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var blank = true
        func flush() {
            if !blank { out.append(String(current)) }
            current = String.UnicodeScalarView()
            blank = true
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n" { flush(); continue }
            current.append(scalar)
            if !scalar.properties.isWhitespace { blank = false }
            if scalar == "." || scalar == "!" || scalar == "?" { flush() }
        }
        flush()
        return out
    }

    static func clip(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 120 ? String(trimmed.prefix(117)) + "…" : trimmed
    }
}
