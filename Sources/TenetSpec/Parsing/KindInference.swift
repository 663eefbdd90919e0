/// Infers a rule's kind — safety (a line an answer must never cross) or behavioral (how a
/// good answer looks) — from what the rule is about, with the reason it was chosen.
///
/// In order: a spec's own mapping of authority levels and tags (front matter `kinds:`);
/// the rule's content (weapons of mass destruction, cyberweapons, child sexual abuse,
/// self-harm, violence, crime, privacy, hate, oversight of AI, power grabs, dangerous
/// activities → safety); the default mapping of the Model Spec's authority levels
/// (``defaultAuthorityKinds``); safety words in the headings above the rule; behavioral
/// words there; and behavioral otherwise — a rule that names no safety topic describes a
/// good answer.
enum KindInference {
    struct Inferred: Equatable {
        var kind: RuleKind
        var reason: String
    }

    /// The Model Spec's authority levels (and tags) as kinds when a spec does not say
    /// otherwise: `root` and `system` rules cannot be overridden by developers or users —
    /// lines an answer must not cross; `developer`, `user` and `guideline` rules are
    /// defaults that shape a good answer. The `under_18` tag marks rules that protect minors.
    static let defaultAuthorityKinds: [String: RuleKind] = [
        "root": .safety, "system": .safety, "developer": .behavioral, "user": .behavioral, "guideline": .behavioral,
        "under_18": .safety,
    ]

    /// A safety topic: what it is called in a reason, and the words that show it.
    struct Topic {
        var name: String
        /// Any of these words (a trailing `*` matches a prefix).
        var words: [String]
        /// Any of these two-word pairs within `window` words of each other, in order.
        var pairs: [(String, String)] = []
        var window = 4
    }

    static let topics: [Topic] = [
        Topic(name: "mass-casualty weapons uplift",
              words: ["bioweapon*", "radiological", "nerve", "pathogen*", "wmd"],
              pairs: [("biological", "weapon*"), ("chemical", "weapon*"), ("nuclear", "weapon*"), ("mass", "casualt*"),
                      ("loss", "life"), ("dangerous", "chemicals"), ("weapons", "mass")], window: 8),
        Topic(name: "sexual content involving minors",
              words: ["csam", "pedophil*", "paedophil*", "grooming"],
              pairs: [("child", "sexual"), ("sexual", "minor*"), ("sexual", "child*"), ("children", "unsupervised"),
                      ("access", "children"), ("child", "abuse"), ("child", "exploitation"), ("minor*", "sexual")], window: 5),
        Topic(name: "cyberweapons and attacks on infrastructure",
              words: ["cyberweapon*", "malware", "ransomware", "cyberattack*", "hacking", "backdoor*"],
              pairs: [("malicious", "code"), ("critical", "infrastructure"), ("critical", "systems")], window: 3),
        Topic(name: "weapons",
              words: ["weapon", "weapons", "firearm*", "explosive*", "bomb", "bombs", "ammunition", "gun", "guns"]),
        Topic(name: "self-harm",
              words: ["self-harm", "suicid*", "overdos*"],
              pairs: [("eating", "disorder*"), ("safe", "messaging"), ("harm", "themselves")], window: 2),
        Topic(name: "violence",
              words: ["violen*", "kill", "killing", "murder*", "terror*", "extremis*", "assault*", "torture"]),
        Topic(name: "illegal activity",
              words: ["illegal*", "unlawful*", "crime", "crimes", "criminal*", "fraud*", "scam*", "theft", "traffick*",
                      "launder*", "illicit", "defamat*", "blackmail", "bribery"],
              pairs: [("violat*", "law*"), ("violat*", "rights"), ("intellectual", "property")], window: 6),
        Topic(name: "privacy",
              words: ["privacy", "pii", "doxx*", "surveil*", "stalk*"],
              pairs: [("personal", "information"), ("personal", "data"), ("private", "information"), ("identity", "user")], window: 6),
        Topic(name: "hate and harassment",
              words: ["hateful", "discriminat*", "racist", "racism", "sexist", "slur", "slurs", "harass*", "bully*"],
              pairs: [("hate", "speech")], window: 1),
        Topic(name: "human oversight of AI and drastic or irreversible actions",
              words: ["oversight", "oversee", "exfiltrat*", "self-exfiltrate", "sabotag*", "corrigib*", "disempower*",
                      "catastroph*", "irreversib*", "drastic", "jailbreak*", "side-effects"],
              pairs: [("principal", "hierarchy"), ("shut", "down"), ("own", "training"), ("impossible", "reverse"),
                      ("difficult", "reverse"), ("side", "effects")], window: 3),
        Topic(name: "illegitimate concentration of power",
              words: ["coup"],
              pairs: [("concentrat*", "power"), ("power", "grab*"), ("seize", "power"), ("gain", "power"), ("outsized", "power"),
                      ("illegitimate", "power"), ("concentrations", "power"), ("societal", "structures"), ("democratic", "institutions")],
              window: 4),
        Topic(name: "manipulation",
              words: ["manipulat*"]),
        Topic(name: "dangerous activities",
              words: ["hazardous", "poison*", "drug", "drugs", "high-risk"],
              pairs: [("dangerous", "activit*"), ("dangerous", "information"), ("dangerous", "substances"), ("risky", "activit*"),
                      ("risk", "life"), ("emergency", "services"), ("safety", "caveats"), ("safety", "thresholds"),
                      ("safety", "information"), ("harmful", "content"), ("high", "risk"), ("potential", "dangers"),
                      ("real", "harm"), ("serious", "harm"), ("severe", "harm"), ("physical", "harm"), ("harm", "others"),
                      ("harm", "people"), ("severe", "harm*")], window: 3),
    ]

    /// Heading words that put the rules below them on the safety side.
    private static let safetyHeadingWords: WordSet = [
        "safety", "safe", "harm", "harms", "harmful", "danger", "dangers", "dangerous", "hazards", "prohibited",
        "restricted", "abuse", "security", "constraints", "bounds", "illegal", "illicit",
    ]
    private static let behavioralHeadingWords: WordSet = [
        "behavioral", "behavioural", "behavior", "behaviour", "style", "tone", "format", "formatting", "helpful", "helpfulness",
        "quality", "voice", "personality", "writing",
    ]

    /// The topics' words, indexed for one pass over a rule's words: one dictionary look-up
    /// per word, and prefixes compared as bytes, only those with the word's first byte.
    private struct Index {
        /// A whole word: the first topic that lists it, and the pairs it starts.
        struct Entry {
            var topic: Int?
            /// Second word, window, topic.
            var pairs: [(String, Int, Int)] = []
        }
        var words: [String: Entry] = [:]
        /// The keys of `words`, asked first: most words are in no topic, and a ``WordSet``
        /// answers that without hashing the word with SipHash.
        var known: WordSet = []
        /// Prefix patterns (`suicid*`) by their first byte, with their topic.
        var prefixes: [[([UInt8], Int)]] = Array(repeating: [], count: 256)
        /// Pairs whose first word is a prefix pattern, by its first byte.
        var pairPrefixes: [[([UInt8], (String, Int, Int))]] = Array(repeating: [], count: 256)
        /// The fewest bytes a prefix pattern has: a shorter word starts with none.
        var shortestPrefix = Int.max
        /// A bit for each prefix pattern's first three bytes (``firstThree(_:)``): a word whose
        /// first three bytes have no bit starts with no pattern, and most words do not.
        var firstThrees = [UInt64](repeating: 0, count: 512)

        /// The first three bytes of `b` (at least three) in 15 bits; different bytes may share them.
        static func firstThree(_ b: UnsafeBufferPointer<UInt8>) -> Int {
            Int(b[0] & 0x1F) << 10 | Int(b[1] & 0x1F) << 5 | Int(b[2] & 0x1F)
        }

        /// Whether `b` may start with a prefix pattern (`false` only when it starts with none).
        func mayStartWithPrefix(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            guard b.count >= shortestPrefix else { return false }
            guard shortestPrefix >= 3 else { return true }
            let k = Self.firstThree(b)
            return firstThrees[k >> 6] & (1 << UInt64(k & 63)) != 0
        }

        /// ``mayStartWithPrefix(_:)`` of a packed word (``WordSet/Key/packedHead``): `count`
        /// bytes, the first eight in `head`.
        func mayStartWithPrefix(count: Int, head: UInt64) -> Bool {
            guard count >= shortestPrefix else { return false }
            guard shortestPrefix >= 3 else { return true }
            let k = Int(head & 0x1F) << 10 | Int((head >> 8) & 0x1F) << 5 | Int((head >> 16) & 0x1F)
            return firstThrees[k >> 6] & (1 << UInt64(k & 63)) != 0
        }

        private mutating func noteFirstThree(_ bytes: [UInt8]) {
            shortestPrefix = min(shortestPrefix, bytes.count)
            guard bytes.count >= 3 else { return }
            let k = bytes.withUnsafeBufferPointer(Self.firstThree)
            firstThrees[k >> 6] |= 1 << UInt64(k & 63)
        }

        init() {
            for (t, topic) in topics.enumerated() {
                for word in topic.words {
                    if word.hasSuffix("*") {
                        let bytes = Array(word.utf8.dropLast())
                        prefixes[Int(bytes[0])].append((bytes, t))
                        noteFirstThree(bytes)
                    } else if words[word]?.topic == nil {
                        words[word, default: Entry()].topic = t
                    }
                }
                for (first, second) in topic.pairs {
                    let entry = (second, topic.window, t)
                    if first.hasSuffix("*") {
                        let bytes = Array(first.utf8.dropLast())
                        pairPrefixes[Int(bytes[0])].append((bytes, entry))
                        noteFirstThree(bytes)
                    } else {
                        words[first, default: Entry()].pairs.append(entry)
                    }
                }
            }
            known = WordSet(words.keys)
        }
    }
    private static let index = Index()

    /// At most this many words are read: a rule's normative sentences are short, and a
    /// pathological paragraph must not make the read slow.
    static let wordLimit = 4000

    /// The safety topic `words` (lower-case, as ``ProseWords`` makes them) name, if any:
    /// of several, the one listed first.
    static func safetyTopic(_ words: ProseWordList) -> String? {
        let index = Self.index
        // The first `wordLimit` words, by index (not a slice of the list, whose generic
        // `indices` was not specialized: about a thousand instructions a rule).
        let end = min(words.count, wordLimit)
        var best = Int.max
        // Every topic a word shows is a candidate; the answer is the least of them, so the
        // order of the tests does not matter, and a test that cannot lower `best` is skipped.
        for i in 0..<end {
            // A word that is in no topic and starts no prefix pattern (most words) is
            // answered from its key alone: its `String` is not made.
            let key = words.key(i)
            if index.known.contains(key, words[i]), let entry = index.words[words[i]] {
                if let t = entry.topic { best = min(best, t) }
                for (second, window, t) in entry.pairs where t < best && pairs(words, i, end, second, window) { best = t }
            }
            if let (count, head) = key.packedHead, !index.mayStartWithPrefix(count: count, head: head) { continue }
            // The word's bytes: a packed word's from its key, without making its `String`.
            func matchPrefixes(_ b: UnsafeBufferPointer<UInt8>) {
                guard index.mayStartWithPrefix(b) else { return }
                for (prefix, t) in index.prefixes[Int(b[0])] where t < best && hasPrefix(b, prefix) { best = min(best, t) }
                for (prefix, (second, window, t)) in index.pairPrefixes[Int(b[0])]
                where t < best && hasPrefix(b, prefix) && pairs(words, i, end, second, window) { best = t }
            }
            if key.withPackedBytes(matchPrefixes) == nil {
                var bytes = words[i]
                bytes.withUTF8(matchPrefixes)
            }
        }
        return best == Int.max ? nil : topics[best].name
    }

    /// Whether a word within `window` words after `i` (and before `end`) matches `second`.
    private static func pairs(_ words: ProseWordList, _ i: Int, _ end: Int, _ second: String, _ window: Int) -> Bool {
        let last = min(end, i + window + 1)
        return i + 1 < last && (i + 1..<last).contains(where: { matches(words[$0], second) })
    }

    /// `String.hasPrefix` for an ASCII `prefix`, by bytes: the word's bytes start with it
    /// and its last character is not joined by a mark that follows it.
    private static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard b.count >= prefix.count else { return false }
        for k in 0..<prefix.count where b[k] != prefix[k] { return false }
        if b.count > prefix.count, b[prefix.count] >= 0x80,
           PlainTextBytes.joinsPrevious(PlainTextBytes.scalar(at: prefix.count, in: b)) { return false }
        return true
    }

    private static func matches(_ word: String, _ pattern: String) -> Bool {
        if pattern.hasSuffix("*") { return word.hasPrefix(pattern.dropLast()) }
        return word == pattern
    }

    /// The kind of a rule the spec did not classify.
    /// - Parameters:
    ///   - words: the words of what the rule requires or prohibits (its normative
    ///     sentences, its lead-in).
    ///   - modality: how the rule states it, for the reason (“prohibits …”).
    ///   - headings: titles of the sections above the rule, innermost first.
    ///   - authority, tags: the Model Spec's annotations, if any.
    ///   - map: the spec's own mapping of authority levels and tags to kinds.
    static func infer(words: ProseWordList, modality: Modality?, headings: [String], authority: Authority? = nil,
                      tags: [String] = [], map: [String: RuleKind] = [:]) -> Inferred {
        for tag in tags { if let kind = map[tag] { return Inferred(kind: kind, reason: "tag \(tag) → \(kind.rawValue) (the spec's kinds map)") } }
        if let authority, let kind = map[authority.rawValue] {
            return Inferred(kind: kind, reason: "authority \(authority.rawValue) → \(kind.rawValue) (the spec's kinds map)")
        }
        if let topic = topicKind(words, modality) { return topic }
        for tag in tags { if let kind = defaultAuthorityKinds[tag] { return Inferred(kind: kind, reason: "tag \(tag) → \(kind.rawValue) (default)") } }
        if let authority, let kind = defaultAuthorityKinds[authority.rawValue] {
            return Inferred(kind: kind, reason: "authority \(authority.rawValue) → \(kind.rawValue) (default)")
        }
        return headingKind(headings) ?? noTopic
    }

    /// The kind of a rule with no authority, tags or kinds map (a prose rule), with what
    /// its headings say read once for all the rules under them (``headingKind(_:)``).
    static func infer(words: ProseWordList, modality: Modality?, headingKind: Inferred?) -> Inferred {
        if let topic = topicKind(words, modality) { return topic }
        return headingKind ?? noTopic
    }

    private static func topicKind(_ words: ProseWordList, _ modality: Modality?) -> Inferred? {
        // "prohibits mass-casualty weapons uplift"; a rule that requires something of a
        // safety topic (respecting creators' rights, preventing imminent harm) only
        // concerns it: "requires illegal activity" read backwards.
        safetyTopic(words).map { Inferred(kind: .safety, reason: "inferred: \(modality == .prohibition ? "prohibits" : "concerns") \($0)") }
    }

    private static let noTopic = Inferred(kind: .behavioral, reason: "inferred: no safety topic — how a good answer looks")

    /// The kind safety or behavioral words in the headings give (innermost first, safety
    /// before behavioral), if any. The reason quotes the heading's first
    /// ``SpecLimits/overBudgetBytes`` bytes: every rule under it keeps the reason, and a
    /// heading half a file long over thousands of rules was gigabytes of JSON.
    static func headingKind(_ headings: [String]) -> Inferred? {
        // Each heading's words read once, as keys (a key answers as its word does).
        let read = headings.map { ProseWords.sentences($0) }
        func names(_ sentences: [ProseSentence], _ list: WordSet) -> Bool {
            sentences.contains { s in s.words.indices.contains { s.words.isWord($0, in: list) } }
        }
        for (heading, sentences) in zip(headings, read) where names(sentences, safetyHeadingWords) {
            return Inferred(kind: .safety, reason: "heading: \(capped(heading, SpecLimits.overBudgetBytes))")
        }
        for (heading, sentences) in zip(headings, read) where names(sentences, behavioralHeadingWords) {
            return Inferred(kind: .behavioral, reason: "heading: \(capped(heading, SpecLimits.overBudgetBytes))")
        }
        return nil
    }
}
