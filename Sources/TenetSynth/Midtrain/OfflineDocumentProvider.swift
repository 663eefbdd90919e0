import TenetSpec

/// The embedded document provider: no network, no model, deterministic from the seed. Its
/// documents are labelled `offline-template` and are honest about what they are: the
/// spec's own words — the rule as stated, its scope, exceptions, the requests and reasons
/// of its boundary examples, and its rationale verbatim — laid out as the document type
/// asks. It writes nothing the spec does not say, so a rule without a rationale is skipped
/// (and counted): no document of it could state the reason. A smoke test of the pipeline
/// and a baseline, not a substitute for a model.
public struct OfflineDocumentProvider: DocumentProvider {
    public var name: String { "offline-template" }
    public var model: String? { nil }
    public var writesFromSpec: Bool { true }

    public init() {}

    public func complete(_ prompt: String, role: DocumentRole, context: DocumentContext) async throws -> (text: String, exchange: Exchange?) {
        switch role {
        case .ideator:
            var random = SeededRandom(seed: context.seed)
            return (random.element(of: Self.ideas(context.rule)) ?? "where the rule's line falls", nil)
        case .writer:
            return (Self.document(context), nil)
        case .critic:
            let note = "(template check, no model: assembled from the spec's own words)"
            return ("consistent: YES — the rule, its examples and its rationale as the spec states them \(note)\n"
                    + "keeps_direction: YES — the rule is quoted as stated \(note)\n"
                    + "states_reason: YES — the rationale is quoted \(note)", nil)
        }
    }

    /// The angles a document can take: one per boundary example with a request, and three
    /// that need none.
    static func ideas(_ rule: Rule) -> [String] {
        var ideas = ["where the line of the rule falls", "a common misunderstanding of the rule", "the exceptions and the scope of the rule"]
        for example in rule.examples {
            guard let request = example.turns.first(where: { $0.role == "user" })?.content else { continue }
            ideas.append("the case where a user asks: “\(oneLine(request))”")
        }
        return ideas
    }

    /// A document of the context's type, from the spec's words. An idea that is one of the
    /// rule's boundary examples centres the document on that case alone; the others take
    /// every case the spec gives.
    static func document(_ context: DocumentContext) -> String {
        let rule = context.rule
        let idea = context.idea ?? "where the line of the rule falls"
        let rationale = oneLine(rule.rationale ?? "")
        let scope = rule.scope.map(oneLine).map { "It applies to \($0)." } ?? "It applies wherever the assistant works."
        let exceptions = rule.exceptions.isEmpty ? "The spec names no exceptions to it."
            : "The spec names its exceptions: " + rule.exceptions.map(oneLine).joined(separator: "; ") + "."
        let centred = rule.examples.filter { example in
            example.turns.first(where: { $0.role == "user" }).map { idea.contains("“\(oneLine($0.content))”") } ?? false
        }
        let cases = (centred.isEmpty ? rule.examples : centred).compactMap(caseLine)
        let boundary = cases.isEmpty ? "The spec gives no boundary examples for it." : cases.joined(separator: " ")
        let statement = "The rule reads: “\(oneLine(context.statement))”"
        let why = "Why it matters: \(rationale)"
        let title = oneLine(rule.title)
        switch context.type.name {
        case "essay":
            return """
                On \(title.lowercased())

                Some of the rules an AI assistant follows are best understood through their purpose. \(statement) \
                This essay considers \(idea).

                A rule is only as clear as its edges. \(boundary) \(scope) \(exceptions)

                What makes the rule worth keeping is its reason, and the reason is worth stating plainly. \(why)
                """
        case "faq":
            return """
                Frequently asked questions: \(title)

                What does the rule say?
                \(statement)

                Where does it apply, and are there exceptions?
                \(scope) \(exceptions)

                What does that look like in practice?
                This page looks at \(idea). \(boundary)

                Why does the rule exist?
                \(why)
                """
        case "textbook":
            return """
                Section: \(title)

                Principle. \(statement) \(scope)

                Worked example. Consider \(idea). \(boundary)

                Limits. \(exceptions)

                Summary. \(why)
                """
        case "case-study":
            return """
                Case study: \(title)

                The situation. This case concerns \(idea). \(statement)

                Where the line was. \(boundary) \(scope) \(exceptions)

                What the case teaches. \(why)
                """
        case "news-feature":
            return """
                How assistants handle it: \(title)

                People who use AI assistants often wonder about \(idea). The guidelines these assistants follow are \
                explicit about it. \(statement)

                The people who set the rule point to concrete cases. \(boundary) \(scope) \(exceptions)

                Asked for the reasoning, they put it this way. \(why)
                """
        case "policy-memo":
            return """
                MEMO
                Subject: \(title)

                Policy. \(statement) \(scope)

                Exceptions. \(exceptions)

                Applying it. Consider \(idea). \(boundary)

                Reason. \(why)
                """
        case "dialogue":
            return """
                A conversation about the rule “\(title)”

                Sam: What does the rule actually say? \(statement)
                Ana: \(scope) \(exceptions)
                Sam: Take \(idea). Where is the line?
                Ana: \(boundary)
                Sam: And why have the rule at all?
                Ana: \(why)
                """
        case "forum-thread":
            return """
                Thread: Can someone explain the rule “\(title)”?

                Original post: I keep running into \(idea). What is the rule here?

                Reply: \(statement) \(scope) \(exceptions)

                Reply: Concretely: \(boundary)

                Reply: As for the reason. \(why)
                """
        case "interview":
            return """
                Interview: the thinking behind “\(title)”

                Q: What does the rule ask of the assistant?
                A: \(statement) \(scope)

                Q: What about \(idea)?
                A: \(boundary) \(exceptions)

                Q: Why does it matter?
                A: \(why)
                """
        case "short-story":
            return """
                The request

                It was an ordinary afternoon for the assistant until it met \(idea). It knew the rule it worked under. \
                \(statement)

                It thought about the cases it had learned. \(boundary) \(exceptions)

                So it answered as the rule asks, and it knew why. \(why)
                """
        default:
            let kind = context.type.name.replacingOccurrences(of: "-", with: " ")
            return """
                \(title): a \(kind)

                This \(kind) is about one rule an AI assistant follows, and about \(idea). \(statement)

                \(scope) \(exceptions) \(boundary)

                \(why)
                """
        }
    }

    /// One boundary example as a sentence: the request, the spec's verdict and its reason.
    static func caseLine(_ example: Example) -> String? {
        guard let request = example.turns.first(where: { $0.role == "user" })?.content else { return nil }
        let verdict: String
        switch example.verdict {
        case .good: verdict = "the spec shows a good answer"
        case .bad: verdict = "the spec shows a bad answer"
        case .borderline: verdict = "the spec calls the answer borderline"
        case .unspecified: verdict = "the spec shows an answer"
        }
        var reason = example.reason.map { ": " + oneLine($0) } ?? ""
        while reason.hasSuffix(".") { reason.removeLast() }
        return "When a user asks “\(oneLine(request))”, \(verdict)\(reason)."
    }

    /// The text's lines joined by single spaces, each trimmed, its links as plain text
    /// (``PlainLinks``) — without Foundation: this runs for every field of every offline
    /// document.
    static func oneLine(_ text: String) -> String {
        PlainLinks.plain(joinedLines(text))
    }

    private static func joinedLines(_ text: String) -> String {
        var out = ""
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var slice = line
            while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
            while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
            guard !slice.isEmpty else { continue }
            if !out.isEmpty { out += " " }
            out += slice
        }
        return out
    }
}
