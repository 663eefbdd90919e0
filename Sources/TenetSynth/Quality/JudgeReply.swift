import TenetSpec

/// The judge's reply read into quality checks.
///
/// The built-in judge template asks for three lines, each `KEY: YES|NO — reason`:
/// `chosen_complies`, `rejected_violates` and `addresses_prompt`. They are read
/// tolerantly: any case, Markdown emphasis or a list mark before the key, spaces or
/// hyphens for underscores, `Y`/`N`/`TRUE`/`FALSE`/`PASS`/`FAIL` for the answer, and any of
/// `—`, `-`, `:`, `.` or `,` before the reason. A judge template of the older one-line kind
/// (`PASS: reason` / `FAIL: reason`) is read as one overall check. A reply with neither is
/// a failed `judge-readable` check: a pair is never passed on a reply nobody could read.
public enum JudgeReply {
    /// The keys the built-in template asks for, and the gate each answers.
    static let keys: [(String, QualityCheck.Gate)] = [
        ("chosen_complies", .chosenComplies), ("rejected_violates", .rejectedViolates), ("addresses_prompt", .addressesPrompt),
    ]

    /// The checks the reply gives.
    public static func checks(_ reply: String) -> [QualityCheck] {
        var found: [QualityCheck.Gate: QualityCheck] = [:]
        var firstLine: String?
        for raw in reply.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if firstLine == nil { firstLine = line }
            guard let (gate, passed, reason) = keyed(line), found[gate] == nil else { continue }
            found[gate] = QualityCheck(gate, passed: passed, reason: reason, by: "judge")
        }
        if found.count == keys.count { return keys.compactMap { found[$0.1] } }
        if found.isEmpty, let line = firstLine, let (passed, reason) = verdict(line) {
            return [QualityCheck(.judgeVerdict, passed: passed, reason: reason.isEmpty ? (passed ? "PASS" : "FAIL") : reason, by: "judge")]
        }
        let missing = keys.filter { found[$0.1] == nil }.map(\.0)
        let said = SafeText.visible(String((firstLine ?? "nothing").prefix(120)))
        return [QualityCheck(.judgeReadable, passed: false,
                             reason: "the judge's reply has no \(missing.joined(separator: ", ")) line (it said: \(said))", by: "judge")]
    }

    /// `KEY: ANSWER — reason` in any of the tolerated spellings.
    private static func keyed(_ line: String) -> (QualityCheck.Gate, Bool, String)? {
        var text = Substring(line)
        while let first = text.first, "*_-#>•` ".contains(first) { text = text.dropFirst() }
        guard let colon = text.firstIndex(where: { $0 == ":" }) else { return nil }
        let key = text[..<colon].lowercased().filter { !"*_` ".contains($0) && $0 != "-" }
        guard let gate = keys.first(where: { $0.0.replacingOccurrences(of: "_", with: "") == key })?.1 else { return nil }
        guard let (passed, reason) = verdict(String(text[text.index(after: colon)...])) else { return nil }
        return (gate, passed, reason)
    }

    /// `YES — reason`, `No. reason`, `PASS: reason` …: the answer and the reason.
    private static func verdict(_ text: String) -> (Bool, String)? {
        var rest = Substring(text)
        while let first = rest.first, "*_` ".contains(first) { rest = rest.dropFirst() }
        let word = rest.prefix { $0.isLetter }
        let passed: Bool
        switch word.uppercased() {
        case "YES", "Y", "TRUE", "PASS": passed = true
        case "NO", "N", "FALSE", "FAIL": passed = false
        default: return nil
        }
        var reason = rest.dropFirst(word.count)
        while let first = reason.first, "*_`—–-:.,; ".contains(first) { reason = reason.dropFirst() }
        return (passed, String(reason).trimmingCharacters(in: .whitespaces))
    }
}
