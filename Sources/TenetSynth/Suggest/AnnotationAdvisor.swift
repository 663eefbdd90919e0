import TenetSpec
import TenetStore

/// Reads one rule and suggests its annotations: a model, or Tenet's own reader.
public protocol AnnotationAdvisor: Sendable {
    /// Who the suggestions are attributed to.
    var source: SuggestionSource { get }
    /// The reading of one rule. A ``SuggestionProblem`` means this rule's answer could not
    /// be read (the run goes on); any other error ends the run.
    func read(_ request: SuggestionRequest) async throws -> SuggestionAnswer
}

extension ProviderSettings {
    /// The advisor these settings describe: the offline provider offers the built-in
    /// heuristics' reading; openai asks the model with the `annotate` template (built in,
    /// or `annotate.md` in `templates`), sampled as set for the annotator (by default at
    /// temperature 0, so that a reading is repeatable).
    public func advisor(templates: String? = nil) throws(SynthError) -> any AnnotationAdvisor {
        switch kind {
        case .offline:
            return HeuristicAdvisor()
        case .openai:
            let provider = try endpoint()
            let template = try TemplateFile.load(ModelAdvisor.templateName, overrides: templates)
            return ModelAdvisor(provider: provider, template: template.text, origin: template.origin)
        }
    }
}

/// A model behind an OpenAI-compatible endpoint, asked rule by rule with the `annotate`
/// prompt template; its answer is a JSON object of the fields (``SuggestionAnswer``).
public struct ModelAdvisor: AnnotationAdvisor {
    /// The template's file name, without `.md`.
    public static let templateName = "annotate"

    let provider: OpenAIProvider
    let template: String
    public let source: SuggestionSource

    public init(provider: OpenAIProvider, template: String, origin: String) {
        self.provider = provider
        self.template = template
        source = SuggestionSource(provider: provider.name, model: provider.model,
                                  template: TemplateFile.fingerprint(template, origin: origin))
    }

    /// The prompt for one rule: the template with the spec, section, ID, title and text.
    public func prompt(_ request: SuggestionRequest) -> String {
        TemplateFile.fill(template, [
            "spec": request.specTitle,
            "section": request.sections.isEmpty ? "(none)" : request.sections.joined(separator: " › "),
            "rule_id": request.id,
            "rule_title": request.rule.title,
            "rule_text": request.rule.text.isEmpty ? request.rule.title : request.rule.text,
        ])
    }

    public func read(_ request: SuggestionRequest) async throws -> SuggestionAnswer {
        let (text, _) = try await provider.chat([ChatMessage(role: "user", content: prompt(request))], role: .annotator)
        // A reasoning model's thought comes before its answer (`… </think> {…}`).
        return try SuggestionAnswer.read(ReasoningSplit.split(text).answer)
    }
}

/// The offline provider's suggestions: what Tenet's own reader took from the file — its
/// kind, direction and the annotations written there — labelled as heuristics, never as
/// a model's reading. Accepting one makes the reading the author's own annotation.
public struct HeuristicAdvisor: AnnotationAdvisor {
    public let source = SuggestionSource(provider: "offline-heuristics", heuristics: true)

    public init() {}

    public func read(_ request: SuggestionRequest) async throws -> SuggestionAnswer {
        let rule = request.rule
        func reading(_ field: SuggestionField, found: String, none: String) -> SuggestionAnswer.Reading {
            let value = field.current(rule)
            return SuggestionAnswer.Reading(field: field, value: value, reason: "Tenet's reader: " + (value == nil ? none : found))
        }
        return SuggestionAnswer(readings: [
            reading(.rule, found: "it took this block for a rule", none: ""),
            reading(.kind, found: "from the file's markup or the section the rule sits in", none: "no kind in the markup or the section's name"),
            reading(.direction, found: "from the file's markup or the rule's wording (never, must not, always …)",
                    none: "no direction in the markup or the wording"),
            reading(.scope, found: "written in the file", none: "the file gives no scope"),
            reading(.family, found: "written in the file", none: "the file gives no family"),
            reading(.priority, found: "written in the file", none: "the file gives no priority"),
            reading(.concreteness, found: "written in the file", none: "the file gives no concreteness"),
            reading(.exceptions, found: "written in the file", none: "the file states no exceptions"),
            reading(.rationale, found: "written in the file", none: "the file gives no rationale"),
        ])
    }
}
