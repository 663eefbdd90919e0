/// One column of an hf export's lines, as its card declares it (`dataset_info.features`,
/// in the YAML form `datasets` reads) and describes it.
struct CardColumn: Equatable {
    var name: String
    /// The feature's YAML lines after `- name: NAME`, indented for the list item.
    var feature: [String]
    /// Its type, for people.
    var type: String
    var meaning: String
}

/// The columns of the lines an hf export wrote (TRL's standard or conversational
/// preference columns, then the provenance columns when they were written), with the
/// types `datasets` gives them: declaring them makes every export of the project load
/// with the same features, even where a column is null on every line.
enum CardColumns {
    static func of(standard: Bool, provenance: Bool, namedMessages: Bool, systemMessages: Bool) -> [CardColumn] {
        var messageFields = ["  - name: content", "    dtype: string"]
        if namedMessages { messageFields += ["  - name: name", "    dtype: string"] }
        messageFields += ["  - name: role", "    dtype: string"]
        let messages = ["  list:"] + messageFields
        let string = ["  dtype: string"]
        let lead = systemMessages ? ", led by a system message: the rules of the instantiation the pair came from (`--with-spec`)" : ""
        var columns: [CardColumn]
        if standard {
            columns = [
                CardColumn(name: "prompt", feature: string, type: "string",
                           meaning: "the conversation the answers reply to\(lead), each message after its role (`User: …`), messages separated by a blank line, ending with a blank line and `Assistant:`"),
                CardColumn(name: "chosen", feature: string, type: "string",
                           meaning: "the answer that follows the rules (human edits applied), after one space: `prompt + chosen` reads `…\\n\\nAssistant: answer`"),
                CardColumn(name: "rejected", feature: string, type: "string",
                           meaning: "the answer that breaks a rule, or refuses what the rules allow, after one space"),
            ]
        } else {
            let fields = namedMessages ? "`role`, `content`, `name`" : "`role`, `content`"
            columns = [
                CardColumn(name: "prompt", feature: messages, type: "list of messages (\(fields))", meaning: "the conversation the answers reply to\(lead)"),
                CardColumn(name: "chosen", feature: messages, type: "one assistant message", meaning: "the answer that follows the rules (human edits applied)"),
                CardColumn(name: "rejected", feature: messages, type: "one assistant message", meaning: "the answer that breaks a rule, or refuses what the rules allow"),
            ]
        }
        guard provenance else { return columns }
        let int = ["  dtype: int64"], strings = ["  list: string"]
        columns += [
            CardColumn(name: "id", feature: string, type: "string", meaning: "the pair's ID in Tenet (a hash of its content)"),
            CardColumn(name: "spec", feature: string, type: "string or null", meaning: "the spec the pair was made for"),
            CardColumn(name: "spec_revision", feature: int, type: "integer or null", meaning: "the spec's revision then"),
            CardColumn(name: "rule_ids", feature: strings, type: "list of strings", meaning: "the rules the pair tests"),
            CardColumn(name: "strategy", feature: string, type: "string or null", meaning: "how the prompt probes the rule (direct, role-play, hypothetical …)"),
            CardColumn(name: "generator", feature: string, type: "string", meaning: "what made the pair (`offline-template`: templates and the rules' examples, not a model)"),
            CardColumn(name: "status", feature: string, type: "string", meaning: "how the review ended (accepted, edited, rejected …)"),
            CardColumn(name: "decisions", feature: ["  list:", "  - name: annotator", "    dtype: string", "  - name: blind", "    dtype: bool",
                                                   "  - name: decision", "    dtype: string", "  - name: note", "    dtype: string",
                                                   "  - name: text_revision", "    dtype: int64"],
                       type: "list of `{annotator, decision, note, blind, text_revision}`",
                       meaning: "each annotator's decision (accept, reject, flag, skip, tie), their note (empty when none), whether it was made blind, and the pair's revision whose answers it judged"),
            CardColumn(name: "annotators", feature: strings, type: "list of strings", meaning: "who decided, in name order"),
            CardColumn(name: "edited", feature: ["  dtype: bool"], type: "boolean", meaning: "whether a person edited an answer"),
        ]
        return columns
    }

    /// The columns of `tenet export docs --format hf`: `text`, then the provenance columns
    /// when they were written. Declared, a column that is null on every line (`model`, for
    /// documents made without one) keeps its type, and exports made with and without a
    /// model concatenate.
    static func documents(provenance: Bool) -> [CardColumn] {
        let string = ["  dtype: string"], int = ["  dtype: int64"]
        let text = CardColumn(name: "text", feature: string, type: "string", meaning: "the document, as plain text")
        guard provenance else { return [text] }
        return [
            text,
            CardColumn(name: "id", feature: string, type: "string", meaning: "the document's ID in Tenet (a hash of its content)"),
            CardColumn(name: "spec", feature: string, type: "string", meaning: "the spec it teaches"),
            CardColumn(name: "spec_revision", feature: int, type: "integer or null", meaning: "the spec's revision then"),
            CardColumn(name: "rule_ids", feature: ["  list: string"], type: "list of strings", meaning: "the rules it discusses"),
            CardColumn(name: "type", feature: string, type: "string", meaning: "the kind of document"),
            CardColumn(name: "idea", feature: string, type: "string", meaning: "the angle it was written from"),
            CardColumn(name: "generator", feature: string, type: "string", meaning: "what wrote it"),
            CardColumn(name: "model", feature: string, type: "string or null", meaning: "the model that wrote it, if one did"),
            CardColumn(name: "seed", feature: string, type: "string or null", meaning: "`RUN-SEED#INDEX`"),
            CardColumn(name: "status", feature: string, type: "string", meaning: "how its review ended"),
            CardColumn(name: "edited", feature: ["  dtype: bool"], type: "boolean", meaning: "whether a reviewer edited it"),
            CardColumn(name: "critic", feature: string, type: "string or null", meaning: "the critic's verdict on the generated text"),
            CardColumn(name: "tokens", feature: int, type: "integer", meaning: "its length in tokens, estimated as UTF-8 bytes / 4"),
        ]
    }

    /// `dataset_info:` with the columns' features.
    static func yaml(_ columns: [CardColumn]) -> String {
        var out = "dataset_info:\n  features:\n"
        for column in columns {
            out += "  - name: \(column.name)\n"
            for line in column.feature { out += "  " + line + "\n" }
        }
        return out
    }
}
