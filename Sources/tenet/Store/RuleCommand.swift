import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet rule list|show|set|example`.
struct RuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule",
        abstract: "Read and annotate the rules in the project database.",
        subcommands: [RuleListCommand.self, RuleShowCommand.self, RuleSetCommand.self, RuleExampleCommand.self]
    )
}

struct RuleListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List rules with their kind and revision.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: "Only the rules of this spec.")
    var spec: String?

    @Option(help: "Only rules of this kind.")
    var kind: RuleKind?

    @Flag(help: "Only rules that are not classified yet.")
    var unannotated = false

    @Flag(help: "Include rules removed from their spec file.")
    var removed = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let project = try store.open()
        let changeset = try asOf.changeset(in: project)
        var rules = try storeCall { () throws(StoreError) in
            try project.ruleSummaries(spec: spec, asOf: changeset, includeRemoved: removed)
        }
        if let kind { rules = rules.filter { $0.state == kind.rawValue } }
        if unannotated { rules = rules.filter { $0.state == RuleKind.unclassified.rawValue } }
        if json {
            Output.write(try JSONOutput.encode(rules))
            return
        }
        let style = TreeStyle(color: Output.useColor(disabled: false))
        for rule in rules {
            let badge = RuleKind(rawValue: rule.state).map(style.badge) ?? style.dim("[-]")
            Output.write("\(badge) \(style.bold(SafeText.visible(rule.id)))  \(SafeText.visible(rule.title))"
                + style.dim("  \(rule.spec) rev \(rule.revision)") + "\n")
        }
        Output.error("\(rules.count) rule\(rules.count == 1 ? "" : "s")")
    }
}

extension RuleKind: ExpressibleByArgument {}
extension Direction: ExpressibleByArgument {}
extension Authority: ExpressibleByArgument {}
extension Verdict: ExpressibleByArgument {
    public init?(argument: String) { self.init(label: argument) }
    public static var allValueStrings: [String] { ["GOOD", "BAD", "BORDERLINE"] }
}

struct RuleShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a rule: its current fields and revision.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var asOf: AsOfOption

    @Argument(help: "The rule's ID, or SPEC/ID when several specs use it.")
    var rule: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let project = try store.open()
        let changeset = try asOf.changeset(in: project)
        let stored = try storeCall { () throws(StoreError) in try project.rule(rule, asOf: changeset) }
        if json {
            struct Shape: Encodable {
                var key: String, revision: Int, spec: String, removed: Bool, lines: [Int]?
                var rule: Rule, source: Rule, annotations: RuleAnnotations
            }
            Output.write(try JSONOutput.encode(Shape(
                key: stored.key, revision: stored.revision, spec: stored.record.spec, removed: stored.record.removed,
                lines: stored.lines, rule: stored.record.effective, source: stored.record.source, annotations: stored.record.annotations)))
            return
        }
        Output.write(RulePrinter.render(stored, style: TreeStyle(color: Output.useColor(disabled: false))))
    }
}

struct RuleSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Annotate a rule; every change is a new revision.",
        discussion: """
        Annotations set here override what the spec file says and survive re-imports of it. \
        With --expect-rev, the change is refused (exit 3) when the rule is no longer at that \
        revision, naming who changed it.
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The rule's ID, or SPEC/ID.")
    var rule: String

    @Option(help: "The rule's kind: a safety line, or how a good answer looks.") var kind: RuleKind?
    @Option(help: "Whether the answer must do it or must not.") var direction: Direction?
    @Option(help: "Who may override the rule.") var authority: Authority?
    @Option(help: "A whole number; 1 is the highest.") var priority: Int?
    @Option(help: "A name grouping related rules.") var family: String?
    @Option(help: "Where the rule applies.") var scope: String?
    @Option(help: "Why the rule exists.") var rationale: String?
    @Option(name: .customLong("exception"), help: "An exception (repeat for several; replaces the list).") var exceptions: [String] = []
    @Option(help: "concrete or general.") var concreteness: String?
    @Option(help: "Reset a field to what the spec file says (repeat for several).") var clear: [String] = []
    @Option(name: .customLong("expect-rev"), help: "Refuse the change unless the rule is at this revision.") var expectRev: Int?
    @Option(help: "A message for the changeset.") var message: String = ""

    func validate() throws {
        for field in clear where !RuleAnnotations.fieldNames.contains(field) {
            throw ValidationError("--clear \(field): not an annotation; use one of \(RuleAnnotations.fieldNames.joined(separator: ", "))")
        }
    }

    func run() throws {
        var change = AnnotationChange()
        change.kind = kind
        change.direction = direction
        change.authority = authority
        change.priority = priority
        change.family = family
        change.scope = scope
        change.rationale = rationale
        change.exceptions = exceptions.isEmpty ? nil : exceptions
        change.concreteness = concreteness
        change.clear = Set(clear)
        guard !change.isEmpty else {
            throw ValidationError("nothing to set: give at least one of --kind, --direction, --rationale, … (see --help)")
        }
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in
            try project.annotate(rule, change, expectedRevision: expectRev, message: message)
        }
        EditReport.print(result)
    }
}

/// The line an edit prints.
enum EditReport {
    static func print(_ result: EditResult) {
        if let changeset = result.changeset {
            Output.write("\(SafeText.visible(result.id)): revision \(result.revision), changeset \(changeset) (\(result.changed.joined(separator: ", ")))\n")
        } else {
            Output.write("\(SafeText.visible(result.id)): unchanged at revision \(result.revision)\n")
        }
    }
}
