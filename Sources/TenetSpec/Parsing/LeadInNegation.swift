/// Lead-ins that forbid in words other than an imperative or "the assistant must not":
/// "Under no circumstances may the assistant:", "The assistant may not:", "It should avoid:",
/// "The following are not allowed:", "Prohibited behaviours:", "Red lines:", "Zero tolerance
/// for:". Their bullets are behaviours ("Open a credit line on a user's behalf"): read by
/// their own imperative mood they would be rules to follow — the opposite of what the
/// lead-in says. The same count reads statements that forbid with a subject of their own
/// ("Passwords must never be shared") and bullets that finish a lead-in's sentence ("the
/// assistant: – may not install …").
///
/// Bullets and paragraphs are many: each is passed by its words' keys when it holds none
/// of the words counted, and only the words read become `String`s (``mainClause(_:)``).
extension Polarity {
    /// Words that negate the main clause of a lead-in wherever they stand in it.
    private static let leadInNegations: Set<String> = [
        "never", "cannot", "can't", "cant", "won't", "wont", "mustn't", "shouldn't", "shan't", "mayn't", "don't", "dont",
        "doesn't", "wouldn't", "couldn't", "nor",
    ]
    /// Words that negate a lead-in when they open its main clause ("No:", "None of the
    /// following is acceptable:", "Not allowed:") or follow a preposition that does ("Under
    /// no circumstances", "At no time", "In no case", "On no account").
    private static let openingNegations: Set<String> = ["no", "none", "not", "neither", "nothing"]
    private static let negatingPrepositions: Set<String> = ["under", "at", "in", "on"]
    /// Verbs after which "not" negates what follows: "may not", "should not be used to",
    /// "ought not to", "will not".
    private static let auxiliaries: Set<String> = [
        "may", "must", "should", "shall", "will", "would", "can", "could", "might", "ought", "need", "do", "does",
    ]
    /// Words that say a list is forbidden: "Prohibited behaviours:", "Things to avoid:".
    private static let forbiddingWords: Set<String> = [
        "prohibited", "forbidden", "disallowed", "banned", "barred", "off-limits", "unacceptable", "impermissible", "don'ts", "donts",
    ]
    /// Verbs that forbid what they govern ("It should avoid:", "The assistant must refuse
    /// to:") and, negated, require it ("Never avoid:").
    private static let refusingVerbs: Set<String> = [
        "avoid", "avoids", "refrain", "refrains", "refuse", "refuses", "decline", "declines", "omit", "omits", "withhold",
        "withholds", "stop", "prevent", "prevents", "forbid", "forbids", "prohibit", "prohibits", "ban", "bans",
    ]
    /// The same verbs as gerunds, read after a verb ("It should avoid refusing:"), not at
    /// the start of a clause ("Avoiding harm" names a topic).
    private static let refusingGerunds: Set<String> = ["refusing", "declining", "avoiding", "omitting", "withholding", "preventing"]
    /// What a "may not", "cannot" or "won't" says of what one knows or can do rather than of
    /// what one may do: "The assistant may not always know …", "Customers may not be able
    /// to …", "The assistant cannot see the customer's screen".
    private static let epistemicVerbs: Set<String> = [
        "know", "see", "hear", "remember", "recall", "realise", "realize", "notice", "understand", "tell", "guarantee",
        "predict", "arrive", "reach", "have", "get", "work", "apply", "exist", "matter", "anticipate", "cover", "access",
        "verify", "determine", "identify", "find", "locate", "detect",
    ]
    private static let epistemicAdverbs: Set<String> = ["always", "ever", "yet", "necessarily", "fully"]
    private static let beComplements: Set<String> = ["able", "aware", "available", "possible", "sure", "clear", "obvious", "accurate", "enough"]
    /// Modals whose negation may say what is possible rather than what is allowed, and
    /// "does not", which may say what one knows ("– does not remember previous chats").
    private static let possibilityModals: Set<String> = [
        "may", "might", "could", "can", "will", "would", "cannot", "can't", "cant", "won't", "wont", "does", "doesn't",
    ]

    /// Whether the refusing verb at `k` says a purpose: after "to" or "help (you)", with an
    /// object of its own that is not the list ("to help you avoid errors", "To prevent
    /// clipping") — not "Things to avoid", "refuse to", "to avoid the following".
    private static func isPurpose(_ words: [String], at k: Int) -> Bool {
        guard k + 1 < words.count else { return false }
        let before = k > 0 ? words[k - 1] : ""
        let helped = helpWords.contains(before) || (k > 1 && helpWords.contains(words[k - 2]) && helpedParties.contains(before))
        guard before == "to" || helped else { return false }
        return words[k + 1] != "to" && !words[(k + 1)...].contains(where: listReferents.contains)
    }
    private static let helpWords: Set<String> = ["help", "helps", "helping"]
    private static let helpedParties: Set<String> = ["you", "us", "them", "users", "the", "it"]
    /// Words by which a lead-in's object is the list itself: "to avoid the following", "…
    /// these", "… the mistakes below".
    private static let listReferents: Set<String> = ["following", "these", "those", "below", "listed", "such", "this", "them"]

    /// Whether the words from `k` (the verb after a negated modal of possibility) say what
    /// one knows or is able to do.
    private static func isEpistemic(_ words: [String], from k: Int) -> Bool {
        var j = k
        while j < words.count, epistemicAdverbs.contains(words[j]) { j += 1 }
        if j > k { return true }                 // "may not always …", "won't ever …"
        guard j < words.count else { return false }
        if words[j] == "be" { return j + 1 < words.count && beComplements.contains(words[j + 1]) }
        return epistemicVerbs.contains(words[j])
    }
    /// Two-word names for forbidden lists: "Red lines:", "Hard limits:", "Zero tolerance for:".
    private static let forbiddingPairs: [String: Set<String>] = [
        "red": ["lines", "line"], "hard": ["limits", "lines"], "bright": ["lines"], "zero": ["tolerance"], "off": ["limits"],
    ]
    /// Verbs that name a failing, and negated require: "Never fail to:", "The assistant
    /// must not neglect to:", "Do not hesitate to:". Alone ("Ways it might fail to:") they
    /// say neither.
    private static let failingVerbs: Set<String> = failures.union(["fails", "forgets", "neglects", "hesitates"])
    /// Signs that a lead-in introduces both what to do and what not to ("Do's and don'ts:",
    /// "What the assistant should and should not do:").
    private static let positiveListWords: Set<String> = ["do's", "dos"]

    /// Whether a lead-in introduces both what to do and what not to — "Do's and don'ts:",
    /// "What the assistant should and should not do:" — so that neither reading holds for
    /// all its bullets.
    static func leadInIsMixed(_ sentence: ProseSentence) -> String? {
        let words = sentence.words
        guard words.indices.contains(where: { words.isWord($0, in: negationTriggers) || words.isWord($0, in: positiveListKeys) }) else { return nil }
        let count = countNegations(mainClause(words))
        guard count.listsBoth || count.mixedModal, case .unclear(let cue)? = reading(count) else { return nil }
        return cue
    }

    private static let positiveListKeys = WordSet(Array(positiveListWords))

    /// What negates in a clause, counted (see ``negatedLeadIn(_:)``).
    struct NegationCount {
        /// Negations, forbidding words, refusing and failing verbs.
        var flips = 0
        /// Of them, refusing and failing verbs; of those, failing verbs.
        var verbs = 0, failings = 0
        /// The words each flip was read from, for a reason.
        var evidence: [String] = []
        /// "Do's"; a modal both negated and not ("should and should not").
        var listsBoth = false, mixedModal = false
        /// Negations read as neither ("It is not the assistant's job to:").
        var unread: [String] = []
        /// Where the first flip is, and whether it is a modal or "to be" negated ("must not
        /// be used", "is not permitted") rather than "do not" or a negation alone, which a
        /// clause of the subject may hold ("Replies that do not cite sources …").
        var first: Int?
        var firstIsModal = false

        mutating func flip(_ words: String, at k: Int, modal: Bool = false) {
            flips += 1
            evidence.append(words)
            if first == nil { first = k; firstIsModal = modal }
        }
    }

    /// Counts what negates in `words` (a clause without punctuation).
    static func countNegations(_ words: [String]) -> NegationCount {
        var count = NegationCount()
        var negatedModals: Set<String> = [], plainModals: Set<String> = []
        var k = 0
        while k < words.count {
            let word = words[k]
            // One look-up for the words none of the cases below reads: most of them.
            guard countedWords.contains(word) else { k += 1; continue }
            let next = k + 1 < words.count ? words[k + 1] : ""
            if positiveListWords.contains(word) { count.listsBoth = true }
            if auxiliaries.contains(word), word != "do", word != "does" {
                if next == "not" || next == "never" { negatedModals.insert(word) } else { plainModals.insert(word) }
            }
            if leadInNegations.contains(word) {
                if possibilityModals.contains(word), isEpistemic(words, from: k + 1) {
                    count.unread.append(word)
                } else {
                    count.flip(word, at: k, modal: !["never", "nor", "don't", "dont", "doesn't"].contains(word))
                }
            } else if auxiliaries.contains(word) || copulaWords.contains(word) {
                if (next == "not" || next == "never"), possibilityModals.contains(word), isEpistemic(words, from: k + 2) {
                    count.unread.append("\(word) \(next)")
                    k += 2
                    continue
                }
                if word == "need", next == "not" {
                    // "need not apologise more than once" permits: it forbids nothing.
                    count.unread.append("need not")
                    k += 2
                    continue
                }
                if next == "not" || next == "never" {
                    // "are not allowed", "is never acceptable", "is not to": the verb "to be"
                    // negated forbids only what it allows; "who are not verified" says nothing.
                    // "are not prohibited" negates the forbidding word after it (counted next).
                    let after = k + 2 < words.count ? words[k + 2] : ""
                    if auxiliaries.contains(word) || permitting.contains(after) || forbiddingWords.contains(after)
                        || after == "to" || after == "appropriate" {
                        count.flip("\(word) \(next)", at: k, modal: word != "do" && word != "does")
                    } else {
                        count.unread.append("\(word) \(next)")
                    }
                    k += 2
                    continue
                }
                // "There should be no attempt to …": "to be" and "no" after a modal. Not "there
                // is no match", "There are no other products": what is, not what is to be.
                if word == "be", next == "no" {
                    count.flip("\(word) no", at: k, modal: true)
                    k += 2
                    continue
                }
            } else if openingNegations.contains(word) {
                // "Not allowed", "Under no", "At no": the words a reason quotes.
                if k == 0 || (k == 1 && negatingPrepositions.contains(words[0])) {
                    count.flip(k == 1 ? "\(words[0]) \(word)" : word == "not" && permitting.contains(next) ? "not \(next)" : word, at: k,
                               modal: k == 1)
                }
            } else if forbiddingWords.contains(word) || refusedWords.contains(word) {
                // As a predicate ("… is off-limits"), not naming what follows ("Off-limits
                // topics are listed in Appendix B").
                count.flip(word, at: k, modal: k > 0)
            } else if refusingVerbs.contains(word), isPurpose(words, at: k) {
                // "guidance to help you avoid errors:", "To prevent clipping:": why the list
                // is there, not what it forbids — the bullets say what to do.
            } else if refusingVerbs.contains(word) || (k > 0 && refusingGerunds.contains(word)) {
                // A gerund forbids in a lead-in ("It should avoid refusing:"); in a statement it
                // names an option ("… or declining to proceed are preferable").
                count.flip(word, at: k, modal: refusingVerbs.contains(word))
                count.verbs += 1
            } else if failingVerbs.contains(word) {
                count.flip(word, at: k, modal: true)
                count.verbs += 1
                count.failings += 1
            } else if k <= 1, forbiddingPairs[word]?.contains(next) == true {
                // A name for a list ("Red lines:"), or what a sentence opens with ("Zero
                // tolerance for …"); in the middle of one it describes ("These are bright
                // lines because …").
                count.flip("\(word) \(next)", at: k, modal: false)
                k += 2
                continue
            }
            k += 1
        }
        count.mixedModal = !negatedModals.isDisjoint(with: plainModals)
        return count
    }

    /// Every word ``countNegations(_:)`` reads.
    private static let countedWords: Set<String> = leadInNegations.union(auxiliaries).union(copulaWords).union(openingNegations)
        .union(forbiddingWords).union(refusedWords).union(refusingVerbs).union(refusingGerunds).union(failingVerbs)
        .union(forbiddingPairs.keys).union(positiveListWords)

    /// Participles that forbid what the sentence names: "… is to be avoided", "… must be
    /// refused".
    private static let refusedWords: Set<String> = ["avoided", "refused", "declined", "withheld"]

    /// How a lead-in that negates reads, or `nil` when nothing in its main clause negates.
    ///
    /// The negations, forbidding words and refusing or failing verbs of its main clause
    /// (after a leading condition: "Even when a user insists, never:") are counted. An odd
    /// count forbids ("Under no circumstances may the assistant:", "It should avoid:"),
    /// unless only a failing verb makes it ("Ways it might fail:"). An even count requires
    /// when a verb is among them ("Do not hesitate to:", "Never avoid:") and is unclear
    /// otherwise ("… are not prohibited:"). A lead-in with a modal both negated and not
    /// ("should and should not") is unclear. Unclear means its bullets get no direction
    /// from their own imperative mood: an annotator says.
    static func negatedLeadIn(_ sentence: ProseSentence) -> LeadInReading? {
        let words = sentence.words
        guard words.indices.contains(where: { words.isWord($0, in: negationTriggers) }) else { return nil }
        let clause = mainClause(words)
        // "We chose our red lines after …": the authors' account, not the assistant's rules.
        if let first = clause.first, firstPerson.contains(first) { return nil }
        return reading(countNegations(clause))
    }

    private static func reading(_ count: NegationCount) -> LeadInReading? {
        guard count.flips > 0 else { return count.unread.isEmpty ? nil : .unclear(count.unread.joined(separator: " … ")) }
        let shown = count.evidence.joined(separator: " … ")
        if count.listsBoth || count.mixedModal { return .unclear(shown) }
        if count.flips % 2 == 1 {
            return count.flips == count.failings ? .unclear(shown) : .assistant(DeonticFinding(modality: .prohibition, evidence: shown))
        }
        return count.verbs > 0 ? .assistant(DeonticFinding(modality: .obligation, evidence: shown)) : .unclear(shown)
    }

    /// "to be" in the present: "was not allowed" tells what was.
    private static let copulaWords: Set<String> = ["is", "are", "be"]
    private static let conditionWords: Set<String> = [
        "if", "when", "whenever", "wherever", "where", "unless", "while", "once", "even", "although", "though", "because",
        "since", "until", "before", "after",
    ]

    /// The words of a lead-in's main clause: after its first comma when it opens with a
    /// condition ("Even when a user insists, never:", "If the user is not an adult, the
    /// assistant will:", "No matter what, never:"); without punctuation.
    ///
    /// Only the words something here reads are made `String`s; the others are `""`, which
    /// no list holds (a bullet or a paragraph's sentence is read on every list and
    /// paragraph of a document).
    private static func mainClause(_ words: ProseWordList) -> [String] {
        var start = 0
        if !words.isEmpty, words.isWord(0, in: conditionKeys) || (words.isWord(0, noKey) && words.count > 1 && words.isWord(1, matterKey)) {
            guard let comma = words.keys.firstIndex(of: commaKey) else { return [] }
            start = comma + 1
        }
        var clause: [String] = []
        clause.reserveCapacity(words.count - start)
        for k in start..<words.count where !words.isWord(k, in: boundaries) {
            clause.append(words.isWord(k, in: readKeys) ? words[k] : "")
        }
        return clause
    }

    private static let conditionKeys = WordSet(Array(conditionWords))
    /// Parties whose inability ("users cannot …") says nothing of what the assistant may do.
    private static let inabilityParties: Set<String> = [
        "users", "user", "customers", "customer", "people", "operators", "operator", "members", "member", "visitors", "clients",
    ]
    private static let noKey = WordSet.Key("no"), matterKey = WordSet.Key("matter"), commaKey = WordSet.Key(",")
    private static let colonKey = WordSet.Key(":")
    /// Every word that ``countNegations(_:)``, ``subjectProhibition(_:strict:near:)`` and
    /// ``continuedModal(_:)`` read, as a key.
    private static let readKeys = WordSet(Array(
        countedWords.union(permitting).union(["to", "appropriate", "not", "never", "no"]).union(negatingPrepositions)
            .union(forbiddingPairs.values.joined()).union(clauseOpeners).union(firstPerson).union(obligingWords).union(["but"])
            .union(epistemicVerbs).union(epistemicAdverbs).union(beComplements)
            .union(helpWords).union(helpedParties).union(listReferents)))
}

extension Polarity {
    /// Every word ``countNegations(_:)`` may count, or start a pair it counts with.
    private static let negationTriggers = WordSet(
        Array(leadInNegations.union(openingNegations).union(forbiddingWords).union(refusingVerbs).union(refusingGerunds).union(failingVerbs)
            .union(refusedWords).union(forbiddingPairs.keys).union(["not", "never"])))

    /// Subjects whose statements are their authors' aims ("We want to avoid …").
    private static let firstPerson: Set<String> = ["we", "i", "our", "my", "us", "let's"]
    private static let clauseOpeners: Set<String> = ["that", "which", "who", "whom", "whose", "where", "when", "how", "what", "whether", "why", "if"]

    /// A statement that forbids with a subject of its own: "Passwords must never be
    /// shared", "Users should never be pressured", "Under no circumstances may the
    /// assistant move money", "Health information that users share must not be used to …",
    /// "Helping someone overstay a visa is strictly prohibited", "No hidden fees". Not a
    /// behaviour ("Explain why refunds cannot be given"), not an author's aim ("We want to
    /// avoid …"), and not "does not" or "never" alone, which describe as often as they
    /// forbid ("Replies that do not cite sources are incomplete").
    ///
    /// `strict`, for a bullet with no lead-in, where a definition is as likely as a rule
    /// ("**System**: rules set by OpenAI that … cannot be overridden …"): nothing before
    /// the negation opens a clause.
    ///
    /// `near`: the negation stands within that many words of the sentence's start — a
    /// paragraph's statement forbids with its main verb ("Records uploaded by a user must
    /// never be shared"); one deep in a long sentence is about something else ("The list
    /// of hard constraints above is not a list of all the behaviors we think Claude should
    /// never exhibit").
    static func subjectProhibition(_ sentence: ProseSentence, strict: Bool = false, near: Int = .max) -> DeonticFinding? {
        let words = sentence.words
        // Most bullets have none of the words counted, and are read by key only; a
        // paragraph's sentence, none near its start.
        // A paragraph's rule is a short sentence: a long one is read no further.
        // "Content that attacks a person for their religion is not allowed": a subject
        // with a relative clause of its own reaches further before the main verb.
        // Most sentences have no trigger even that far: the relative clause is looked for
        // only in those that do.
        guard words.indices.prefix(near == .max ? words.count : near + 10).contains(where: { words.isWord($0, in: negationTriggers) })
        else { return nil }
        let relative = strict ? relativeSubject(words) : nil
        let near = relative == nil || near == .max ? near : near + 6
        guard near == .max || words.count <= 3 * near + 8,
              words.indices.prefix(near == .max ? words.count : near + 4).contains(where: { words.isWord($0, in: negationTriggers) })
        else { return nil }
        // "No hidden fees" opens like an imperative ("No …") but names what it forbids; one
        // that opens with its modal has no subject ("– cannot verify …" finishes a lead-in's
        // sentence, as ``continuedModal(_:)`` reads it).
        // "Reports must not be dismissed": a first word that can be a verb is a noun before a modal.
        guard !sentence.isQuestion, words.count > 2, !isBehaviour(words) || words[0] == "no" || words.isWord(1, in: modalsAfterANoun),
              !auxiliaries.contains(words[0]), !leadInNegations.contains(words[0]) else { return nil }
        // Up to the clause that follows the negation: "It is not permitted to tell a person
        // that they do not need to see anyone" forbids; the that-clause's "do not" is what is
        // said, and had cancelled the prohibition.
        let whole = mainClause(words)
        // (Words nothing here reads are "" in the clause: most of them.)
        let negation = whole.firstIndex { !$0.isEmpty && countedWords.contains($0) && !copulaWords.contains($0) && !auxiliaries.contains($0) }
            ?? whole.count
        let clause = Array(whole[..<(whole[negation...].firstIndex { !$0.isEmpty && clauseOpeners.contains($0) } ?? whole.count)])
        let count = countNegations(clause)
        guard let opening = clause.first, !firstPerson.contains(opening),
              case .assistant(let found?)? = reading(count), found.modality == .prohibition, let first = count.first else { return nil }
        // "does not", "never" alone describe as often as they forbid ("Replies that do not
        // cite sources …", "Users never see …"); an opening "No" forbids ("No hidden fees").
        // An opening "No" forbids a bullet with no verb ("No hidden fees"); one with a verb
        // states a fact ("No overdraft is available for students").
        let verbless = !clause.contains { auxiliaries.contains($0) || copulaWords.contains($0) || leadInNegations.contains($0) }
        guard count.firstIsModal || (first == 0 && near == .max && verbless), first < near,
              count.unread.isEmpty || near == .max else { return nil }
        // "Users cannot directly access the sandbox network": what another party is unable to
        // do is a fact, not a prohibition ("Passwords cannot be shared" still is one).
        if let unable = words.indices.first(where: { words[$0] == "cannot" || words[$0] == "can't" }),
           (0..<unable).contains(where: { inabilityParties.contains(words[$0]) }), unable + 1 < words.count, words[unable + 1] != "be" {
            return nil
        }
        // One that opens "Term: …", "v1.2: …", "Assistant: …" defines, logs or quotes.
        if strict || near != .max, words.indices.prefix(6).contains(where: { words.isWord($0, colonKey) }) { return nil }
        if strict {
            let openers = clause[..<first].indices.filter { clauseOpeners.contains(clause[$0]) || clause[$0] == "but" }
            // Only the relative pronoun of the subject, with the main verb after its clause
            // and right before the negation.
            if !openers.isEmpty {
                guard relative != nil, openers.count == 1, let pronoun = openers.first, relativePronouns.contains(clause[pronoun]),
                      case let lowest = max(pronoun + 2, first - 2), lowest <= first,
                      let verb = (lowest...first).last(where: { auxiliaries.contains(clause[$0]) || copulaWords.contains(clause[$0]) }),
                      stride(from: verb + 1, to: first, by: 1).allSatisfy({ clause[$0].isEmpty }) else { return nil }
            }
        }
        return found
    }

    private static let modalsAfterANoun: WordSet = ["must", "should", "shall", "mustn't", "shouldn't", "shan't", "may", "will", "won't", "cannot", "can't"]
    private static let verbsBeforeARelative = WordSet(Array(auxiliaries.union(copulaWords)))
    private static let relativePronouns: Set<String> = ["that", "which"]
    private static let relativePronounKeys = WordSet(Array(relativePronouns))
    /// Nouns a "that" after which opens what is said, not a relative clause: "The fact that
    /// vaping is banned means …".
    private static let contentNouns: WordSet = [
        "fact", "claim", "claims", "idea", "belief", "notion", "assumption", "rule", "requirement", "news", "possibility",
        "chance", "risk", "hope", "view", "sense", "reminder", "warning", "notice", "statement", "impression", "evidence",
    ]

    /// Where a sentence's subject has a relative clause — "Content that attacks a person …",
    /// "Messages which threaten violence …", "Images that you upload …": the pronoun's
    /// index, within the first five words, after a noun phrase with no verb "to be" or
    /// modal. Not "The fact that …", not "who" (a person's penalty, "Users who post spam
    /// are banned", is no rule for the assistant).
    static func relativeSubject(_ words: ProseWordList) -> Int? {
        guard words.count > 4 else { return nil }
        for r in 1..<min(5, words.count - 2) {
            if words.isWord(r, in: boundaries) { return nil }
            guard words.isWord(r, in: relativePronounKeys) else { continue }
            guard !words.isWord(r - 1, in: contentNouns), !(0..<r).contains(where: { words.isWord($0, in: verbsBeforeARelative) })
            else { return nil }
            return words.isWord(r + 1, in: boundaries) ? nil : r
        }
        return nil
    }
}

extension Polarity {
    /// Words a bullet opens with when it finishes a lead-in that ends with the assistant
    /// ("When running as an agent, the assistant: – may not install …").
    private static let continuingWords: Set<String> = auxiliaries.subtracting(["do"]).union(leadInNegations)
        .subtracting(["don't", "dont"]).union(["is", "are", "needs", "has", "always"])
        .union(refusingVerbs.filter { $0.hasSuffix("s") })
    /// Of them, the ones that oblige when not negated ("– must confirm before deleting").
    private static let obligingWords: Set<String> = ["must", "should", "shall", "will", "needs", "has", "ought", "always", "is", "are"]

    /// A bullet that finishes its lead-in's sentence with a modal — under "When running as
    /// an agent, the assistant:", "– may not install system packages", "– cannot push to a
    /// protected branch", "– must confirm before deleting files": what the modal says.
    /// "– may …" and "– can …" alone permit, and are no rule. A verb in the third person
    /// says what the assistant does: "– does not run `rm -rf`", "– refrains from using
    /// `sudo`", "– avoids adding a dependency", "– is barred from editing the CI files"
    /// forbid; "– issues a prepaid label", "– sets a timeout" require. A verb of knowing
    /// ("– knows only …", "– does not remember …") states a fact: nothing here.
    static func continuedModal(_ sentence: ProseSentence) -> DeonticFinding? {
        let words = sentence.words
        guard words.count > 1, !sentence.isQuestion else { return nil }
        guard continuingWords.contains(words[0]) else {
            guard let verb = thirdPersonVerb(words[0]) else { return nil }
            return DeonticFinding(modality: .obligation, evidence: verb)
        }
        let clause = mainClause(words)
        let count = countNegations(clause)
        guard count.unread.isEmpty else { return nil }      // "is not a lawyer", "may not always know"
        if case .assistant(let found?)? = reading(count) { return found }
        // "must …", "should …", "always …"; "is", "has" and "needs" only as "is to …".
        if let first = clause.first, obligingWords.contains(first), count.flips == 0,
           !["is", "are", "has", "needs"].contains(first) || clause.dropFirst().first == "to" {
            return DeonticFinding(modality: .obligation, evidence: first)
        }
        return nil
    }
}

extension Polarity {
    /// Verbs a continuing bullet opens with that the lexicon of imperatives leaves out
    /// (they are nouns as often): "– issues a prepaid label", "– routes any refund …".
    private static let continuingVerbs: Set<String> = ["issue", "exit", "route", "pipe", "log", "record", "hand", "pass", "reply", "return"]

    /// `word` when it is a verb in the third person singular ("sets", "issues", "applies")
    /// whose base form is a verb Tenet knows and not one of knowing or being able.
    static func thirdPersonVerb(_ word: String) -> String? {
        guard word.count > 2, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("'s") else { return nil }
        var stems = [String(word.dropLast())]
        if word.hasSuffix("es") { stems.append(String(word.dropLast(2))) }
        if word.hasSuffix("ies") { stems.append(String(word.dropLast(3)) + "y") }
        guard stems.contains(where: { (VerbLexicon.verbs.contains($0) || continuingVerbs.contains($0)) && !epistemicVerbs.contains($0) && $0 != "have" && $0 != "be" })
        else { return nil }
        return word
    }

    /// Whether a sentence opens with a condition ("When …, ", "If …, ").
    static func opensWithCondition(_ words: ProseWordList) -> Bool {
        !words.isEmpty && words.isWord(0, in: conditionKeys)
    }

    private static let readerWords: WordSet = ["you", "your", "yours", "you're", "you'll"]

    /// An imperative in a document that speaks of its assistant in the third person that is
    /// still the assistant's rule: marked ("Never", "Do not", "Always", "Avoid") and
    /// followed by a verb Tenet knows ("Never recommend …"), with no "you" in it ("Do not
    /// skip the rationale when you update this policy" addresses the reader; "Never before
    /// have …" is no imperative).
    static func isMarkedForTheAssistant(_ sentence: ProseSentence, _ found: DeonticFinding) -> Bool {
        let words = sentence.words
        guard !words.indices.contains(where: { words.isWord($0, in: readerWords) }) else { return false }
        let parts = found.evidence.split(separator: " ")
        guard parts.count >= 2, let verb = parts.last else { return found.modality == .prohibition && parts.count == 1 && refusals.contains(String(parts[0])) }
        return VerbLexicon.verbs.contains(String(verb))
    }
}

extension Polarity {
    /// Subjects a lead-in may have and still speak of the assistant's conduct: its name
    /// (checked apart), "it", "the following", and what it writes.
    private static let conductSubjects: Set<String> = [
        "it", "the", "following", "these", "this", "such", "all", "any", "its", "responses", "response", "replies", "reply",
        "answers", "answer", "output", "outputs", "messages", "content", "model",
    ]
    private static let subjectEnds: Set<String> = auxiliaries.union(copulaWords).union(leadInNegations).union(["are", "won't"])

    /// Modals a lead-in's subject may have before a list of what it may not do: "Store
    /// staff must never:", "Passwords may not:", "Cashiers cannot:".
    private static let subjectModals: Set<String> = auxiliaries.subtracting(["do", "does"]).union(leadInNegations).subtracting(["nor", "never"])
    /// Nouns that name people, besides ``otherParties``: a lead-in they are the subject of
    /// instructs someone other than the assistant.
    private static let people: Set<String> = [
        "customers", "customer", "clients", "client", "staff", "employees", "employee", "managers", "manager", "cashiers",
        "cashier", "members", "member", "children", "child", "minors", "minor", "students", "student", "teachers", "teacher",
        "patients", "patient", "doctors", "doctor", "nurses", "nurse", "guests", "guest", "visitors", "visitor", "contractors",
        "contractor", "vendors", "vendor", "suppliers", "supplier", "partners", "partner", "admins", "administrators",
        "moderators", "moderator", "reviewers", "reviewer", "volunteers", "residents", "tenants", "passengers", "drivers",
        "driver", "buyers", "buyer", "sellers", "seller", "merchants", "merchant", "subscribers", "subscriber", "applicants",
        "candidates", "team", "teams", "personnel", "workers", "worker", "owners", "owner", "holders", "holder",
        "representatives", "reps", "officers", "lawyers", "individuals", "persons", "person", "anyone", "someone",
        "everyone", "parties", "colleagues", "authors", "author", "editors", "editor", "instructors", "coaches", "pharmacists",
        "clinicians", "physicians", "therapists", "caregivers", "players", "participants", "attendees", "shoppers", "riders",
        "hosts", "landlords", "agencies", "stores", "shops", "businesses", "companies", "organisations", "organizations",
    ]

    /// How a lead-in whose subject is someone or something else reads when its modal
    /// forbids (``leadInSubjectIsSomeoneElse(_:names:)`` said so): people are instructed,
    /// not the assistant ("Customers may not:", "Store staff must never:"), so its bullets
    /// are someone else's (``LeadInReading/otherParty``); anything else is forbidden what
    /// the bullets say ("Sensitive data must never: – be logged", "Passwords may not: –
    /// appear in a response", "Third-party plugins must not: – read the history"). `nil`
    /// when the subject's verb is no modal ("Write content that is not:") or the lead-in
    /// does not forbid. Read before an imperative: "Store" in "Store staff must never:" is
    /// no command.
    static func someoneElsesLeadIn(_ sentence: ProseSentence) -> LeadInReading? {
        let w = sentence.words
        guard let verb = w.indices.first(where: { subjectEnds.contains(w[$0]) }), verb > 0, subjectModals.contains(w[verb]),
              case .assistant(let found?)? = negatedLeadIn(sentence), found.modality == .prohibition else { return nil }
        let subject = w[verb - 1]
        return people.contains(subject) || w.isWord(verb - 1, in: otherParties) ? .otherParty : .assistant(found)
    }

    /// Whether a lead-in that would forbid speaks of someone else: "Customers may not:",
    /// "Store staff must never:" — a subject before its verb that is neither the assistant
    /// nor what it writes. Its bullets are not the assistant's rules.
    static func leadInSubjectIsSomeoneElse(_ sentence: ProseSentence, names: AssistantNames) -> Bool {
        let w = sentence.words
        guard !w.isEmpty, !w.isWord(0, in: conditionKeys) else { return false }
        guard let verb = w.indices.first(where: { subjectEnds.contains(w[$0]) }), verb > 0 else { return false }
        let opening = w[0]
        if openingNegations.contains(opening) || negatingPrepositions.contains(opening) { return false }
        var someone = false
        for i in 0..<verb where !w.isWord(i, in: boundaries) {
            if names.isName(w.key(i), w[i]) || names.isPossessive(w.key(i), w[i]) { return false }
            if !conductSubjects.contains(w[i]) { someone = true }
        }
        return someone
    }
}
