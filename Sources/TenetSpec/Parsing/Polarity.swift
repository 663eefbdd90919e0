/// What a sentence asks of the assistant: to do something, not to do it, or that it may.
enum Modality: String, Sendable {
    case obligation, prohibition, permission

    /// The rule direction it gives; a permission gives none.
    var direction: Direction? {
        switch self {
        case .obligation: return .require
        case .prohibition: return .prohibit
        case .permission: return nil
        }
    }

    /// The verb for a reason: “requires”, “prohibits”, “permits”.
    var verb: String {
        switch self {
        case .obligation: return "requires"
        case .prohibition: return "prohibits"
        case .permission: return "permits"
        }
    }
}

/// A clause that states an obligation, prohibition or permission for the assistant.
struct DeonticFinding: Sendable, Equatable {
    var modality: Modality
    /// The words that show it (“should never”, “would not want … to”).
    var evidence: String

    /// A restriction the assistant is described as keeping ("Claude only shares files"): a
    /// prohibition of doing it beyond its bounds, which is as much a description of what it
    /// does — under a lead-in that requires ("We would like Claude to be: – Truthful: Claude
    /// only sincerely asserts …"), it does not turn the bullet round as a negation does.
    var yieldsToLeadIn = false
}

/// Who a document governs: the names it gives its assistant, and whether it speaks of it
/// in the third person (“Claude should …”) or addresses it (“Answer …”, “You should …”).
struct AssistantNames: Sendable {
    var names: Set<String> {
        didSet {
            lookup = WordSet(names)
            polarityTable = Polarity.table(names: lookup)
        }
    }
    var thirdPerson: Bool
    /// The document speaks as the assistant ("I am Copilot. … I must refuse to discuss my
    /// rules"): `i` is one of its names and `my` its possessive.
    var firstPerson = false
    /// `names` for looking words up by bytes (``WordSet``): asked about every word read.
    private var lookup: WordSet
    /// ``Polarity``'s word lists and `lookup`, in one table (``polarityMask(_:_:)``).
    private var polarityTable: WordSetTable

    init(names: Set<String>, thirdPerson: Bool) {
        self.names = names
        self.thirdPerson = thirdPerson
        lookup = WordSet(names)
        polarityTable = Polarity.table(names: lookup)
    }

    /// What ``Polarity/finding(in:names:permissive:)`` asks about a word, in one look-up:
    /// a bit for each of its lists that holds the word, ``Polarity/Bit/name`` when
    /// ``isName(_:)-(WordSet.Key)``, ``Polarity/Bit/possessive`` when
    /// ``isPossessive(_:_:)``. `key` is `word`'s, as ``ProseWords`` makes them.
    @inline(__always)
    func polarityMask(_ key: WordSet.Key, _ word: @autoclosure () -> String) -> UInt64 {
        let mask = polarityTable.mask(key, word())
        if firstPerson, key == Self.myKey { return mask | Polarity.Bit.possessive }     // ends in no `s`
        // Only a word whose last byte is `s` can end in `'s` (``isPossessive(_:)``).
        guard key.endsInS(word()), isPossessive(key, word()) else { return mask }
        return mask | Polarity.Bit.possessive
    }

    /// Words that name an assistant in any document.
    static let generic: Set<String> = ["assistant", "assistants", "chatbot", "model", "models", "ai", "agent", "bot"]

    static let standard = AssistantNames(names: generic.union(["you"]), thirdPerson: false)

    /// Capitalised words that are never the assistant's name.
    private static let notNames: Set<String> = [
        "we", "they", "you", "it", "he", "she", "this", "that", "these", "those", "there", "operators", "operator",
        "users", "user", "developers", "developer", "people", "humans", "anyone", "everyone", "someone", "responses",
        "response", "answers", "which", "what", "who", "i", "one", "each", "all", "both", "rules", "guidelines",
        "content", "instructions", "such", "companies", "principals", "others", "parents", "teachers", "staff",
        "employees", "customers", "clients", "readers", "authors", "contributors", "reviewers", "annotators",
    ]

    /// Finds the name a document uses with “should”, “must” or “shall” most often
    /// (`Claude should …` → `claude`); `assistant` and the other generic words always count.
    /// `declared` (a spec's `assistant:` setting) is used as given. One pass that stops only
    /// at the modals: it runs over whole specs.
    /// `skipping`: skip eight bytes at a time where no modal can start (`false` reads
    /// every position, as a reference for tests).
    static func detect(in bytes: [UInt8], declared: String? = nil, skipping: Bool = true) -> AssistantNames {
        var counts: [String: Int] = [:]
        var thirdPerson = 0
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 1
            while i + 4 < n {
                // Eight positions at a time: byte k of the mask is set where a space is
                // followed by `s` or `m` (or, rarely, where ``ByteSearch/has(_:_:)`` errs
                // high; it never misses a byte it looks for). No mark: no modal starts in the
                // window; else go straight to the first mark.
                // A loop of its own, so that its constants stay in registers.
                if skipping, let base = b.baseAddress {
                    while i &+ 8 <= n {
                        let here = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        let before = UnsafeRawPointer(base + (i &- 1)).loadUnaligned(as: UInt64.self)
                        let marks = (ByteSearch.has(here, 0x73) | ByteSearch.has(here, 0x6D) | ByteSearch.has(here, 0x53)
                                     | ByteSearch.has(here, 0x4D)) & ByteSearch.has(before, 0x20)
                        if marks != 0 { i &+= marks.trailingZeroBitCount &>> 3; break }
                        i &+= 8
                    }
                    guard i + 4 < n else { break }
                }
                // " should", " must", " shall" after a word — "MUST" too, as system prompts write it.
                guard b[i] | 0x20 == 0x73 || b[i] | 0x20 == 0x6D, b[i - 1] == 0x20, let (end, contracted) = modalEnd(b, at: i) else { i += 1; continue }
                var start = i - 1
                while start > 0, isASCIILetter(b[start - 1]) { start -= 1 }
                if start < i - 1 {
                    let first = b[start]
                    let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<(i - 1)]), as: UTF8.self).lowercased()
                    // A contracted modal names a proper name only: "the bot shouldn't"
                    // does not make a document of imperatives one about its assistant.
                    if generic.contains(word) {
                        if !contracted { thirdPerson += 1 }
                    } else if first >= 0x41 && first <= 0x5A, !notNames.contains(word) {
                        counts[word, default: 0] += 1
                    }
                }
                i = end
            }
        }
        var names = generic
        // "You are Copilot." at the top of a system prompt: the assistant is "you", and the
        // name too ("Copilot MUST decline …").
        let introduced = introducedName(in: bytes)
        if let introduced { names.insert(introduced) }
        if let declared, !declared.isEmpty {
            for word in declared.lowercased().split(whereSeparator: { !$0.isLetter }) where !["the", "a", "an"].contains(word) {
                names.insert(String(word))
            }
            thirdPerson += 3
        }
        // The most frequent; once is enough when the document names it often (“Claude …”).
        if let (name, count) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
           count >= 2 || capitalisedCount(of: name, in: bytes) >= 3 {
            names.insert(name)
            thirdPerson += count
        }
        // "I am Copilot" at the top: the document is in the assistant's own voice, so "I
        // must refuse …" is a rule. Elsewhere "I" is the author ("I want you to …").
        let selfIntroduced = introducedName(in: bytes, openings: selfOpenings)
        if let selfIntroduced { names.formUnion(["i", selfIntroduced]) }
        let third = thirdPerson >= 3 && introduced == nil
        if !third { names.insert("you") }
        var found = AssistantNames(names: names, thirdPerson: third)
        found.firstPerson = selfIntroduced != nil
        return found
    }

    /// How a document in the assistant's own voice introduces it: "I am Copilot", "I'm
    /// Microsoft Copilot", "I identify as Microsoft Copilot".
    static let selfOpenings = ["i am ", "i'm ", "i\u{2019}m ", "i identify as "]
    private static let myKey = WordSet.Key("my")

    /// How far into a document a system prompt says who the assistant is.
    static let introductionBytes = 1_000

    /// The name in "You are Copilot", "You are ChatGPT, a large language model …" on a line
    /// of its own near the top of the document (not in an example further down, where a
    /// spec quotes a system prompt): the capitalised word after "You are" at a line's start.
    /// `openings`: what comes before the name, in lower case ("you are "; ``selfOpenings``).
    static func introducedName(in bytes: [UInt8], openings: [String] = ["you are "]) -> String? {
        let openings = openings.map { Array($0.utf8) }
        let end = min(bytes.count, introductionBytes)
        var i = 0
        while i < end {
            // At a line's start, after spaces or a Markdown mark ("> ", "# ").
            var k = i
            while k < end, bytes[k] == 0x20 || bytes[k] == 0x3E || bytes[k] == 0x23 || bytes[k] == 0x2A { k += 1 }
            // A letter matches in either case; any other byte only itself.
            func isLetter(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
            for opening in openings where k + opening.count < end
                && (0..<opening.count).allSatisfy({ bytes[k + $0] == opening[$0] || (isLetter(opening[$0]) && bytes[k + $0] | 0x20 == opening[$0]) }) {
                var w = k + opening.count
                let start = w
                while w < bytes.count, isASCIILetter(bytes[w]) || (w > start && (bytes[w] == 0x2D || (bytes[w] >= 0x30 && bytes[w] <= 0x39))) { w += 1 }
                if w > start + 1, bytes[start] >= 0x41, bytes[start] <= 0x5A {
                    let word = String(decoding: bytes[start..<w], as: UTF8.self).lowercased()
                    if !notNames.contains(word), !["a", "an", "the", "now", "not", "here", "going", "being"].contains(word) { return word }
                }
            }
            // The next line.
            while i < end, bytes[i] != 0x0A { i += 1 }
            i += 1
        }
        return nil
    }

    private static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    private static let modalWords: [[UInt8]] = ["should", "must", "shall", "sha"].map { Array($0.utf8) }

    /// The end of `should`, `must` or `shall` as a whole word at `start`, if one is there,
    /// or of `shouldn't`, `mustn't`, `shan't` (with a straight or curly apostrophe): "Sally
    /// mustn't be rude" names Sally as a "Sally must" does.
    private static func modalEnd(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, contracted: Bool)? {
        for modal in modalWords where start + modal.count <= b.count {
            var k = 0
            // Any case ("MUST"): the modal's letters with the case bit set.
            while k < modal.count, b[start + k] | 0x20 == modal[k] { k += 1 }
            guard k == modal.count else { continue }
            let end = start + k
            if modal.count > 3, end == b.count || !isASCIILetter(b[end]) { return (end, false) }
            // n't, n’t
            guard end + 3 <= b.count, b[end] | 0x20 == 0x6E else { continue }
            if b[end + 1] == 0x27, b[end + 2] | 0x20 == 0x74 { return (end + 3, true) }
            if end + 5 <= b.count, b[end + 1] == 0xE2, b[end + 2] == 0x80, b[end + 3] == 0x99, b[end + 4] | 0x20 == 0x74 { return (end + 5, true) }
        }
        return nil
    }

    /// How often `name` (lower case) appears capitalised as a word, up to 3.
    private static func capitalisedCount(of name: String, in bytes: [UInt8]) -> Int {
        var word = Array(name.utf8)
        word[0] -= 0x20
        var count = 0
        var i = 0
        while i + word.count <= bytes.count, count < 3 {
            if bytes[i] == word[0], (i == 0 || !isASCIILetter(bytes[i - 1])), bytes[i..<i + word.count].elementsEqual(word),
               i + word.count == bytes.count || !isASCIILetter(bytes[i + word.count]) {
                count += 1
                i += word.count
            } else {
                i += 1
            }
        }
        return count
    }

    func isName(_ word: String) -> Bool { lookup.contains(word) }
    /// ``isName(_:)-(String)`` of `word`, whose key is `key`.
    func isName(_ key: WordSet.Key, _ word: @autoclosure () -> String) -> Bool { lookup.contains(key, word()) }

    /// `claude's` → `true` when `claude` is a name.
    func isPossessive(_ word: String) -> Bool {
        if firstPerson, word == "my" { return true }
        // Most words do not end in the bytes of `'s`, and no word that does not ends in its characters.
        guard word.utf8.last == 0x73, word.hasSuffix("'s") else { return false }
        return lookup.contains(String(word.dropLast(2)))
    }

    /// ``isPossessive(_:)`` of `word`, answered from its key when the bytes can
    /// (`key` is `word`'s, as ``ProseWords`` makes them).
    func isPossessive(_ key: WordSet.Key, _ word: @autoclosure () -> String) -> Bool {
        if firstPerson, key == Self.myKey { return true }
        switch key.possessiveStem {
        case .some(.some(let stem)): return lookup.contains(stem, "")     // a stem is always packed
        case .some(.none): return isPossessive(word())
        case .none: return false
        }
    }
}

/// Reads the polarity of prose: whether a sentence states an obligation, a prohibition or
/// a permission for the assistant, what a lead-in ("Claude should never:") gives the
/// bullets after it, and whether a bullet is a bare behaviour.
enum Polarity {
    static let boundaries: WordSet = [",", ";", ":", "—", "(", ")"]
    private static let commaKey = WordSet.Key(",")
    private static let subordinators: WordSet = [
        "if", "when", "whenever", "wherever", "because", "since", "although", "though", "while", "whereas", "unless", "until",
        "before", "after", "once", "whether", "how", "what", "which", "who", "whom", "whose", "where", "why",
    ]
    static let negations: WordSet = [
        "not", "never", "don't", "doesn't", "didn't", "won't", "wouldn't", "shouldn't", "mustn't", "isn't", "aren't", "dont", "no",
    ]
    /// Words that may come right before the assistant as the subject of a main clause.
    private static let subjectOpeners: WordSet = [
        ",", ";", ":", "—", "(", "and", "but", "or", "so", "then", "thus", "therefore", "instead", "however", "also",
        "mean", "means", "suggests", "say", "says", "default", "rather", "short", "particular", "general", "words",
        "is", "that's",
    ]
    /// “we think Claude should …”: a subject and one of these opens a main clause.
    private static let thinkers: WordSet = ["think", "thinks", "believe", "believes", "feel", "expect", "expects", "hope", "hopes"]
    private static let thinkerSubjects: WordSet = ["we", "i", "they", "anthropic", "openai", "people"]
    /// Words before `that` that make it open a complement (“means that Claude should”),
    /// not a relative clause (“goals that Claude should promote”).
    private static let complementVerbs: WordSet = [
        "means", "mean", "think", "thinks", "believe", "believes", "suggests", "suggest", "ensure", "important",
        "essential", "crucial", "clear", "expect", "expects", "say", "says", "requires", "require", "recommend",
        "is", "such", "know", "hope", "vital", "necessary", "crucially",
    ]
    private static let determiners: WordSet = ["the", "a", "an", "all", "current", "any", "each", "every", "our", "this", "such"]
    private static let fillers: WordSet = [
        "itself", "also", "still", "then", "instead", "only", "just", "by", "default", "models", "instances", "agents",
        "(", ")", "sometimes", "first", "further", "again", "in", "general", "particular", "at", "least", "all", "times",
        "even", "therefore", "thus", "nonetheless", "nevertheless", "too", "now", "here", "likewise",
    ]
    /// Verbs after “can” / “may” that describe rather than permit (“Claude can be …”).
    private static let stative: WordSet = [
        "be", "have", "has", "seem", "appear", "become", "feel", "look", "sound", "mean", "end", "get", "fail",
        "lead", "cause", "want", "know", "see", "tell", "imagine", "think", "easily", "inadvertently", "understand",
        "misunderstand", "encounter", "face", "receive", "lack", "experience", "struggle", "make", "sometimes",
    ]
    /// Verbs after "may not" that say what may happen, not what is allowed ("Claude may
    /// not agree", "the user may not realise").
    private static let mayNotDescribes: WordSet = [
        "agree", "realize", "realise", "notice", "recognize", "recognise", "need", "remember", "apply", "work", "matter",
        "exist", "succeed", "help", "reflect", "match", "align", "hold", "occur", "change", "include", "contain",
    ]
    private static let governing: WordSet = ["want", "wants", "like", "love", "prefer", "expect", "expects", "wish", "encourage", "encourages"]
    private static let evaluativeFor: [String: Modality] = [
        "is": .obligation, "important": .obligation, "good": .obligation, "best": .obligation, "better": .obligation,
        "essential": .obligation, "crucial": .obligation, "necessary": .obligation, "vital": .obligation, "wise": .obligation,
        "prudent": .obligation, "appropriate": .obligation, "concern": .obligation, "recommended": .obligation, "mandatory": .obligation,
        "fine": .permission, "ok": .permission, "okay": .permission, "acceptable": .permission, "permissible": .permission,
        "reasonable": .permission, "alright": .permission,
    ]
    /// The verb a refusal is joined to, in its clause: "decline to answer and refer the
    /// Client …" → `refer`. Not another refusal ("refuse and report" is `report`; "avoid
    /// and discourage" none).
    private static func coordinatedVerb(_ w: ProseWordList, after refusal: Int) -> String? {
        var k = refusal + 1
        while k < min(w.count - 1, refusal + 14), !w.isWord(k, in: boundaries) {
            if w.isWord(k, Word.and) {
                var j = k + 1
                while j < w.count, isAdverb(w, j) { j += 1 }
                guard j < w.count, w.isWord(j, in: VerbLexicon.verbs), !refusals.contains(w[j]), !doubleNegatives.contains(w[j]) else { return nil }
                return w[j]
            }
            k += 1
        }
        return nil
    }

    /// Words after "is to" that make it no instruction ("is to some extent", "is to blame").
    private static let notAfterIsTo: Set<String> = ["some", "blame", "date", "me", "us", "them", "him", "her", "it", "what", "whom", "which"]
    /// Of them, the words a negation turns into a permission: what is "not necessary" may
    /// still be done.
    private static let necessities: Set<String> = ["necessary", "essential", "mandatory", "vital", "crucial"]
    private static let displeasure: WordSet = ["unhappy", "uncomfortable", "disappointed", "concerned", "upset", "worried", "troubled"]
    /// Who else a policy gives instructions to.
    static let otherParties: WordSet = [
        "we", "they", "operators", "operator", "users", "user", "developers", "developer", "people", "humans", "anthropic",
        "openai", "principals", "companies", "parents", "you", "i", "he", "she", "staff", "employees", "annotators",
    ]
    private static let modals: WordSet = [
        "should", "must", "shall", "ought", "need", "needs", "has", "have", "is", "are", "can", "may", "will",
        "never", "always", "shouldn't", "mustn't", "needn't", "shan't", "oughtn't", "isn't", "aren't", "does", "do", "doesn't", "don't",
    ]

    /// The lists ``finding(in:names:permissive:)`` asks about every word and a document's
    /// `names`, in one table: a word's mask (``WordSetTable``) has the bit of each list
    /// that holds it (``Bit``). Each ``AssistantNames`` keeps its own
    /// (``AssistantNames/polarityMask(_:_:)``).
    fileprivate static func table(names: WordSet) -> WordSetTable { WordSetTable(wordLists + [names]) }
    /// The lists of ``table(names:)`` before the names, in the order of their bits.
    static let wordLists: [WordSet] = [boundaries, subordinators, governing, negations, displeasure, determiners, modals, ["for"], ["if"],
                                       ["it"], ["to"], ["and", "or", "but"], ["that"]]
    /// The bit of each list in ``table(names:)``'s masks.
    enum Bit {
        static let boundary: UInt64 = 1 << 0, subordinator: UInt64 = 1 << 1, governing: UInt64 = 1 << 2, negation: UInt64 = 1 << 3
        static let displeasure: UInt64 = 1 << 4, determiner: UInt64 = 1 << 5, modal: UInt64 = 1 << 6, for_: UInt64 = 1 << 7
        static let if_: UInt64 = 1 << 8, it: UInt64 = 1 << 9, to: UInt64 = 1 << 10
        /// `and`, `or`, `but`.
        static let coordinator: UInt64 = 1 << 11
        /// `that` ("it is required that the assistant …").
        static let that: UInt64 = 1 << 12
        /// One of the names the document gives its assistant.
        static let name: UInt64 = 1 << 13
        /// Not a list of the table: a name's possessive (`claude's`), ``AssistantNames/isPossessive(_:_:)``.
        static let possessive: UInt64 = 1 << 14
    }

    private static func isAdverb(_ word: String) -> Bool {
        word.utf8.count > 4 && word.utf8.last == 0x79 && word.hasSuffix("ly") && !notAdverbs.contains(word)
    }

    private static let notAdverbs: WordSet = ["only", "apply", "reply", "rely", "supply", "imply", "comply", "family", "ally"]

    /// ``isAdverb(_:)-(String)`` of the word at `i`, from its key when it is packed (an
    /// ASCII word: its last two characters are its last two bytes).
    @inline(__always)
    private static func isAdverb(_ w: ProseWordList, _ i: Int) -> Bool {
        let key = w.key(i)
        guard let endsInLy = key.endsWith(0x6C, 0x79, longerThan: 4) else { return isAdverb(w[i]) }
        return endsInLy && !notAdverbs.contains(key, "")
    }

    /// An adverb or a filler word (“also”, “by default”, “in general” …), skipped between a
    /// subject, its modal and its verb.
    @inline(__always)
    private static func isSkippable(_ w: ProseWordList, _ i: Int) -> Bool { isAdverb(w, i) || w.isWord(i, in: fillers) }

    /// Keys of the words the readings below compare one at a time.
    private enum Word {
        static let it = WordSet.Key("it"), that = WordSet.Key("that"), colon = WordSet.Key(":")
        static let assistant = WordSet.Key("assistant"), and = WordSet.Key("and")
    }
    private static let ourYour: WordSet = ["our", "your"]
    private static let subjectTails: WordSet = ["models", "instances", "itself", "agents"]
    private static let genericNames = WordSet(AssistantNames.generic)
    private static let beforeGovernor: WordSet = ["would", "also", "do", "does", "really", "still", "therefore"]
    private static let beforeThinker: WordSet = ["and", "but", "so", "also", "therefore", "still"]
    private static let afterMarker: WordSet = ["ever", "even", "also", "just"]
    private static let notAfterVerb: WordSet = ["of", "is", "are", "was", "were", "'s", "cases", "case"]
    /// The verb of a sentence whose subject is a noun an imperative's verb could be read as.
    private static let finiteVerbs: WordSet = [
        "is", "are", "was", "were", "may", "might", "can", "could", "will", "would", "should", "must", "shall", "has", "have", "had",
        "cannot", "can't", "won't", "don't", "doesn't", "aren't", "isn't",
    ]
    /// Words after a verb that open its object clause: a pronoun subject, a wh-word, or
    /// "and"/"or" before a second verb.
    private static let clauseOpeners: WordSet = [
        "i", "you", "he", "she", "we", "they", "what", "whatever", "which", "who", "whoever", "how", "whether", "where", "when",
        "why", "and", "or",
    ]
    /// Verbs whose object may be a clause with a verb of its own.
    private static let clauseVerbs: WordSet = [
        "ensure", "check", "verify", "confirm", "assume", "remember", "note", "say", "state", "mention", "explain", "show",
        "suggest", "recommend", "imagine", "pretend", "consider", "accept", "acknowledge", "clarify", "indicate", "know",
        "understand", "insist", "prove", "guarantee", "expect", "make", "let", "see", "tell", "warn", "remind",
    ]
    private static let notMarkedVerbs: WordSet = ["the", "a", "an", "this", "that", "these", "those", "it", "to", "be", "one"]

    /// Verbs that negate what they govern: "avoid X", "refuse to X", "decline X", "reject
    /// requests for X", "exclude X", "omit X", "abstain from X", "withhold X", "skip X"
    /// forbid X, as "never X" does
    /// ("Refuse to …" is prohibit wording in docs/pairs.md); under a negation they require
    /// it ("never avoid X", "don't refuse to X"). With the gerunds that open a bullet as
    /// its verb does ("Refusing to …") — not "excluding", which opens a condition as often
    /// ("Excluding weekends, …").
    static let refusals: Set<String> = [
        "avoid", "refrain", "refuse", "decline", "reject", "exclude", "omit", "abstain", "forbid", "disallow", "withhold", "skip",
    ]
    static let refusalGerunds: Set<String> = ["avoiding", "refraining", "refusing", "declining", "rejecting", "withholding"]
    /// Verbs that negate what they govern under a negation only: "never fail to warn",
    /// "don't hesitate to ask", "do not forget to cite" require it. Alone they name a
    /// failing ("Fails to warn …" under "… would be unhappy if Claude:"), not a prohibition
    /// worded as one, so they are no ``refusals``.
    /// (With "shy": "do not shy away from deeper searches" asks for them.)
    static let failures: Set<String> = ["fail", "forget", "neglect", "hesitate", "shy"]
    /// What a negation turns into an obligation: ``refusals`` and ``failures``.
    /// ("Skip" is no double negative: "never skip hooks" forbids skipping them, and "must
    /// not skip ahead to" has nothing to require.)
    static let doubleNegatives = refusals.subtracting(["skip"]).union(failures)
    private static let refusalWords = WordSet(Array(refusals))
    private static let doubleNegativeWords = WordSet(Array(doubleNegatives))
    /// Words that, negated, forbid what they name: "… is not allowed", "… are never
    /// acceptable" (read by ``RuleMeaning`` and ``RuleStatement`` alike).
    static let permitting: Set<String> = ["permitted", "allowed", "acceptable", "tolerated"]
    /// "Profanity should be avoided", "Requests for malware must be refused".
    static let refusalParticiples: Set<String> = ["avoided", "refused", "declined", "rejected", "excluded", "omitted", "forbidden", "disallowed", "withheld"]

    // MARK: sentences

    /// The first clause in `sentence` that states an obligation, prohibition or permission
    /// for the assistant; `it` is read as the assistant after the sentence has named it.
    /// `permissive` also reads subordinate and relative clauses (for lead-ins, which are
    /// short). `itIsTheAssistant`: a sentence before this one named the assistant ("The
    /// assistant keeps a log of every removal. It must not share that log …"), so an `it`
    /// here is the assistant from the start.
    static func finding(in sentence: ProseSentence, names: AssistantNames, permissive: Bool = false,
                        itIsTheAssistant: Bool = false) -> DeonticFinding? {
        if sentence.isQuestion && !permissive { return nil }
        let w = sentence.words
        // Every finding below has the assistant as a subject, named or possessive (`it` only
        // after it was named): a sentence that never names it states none.
        // Each word packed once, by ``ProseWords``, for the sets below (``WordSet``).
        let keys = w.keys
        // The lists each word is in, whether it is a name or a name's possessive, looked up
        // once (``AssistantNames/polarityMask(_:_:)``), written in place into an array of
        // zeros (`unsafeUninitializedCapacity` is not specialized for the element type: it
        // looks the storage type up at run time on every call; appending checked the
        // array's uniqueness and capacity for each word). The walk below reads
        // words by their masks; it makes a word's `String` only where a finding may be.
        var masks = [UInt64](repeating: 0, count: keys.count)
        var seen: UInt64 = 0
        masks.withUnsafeMutableBufferPointer { m in
            keys.withUnsafeBufferPointer { k in
                for j in 0..<k.count {
                    let mask = names.polarityMask(k[j], w[j])
                    m[j] = mask
                    seen |= mask
                }
            }
        }
        guard seen & (Bit.name | Bit.possessive) != 0 || (itIsTheAssistant && seen & Bit.it != 0) else { return nil }
        var clauseStart = 0
        var subordinate = false
        var negated = false
        // A negation in a subordinate clause with no comma after it ("If the project is not
        // connected you should:"): it is the condition's, not the modal's after it.
        var negatedInSubordinate = false
        var assistantClause = false
        var named = itIsTheAssistant
        // A permission found, kept while a later clause may require or forbid.
        var permitted: DeonticFinding?
        var i = 0
        // "3.1 The System shall identify itself …": a clause's number opens the sentence; so
        // does an FAQ's answer, "No. It must not …" (read as one sentence: "No." may be short
        // for a number).
        if w.count > 2, w.keys[0].isNumeral || (itIsTheAssistant && w.isWord(0, in: answerWords) && w.isWord(1, Word.it)) {
            clauseStart = 1
            i = 1
        }
        while i < w.count {
            let m = masks[i]
            if m & Bit.boundary != 0 {
                clauseStart = i + 1
                subordinate = false
                negated = false
                negatedInSubordinate = false
                i += 1
                continue
            }
            if m & Bit.subordinator != 0 { subordinate = true }
            // "Start the server early so you can see runtime errors": "so" inside a clause
            // (not after a comma: "…, so you must hurry") opens its purpose, whose "can" is
            // no permission the rule gives.
            if i > clauseStart, w.isWord(i, soKey) { subordinate = true }
            let mainClause = permissive || !subordinate

            // we want / would like / would not want (for) Claude to …
            if m & Bit.governing != 0, mainClause, permissive || governorOpensClause(w, verb: i, clauseStart: clauseStart),
               let found = governed(w, after: i, names: names, negated: negated || (i > 0 && masks[i - 1] & Bit.negation != 0)) {
                return found
            }
            // it is good / fine / important for Claude to …; our concern is for Claude to …
            if m & Bit.for_ != 0, i > 0, let base = evaluativeFor[w[i - 1]], mainClause,
               let (subjectEnd, _) = subject(w, at: i + 1, names: names), subjectEnd < w.count, masks[subjectEnd] & Bit.to != 0 {
                var modality = base
                // "It is not necessary for the assistant to cite …" permits; "it is not
                // appropriate for Claude to …" forbids.
                if negated { modality = necessities.contains(w[i - 1]) ? .permission : .prohibition }
                else if base == .obligation, let next = word(w, after: subjectEnd), next == "never" || next == "not" || refusals.contains(next) { modality = .prohibition }
                return DeonticFinding(modality: modality, evidence: "\(negated ? "not " : "")\(w[i - 1]) for \(w[(i + 1)..<subjectEnd].joined(separator: " ")) to")
            }
            // RFC 2119's "It is REQUIRED that the assistant offer …", "it is essential that
            // Claude never …": an evaluation of what the assistant does, in a that-clause.
            if m & Bit.that != 0, i > 0, mainClause, w.isWord(i - 1, in: evaluativeThatWords),
               let found = evaluatedThat(w, at: i, names: names, negated: negated) {
                return found
            }
            // … would be unhappy if Claude …
            if m & Bit.if_ != 0, i > 0, masks[i - 1] & Bit.displeasure != 0, i + 1 < w.count,
               masks[i + 1] & (Bit.name | Bit.determiner) != 0 {
                if subject(w, at: i + 1, names: names) != nil {
                    return DeonticFinding(modality: .prohibition, evidence: "\(w[i - 1]) if \(w[i + 1])")
                }
            }
            // Claude should …, the assistant must not …, Claude's goal should …
            // (`subject` finds none at a word that is no determiner, name, possessive or `it`.)
            if m & (Bit.determiner | Bit.name | Bit.possessive) != 0 || (named && m & Bit.it != 0),
               let (subjectEnd, possessive) = subject(w, at: i, names: names, allowIt: named, masks: masks) {
                named = true
                // "Under no circumstances should Claude reveal …", "nor should Claude …":
                // the modal before its subject, after a negation that opens the clause.
                if let found = negativeInversion(w, subject: i, subjectEnd: subjectEnd, clauseStart: clauseStart) {
                    return found
                }
                let opener = opensClause(w, at: i, clauseStart: clauseStart)
                if (opener && mainClause) || permissive {
                    assistantClause = true
                    var k = subjectEnd
                    if possessive { k += 1 }
                    if let found = modal(w, at: k, subjectIsIt: m & Bit.it != 0) {
                        let said = negated && !negatedInSubordinate && found.modality == .obligation
                            ? DeonticFinding(modality: .prohibition, evidence: "not … " + found.evidence) : found
                        // "It may share general information, but it must not diagnose …": what
                        // the sentence requires or forbids is its rule, not what it allows.
                        guard said.modality == .permission else { return said }
                        permitted = permitted ?? said
                    }
                }
                i = subjectEnd
                continue
            }
            // … and can …, … , should …: the same subject, coordinated.
            if assistantClause, mainClause, m & Bit.coordinator != 0 || (i == clauseStart && m & Bit.modal != 0) {
                let k = m & Bit.modal != 0 && i == clauseStart ? i : i + 1
                if let found = modal(w, at: k, subjectIsIt: false) {
                    guard found.modality == .permission else { return found }
                    permitted = permitted ?? found
                }
            }
            if m & Bit.name != 0 { named = true }
            if m & Bit.negation != 0 {
                negated = true
                if subordinate { negatedInSubordinate = true }
            }
            i += 1
        }
        return permitted
    }

    /// A prohibition stated by negative inversion: "Under no circumstances should Claude
    /// reveal …", "In no case may the assistant …", "At no point should Claude …", "…,
    /// nor should Claude …" — the modal right before the subject, and before it, from the
    /// clause's start, "nor" or a phrase with "no" (at most three words). The subject must
    /// be followed by a verb.
    private static func negativeInversion(_ w: ProseWordList, subject: Int, subjectEnd: Int, clauseStart: Int) -> DeonticFinding? {
        var p = subject - 1
        while p >= clauseStart, w.isWord(p, in: determiners) { p -= 1 }
        guard p > clauseStart, w.isWord(p, in: invertedModals) else { return nil }
        let opening = p - clauseStart
        let lead: String
        if opening == 1, w[clauseStart] == "nor" {
            lead = "nor"
        } else if (2...3).contains(opening), w[clauseStart + 1] == "no" || w[clauseStart] == "no" {
            lead = w[clauseStart..<p].joined(separator: " ")
        } else {
            return nil
        }
        guard let verb = word(w, after: subjectEnd - 1), VerbLexicon.isVerbForm(verb) || verb == "be" || verb == "ever" else { return nil }
        return DeonticFinding(modality: .prohibition, evidence: "\(lead) \(w[p])")
    }

    private static let invertedModals: WordSet = ["should", "must", "shall", "may", "can", "will", "would", "could", "does", "do", "is"]

    /// Whether the one who wants (“we”, “Anthropic”) starts a main clause: not “the
    /// components of honesty that we want Claude to embody”.
    private static func governorOpensClause(_ w: ProseWordList, verb: Int, clauseStart: Int) -> Bool {
        var p = verb - 1
        while p >= clauseStart, w.isWord(p, in: negations) || isAdverb(w, p) || w.isWord(p, in: beforeGovernor) { p -= 1 }
        guard p >= clauseStart else { return true }
        // What a user or operator wants is a fact about them, not a rule ("the user
        // probably wants Claude to avoid …").
        if w.isWord(p, in: wishers) { return false }
        return opensClause(w, at: p, clauseStart: clauseStart)
    }

    private static let wishers: WordSet = [
        "user", "users", "operator", "operators", "developer", "developers", "people", "person", "someone", "humans",
        "human", "they", "he", "she", "customer", "customers", "requester", "employer",
    ]

    /// Adjectives that make "it is ADJ that the assistant …" a rule.
    private static let evaluativeThat: [String: Modality] = [
        "required": .obligation, "recommended": .obligation, "essential": .obligation, "important": .obligation,
        "crucial": .obligation, "necessary": .obligation, "vital": .obligation, "mandatory": .obligation, "imperative": .obligation,
    ]

    /// The adjectives of ``evaluativeThat``, as keys: the word before a `that` is asked by
    /// key, its `String` made only for one of them.
    private static let evaluativeThatWords = WordSet(Array(evaluativeThat.keys))

    /// `it is required (recommended, essential …) that the assistant (never) VERB …` from the
    /// `that` at `i`. Negated, "not recommended" forbids (RFC 2119's SHOULD NOT) and "not
    /// required" permits; a negated other adjective says nothing.
    private static func evaluatedThat(_ w: ProseWordList, at i: Int, names: AssistantNames, negated: Bool) -> DeonticFinding? {
        let adjective = w[i - 1]
        guard var modality = evaluativeThat[adjective],
              let (subjectEnd, possessive) = subject(w, at: i + 1, names: names), !possessive, subjectEnd < w.count else { return nil }
        if negated {
            switch adjective {
            case "recommended": modality = .prohibition
            case "required": modality = .permission
            default: return nil
            }
        }
        var verb = subjectEnd
        let next = w[verb]
        if next == "never" || next == "not" {
            guard modality == .obligation else { return nil }
            modality = .prohibition
            verb += 1
        } else if (next == "does" || next == "do"), verb + 1 < w.count, w[verb + 1] == "not" {
            guard modality == .obligation else { return nil }
            modality = .prohibition
            verb += 2
        }
        guard verb < w.count, VerbLexicon.isVerbForm(w[verb]) else { return nil }
        return DeonticFinding(modality: modality, evidence: "\(negated ? "not " : "")\(adjective) that")
    }

    /// `we want (for) (all current) Claude (models) to …` from the governing verb at `i`.
    private static func governed(_ w: ProseWordList, after i: Int, names: AssistantNames, negated: Bool) -> DeonticFinding? {
        if w[i] == "like" || w[i] == "love" {
            guard i > 0, w[i - 1] == "would" || w[i - 1].hasSuffix("'d") || (i > 1 && w[i - 2] == "would") else { return nil }
        }
        var j = i + 1
        if j < w.count, w[j] == "for" { j += 1 }
        guard let (subjectEnd, _) = subject(w, at: j, names: names), subjectEnd < w.count, w[subjectEnd] == "to" else { return nil }
        // "wants Claude to be used for …": something done to the assistant, not by it.
        if subjectEnd + 2 < w.count, w[subjectEnd + 1] == "be", isParticiple(w[subjectEnd + 2]) { return nil }
        var modality: Modality = negated ? .prohibition : .obligation
        if let next = word(w, after: subjectEnd), next == "never" || next == "not" || refusals.contains(next) {
            modality = negated ? .obligation : .prohibition
        } else if subjectEnd + 2 < w.count, w[subjectEnd + 1] == "feel", w[subjectEnd + 2] == "free" {
            modality = negated ? .prohibition : .permission       // "we want Claude to feel free to …"
        }
        let lead = negated && i > 0 ? w[max(0, i - 2)..<i].joined(separator: " ") + " " : ""
        return DeonticFinding(modality: modality, evidence: lead + w[i] + " \(w[j]) to")
    }

    /// The assistant as a noun phrase starting at `i` (determiners first, `models` after):
    /// the index after it, and whether it is possessive (`Claude's`).
    /// `masks`: each word's ``AssistantNames/polarityMask(_:_:)``, when the caller has them.
    private static func subject(_ w: ProseWordList, at start: Int, names: AssistantNames, allowIt: Bool = false,
                                masks: [UInt64]? = nil) -> (Int, Bool)? {
        var i = start
        var skipped = 0
        while i < w.count, masks.map({ $0[i] & Bit.determiner != 0 }) ?? w.isWord(i, in: determiners), skipped < 3 { i += 1; skipped += 1 }
        guard i < w.count else { return nil }
        if masks.map({ $0[i] & Bit.name != 0 }) ?? names.isName(w.key(i), w[i]) || (allowIt && w.isWord(i, Word.it) && skipped == 0) {
            // "the AI" needs its article; a bare "model" or "agent" is too common a noun.
            if w.isWord(i, in: genericNames) && !w.isWord(i, Word.assistant) && skipped == 0 && i > 0 && !w.isWord(i - 1, in: ourYour) { return nil }
            var end = i + 1
            while end < w.count, w.isWord(end, in: subjectTails) { end += 1 }
            return (end, false)
        }
        if masks.map({ $0[i] & Bit.possessive != 0 }) ?? names.isPossessive(w.key(i), w[i]) { return (i + 1, true) }
        return nil
    }

    /// Whether the sentence names the assistant anywhere, or its possessive ("Diagnosis is
    /// outside the assistant's role").
    static func mentionsTheAssistant(_ sentence: ProseSentence, names: AssistantNames) -> Bool {
        let w = sentence.words
        return w.indices.contains { names.isName(w.key($0), w[$0]) || names.isPossessive(w.key($0), w[$0]) }
    }

    static func isParticiple(_ word: String) -> Bool {
        word.hasSuffix("ed") || ["used", "seen", "given", "told", "made", "shown", "built", "known", "taken", "held", "kept"].contains(word)
    }

    /// Whether the subject at `i` starts a main clause.
    private static func opensClause(_ w: ProseWordList, at i: Int, clauseStart: Int) -> Bool {
        var p = i - 1
        while p >= clauseStart, w.isWord(p, in: determiners) { p -= 1 }
        if p < clauseStart { return true }
        if w.isWord(p, Word.that) { return p > 0 && w.isWord(p - 1, in: complementVerbs) }
        if w.isWord(p, in: thinkers) {
            // "we think Claude should", not "the behaviors we think Claude should never exhibit"
            return p - 1 >= clauseStart && w.isWord(p - 1, in: thinkerSubjects)
                && (p - 1 == clauseStart || w.isWord(p - 2, in: beforeThinker) || isAdverb(w, p - 2))
        }
        return w.isWord(p, in: subjectOpeners) || isAdverb(w, p)
    }

    /// The next word after `i`, adverbs and fillers skipped.
    private static func word(_ w: ProseWordList, after i: Int) -> String? {
        var k = i + 1
        while k < w.count, isSkippable(w, k) { k += 1 }
        return k < w.count ? w[k] : nil
    }

    /// A modal group at `start` (after the subject): `should (not)`, `must never`, `can …`,
    /// `is not required to`, `never …`.
    private static func modal(_ w: ProseWordList, at start: Int, subjectIsIt: Bool) -> DeonticFinding? {
        var k = start
        var skipped = 0
        var only = false
        while k < w.count, isSkippable(w, k), skipped < 4 {
            if w.isWord(k, onlyKey) { only = true }
            k += 1
            skipped += 1
        }
        guard k < w.count else { return nil }
        let m = w[k]
        func next(_ from: Int) -> (String, Int)? {
            var j = from + 1
            while j < w.count, isSkippable(w, j) { j += 1 }
            return j < w.count ? (w[j], j) : nil
        }
        func obligation(_ evidence: String, verbAt j: Int) -> DeonticFinding? {
            guard let (v, at) = next(j - 1) else { return nil }
            // Past "always", "never" and "not" for the verb itself.
            var verb = (v, at)
            while ["always", "never", "not"].contains(verb.0), let after = next(verb.1) { verb = after }
            // "it should always be possible": a description of something else.
            if subjectIsIt, verb.0 == "be" { return nil }
            // "Our models should never be used to …": what others do with the assistant.
            if verb.0 == "be", let (participle, _) = next(verb.1),
               ["used", "deployed", "employed", "weaponized", "leveraged", "exploited"].contains(participle) { return nil }
            // "Profanity should be avoided": a refusal in the passive forbids its subject.
            var passiveRefusal: String?
            if verb.0 == "be", let (participle, _) = next(verb.1), refusalParticiples.contains(participle) { passiveRefusal = participle }
            if v == "not" || v == "never" {
                // "should never avoid addressing a topic", "must not fail to warn", "should
                // not be avoided": a double negative requires it.
                if let (after, _) = next(at), doubleNegatives.contains(after) { return DeonticFinding(modality: .obligation, evidence: "\(evidence) \(v) \(after)") }
                if let passiveRefusal { return DeonticFinding(modality: .obligation, evidence: "\(evidence) \(v) be \(passiveRefusal)") }
                return DeonticFinding(modality: .prohibition, evidence: "\(evidence) \(v)")
            }
            if let passiveRefusal { return DeonticFinding(modality: .prohibition, evidence: "\(evidence) be \(passiveRefusal)") }
            // "should avoid …", "should always refuse …" — but "shall decline to answer and
            // refer the Client to a solicitor" asks for a course of action.
            if refusals.contains(verb.0) {
                let said = "\(evidence) \(v == verb.0 ? v : v + " " + verb.0)"
                if let then = coordinatedVerb(w, after: verb.1) { return DeonticFinding(modality: .obligation, evidence: "\(said) … and \(then)") }
                return DeonticFinding(modality: .prohibition, evidence: said)
            }
            if boundaries.contains(v) { return v == ":" && j >= w.count - 1 ? DeonticFinding(modality: .obligation, evidence: evidence) : nil }
            return DeonticFinding(modality: .obligation, evidence: evidence)
        }
        switch m {
        case "should", "must", "shall":
            return obligation(m, verbAt: k + 1)
        case "shouldn't", "mustn't", "shan't":
            // "mustn't fail to mention …", "shouldn't be avoided": a double negative requires it.
            if let (after, at) = next(k) {
                if doubleNegatives.contains(after) { return DeonticFinding(modality: .obligation, evidence: "\(m) \(after)") }
                if after == "be", let (participle, _) = next(at), refusalParticiples.contains(participle) {
                    return DeonticFinding(modality: .obligation, evidence: "\(m) be \(participle)")
                }
            }
            return DeonticFinding(modality: .prohibition, evidence: m)
        case "oughtn't":
            guard let (to, j) = next(k), to == "to", let (after, _) = next(j) else { return nil }
            return DeonticFinding(modality: doubleNegatives.contains(after) ? .obligation : .prohibition, evidence: "oughtn't to")
        case "ought":
            guard let (to, j) = next(k), to == "to" else { return nil }
            return obligation("ought to", verbAt: j + 1)
        case "need", "needs", "has", "have":
            if m == "has" || m == "have" {
                // "Claude has a weak duty to share …"
                var j = k + 1
                while j < min(w.count, k + 5), !["duty", "obligation", "responsibility"].contains(w[j]) { j += 1 }
                if j < w.count - 1, ["duty", "obligation", "responsibility"].contains(w[j]), w[j + 1] == "to" {
                    return obligation("\(m) … \(w[j]) to", verbAt: j + 2)
                }
            }
            guard let (to, j) = next(k), to == "to" else { return nil }
            return obligation("\(m) to", verbAt: j + 1)
        case "needn't":
            return DeonticFinding(modality: .permission, evidence: m)
        case "need" where next(k)?.0 == "not":
            return DeonticFinding(modality: .permission, evidence: "need not")
        case "does", "do", "doesn't", "don't":
            var j = k
            if m == "does" || m == "do" { guard let (not, n) = next(k), not == "not" else { return nil }; j = n }
            guard let (verb, n) = next(j) else { return nil }
            if verb == "need" || verb == "have", let (to, _) = next(n), to == "to" {
                return DeonticFinding(modality: .permission, evidence: "\(m) \(m.hasSuffix("n't") ? "" : "not ")\(verb) to")
            }
            // "Claude does not decline to present arguments …", "doesn't refuse to help": a
            // refusal it does not make is what it does.
            if doubleNegatives.contains(verb), !subjectIsIt {
                return DeonticFinding(modality: .obligation, evidence: "\(m)\(m.hasSuffix("n't") ? "" : " not") \(verb)")
            }
            // "Claude doesn't pursue hidden agendas": what it does not do.
            if !stative.contains(verb), VerbLexicon.isVerbForm(verb), !subjectIsIt {
                return DeonticFinding(modality: .prohibition, evidence: "\(m)\(m.hasSuffix("n't") ? "" : " not") \(verb)")
            }
            return nil
        case "is", "are", "isn't", "aren't":
            guard var (v, j) = next(k) else { return nil }
            var not = m.hasSuffix("n't")
            if !not, v == "not" || v == "never" { not = true; guard let after = next(j) else { return nil }; (v, j) = after }
            let copula = m.hasSuffix("n't") ? m : "\(m)\(not ? " not" : "")"
            switch v {
            case "to":
                // "Sally is to sign off every conversation …", "… is not to issue refunds":
                // not "is to be used", what others do with it.
                guard !subjectIsIt, let (verb, at) = next(j), verb != "be", !boundaries.contains(verb), !w.isWord(at, in: determiners),
                      !notAfterIsTo.contains(verb) else { return nil }
                if not, doubleNegatives.contains(verb) { return DeonticFinding(modality: .obligation, evidence: "\(copula) to \(verb)") }
                return DeonticFinding(modality: not ? .prohibition : .obligation, evidence: "\(copula) to")
            case "required", "expected", "supposed", "obliged", "obligated":
                guard let (to, _) = next(j), to == "to" else { return nil }
                return DeonticFinding(modality: not ? .permission : .obligation, evidence: "\(copula) \(v) to")
            case "recommended":
                // RFC 2119's SHOULD and SHOULD NOT: "The assistant is (not) recommended to …".
                guard let (to, _) = next(j), to == "to" else { return nil }
                return DeonticFinding(modality: not ? .prohibition : .obligation, evidence: "\(copula) recommended to")
            case "allowed", "permitted", "free", "welcome", "encouraged", "entitled":
                guard let (to, _) = next(j), to == "to" else { return nil }
                return DeonticFinding(modality: not ? .prohibition : .permission, evidence: "\(copula) \(v) to")
            case "prohibited", "forbidden", "barred", "banned":
                return DeonticFinding(modality: .prohibition, evidence: "\(m) \(v)")
            default:
                return nil
            }
        case "can", "may":
            if subjectIsIt { return nil }
            // "You can only use the tools listed below": a restriction, forbidding the rest
            // (stated as written, see ``restricts(_:)``), not a permission; under a lead-in
            // that requires ("Do: – … the assistant can only try to …") it describes.
            if w.isWord(k + 1, onlyKey), isRestrictedVerb(w, at: k + 2) {
                return DeonticFinding(modality: .prohibition, evidence: "\(m) only \(w[k + 2])", yieldsToLeadIn: true)
            }
            guard let (v, j) = next(k), !stative.contains(v), !boundaries.contains(v), v != "and", v != "or" else { return nil }
            if v == "not" {
                // "The assistant may not rely on …" forbids; "Claude may not always know …",
                // "… may not agree" say what may happen. "Cannot" describes more often
                // than not ("Claude cannot always verify claims"), and is left alone.
                guard m == "may", let (verb, _) = next(j), !stative.contains(verb), !mayNotDescribes.contains(verb),
                      VerbLexicon.isVerbForm(verb) else { return nil }
                return DeonticFinding(modality: .prohibition, evidence: "may not")
            }
            return DeonticFinding(modality: .permission, evidence: m)
        case "will":
            guard let (v, j) = next(k) else { return nil }
            if v == "always" {
                if let (after, _) = next(j), refusals.contains(after) { return DeonticFinding(modality: .prohibition, evidence: "will always \(after)") }
                return DeonticFinding(modality: .obligation, evidence: "will always")
            }
            if v == "never" { return DeonticFinding(modality: .prohibition, evidence: "will never") }
            return nil
        case "never":
            // "Claude never curses": after its subject, "never" is before a verb, one of the
            // lexicon's or any in the third person.
            guard let (v, _) = next(k), VerbLexicon.isVerbForm(v) || (v.utf8.count > 3 && v.hasSuffix("s") && !v.hasSuffix("ss")
                                                                    && !boundaries.contains(v)) else { return nil }
            // "The assistant never refuses to answer …": a refusal it never makes is what it does.
            if let base = VerbLexicon.base(v), doubleNegatives.contains(base) {
                return DeonticFinding(modality: .obligation, evidence: "never \(v)")
            }
            return DeonticFinding(modality: .prohibition, evidence: "never")
        case "always":
            guard let (v, _) = next(k), VerbLexicon.isVerbForm(v) else { return nil }
            return DeonticFinding(modality: .obligation, evidence: "always")
        default:
            // "Claude only cites sources that matter", "The assistant ONLY considers ending a
            // conversation if …": a restriction, as "Only cite …" is — doing it beyond its
            // bounds is what is forbidden. Not what it merely has or knows ("The assistant
            // only has read access"), nor what "it" does.
            guard only, !subjectIsIt, isRestrictedVerb(w, at: k) else { return nil }
            return DeonticFinding(modality: .prohibition, evidence: "only \(m)", yieldsToLeadIn: true)
        }
    }

    /// Whether the word at `k` is a verb that "only" before it restricts: one of the
    /// lexicon's, or any in the third person — not what one merely has or knows.
    private static func isRestrictedVerb(_ w: ProseWordList, at k: Int) -> Bool {
        guard k < w.count, !w.isWord(k, in: stative) else { return false }
        let m = w[k]
        guard !stative.contains(String(m.dropLast())) else { return false }
        return VerbLexicon.isVerbForm(m) || (m.utf8.count > 3 && m.hasSuffix("s") && !m.hasSuffix("ss") && !boundaries.contains(m))
    }

    /// Whether the sentence restricts a verb with "only" ("Claude only shares files with the
    /// account owner", "The assistant ONLY considers browsing if …", "Only use emojis if
    /// asked"): read as a prohibition of doing it beyond its bounds, and stated as written —
    /// "Prohibited:" or "Never" in front would forbid what it allows.
    static func restricts(_ sentence: ProseSentence) -> Bool {
        let w = sentence.words
        for k in w.indices where w.isWord(k, onlyKey) {
            var verb = k + 1
            while verb < w.count, isAdverb(w, verb) { verb += 1 }
            if isRestrictedVerb(w, at: verb) { return true }
        }
        return false
    }

    /// A modal of obligation in a main clause whatever its subject — "the reply must
    /// present …", "Whenever possible, the itinerary should include …", "…, the question
    /// must be addressed …": read only in a rule's own text, which is a rule whatever it
    /// names (a SpecBench rule speaks of the response, not of the assistant). Not when
    /// another party is the subject ("users should …").
    static func ruleModal(in sentence: ProseSentence, names: AssistantNames) -> DeonticFinding? {
        if sentence.isQuestion { return nil }
        let w = sentence.words
        var subordinate = false
        for k in w.indices {
            if w.isWord(k, in: boundaries) { subordinate = false; continue }
            if w.isWord(k, in: subordinators) { subordinate = true; continue }
            guard !subordinate, w.isWord(k, in: ruleModals), k > 0 else { continue }
            var p = k - 1
            while p > 0, isSkippable(w, p) { p -= 1 }
            if w.isWord(p, in: otherParties) && !names.isName(w.key(p), w[p]) { return nil }
            if w.isWord(p, in: boundaries) || w.isWord(p, in: subordinators) { return nil }
            return modal(w, at: k, subjectIsIt: w.isWord(p, Word.it))
        }
        return nil
    }

    private static let ruleModals: WordSet = ["should", "must", "shall", "shouldn't", "mustn't"]

    /// Another party (`we`, `operators`, `users` …) is the subject of a modal: the
    /// sentence instructs someone other than the assistant (“We will:”, “Operators can …”).
    static func otherParty(in sentence: ProseSentence, names: AssistantNames) -> Bool {
        let w = sentence.words
        var clauseStart = 0
        for i in w.indices {
            // By key: the `String` only of a word that may be the subject.
            if w.isWord(i, in: boundaries) { clauseStart = i + 1; continue }
            guard w.isWord(i, in: otherParties) else { continue }
            let t = w[i]
            guard !names.isName(t), i == clauseStart || (i > 0 && ["and", "but", "so", "then", "the"].contains(w[i - 1])) else { continue }
            var k = i + 1
            while k < w.count, isSkippable(w, k) { k += 1 }
            if k < w.count, ["should", "must", "shall", "will", "can", "may", "need", "needs", "would", "might", "could", "won't", "shouldn't"].contains(w[k]) {
                return true
            }
            if k < w.count, w[k].hasSuffix("ll"), w[k].contains("'") { return true }      // we'll
            // "We are committed to …", "we commit to …", "we adhere to …", "we aim to …"
            if t == "we", k < w.count, ["commit", "adhere", "aim", "strive", "pledge", "promise", "intend"].contains(w[k])
                || (["are", "remain"].contains(w[k]) && k + 1 < w.count && w[k + 1] == "committed") { return true }
        }
        return w.first.map { ["we'll", "we'd", "they'll"].contains($0) } ?? false
    }

    // MARK: imperatives and behaviours

    /// An imperative: `Use …`, `Do not …`, `Never …`, `Always …`, `If …, ask …`, `Please …`.
    static func imperative(_ sentence: ProseSentence) -> DeonticFinding? {
        guard !sentence.isQuestion else { return nil }
        let w = sentence.words
        // Words are read by key; a `String` is made only of the words a finding shows.
        var start = 0
        // "When the user asks for code: use Python", "For code artifacts: Use concise names":
        // a colon ends the condition as a comma does, when an imperative follows it — not
        // after "For example:", which goes on with what someone might say.
        if !w.isEmpty, w.isWord(0, in: subordinators) || w.isWord(0, in: conditionOpeners),
           let colon = w.keys.firstIndex(of: Word.colon), !w.keys[..<colon].contains(commaKey),
           !w.isWord(1, in: exampleWords), opensImperative(w, at: colon + 1) {
            start = colon + 1
        } else if !w.isEmpty, w.isWord(0, in: subordinators) || w.isWord(0, in: conditionOpeners),
           let comma = w.keys.firstIndex(of: commaKey) {
            start = comma + 1
            // The condition may hold commas and dashes of its own ("Wherever prices are
            // relevant—fares, tickets, rates—quote …"): the main clause starts after the
            // first of them that a verb or a marker follows.
            if !opensImperative(w, at: start) {
                var k = start
                while k < w.count {
                    if w.isWord(k, in: commaOrDash) {
                        if opensImperative(w, at: k + 1) { start = k + 1; break }
                    } else if w.isWord(k, in: boundaries) {
                        break       // past a parenthesis, colon or semicolon: another clause
                    }
                    k += 1
                }
            }
        }
        // "6.2 Do not copy …": a clause's number opens the sentence.
        if start == 0, w.count > 2, w.keys[0].isNumeral { start = 1 }
        var k = start
        var modality: Modality = .obligation
        var evidence: [String] = []
        if k < w.count, w.isWord(k, in: pleaseWords) { k += 1 }
        while k < w.count, isAdverb(w, k) { k += 1 }
        // "Make sure you never reveal …", "Be careful not to …", "Ensure that you do not …":
        // what to make sure of forbids.
        if let found = makeSureNot(w, at: k) { return found }
        // "Must use browser tools to access URLs", "Should cite sources", "Must not guess": a
        // modal whose subject — the assistant — is left out, as terse prompts write them.
        if start == 0, w.isWord(k, in: bareModals) {
            if w.isWord(k + 1, notKey) || w.isWord(k + 1, neverKey) {
                if k + 2 < w.count, w.isWord(k + 2, in: doubleNegativeWords) {
                    return DeonticFinding(modality: .obligation, evidence: "\(w[k]) \(w[k + 1]) \(w[k + 2])")
                }
                return DeonticFinding(modality: .prohibition, evidence: "\(w[k]) \(w[k + 1])")
            }
            if k + 1 < w.count, w.isWord(k + 1, alwaysKey) || VerbLexicon.isVerbForm(w[k + 1]) {
                return DeonticFinding(modality: refusalWords.contains(w[k + 1]) ? .prohibition : .obligation, evidence: w[k])
            }
            return nil
        }
        // "Your responses must be specific", "Your answer should be very short", "Each reply
        // must cite its source": what the assistant's answers must be.
        if start == 0, let found = answerModal(w, at: k) { return found }
        // "Try not to disclose …", "Try to avoid mentioning …", "Try never to …": what to try
        // not to do is forbidden, as "Be careful not to …" is.
        if w.isWord(k, tryKey) {
            if (w.isWord(k + 1, notKey) || w.isWord(k + 1, neverKey)) && w.isWord(k + 2, toKey) {
                return DeonticFinding(modality: .prohibition, evidence: "try \(w[k + 1]) to")
            }
            if w.isWord(k + 1, toKey), w.isWord(k + 2, in: refusalWords) || w.isWord(k + 2, notKey) || w.isWord(k + 2, neverKey) {
                return DeonticFinding(modality: .prohibition, evidence: "try to \(w[k + 2])")
            }
        }
        // "Steer clear of politics", "Keep away from diagnoses", "Hold off on …", "Leave out
        // personal opinions", "Resist the urge to lecture": refusals in more than one word.
        if k + 1 < w.count, w.isWord(k, in: phrasalRefusalVerbs), w.isWord(k + 1, in: phrasalRefusalParticles) {
            let pair = "\(w[k]) \(w[k + 1])"
            if phrasalRefusals.contains(pair) || (w[k] == "resist" && w[k + 1] == "the") {
                return DeonticFinding(modality: .prohibition, evidence: w[k] == "resist" ? "resist" : pair)
            }
        }
        // "Only use emojis if asked", "Only cite sources that matter", "ONLY mark a task done
        // when …": a restriction. What breaks it is doing that beyond what is allowed, as
        // "Do not use emojis unless asked" — a prohibition of the verb outside its bounds.
        // Not a lead-in: "Only summarize when:" is followed by its conditions, and "Only
        // present:" by what to present, neither of them forbidden.
        var restricts = false
        if w.isWord(k, onlyKey), !sentence.endsWithColon {
            restricts = true
            k += 1
            while k < w.count, isAdverb(w, k) || w.isWord(k, in: afterMarker) { k += 1 }
        }
        if !restricts, k < w.count, w.isWord(k, in: imperativeMarkers) {
            switch w[k] {
            case "never", "don't", "dont": modality = .prohibition; evidence.append(w[k]); k += 1
            case "always":
                evidence.append(w[k]); k += 1
                // "Always refuse to provide …" forbids it, as "Refuse to provide …" does.
                if k < w.count, w.isWord(k, in: refusalWords) { modality = .prohibition }
            case "do" where k + 1 < w.count && w[k + 1] == "not": modality = .prohibition; evidence.append("do not"); k += 2
            case let verb where refusals.contains(verb): modality = .prohibition
            default: break
            }
        }
        while k < w.count, isAdverb(w, k) || w.isWord(k, in: afterMarker) { k += 1 }
        if k >= w.count || w.isWord(k, Word.colon) {
            // "Never:", "Don't:", "Always:", "Do:" alone.
            if !evidence.isEmpty { return DeonticFinding(modality: modality, evidence: evidence.joined(separator: " ")) }
            if k == start + 1, w[start] == "do" || w[start] == "dos" || w[start] == "do's" { return DeonticFinding(modality: .obligation, evidence: "do") }
            if k == start + 1, ["don'ts", "donts", "avoid"].contains(w[start]) { return DeonticFinding(modality: .prohibition, evidence: w[start]) }
            return nil
        }
        // After "Never", "Do not" or "Always" any verb will do; alone, a known one.
        let marked = !evidence.isEmpty && !w.isWord(k, in: notMarkedVerbs)
        guard marked || w.isWord(k, in: VerbLexicon.verbs) else { return nil }
        if k + 1 < w.count, w.isWord(k + 1, in: notAfterVerb) { return nil }
        // "Search results may be incomplete", "Report templates are provided": a noun and the
        // verb of its own sentence, not an imperative and its object — unless the verb takes a
        // clause ("Ensure answers are sourced", "Remember users are adults", "Do what has been
        // asked", "Imply I can …", "Do and don't").
        if evidence.isEmpty, w.isWord(k + 2, in: finiteVerbs), !w.isWord(k, in: clauseVerbs), !w.isWord(k + 1, in: notMarkedVerbs),
           !w.isWord(k + 1, in: clauseOpeners) {
            return nil
        }
        // "Never avoid …", "Don't refuse …": a double negative requires it.
        if modality == .prohibition, !evidence.isEmpty, evidence != ["always"], w.isWord(k, in: doubleNegativeWords) { modality = .obligation }
        if restricts { return DeonticFinding(modality: .prohibition, evidence: "only \(w[k])") }
        if evidence.isEmpty, k + 1 < w.count, w.isWord(k + 1, in: negatedObjects) {
            // "Withhold nothing the customer is owed", "Omit no step": a refusal of nothing requires.
            if modality == .prohibition { return DeonticFinding(modality: .obligation, evidence: w[k] + " " + w[k + 1]) }
            // "Provide no advice that enables …", "Include no names": the object is negated —
            // unless what it is said of is forbidden too ("Treat no question as off-limits").
            if w[k + 1] == "no", !(k + 2..<w.count).contains(where: { w.isWord($0, in: prohibitionWords) || w.isWord($0, in: unacceptableWords) }) {
                return DeonticFinding(modality: .prohibition, evidence: w[k] + " no")
            }
        }
        evidence.append(w[k])
        return DeonticFinding(modality: modality, evidence: evidence.joined(separator: " "))
    }

    /// An FAQ's answer before what it says: "No. It may …".
    static let answerWords: WordSet = ["no", "yes", "nope", "yep"]

    /// "please" as people write it.
    static let pleaseWords: WordSet = ["please", "pls", "plz", "kindly"]

    /// "Make sure (that) (you) never / not to / don't …", "Be careful not to …", "Take care
    /// not to …", "Ensure (that) (you) do not …", "Be sure never to …": a prohibition.
    private static func makeSureNot(_ w: ProseWordList, at start: Int) -> DeonticFinding? {
        guard start + 2 < w.count, w.isWord(start, in: carefulOpeners) else { return nil }
        var k = start
        switch w[k] {
        case "make", "be", "take":
            guard w.isWord(k + 1, in: carefulWords) else { return nil }
            k += 2
        default:
            k += 1      // ensure
        }
        let opening = w[start..<k].joined(separator: " ")
        if k < w.count, w.isWord(k, Word.that) { k += 1 }
        if k < w.count, w.isWord(k, in: carefulSubjects) { k += 1 }
        guard k + 1 < w.count else { return nil }
        var negation: String
        switch w[k] {
        case "never", "not", "don't", "dont", "doesn't": negation = w[k]; k += 1
        case "do", "does" where w[k + 1] == "not": negation = "do not"; k += 2
        default: return nil
        }
        if k < w.count, w[k] == "to" { k += 1 }
        guard k < w.count else { return nil }
        // "Make sure you never forget …": a double negative requires it.
        if w.isWord(k, in: doubleNegativeWords) { return DeonticFinding(modality: .obligation, evidence: "\(opening) \(negation) \(w[k])") }
        return DeonticFinding(modality: .prohibition, evidence: "\(opening) \(negation)")
    }

    private static let phrasalRefusalVerbs: WordSet = ["steer", "keep", "stay", "hold", "leave", "resist"]
    private static let phrasalRefusalParticles: WordSet = ["clear", "away", "off", "out", "the"]
    private static let phrasalRefusals: Set<String> = ["steer clear", "keep away", "stay away", "hold off", "leave out", "keep clear", "stay clear"]
    private static let carefulOpeners: WordSet = ["make", "be", "take", "ensure"]
    private static let carefulWords: WordSet = ["sure", "careful", "certain", "care"]
    private static let carefulSubjects: WordSet = ["you", "it", "they", "we"]

    /// The words ``leading(_:from:)`` reads.
    private static let leadingMarkers = WordSet(["never", "not", "don't", "dont", "no", "do", "always"] + Array(refusals) + Array(refusalGerunds))

    /// The words that open an imperative's marker (`never`, `don't`, `always`, `do not`, `avoid` …).
    private static let imperativeMarkers = WordSet(["never", "don't", "dont", "always", "do"] + Array(refusals))

    private static let commaOrDash: WordSet = [",", "—"]
    /// "For example:", "For instance:": what follows is an example, not a rule.
    private static let exampleWords: WordSet = ["example", "examples", "instance", "instances"]
    /// Words besides the subordinators that open a condition or a setting before an
    /// imperative's comma ("In a reply, …", "Except for reviews, do not …", "On first
    /// mention of a reagent, list …").
    private static let conditionOpeners: WordSet = ["in", "to", "for", "except", "on", "at", "upon", "during", "with", "without", "throughout"]

    /// Whether an imperative may start at `k`: a marker (`never`, `do not`, `avoid` …) or
    /// a known verb, after any adverbs and "please".
    private static func opensImperative(_ w: ProseWordList, at start: Int) -> Bool {
        var k = start
        while k < w.count, isAdverb(w, k) || w.isWord(k, in: pleaseWords) { k += 1 }
        return k < w.count && (w.isWord(k, in: imperativeMarkers) || w.isWord(k, in: VerbLexicon.verbs))
    }

    /// The polarity a bullet's own first words give it: `Never …`, `Not …`, `Don't …`,
    /// `Avoid(ing) …`, `Refrain(ing) …`, `Refuse`/`Decline`/`Reject(ing) …`, `No …`
    /// prohibit; `Always …` and a negated refusal (`Never refuse …`) require.
    /// `from`: where to start reading (``isBehaviour(_:)`` starts past leading adverbs and
    /// “please”); the words before it are left out.
    static func leading(_ words: ProseWordList, from start: Int = 0) -> DeonticFinding? {
        var k = start
        while k < words.count, isAdverb(words, k) || words.isWord(k, in: pleaseWords) { k += 1 }
        guard k < words.count, words.isWord(k, in: leadingMarkers) else { return nil }
        let word = words[k]
        if refusalGerunds.contains(word), gerundIsSubject(words, k) { return nil }
        // "Withhold nothing the customer is owed", "Omit no step": the object negated requires it.
        if refusals.contains(word), k + 1 < words.count, words.isWord(k + 1, in: negatedObjects) {
            return DeonticFinding(modality: .obligation, evidence: "\(word) \(words[k + 1])")
        }
        if refusals.contains(word) || refusalGerunds.contains(word) { return DeonticFinding(modality: .prohibition, evidence: word) }
        // "Never avoid …", "Do not refuse …": a double negative requires it.
        let negated = word == "do" && k + 1 < words.count && words[k + 1] == "not" ? k + 2 : ["never", "not", "don't", "dont"].contains(word) ? k + 1 : nil
        if let verb = negated, verb < words.count, doubleNegatives.contains(words[verb]) || refusalGerunds.contains(words[verb]) {
            return DeonticFinding(modality: .obligation, evidence: words[k..<(verb + 1)].joined(separator: " "))
        }
        switch word {
        case "never", "not", "don't", "dont":
            return DeonticFinding(modality: .prohibition, evidence: word)
        case "no":
            // "No profanity", "No other objectives" — not "No topic is off limits".
            let after = words[(k + 1)...].prefix(5)
            if after.contains(where: { ["is", "are", "was", "were", "can", "should", "must", "will", "may"].contains($0) }) { return nil }
            return DeonticFinding(modality: .prohibition, evidence: "no")
        case "do" where k + 1 < words.count && words[k + 1] == "not":
            return DeonticFinding(modality: .prohibition, evidence: "do not")
        case "always":
            // "Always refuse to provide …" forbids it.
            if k + 1 < words.count, refusals.contains(words[k + 1]) { return DeonticFinding(modality: .prohibition, evidence: "always " + words[k + 1]) }
            return DeonticFinding(modality: .obligation, evidence: "always")
        default:
            return nil
        }
    }

    private static let negatedObjects: WordSet = ["nothing", "no", "none", "nobody"]

    /// Words that prohibit whatever their sentence names ("… is prohibited").
    private static let prohibiting = ["prohibited", "forbidden", "disallowed", "banned", "prohibit", "prohibits"]
    private static let negating = ["no", "not", "never", "nothing", "none", "nobody", "neither", "nor", "isn't", "aren't"]
    private static let unacceptable = ["off-limits", "unacceptable", "impermissible"]
    private static let prohibitionWords = WordSet(prohibiting), negationWords = WordSet(negating), unacceptableWords = WordSet(unacceptable)
    private static let permittingWords = WordSet(Array(permitting))
    private static let notOrNever: WordSet = ["not", "never"]
    private static let offKey = WordSet.Key("off"), limitsKey = WordSet.Key("limits")
    /// Every word the reading below starts from: most bullets have none, and are read once.
    private static let predicateTriggers = WordSet(["off"] + prohibiting + negating + unacceptable)

    /// A prohibition stated of what the sentence names, whatever its subject: "Sharing
    /// passwords is prohibited", "Giving doses is not allowed", "… are never acceptable",
    /// "… is off-limits" — not after a negation of its own ("No topic is off limits").
    /// Read on the words' keys: it runs on every bullet under a lead-in that requires.
    static func predicateProhibition(_ words: ProseWordList) -> DeonticFinding? {
        guard words.indices.contains(where: { words.isWord($0, in: predicateTriggers) }) else { return nil }
        if let i = words.indices.first(where: { words.isWord($0, in: prohibitionWords) }) {
            return DeonticFinding(modality: .prohibition, evidence: words[i])
        }
        for i in words.indices {
            let permits = i + 1 < words.count && words.isWord(i + 1, in: permittingWords)
            if words.isWord(i, in: negationWords) && !permits { break }
            if words.isWord(i, in: unacceptableWords) { return DeonticFinding(modality: .prohibition, evidence: words[i]) }
            if words.isWord(i, offKey), i + 1 < words.count, words.isWord(i + 1, limitsKey) {
                return DeonticFinding(modality: .prohibition, evidence: "off limits")
            }
            if permits, words.isWord(i, in: notOrNever) {
                return DeonticFinding(modality: .prohibition, evidence: "\(words[i]) \(words[i + 1])")
            }
        }
        return nil
    }

    private static let copulas: WordSet = ["is", "are", "be", "was", "were"]
    private static let objectClauseWords: WordSet = ["that", "which", "who", "whom", "whose", "where", "when", "how", "what", "whether", "why", "if"]
    /// The words after which a verb-like first word is a noun: "Access to …", "Use of …",
    /// "Contact with …".
    private static let nounComplements: WordSet = ["of", "to", "with"]
    /// Words that join a second clause to an imperative ("Respond to travellers as soon as
    /// boarding is not allowed"): with one before the verb "to be", a subject that starts
    /// like a verb is read as the imperative it may be.
    private static let clauseJoiners: WordSet = [
        "as", "because", "since", "unless", "while", "until", "once", "though", "although", "so", "after", "before",
        "even", "and", "or", "but",
    ]

    /// Whether a statement's first word, which can be a verb, heads a noun phrase instead:
    /// "Access to internal tools is prohibited", "Use of personal data … is not allowed" —
    /// the word after it is "of", "to" or "with", and no second clause starts before `copula`.
    private static func opensWithVerbLikeNoun(_ words: ProseWordList, copula: Int) -> Bool {
        words.count > 1 && words.isWord(1, in: nounComplements)
            && !(2..<max(2, copula)).contains(where: { words.isWord($0, in: clauseJoiners) })
    }

    /// ``predicateProhibition(_:)`` of a statement about its subject only: the prohibiting
    /// words right after its verb "to be" ("Sharing passwords is prohibited", "Profanity is
    /// not allowed", "Weapons topics are off-limits", "Access to the admin tools is
    /// prohibited"), with no imperative before them ("Explain which items are prohibited …",
    /// "Treat no question as off-limits") and no clause of an object ("Tell travellers
    /// when a medicine is banned …") — a relative clause of the subject may come before
    /// them ("Content that attacks a person is not allowed"). What a bullet
    /// under a lead-in that requires must say to forbid instead.
    static func statedProhibition(_ words: ProseWordList) -> DeonticFinding? {
        guard let found = predicateProhibition(words), var copula = words.indices.first(where: { words.isWord($0, in: copulas) })
        else { return nil }
        // "Content that is hateful is not allowed": the verb after the subject's relative clause.
        let relative = relativeSubject(words)
        if let relative, copula == relative + 1, let next = words.indices.dropFirst(copula + 1).first(where: { words.isWord($0, in: copulas) }) {
            copula = next
        }
        guard !words.isWord(0, in: VerbLexicon.verbs) || opensWithVerbLikeNoun(words, copula: copula),
              !(0..<copula).contains(where: { $0 != relative && words.isWord($0, in: objectClauseWords) }) else { return nil }
        // The evidence follows the verb "to be", possibly after "not", "never" or "off".
        var k = copula + 1
        if k < words.count, words.isWord(k, in: notOrNever) || words.isWord(k, offKey) { k += 1 }
        guard k < words.count, words.isWord(k, in: prohibitionWords) || words.isWord(k, in: permittingWords)
                || words.isWord(k, in: unacceptableWords) || words.isWord(k, limitsKey) else { return nil }
        return found
    }

    /// Whether the gerund at `k` is the subject of a statement — "Refusing to discuss a
    /// topic is itself a form of agenda" — not a behaviour asked for.
    static func gerundIsSubject(_ words: ProseWordList, _ k: Int) -> Bool {
        guard let copula = words.indices.first(where: { $0 > k && ["is", "are", "was", "were"].contains(words[$0]) }) else { return false }
        return !["that", "which", "who", "what", "it", "this"].contains(words[copula - 1])
    }

    /// A behaviour phrase: it starts with a verb (`Provide …`, `Refuses …`, `Giving …`),
    /// a negation or `always`, after any adverbs.
    static func isBehaviour(_ words: ProseWordList) -> Bool {
        var k = 0
        while k < words.count, isAdverb(words, k) || words.isWord(k, in: pleaseWords) { k += 1 }
        guard k < words.count else { return false }
        if leading(words, from: k) != nil || ["is", "be", "doesn't", "does"].contains(words[k]) { return true }
        guard VerbLexicon.isVerbForm(words[k]) else { return false }
        // "Refusing to discuss a topic is itself a form of agenda": a gerund as the subject
        // of a statement, not a behaviour.
        if words[k].hasSuffix("ing"), gerundIsSubject(words, k) {
            return false
        }
        return true
    }

    /// A rule text that is a bare behaviour — “Provide serious uplift to …”, “Refuses a
    /// reasonable request”, “Giving dietary advice …”: it starts with a verb and states no
    /// modality of its own (no negation, no “always”, no modal before the verb). Without
    /// a direction from a lead-in or an annotation, such a text reads as an instruction
    /// to do what it names.
    static func isBareBehaviour(_ text: String) -> Bool {
        let body = ProseWords.boldLabel(text).flatMap { $0.colon ? String($0.rest) : nil } ?? text
        guard let first = ProseWords.sentences(body, limit: 1).first else { return false }
        let w = first.words
        return leading(w) == nil && isBehaviour(w)
    }

    // MARK: lead-ins

    /// What a lead-in gives the bullets after it.
    enum LeadInReading: Equatable {
        /// The bullets are the assistant's rules, with this polarity (`nil`: not stated).
        case assistant(DeonticFinding?)
        /// The bullets instruct someone else (“We will:”).
        case otherParty
        /// The bullets are examples of what people say or ask (“Examples of queries that
        /// should never result in a search:”), not things to do or avoid.
        case examples
        /// The lead-in states nothing normative (“Key questions include:”).
        case none
        /// The lead-in negates, but not plainly one way (“… are not prohibited:”, “should
        /// and should not:”): its bullets' own imperative mood says nothing either. The
        /// words that negate, for the reason shown.
        case unclear(String)
    }

    private static let behaviourNouns: WordSet = [
        "behavior", "behaviors", "behaviour", "behaviours", "actions", "conduct", "responses", "answers", "practices", "things",
    ]
    private static let positiveWords: WordSet = [
        "safe", "good", "desirable", "appropriate", "acceptable", "expected", "helpful", "required", "recommended",
        "default", "encouraged", "preferred", "ideal", "correct", "right",
    ]
    private static let negativeWords: WordSet = [
        "harmful", "unsafe", "bad", "undesirable", "inappropriate", "unacceptable", "prohibited", "disallowed",
        "forbidden", "dangerous", "non-default", "restricted", "banned", "problematic", "wrong", "unethical",
    ]

    /// Reads a lead-in: the sentence before a list that ends in `:` (or a short heading
    /// such as “Don't”). `imperatives`: read imperative lead-ins (“Never:”, “Write content
    /// encouraging:”) — in a document that speaks of its assistant in the third person,
    /// an imperative paragraph addresses the reader, not the assistant.
    /// `label`: the lead-in is a bold label over a nested list (“**Default behaviors that
    /// operators can turn off**”), which names its behaviours without a verb.
    ///
    /// `negations`: read lead-ins that forbid in other words too (``negatedLeadIn(_:)``);
    /// a heading is read without them first, as they stand further from the lists below.
    static func leadIn(_ sentence: ProseSentence, names: AssistantNames, imperatives: Bool = true, label: Bool = false,
                       negations: Bool = true) -> LeadInReading {
        // An aside says nothing of the list: "Golden path (don't mix-and-match unless
        // debugging):", "(Do not assume other libraries are available):".
        if let bare = withoutAsides(sentence) {
            return isAllAside(sentence) ? .none
                : leadIn(bare, names: names, imperatives: imperatives, label: label, negations: negations)
        }
        // "Examples of queries that should NEVER result in a search:": whatever the queries
        // should do, the bullets are queries ("explain the theory of relativity" is no rule).
        if introducesExamples(sentence.words) { return .examples }
        // "What not to do", "Things to avoid", "Actions that are not allowed": a name for
        // what is forbidden, however the heading's other words read.
        if let avoided = namesWhatToAvoid(sentence.words) { return .assistant(avoided) }
        // "What the assistant should and should not do:" says both.
        if negations, let cue = leadInIsMixed(sentence) { return .unclear(cue) }
        // "You agree not to use the Model:", "The assistant undertakes not to:": what is
        // promised not to be done, as every OpenRAIL licence's use restrictions open.
        if negations, let promise = promisedNot(sentence.words) { return .assistant(promise) }
        // "You shouldn't write any code but instead:": the bullets are what to do instead.
        if negations, let instead = doneInstead(sentence) { return .assistant(instead) }
        // "For these cases, I **NEVER**:", "Claude does not:", "I must not:": the assistant
        // speaking of itself, the verbs in the bullets.
        if negations, let refusal = selfRefusal(sentence, names: names) { return .assistant(refusal) }
        // Read once: what the lead-in's negations say, unless it is a label or someone
        // else's ("Customers may not:").
        let someoneElse = negations && !label && leadInSubjectIsSomeoneElse(sentence, names: names)
        let negated = negations && !label && !someoneElse ? negatedLeadIn(sentence) : nil
        // A double negative ("Under no circumstances may the assistant refuse to:") requires,
        // whatever a reading of its first negation says.
        if case .assistant(let found?)? = negated, found.modality == .obligation { return .assistant(found) }
        if let found = finding(in: sentence, names: names, permissive: true) { return .assistant(found) }
        // "Store staff must never:" instructs someone else; "Passwords may not:" forbids.
        if someoneElse, let reading = someoneElsesLeadIn(sentence) { return reading }
        let w = sentence.words
        // "Broadly safe behaviors include:", "Non-default behaviors that users can turn on"
        if let noun = w.indices.first(where: { w.isWord($0, in: behaviourNouns) }) {
            let before = w[max(0, noun - 3)..<noun]
            // "Required behaviours:" — the lead-in is the noun and its adjective.
            let hasVerb = label || (noun + 1 < w.count && ["include", "includes", "are", "is"].contains(w[noun + 1]))
                || (sentence.endsWithColon && w.indices.last(where: { !w.isWord($0, in: boundaries) }) == noun && noun <= 2)
            if hasVerb {
                if let word = before.last(where: negativeWords.contains) { return .assistant(DeonticFinding(modality: .prohibition, evidence: "\(word) \(w[noun])")) }
                if let word = before.last(where: positiveWords.contains) { return .assistant(DeonticFinding(modality: .obligation, evidence: "\(word) \(w[noun])")) }
            }
        }
        if let found = imperative(sentence), imperatives || found.modality == .prohibition || w.count <= 3 {
            return .assistant(found)
        }
        if otherParty(in: sentence, names: names) { return .otherParty }
        // Not a bold label over a list: "Not undermining human oversight" names behaviours.
        if let negated { return negated }
        if w.indices.contains(where: { (names.isName(w.key($0), w[$0]) && w[$0] != "you") || names.isPossessive(w.key($0), w[$0]) }) {
            // "The assistant can:", "Claude may:", "The assistant is permitted to:": what it
            // may do, neither required nor forbidden (its bullets were read by their own
            // imperative mood, as requirements).
            if sentence.endsWithColon, let permits = endingPermission(w) { return .assistant(permits) }
            return .assistant(nil)
        }
        return .none
    }

    /// Whether a lead-in introduces examples of what people say or ask: "Examples of
    /// queries …", "Example prompts:", "Some sample requests that …" — not "For example:"
    /// nor "Examples of good behaviour:", whose bullets may well be rules.
    static func introducesExamples(_ w: ProseWordList) -> Bool {
        var k = 0
        while k < min(w.count, 4), w.isWord(k, in: exampleOpeners) { k += 1 }
        guard k < w.count, w.isWord(k, in: sampleNouns) else { return false }
        k += 1
        if k < w.count, w.isWord(k, ofKey) { k += 1 }
        // "Examples of user queries", "Sample inputs from users".
        if k < w.count, w.isWord(k, in: speakers) { k += 1 }
        return k < w.count && w.isWord(k, in: utterances)
    }

    private static let exampleOpeners: WordSet = ["here", "are", "some", "a", "few", "more", "the", "following", "these"]
    private static let sampleNouns: WordSet = ["example", "examples", "sample", "samples"]
    private static let ofKey = WordSet.Key("of")
    private static let speakers: WordSet = ["user", "users", "user's", "customer", "customers", "search", "good", "bad"]
    private static let utterances: WordSet = [
        "query", "queries", "prompt", "prompts", "request", "requests", "question", "questions", "message", "messages",
        "input", "inputs", "search", "searches", "phrase", "phrases", "utterance", "utterances",
    ]

    /// The sentence without its asides — words in parentheses, three or more of them — or
    /// nil when it has none. A word or two in parentheses may be what the lead-in says:
    /// "Examples (Don't):".
    static func withoutAsides(_ sentence: ProseSentence) -> ProseSentence? {
        let w = sentence.words
        guard w.indices.contains(where: { w.isWord($0, openKey) }) else { return nil }
        var kept = ProseWordList()
        var aside: [Int] = []                    // the open group's positions, its parenthesis first
        var depth = 0, dropped = false
        for k in w.indices {
            if w.isWord(k, openKey) {
                depth += 1
                if depth == 1 { aside = [k]; continue }
            }
            if depth > 0 {
                if w.isWord(k, closeKey) { depth -= 1 }
                aside.append(k)
                if depth == 0 {
                    // The words between the parentheses: an aside when three or more.
                    if aside.count - 2 >= 3 { dropped = true } else { for j in aside { kept.append(w[j], key: w.key(j)) } }
                    aside = []
                }
                continue
            }
            kept.append(w[k], key: w.key(k))
        }
        for j in aside { kept.append(w[j], key: w.key(j)) }       // a parenthesis left open
        guard dropped else { return nil }
        var bare = sentence
        bare.words = kept
        return bare
    }
    private static let openKey = WordSet.Key("("), closeKey = WordSet.Key(")")

    /// Whether the sentence is all an aside: "(Do not assume other libraries are available):".
    static func isAllAside(_ sentence: ProseSentence) -> Bool {
        guard let bare = withoutAsides(sentence) else { return false }
        return bare.words.indices.allSatisfy { bare.words.isWord($0, in: boundaries) }
    }

    /// A heading or lead-in that names what is not to be done, as a whole: "What not to
    /// do", "What the assistant should not do", "Things to avoid", "Here are mistakes to
    /// avoid", "Actions that are not allowed", "Bad examples". (Read with its negations
    /// off, as a heading is, "What not to do" was "do", and its bullets things to do.)
    static func namesWhatToAvoid(_ w: ProseWordList) -> DeonticFinding? {
        var words: [String] = []
        for k in w.indices where !w.isWord(k, in: boundaries) {
            words.append(w[k])
            if words.count > 10 { return nil }
        }
        // "What the assistant should and should not do" names both.
        guard let last = words.last, words.count >= 2, !words.contains("and"), !words.contains("or") else { return nil }
        let before = words[words.count - 2]
        // "… not to do", "… should not do", "… shouldn't do".
        if last == "do", before == "not" || before == "to" && words.count >= 3 && words[words.count - 3] == "not"
            || ["shouldn't", "mustn't", "don't", "never"].contains(before) {
            guard ["what", "things", "actions", "behaviours", "behaviors"].contains(words[0]) else { return nil }
            return DeonticFinding(modality: .prohibition, evidence: words.suffix(before == "to" ? 3 : 2).joined(separator: " "))
        }
        // "Things to avoid", "Phrases to avoid", "Here are some mistakes to avoid".
        if last == "avoid", before == "to", words.count >= 3, !["how", "ways", "help", "order"].contains(words[words.count - 3]) {
            return DeonticFinding(modality: .prohibition, evidence: "to avoid")
        }
        // "Actions that are not allowed", "Uses that are not permitted".
        if ["allowed", "permitted", "acceptable"].contains(last), before == "not", words.count >= 4,
           ["are", "is"].contains(words[words.count - 3]) {
            return DeonticFinding(modality: .prohibition, evidence: "not \(last)")
        }
        // "Bad examples", "Examples of bad responses".
        if words.count <= 4, words.contains("bad"), words.contains(where: { ["example", "examples", "responses", "answers", "replies"].contains($0) }) {
            return DeonticFinding(modality: .prohibition, evidence: "bad " + (words.last ?? ""))
        }
        return nil
    }

    private static let bareModals: WordSet = ["must", "should", "shall"]
    private static let alwaysKey = WordSet.Key("always")
    private static let answerOpeners: WordSet = ["your", "the", "each", "every", "all", "any", "first", "final"]
    private static let answerNouns: WordSet = [
        "response", "responses", "reply", "replies", "answer", "answers", "output", "outputs", "message", "messages",
    ]

    /// A modal after the assistant's answers as the subject: "Your responses must be
    /// specific", "Each reply should cite …", "The final answer must not exceed …".
    private static func answerModal(_ w: ProseWordList, at start: Int) -> DeonticFinding? {
        guard w.isWord(start, in: answerOpeners) else { return nil }
        var k = start + 1
        // One word between: "Your final answer", "The first reply".
        if !w.isWord(k, in: answerNouns), w.isWord(k + 1, in: answerNouns) { k += 1 }
        guard w.isWord(k, in: answerNouns), w.isWord(k + 1, in: bareModals) else { return nil }
        return modal(w, at: k + 1, subjectIsIt: false)
    }

    /// A lead-in that is a subject and a negation alone — "I never:", "For these cases, I
    /// **NEVER**:", "I will not:", "Claude does not:" — where the subject is "I" (a prompt
    /// in the assistant's own voice) or one of the assistant's names: what it does not do,
    /// whose verbs are its bullets. `nil` for any other sentence ("I never said:" has a verb).
    static func selfRefusal(_ sentence: ProseSentence, names: AssistantNames) -> DeonticFinding? {
        let w = sentence.words
        guard sentence.endsWithColon, w.count >= 3, w.count <= 24 else { return nil }
        // The clause after the last comma, less the colon.
        var end = w.count
        while end > 0, w.isWord(end - 1, in: boundaries) { end -= 1 }
        var start = end
        while start > 0, !w.isWord(start - 1, in: boundaries) { start -= 1 }
        guard end - start >= 2, end - start <= 5 else { return nil }
        let subject = start
        guard w.isWord(subject, iKey) || names.isName(w.key(subject), w[subject]) && w[subject] != "you" else { return nil }
        var k = subject + 1
        while k < end - 1, w.isWord(k, in: selfRefusalAuxiliaries) { k += 1 }
        guard w.isWord(k, in: selfRefusalNegations) || (w.isWord(k, notKey) && k > subject + 1) else { return nil }
        var last = k
        if last + 1 < end, w.isWord(last + 1, everKey) { last += 1 }
        guard last == end - 1 else { return nil }
        return DeonticFinding(modality: .prohibition, evidence: (subject..<end).map { w[$0] }.joined(separator: " "))
    }

    private static let iKey = WordSet.Key("i"), everKey = WordSet.Key("ever")

    /// A lead-in that ends in "instead" ("… but instead:", "Do this instead:"): what its
    /// bullets say is to be done, whatever was negated before it. Not "instead of:", whose
    /// bullets are what is not to be done.
    static func doneInstead(_ sentence: ProseSentence) -> DeonticFinding? {
        let w = sentence.words
        guard sentence.endsWithColon else { return nil }
        var end = w.count
        while end > 0, w.isWord(end - 1, in: boundaries) { end -= 1 }
        guard end > 0, w.isWord(end - 1, insteadKey) else { return nil }
        return DeonticFinding(modality: .obligation, evidence: end > 1 && w[end - 2] == "but" ? "but instead" : "instead")
    }

    private static let insteadKey = WordSet.Key("instead")
    private static let selfRefusalAuxiliaries: WordSet = ["do", "does", "will", "must", "should", "shall", "would", "absolutely"]
    private static let selfRefusalNegations: WordSet = [
        "never", "don't", "doesn't", "won't", "mustn't", "shouldn't", "wouldn't", "shan't",
    ]

    /// "agree(s) not to", "undertake(s) not to", "promise(s) not to", "commit(s) not to".
    static func promisedNot(_ w: ProseWordList) -> DeonticFinding? {
        for i in w.indices where w.isWord(i, in: promiseVerbs) && w.isWord(i + 1, notKey) && w.isWord(i + 2, toKey) {
            return DeonticFinding(modality: .prohibition, evidence: "\(w[i]) not to")
        }
        return nil
    }

    private static let promiseVerbs: WordSet = ["agree", "agrees", "undertake", "undertakes", "promise", "promises", "commit", "commits"]
    private static let onlyKey = WordSet.Key("only"), soKey = WordSet.Key("so")
    private static let notKey = WordSet.Key("not"), toKey = WordSet.Key("to"), neverKey = WordSet.Key("never"), tryKey = WordSet.Key("try")

    /// The permission a lead-in ends with ("… can:", "… may:", "… is allowed to:"), if any.
    private static func endingPermission(_ w: ProseWordList) -> DeonticFinding? {
        guard let last = w.indices.last(where: { !w.isWord($0, in: boundaries) }) else { return nil }
        if ["can", "may"].contains(w[last]) { return DeonticFinding(modality: .permission, evidence: w[last]) }
        if w[last] == "to", last > 0, ["allowed", "permitted", "free", "welcome"].contains(w[last - 1]) {
            return DeonticFinding(modality: .permission, evidence: "\(w[last - 1]) to")
        }
        return nil
    }
}
