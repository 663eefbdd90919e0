/// Markdown links as the plain text a model reads outside the document: a link is its
/// label, an image its alt text, an autolink its address, and a link to a rule with no
/// label of its own (`[?](#id)`) names the rule.
///
/// - `[the citing rule](#lab.cite)` → `the citing rule`
/// - `[our guide](https://example.org/guide "Guide")` → `our guide`
/// - `![a chart](chart.png)` → `a chart`
/// - `<https://example.org/raw>` → `https://example.org/raw`
/// - `under the [?](#chain_of_command)` → `under the rule “chain_of_command”` (the source's
///   own article stays; without one, `the rule “…”`)
///
/// Anything that is not a complete link (`[x] (y)`, `[x]` alone, `a < b`) is kept as written.
public enum PlainLinks {
    public static func plain(_ text: String) -> String {
        guard text.contains("](") || text.contains("<") else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "[" || (c == "!" && i + 1 < chars.count && chars[i + 1] == "["),
               let link = inlineLink(chars, at: c == "!" ? i + 1 : i) {
                let label = String(chars[(c == "!" ? i + 2 : i + 1)..<link.labelEnd])
                if label == "?" && link.destination.hasPrefix("#") {
                    let rule = String(link.destination.dropFirst())
                    out += (out.lowercased().hasSuffix("the ") ? "" : "the ") + "rule “\(rule)”"
                } else {
                    out += plain(label)
                }
                i = link.end
                continue
            }
            if c == "<", let end = autolink(chars, at: i) {
                out += String(chars[(i + 1)..<end])
                i = end + 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// `[label](destination "title")` starting at `open` (a `[`): where the label ends
    /// (its `]`), the destination, and the index after the closing `)`.
    private static func inlineLink(_ chars: [Character], at open: Int) -> (labelEnd: Int, destination: String, end: Int)? {
        var depth = 0
        var close: Int?
        var i = open
        while i < chars.count {
            switch chars[i] {
            case "\\": i += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { close = i }
            case "\n" where i + 1 < chars.count && chars[i + 1] == "\n": return nil
            default: break
            }
            if close != nil { break }
            i += 1
        }
        guard let labelEnd = close, labelEnd + 1 < chars.count, chars[labelEnd + 1] == "(" else { return nil }
        // The destination (maybe in <…>), then an optional title, then `)`; parentheses
        // inside the destination must balance, as CommonMark asks.
        var j = labelEnd + 2
        var parens = 0
        var destination = ""
        var inDestination = true
        var quote: Character?
        while j < chars.count {
            let c = chars[j]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\\" {
                j += 1
            } else if inDestination && (c == " " || c == "\n") && !destination.isEmpty {
                inDestination = false
            } else if !inDestination && (c == "\"" || c == "'") {
                quote = c
            } else if c == "(" && inDestination {
                parens += 1
                destination.append(c)
            } else if c == ")" {
                if parens == 0 { return (labelEnd, destination.trimmingAngles, j + 1) }
                parens -= 1
                destination.append(c)
            } else if inDestination && c != " " {
                destination.append(c)
            }
            j += 1
        }
        return nil
    }

    /// `<scheme:address>` or `<name@host>` starting at `open`: the index of its `>`.
    private static func autolink(_ chars: [Character], at open: Int) -> Int? {
        var i = open + 1
        while i < chars.count, chars[i] != ">" {
            if chars[i] == " " || chars[i] == "<" || chars[i] == "\n" { return nil }
            i += 1
        }
        guard i < chars.count, i > open + 1 else { return nil }
        let inside = String(chars[(open + 1)..<i])
        if let colon = inside.firstIndex(of: ":") {
            let scheme = inside[..<colon]
            guard (2...32).contains(scheme.count), let first = scheme.first, first.isASCII && first.isLetter,
                  scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) else { return nil }
            return i
        }
        let parts = inside.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") ? i : nil
    }
}

private extension String {
    /// A destination written `<…>` without its brackets.
    var trimmingAngles: String { hasPrefix("<") && hasSuffix(">") && count >= 2 ? String(dropFirst().dropLast()) : self }
}
