/// A parsed specification: its title and description, the section tree, the rules in
/// document order, declared parameters and everything the reader noticed on the way.
///
/// `Spec` is a plain value: it holds no reference to the file or to cmark-gfm, so it can
/// be compared, encoded, sent across threads and stored as it is.
public struct Spec: Sendable, Codable, Equatable {
    /// The spec's ID: from an `{#id}` on its title, else a slug of the file name.
    public var id: String
    /// The title: the first level-1 heading, else the file name.
    public var title: String
    /// Markdown of the paragraphs between the title and the first section.
    public var description: String
    /// The path the spec was read from, as given.
    public var source: String
    /// Which family of documents the reader recognised.
    public var dialect: Dialect
    /// Top-level sections; each holds its subsections and the IDs of its own rules.
    public var sections: [Section]
    /// Every rule, in document order.
    public var rules: [Rule]
    /// Instantiation parameters declared in the spec.
    public var parameters: [Parameter]
    /// Every link to an anchor in the document (`[?](#id)`, `[text](#id)`), with its line.
    public var references: [CrossReference]
    /// The GitHub-style anchor of every heading (`## Be brief` → `be-brief`): links that
    /// target them work when the spec is rendered, so they are not broken references.
    public var anchors: [String] = []
    /// Problems found while reading (the linter adds its own on top).
    public var diagnostics: [Diagnostic]

    public init(
        id: String, title: String, description: String = "", source: String,
        dialect: Dialect, sections: [Section] = [], rules: [Rule] = [],
        parameters: [Parameter] = [], references: [CrossReference] = [], diagnostics: [Diagnostic] = []
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.source = source
        self.dialect = dialect
        self.sections = sections
        self.rules = rules
        self.parameters = parameters
        self.references = references
        self.diagnostics = diagnostics
    }

    /// The rule with this ID, if any.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}

/// The family of documents a spec was written in. One reader handles all of them; the
/// dialect says which constructs it found.
public enum Dialect: String, Sendable, Codable, CaseIterable {
    /// Tenet Markdown: rule headings with `kind=` attributes, `chat` examples, parameters.
    case tenet
    /// OpenAI Model Spec style: `{#id authority=…}` headings and `~~~xml` examples.
    case modelSpec = "model-spec"
    /// Safety / behavioral bullet lists or numbered rule bullets (`- SP1: …`).
    case ruleList = "rule-list"
    /// SpecBench `specifications.json`.
    case specBenchJSON = "specbench-json"
    /// Headings, paragraphs and bullets with no IDs: rules are inferred.
    case prose
}

/// A section of the spec: a heading that is not itself a rule.
public struct Section: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    /// Heading level, 1–6.
    public var level: Int
    /// First and last source line of the section, subsections included.
    public var line: Int
    public var endLine: Int
    /// IDs of the rules directly in this section, in document order.
    public var rules: [String]
    public var sections: [Section]

    public init(id: String, title: String, level: Int, line: Int, endLine: Int,
                rules: [String] = [], sections: [Section] = []) {
        self.id = id
        self.title = title
        self.level = level
        self.line = line
        self.endLine = endLine
        self.rules = rules
        self.sections = sections
    }
}

/// An instantiation parameter, declared once in the spec and used as `{{name}}`.
public struct Parameter: Sendable, Codable, Equatable {
    public var name: String
    /// Allowed values; empty means free text.
    public var values: [String]
    public var defaultValue: String?
    public var description: String
    public var line: Int

    public init(name: String, values: [String] = [], defaultValue: String? = nil,
                description: String = "", line: Int) {
        self.name = name
        self.values = values
        self.defaultValue = defaultValue
        self.description = description
        self.line = line
    }

    enum CodingKeys: String, CodingKey {
        case name, values, defaultValue = "default", description, line
    }
}

/// A link from somewhere in the spec to a rule or section ID.
public struct CrossReference: Sendable, Codable, Equatable {
    /// The ID linked to.
    public var id: String
    public var line: Int

    public init(id: String, line: Int) {
        self.id = id
        self.line = line
    }
}
