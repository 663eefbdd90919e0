/// A label in front of a rule that says what kind of line it is, not what to do:
/// "Note: Do not log secrets", "**Rule:** Do not send the user's source code …",
/// "6.1 **Rule:** …", "Tip: …". Read as a verb, "Note" made "Note: Do not log secrets" a
/// rule to follow, and "Note: The legal team maintains the list" a rule at all; a numbered
/// "6.1 **Rule:** Do not …" made none. The text after the label is what is read.
///
/// Labels that give a direction ("Do:", "Don't:", "Never:") are lead-ins, read elsewhere;
/// "Why:", "Example:" and the like are not stripped, so their lines stay rationale or context;
/// and a line that makes no rule is described as written, label and all.
enum RuleLabel {
    /// The text after a leading clause number and label, or `nil` when there is no label.
    static func strip(_ text: String) -> Substring? {
        // Most paragraphs and bullets start with a lowercase letter or a word no label is:
        // decided on the first byte.
        guard let first = text.utf8.first,
              (first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x5A) || first == 0x2A || first == 0x5F
        else { return nil }
        var rest = text[...]
        // A clause number: "6.1 ", "6.1. ", "12 ".
        if let lead = rest.utf8.first, lead >= 0x30, lead <= 0x39 {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard rest.dropFirst(number.count).first == " " else { return nil }
            rest = rest.dropFirst(number.count).drop { $0 == " " }
        }
        var bold = ""
        if rest.hasPrefix("**") || rest.hasPrefix("__") {
            bold = String(rest.prefix(2))
            rest = rest.dropFirst(2)
        }
        let word = rest.prefix { $0.isASCII && $0.isLetter }
        guard (2...12).contains(word.count), labels.contains(word.lowercased()) else { return nil }
        rest = rest.dropFirst(word.count)
        // "Rule:", "**Rule:**", "**Rule**:".
        if !bold.isEmpty, rest.hasPrefix(bold + ":") {
            rest = rest.dropFirst(bold.count + 1)
        } else if rest.hasPrefix(":") {
            rest = rest.dropFirst()
            if !bold.isEmpty {
                guard rest.hasPrefix(bold) else { return nil }
                rest = rest.dropFirst(bold.count)
            }
        } else {
            return nil
        }
        let body = rest.drop { $0 == " " }
        return body.isEmpty ? nil : body
    }

    /// Not "Guideline", "Policy" or "Instruction": a glossary's terms ("**Guideline**:
    /// Instructions that can be implicitly overridden").
    private static let labels: Set<String> = [
        "note", "notes", "nb", "tip", "tips", "hint", "remember", "reminder", "important", "warning", "caution", "rule",
    ]
}
