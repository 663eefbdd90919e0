/// Words as the document gates and the near-duplicate check read them: runs of letters and
/// digits (apostrophes inside a word kept: `don't`), lower-cased.
enum DocumentWords {
    static func words(_ text: String) -> [String] {
        // Unicode scalars, not Characters: grapheme breaking was most of the gates' time.
        var out: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            if current.last == "'" { current.removeLast() }
            if !current.isEmpty { out.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    current.append(scalar)
                } else if (0x41...0x5A).contains(value) {
                    current.append(Unicode.Scalar(value + 0x20)!)
                } else if value == 0x27 && !current.isEmpty {
                    current.append(scalar)
                } else {
                    flush()
                }
            } else if scalar == "’" {
                if !current.isEmpty { current.append("'") }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// The words that carry content: three letters or more, not a function word, not a
    /// word that only gives a rule its direction (`never`, `must`, `should` …).
    static func content(_ text: String) -> Set<String> {
        Set(words(text).filter { $0.count >= 3 && !function.contains($0) && !directive.contains($0) }.map(stem))
    }

    /// A crude stem, so that `controls` and `control`, `evading` and `evade` meet.
    static func stem(_ word: String) -> String {
        for suffix in ["ing", "es", "ed", "s"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// Words that say no.
    static let negations: Set<String> = ["never", "not", "no", "don't", "doesn't", "won't", "can't", "cannot", "shouldn't", "mustn't",
                                         "refuse", "refuses", "decline", "declines", "avoid", "avoids", "without", "nor",
                                         "prohibit", "prohibits", "prohibited", "forbid", "forbids", "forbidden", "isn't", "aren't"]
    /// Words that prescribe.
    static let prescriptive: Set<String> = ["should", "must", "always", "ought", "required", "requires", "need", "needs", "shall",
                                            "expected", "has", "have", "will", "supposed"]
    static let directive: Set<String> = negations.union(prescriptive).union(["assistant", "assistants", "model", "rule", "always"])
    static let function: Set<String> = [
        "the", "and", "for", "are", "but", "with", "that", "this", "from", "they", "their", "them", "its", "it's", "into", "onto",
        "was", "were", "been", "being", "what", "when", "where", "which", "who", "whom", "why", "how", "any", "all", "can", "could",
        "would", "may", "might", "than", "then", "there", "these", "those", "such", "also", "only", "just", "about", "over",
        "under", "out", "off", "per", "via", "you", "your", "yours", "our", "ours", "his", "her", "she", "him", "did", "does",
        "doing", "done", "each", "other", "some", "more", "most", "very", "own", "same", "too", "one", "ones", "even", "because",
        "while", "before", "after", "again", "once", "here", "both", "few", "many", "much", "whether", "upon", "unless", "within",
    ]
}
