import Foundation

/// Reads SpecBench's `specifications.json`:
/// `{"safety_specifications": [string…], "behavioral_specifications": [string…]}`, and the
/// `scenario.json` beside it (`{"name", "description"}`) when there is one.
///
/// A rule's identity is its 1-based index in its list: `safety-1`, `behavioral-3` — the
/// same IDs a SpecBench-style Markdown rule list gets.
enum SpecBenchReader {
    static let keys: [(key: String, kind: RuleKind)] = [
        ("safety_specifications", .safety), ("behavioral_specifications", .behavioral),
    ]

    /// `scenario`: the `scenario.json` beside the file, or why it could not be read; `nil`
    /// when there is none.
    static func read(_ source: SourceText, scenario: Result<[UInt8], InputFile.Problem>?) throws(SpecReadError) -> Spec {
        // Foundation keeps the last of a key given twice: two lists of one kind would lose one.
        if let (key, first, second) = repeatedTopLevelKey(source.bytes) {
            throw SpecReadError(file: source.path, line: second,
                                reason: "the key “\(key)” appears twice (lines \(first) and \(second)); join the two lists into one")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(source.bytes), options: [.fragmentsAllowed])
        } catch {
            let (line, column) = jsonErrorPlace(error, in: source)
            throw SpecReadError(file: source.path, line: line, column: column,
                                reason: "the file is not valid JSON here (\(jsonErrorReason(error))); a SpecBench spec is an object with safety_specifications and behavioral_specifications lists")
        }
        guard let dictionary = object as? [String: Any] else {
            throw SpecReadError(file: source.path, line: 1,
                                reason: "the top level must be a JSON object with safety_specifications and behavioral_specifications lists")
        }
        guard keys.contains(where: { dictionary[$0.key] != nil }) else {
            throw SpecReadError(file: source.path, line: 1,
                                reason: "has neither safety_specifications nor behavioral_specifications; is this a SpecBench specifications.json?")
        }
        let listed = keys.reduce(0) { $0 + ((dictionary[$1.key] as? [Any])?.count ?? 0) }
        guard listed <= ElementBudget.maximumSpecBenchRules else {
            throw SpecReadError(file: source.path, line: 1,
                                reason: "lists \(listed) specifications, over the \(ElementBudget.maximumSpecBenchRules) read (each is a rule held in memory); split the file")
        }
        let lines = stringLines(source)
        var rules: [Rule] = []
        for (key, kind) in keys {
            guard let value = dictionary[key] else { continue }
            let keyLine = lines.first { $0.text == key }?.line ?? 1
            guard let list = value as? [Any] else {
                throw SpecReadError(file: source.path, line: keyLine, reason: "`\(key)` must be a list of strings")
            }
            let elementLines = lines.drop { $0.text != key }.dropFirst().prefix(list.count).map(\.line)
            for (n, element) in list.enumerated() {
                let line = n < elementLines.count ? elementLines[n] : keyLine
                guard let text = element as? String else {
                    throw SpecReadError(file: source.path, line: line, reason: "item \(n + 1) of `\(key)` is not a string")
                }
                // As a NUL byte in a Markdown spec is refused: stored, it cut the rule's title
                // short in lists, and its Markdown export was a file Tenet refuses.
                if text.utf8.contains(0) {
                    throw SpecReadError(file: source.path, line: line,
                                        reason: "item \(n + 1) of `\(key)` holds a NUL character (\\u0000); a spec is text: remove it")
                }
                // Positional IDs: matched across versions by text, not by position.
                rules.append(Rule(id: "\(kind.rawValue)-\(n + 1)", explicitID: false, title: InlineScan.firstSentence(text),
                                  text: text, path: [kind.rawValue], line: line, endLine: line, kind: kind,
                                  references: [], placeholders: InlineScan.placeholders(in: text)))
            }
        }
        // The title is one line wherever it is shown (the tree, a prompt's "working under
        // the …"): a folder's or a scenario's name with a line break in it is joined.
        let folder = source.path.split(separator: "/").dropLast().last.map { collapsingWhitespace(Array($0.utf8)[...]) }
        var spec = Spec(id: Slug.make(folder ?? "specbench"), title: folder ?? "SpecBench specifications",
                        source: source.path, dialect: .specBenchJSON, rules: rules)
        if let scenario {
            // Only the title and description come from it: a file that cannot give them is
            // reported and the spec read without them, never taken half-decoded.
            let file = FolderOfPath.folder(of: source.path) + "/scenario.json"
            switch scenario {
            case .success(let bytes):
                if String(validating: bytes, as: UTF8.self) != nil,
                   let info = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
                    if let name = info["name"] as? String, case let title = collapsingWhitespace(Array(name.utf8)[...]), !title.isEmpty {
                        // A title is one line wherever it is shown: a name as long as a file is cut.
                        spec.title = title.utf8.count > maximumTitleBytes ? capped(title, maximumTitleBytes) : title
                        spec.id = Slug.make(name)
                    }
                    if let description = info["description"] as? String { spec.description = description }
                } else {
                    spec.diagnostics.append(Diagnostic(
                        file: file, line: 1, severity: .warning, code: "bad-scenario",
                        message: "not a UTF-8 JSON object with name and description; the spec is read without its title and description"))
                }
            case .failure(let problem):
                spec.diagnostics.append(Diagnostic(
                    file: file, line: 1, severity: .warning, code: "bad-scenario",
                    message: "\(problem.message); the spec is read without its title and description"))
            }
        }
        spec.sections = keys.compactMap { key, kind in
            let ids = rules.filter { $0.kind == kind }.map(\.id)
            guard let first = rules.first(where: { $0.kind == kind }) else { return nil }
            return Section(id: kind.rawValue, title: kind == .safety ? "Safety" : "Behavioral", level: 2,
                           line: first.line, endLine: rules.last { $0.kind == kind }?.endLine ?? first.line, rules: ids)
        }
        return spec
    }

    /// The longest title a `scenario.json` name gives, in bytes.
    static let maximumTitleBytes = 200

    /// The first key of the top-level object given twice, with the lines of both; strings
    /// and nesting skipped.
    static func repeatedTopLevelKey(_ bytes: [UInt8]) -> (key: String, first: Int, second: Int)? {
        var seen: [String: Int] = [:]
        var line = 1, depth = 0, i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A { line += 1 }
            switch byte {
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D: depth -= 1
            case 0x22:
                let start = i + 1, startLine = line
                i += 1
                while i < bytes.count, bytes[i] != 0x22 {
                    if bytes[i] == 0x5C { i += 1 }
                    if i < bytes.count, bytes[i] == 0x0A { line += 1 }
                    i += 1
                }
                guard depth == 1 else { break }
                // A key: a colon follows it.
                var k = i + 1
                while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0A || bytes[k] == 0x0D { k += 1 }
                guard k < bytes.count, bytes[k] == 0x3A else { break }
                let key = String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self)
                if let first = seen[key] { return (key, first, startLine) }
                seen[key] = startLine
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Every JSON string token in the file with the line it starts on, in order.
    private static func stringLines(_ source: SourceText) -> [(text: String, line: Int)] {
        var out: [(String, Int)] = []
        let bytes = source.bytes
        var line = 1
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A { line += 1 }
            if byte == 0x22 {
                let start = i + 1
                let startLine = line
                i += 1
                while i < bytes.count, bytes[i] != 0x22 {
                    if bytes[i] == 0x5C { i += 1 }
                    if i < bytes.count, bytes[i] == 0x0A { line += 1 }
                    i += 1
                }
                out.append((String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self), startLine))
            }
            i += 1
        }
        return out
    }

    /// The line and column of a JSON syntax error: Foundation reports "around line N" on
    /// some platforms and "around character N" on others, and no place at all for a file
    /// that ends too soon — that one is where the text ends.
    private static func jsonErrorPlace(_ error: Error, in source: SourceText) -> (line: Int, column: Int) {
        let text = jsonErrorReason(error)
        if let range = text.range(of: "line "), let line = Int(text[range.upperBound...].prefix { $0.isNumber }) {
            return (line, 1)
        }
        let offset: Int
        // "Unescaped control character around character 48": the number is after the last.
        if let range = text.range(of: "character ", options: .backwards), let character = Int(text[range.upperBound...].prefix { $0.isNumber }) {
            offset = min(character, max(0, source.bytes.count - 1))
        } else if text.localizedCaseInsensitiveContains("end of file") || text.localizedCaseInsensitiveContains("end of data") {
            var end = source.bytes.count
            while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(source.bytes[end - 1]) { end -= 1 }
            offset = end
        } else {
            return (1, 1)
        }
        let line = source.line(ofOffset: offset)
        return (line, offset - source.lineStarts[line - 1] + 1)
    }

    private static func jsonErrorReason(_ error: Error) -> String {
        let info = (error as NSError).userInfo
        return (info["NSDebugDescription"] as? String) ?? error.localizedDescription
    }
}
