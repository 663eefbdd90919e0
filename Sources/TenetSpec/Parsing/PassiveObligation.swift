extension Polarity {
    /// A bullet that says, in the passive, what is to be done with its subject — "Requests
    /// to find this information should be declined", "Posts containing it must be removed
    /// within the hour", "Appeals should be routed to a human moderator", "Such claims are to
    /// be labelled with a warning". The assistant is the one to do it: a refusal (declined,
    /// refused, rejected …) forbids what the subject names, any other verb requires it.
    /// A moderation policy written this way lost 13 of its rules. Only a bullet's own
    /// sentence, with no lead-in over it, is read so, and a paragraph's opening sentence
    /// ("When a post is removed, the author should be notified"); one that negates
    /// ("should not be shared") is ``subjectProhibition(_:strict:near:)``'s.
    static func passiveObligation(_ sentence: ProseSentence) -> DeonticFinding? {
        let w = sentence.words
        guard !sentence.isQuestion, w.count >= 4, w.count <= 48 else { return nil }
        // "When a post is removed, the author should be notified": the main clause, after
        // a condition's comma.
        var start = 0
        if w.isWord(0, in: conditionOpeners) {
            guard let comma = (1..<min(w.count, 16)).first(where: { w.isWord($0, commaKey) }) else { return nil }
            start = comma + 1
        }
        // "No post is to be edited …" forbids: ``subjectProhibition(_:strict:near:)``'s.
        // After a condition, "it" and "they" are what it names: "When a report is received,
        // it should be reviewed within 24 hours".
        guard start + 4 <= w.count else { return nil }
        let pronoun = start > 0 && w.isWord(start, in: conditionPronouns) && w.isWord(start + 1, in: passiveModals)
        guard pronoun || (!w.isWord(start, in: otherParties) && !w.isWord(start, in: passiveOpeners)),
              !w.isWord(start, in: negations), !w.isWord(start, in: negatedSubjects) else { return nil }
        // The modal after a subject of at most twelve words, in the first clause. "is" and
        // "are" without "to" are the verb of a clause in the subject ("Posts revealing that
        // a user is under 16 should be escalated").
        // Not "Below is a list of guidelines that should be adhered to": "is" as the main
        // verb, and a modal in a relative clause.
        let end = min(w.count, start + 13)
        var k = start + 1
        var modal = ""
        var subordinate = false
        while k < end {
            if w.isWord(k, in: boundaries) || w.isWord(k, in: negations) { return nil }
            if w.isWord(k, in: clauseWords) { subordinate = true }
            if w.isWord(k, in: passiveModals) {
                modal = w[k]
                if modal != "is" && modal != "are" || (k + 1 < w.count && w[k + 1] == "to") { break }
                guard subordinate else { return nil }
            }
            k += 1
        }
        guard k < end, !w.isWord(k - 1, in: clauseWords) else { return nil }
        var j = k + 1
        if modal == "is" || modal == "are" { j += 1 }
        while j < w.count, w.isWord(j, in: passiveAdverbs) { j += 1 }
        guard j + 1 < w.count, w[j] == "be" else { return nil }
        let participle = w[j + 1]
        guard isParticiple(participle), !notDoneByTheAssistant.contains(participle) else { return nil }
        let refused = refusalParticiples.contains(participle)
        return DeonticFinding(modality: refused ? .prohibition : .obligation,
                              evidence: "\(modal)\(modal == "is" || modal == "are" ? " to" : "") be \(participle)")
    }

    private static let passiveModals: WordSet = ["must", "should", "shall", "is", "are"]
    /// "Nothing in this Policy shall be construed as …", "None of these may be …".
    private static let negatedSubjects: WordSet = ["nothing", "none", "neither", "nobody"]
    private static let conditionPronouns: WordSet = ["it", "they", "this", "these"]
    private static let clauseWords: WordSet = ["that", "which", "who", "whether", "if"]
    private static let conditionOpeners: WordSet = ["when", "whenever", "if", "once", "after", "where", "wherever"]
    private static let commaKey = WordSet.Key(",")
    private static let passiveAdverbs: WordSet = ["always", "also", "immediately", "promptly", "then", "instead", "only", "first"]
    /// Words a bullet opens with that make it no such statement: pronouns, conditions, "this".
    private static let passiveOpeners: WordSet = ["it", "this", "that", "these", "those", "there", "if", "when", "what", "which", "how"]
    /// Participles of what others do with the assistant or its output, not what it does.
    private static let notDoneByTheAssistant: Set<String> = [
        "used", "deployed", "employed", "trained", "seen", "known", "considered", "treated", "expected", "allowed", "permitted",
        "based", "limited", "required", "needed", "given", "asked", "told", "shown", "paid", "charged", "issued",
        "construed", "interpreted", "deemed", "regarded", "understood", "read",
    ]
}
