/// Whether an answer is a refusal, read from its opening: the gates use it to tell an
/// over-cautious refusal (the rejected answer of a safe-looking pair) from a violation,
/// and to catch pairs whose two answers both refuse.
///
/// An answer refuses when one of its first two sentences says the assistant cannot or
/// will not help ("I can't help with that", "I won't provide…", "Sorry, but I am unable
/// to…"). An answer that declines one part and helps with the rest usually says so later
/// and is still counted a refusal only when the decline comes first; this is a text
/// heuristic, and the judge reads the answers properly.
public enum Refusal {
    static let markers = [
        "i can't", "i cannot", "i can not", "i won't", "i will not", "i'm not able to", "i am not able to",
        "i'm unable to", "i am unable to", "i must decline", "i have to decline", "i'm not going to", "i am not going to",
        "i do not feel comfortable", "i don't feel comfortable", "sorry, but", "i'm sorry, but", "i am sorry, but",
        "i refuse", "not something i can help", "can't help with", "cannot help with", "can't assist", "cannot assist",
    ]

    /// The answer opens by refusing.
    public static func refuses(_ answer: String) -> Bool {
        let opening = openingSentences(answer, count: 2).lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        return markers.contains { opening.contains($0) }
    }

    private static func openingSentences(_ text: String, count: Int) -> Substring {
        var seen = 0
        var index = text.startIndex
        while index < text.endIndex {
            if ".!?\n".contains(text[index]) {
                seen += 1
                if seen == count { return text[..<index] }
            }
            index = text.index(after: index)
        }
        return text[...]
    }
}
