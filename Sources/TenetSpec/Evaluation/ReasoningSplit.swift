/// Splits a model's text into its reasoning and its answer at the last `</think>`, as
/// SpecBench's engine does (`LLMEngine._format_response_json`): the answer is what follows
/// the last `</think>`, without leading line breaks; the thought is what stands between
/// the last two (`</think>` … `</think>`, or the start), without trailing line breaks.
/// Without `</think>` the whole text is the answer and there is no thought.
public enum ReasoningSplit {
    public static let endOfThinking = "</think>"

    public static func split(_ text: String) -> (thought: String, answer: String) {
        let parts = text.components(separatedBy: endOfThinking)
        let answer = String(parts[parts.count - 1].drop { $0 == "\n" })
        guard parts.count >= 2 else { return ("", answer) }
        var thought = Substring(parts[parts.count - 2])
        while thought.last == "\n" { thought = thought.dropLast() }
        return (String(thought), answer)
    }
}
