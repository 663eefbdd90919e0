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
    /// Read on the text's first bytes: it runs on every paragraph and bullet, and most
    /// have no colon after their first word (a first version that read characters cost
    /// a tenth of a prose spec's reading).
    static func strip(_ text: String) -> Substring? {
        // Most texts open with a lowercase letter or a word followed by a space: answered
        // on the contiguous bytes before any slicing.
        let quick: Bool? = text.utf8.withContiguousStorageIfAvailable { b in
            guard let first = b.first,
                  (first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x5A) || first == 0x2A || first == 0x5F else { return false }
            // A label's colon comes within its first 24 bytes.
            return b.prefix(24).contains(0x3A)
        }
        guard quick != false else { return nil }
        var utf8 = text.utf8[...]
        guard let first = utf8.first,
              (first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x5A) || first == 0x2A || first == 0x5F
        else { return nil }
        // A clause number: "6.1 ", "6.1. ", "12 ".
        if first >= 0x30 && first <= 0x39 {
            let number = utf8.prefix { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
            utf8 = utf8.dropFirst(number.count)
            guard utf8.first == 0x20 else { return nil }
            utf8 = utf8.drop { $0 == 0x20 }
        }
        var bold: UInt8?
        if let marker = utf8.first, marker == 0x2A || marker == 0x5F, utf8.dropFirst().first == marker {
            bold = marker
            utf8 = utf8.dropFirst(2)
        }
        let word = utf8.prefix { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
        guard (2...12).contains(word.count) else { return nil }
        utf8 = utf8.dropFirst(word.count)
        // "Rule:", "**Rule:**", "**Rule**:".
        func dropBold() -> Bool {
            guard let bold else { return true }
            guard utf8.first == bold, utf8.dropFirst().first == bold else { return false }
            utf8 = utf8.dropFirst(2)
            return true
        }
        if utf8.first == 0x3A {
            utf8 = utf8.dropFirst()
            guard dropBold() else { return nil }
        } else {
            guard bold != nil, dropBold(), utf8.first == 0x3A else { return nil }
            utf8 = utf8.dropFirst()
        }
        guard labels.contains(String(decoding: word, as: UTF8.self).lowercased()) else { return nil }
        let body = Substring(utf8).drop { $0 == " " }
        return body.isEmpty ? nil : body
    }

    /// Not "Guideline", "Policy" or "Instruction": a glossary's terms ("**Guideline**:
    /// Instructions that can be implicitly overridden").
    private static let labels: Set<String> = [
        "note", "notes", "nb", "tip", "tips", "hint", "remember", "reminder", "important", "warning", "caution", "rule",
    ]
}
