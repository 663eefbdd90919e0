extension Polarity {
    /// A bullet that says, in the passive, what is to be done with its subject — "Requests
    /// to find this information should be declined", "Posts containing it must be removed
    /// within the hour", "Appeals should be routed to a human moderator", "Such claims are to
    /// be labelled with a warning". The assistant is the one to do it: a refusal (declined,
    /// refused, rejected …) forbids what the subject names, any other verb requires it.
    /// A moderation policy written this way lost 13 of its rules. Only a bullet's own
    /// sentence, with no lead-in over it, is read so; one that negates ("should not be
    /// shared") is ``subjectProhibition(_:strict:near:)``'s.
    static func passiveObligation(_ sentence: ProseSentence) -> DeonticFinding? {
        let w = sentence.words
        guard !sentence.isQuestion, w.count >= 4, w.count <= 48,
              !w.isWord(0, in: otherParties), !w.isWord(0, in: passiveOpeners) else { return nil }
        // The modal after a subject of at most twelve words, in the first clause.
        var k = 1
        while k < min(w.count, 13), !w.isWord(k, in: passiveModals) {
            if w.isWord(k, in: boundaries) || w.isWord(k, in: negations) { return nil }
            k += 1
        }
        guard k < min(w.count, 13) else { return nil }
        let modal = w[k]
        var j = k + 1
        if modal == "is" || modal == "are" {
            guard j < w.count, w[j] == "to" else { return nil }
            j += 1
        }
        while j < w.count, w.isWord(j, in: passiveAdverbs) { j += 1 }
        guard j + 1 < w.count, w[j] == "be" else { return nil }
        let participle = w[j + 1]
        guard isParticiple(participle), !notDoneByTheAssistant.contains(participle) else { return nil }
        let refused = refusalParticiples.contains(participle)
        return DeonticFinding(modality: refused ? .prohibition : .obligation,
                              evidence: "\(modal)\(modal == "is" || modal == "are" ? " to" : "") be \(participle)")
    }

    private static let passiveModals: WordSet = ["must", "should", "shall", "is", "are"]
    private static let passiveAdverbs: WordSet = ["always", "also", "immediately", "promptly", "then", "instead", "only", "first"]
    /// Words a bullet opens with that make it no such statement: pronouns, conditions, "this".
    private static let passiveOpeners: WordSet = ["it", "this", "that", "these", "those", "there", "if", "when", "what", "which", "how"]
    /// Participles of what others do with the assistant or its output, not what it does.
    private static let notDoneByTheAssistant: Set<String> = [
        "used", "deployed", "employed", "trained", "seen", "known", "considered", "treated", "expected", "allowed", "permitted",
        "based", "limited", "required", "needed", "given", "asked", "told", "shown", "paid", "charged", "issued",
    ]
}
