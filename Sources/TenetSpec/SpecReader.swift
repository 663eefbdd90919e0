import Foundation

/// Reads a spec file of any dialect Tenet understands into a ``Spec``.
///
/// `.json` files — and standard input that opens as a JSON object — are read as SpecBench
/// `specifications.json` (with a `scenario.json` beside a file, when present); anything
/// else as GitHub-flavoured Markdown. A file that
/// cannot be a spec at all throws ``SpecReadError``; problems inside a readable spec are
/// returned as its ``Spec/diagnostics``.
public enum SpecReader {
    /// Reads the file at `path` (`-` for standard input).
    public static func read(path: String) throws(SpecReadError) -> Spec {
        try read(SourceText(contentsOf: path))
    }

    /// Reads a spec already read and checked. A SpecBench `specifications.json` read from
    /// a file is read with the `scenario.json` beside it, when there is one.
    public static func read(_ source: SourceText) throws(SpecReadError) -> Spec {
        var scenario: Result<[UInt8], InputFile.Problem>?
        if isJSON(source.path), source.path != "<stdin>" {
            let scenarioPath = FolderOfPath.folder(of: source.path) + "/scenario.json"
            switch InputFile.read(scenarioPath, limit: maximumScenarioBytes) {
            case .success(let bytes): scenario = .success(bytes)
            case .failure(.missing): break
            // There but not readable (a directory, a FIFO, a link to a device, too large):
            // said, not passed over in silence.
            case .failure(let problem): scenario = .failure(problem)
            }
        }
        return try read(source, scenario: scenario)
    }

    /// The largest `scenario.json` read: it holds a name and a description.
    static let maximumScenarioBytes = 1 << 20

    /// Reads a spec held in memory; `path` names it in messages and picks the format.
    public static func read(path: String, bytes: [UInt8]) throws(SpecReadError) -> Spec {
        try read(SourceText(path: path, bytes: bytes), scenario: nil)
    }

    /// Reads a spec held in memory as text.
    public static func read(path: String, text: String) throws(SpecReadError) -> Spec {
        try read(path: path, bytes: Array(text.utf8))
    }

    private static func read(_ source: SourceText, scenario: Result<[UInt8], InputFile.Problem>?) throws(SpecReadError) -> Spec {
        if isJSON(source.path) || (source.path == "<stdin>" && startsAsJSONObject(source.bytes)) {
            var spec = try SpecBenchReader.read(source, scenario: scenario)
            // Each list names its kind; each rule's wording gives its direction.
            for r in spec.rules.indices where spec.rules[r].kindReason == nil {
                spec.rules[r].kindReason = "SpecBench list: \(spec.rules[r].kind.rawValue)_specifications"
            }
            let names = AssistantNames.detect(in: source.bytes)
            RuleMeaning.complete(&spec.rules, sectionTitles: [:], settings: SpecSettings(), names: { names })
            // A rule's text, decoded: tags written as `\u` escapes are found too.
            for rule in spec.rules {
                var text = rule.text
                let found = text.withUTF8 { HiddenText.findings(in: $0) }
                spec.diagnostics += found.map { Diagnostic(file: source.path, line: rule.line, severity: $0.severity, code: $0.code,
                                                           message: "rule \(rule.id): " + $0.message) }
            }
            return spec
        }
        if let line = jsonLinesStart(source) {
            // Read as Markdown, a pairs file was a spec of one junk rule, imported with exit 0.
            throw SpecReadError(file: source.path, line: line, reason: "this is JSON Lines (a JSON object on each line), not a spec: "
                + "preference pairs are imported with `tenet import pairs \(source.path)`; a SpecBench spec is a .json file of one object")
        }
        if let overlong = SpecLimits.overlongLine(in: source) { throw overlong }
        if let tooMany = ElementBudget.problem(in: source) { throw tooMany }
        var prepared = MarkdownPreparation(source)
        var spec = try MarkdownSpecReader.read(prepared.source, settings: SpecSettings(prepared.frontMatter))
        // A prompt published in a ```text fence has no rule as written: its text is read.
        if spec.rules.isEmpty, let (bytes, fences) = QuotedSpec.unwrap(source.bytes),
           let unwrapped = try? SourceText(path: source.path, preparedFrom: bytes) {
            let again = MarkdownPreparation(unwrapped)
            var quoted = try MarkdownSpecReader.read(again.source, settings: SpecSettings(again.frontMatter))
            if !quoted.rules.isEmpty {
                quoted.diagnostics.insert(QuotedSpec.note(fences, file: source.path), at: 0)
                (spec, prepared) = (quoted, again)
            }
        }
        prepared.finish(&spec)
        reportHiddenText(in: source, to: &spec)
        return spec
    }

    /// Text hidden in invisible characters anywhere in the file (``HiddenText``), among the
    /// spec's diagnostics in line order.
    private static func reportHiddenText(in source: SourceText, to spec: inout Spec) {
        let found = source.bytes.withUnsafeBufferPointer { HiddenText.findings(in: $0) }
        guard !found.isEmpty else { return }
        spec.diagnostics += found.map {
            Diagnostic(file: source.path, line: $0.line, column: $0.column, severity: $0.severity, code: $0.code, message: $0.message)
        }
        spec.diagnostics.sort { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    private static func isJSON(_ path: String) -> Bool { path.lowercased().hasSuffix(".json") }

    /// The line of the first JSON object of a JSON Lines file: one named `.jsonl` or
    /// `.ndjson`, or whose first two lines that are not blank are each a `{…}` object.
    /// `nil` for anything else (no Markdown spec opens with two such lines).
    static func jsonLinesStart(_ source: SourceText) -> Int? {
        let path = source.path.lowercased()
        let named = path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
        var objects: [Int] = []
        var number = 1
        while objects.count < 2, number <= source.lineCount {
            let line = source.line(number).trimmed()
            if !line.isEmpty {
                guard line.hasPrefix("{"), line.hasSuffix("}") else { break }
                objects.append(number)
            }
            number += 1
        }
        if objects.count == 2 || (named && !objects.isEmpty) { return objects[0] }
        return named ? 1 : nil
    }

    /// Whether text with no name to go by (standard input) is a JSON object: `{` then a
    /// quoted key, after any blank space and byte-order mark. No Markdown spec opens so;
    /// `tenet import spec - < specifications.json` was read as prose of no rules.
    static func startsAsJSONObject(_ bytes: [UInt8]) -> Bool {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func skipBlank() { while i < bytes.count, isASCIIWhitespace(bytes[i]) { i += 1 } }
        skipBlank()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return false }
        i += 1
        skipBlank()
        return i < bytes.count && bytes[i] == UInt8(ascii: "\"")
    }
}
