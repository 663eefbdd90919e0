import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension RuleCommand {
    struct Set: ParsableCommand {
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
        @Option(parsing: .unconditional, help: "A whole number; 1 is the highest.") var priority: Int?
        @Option(help: "A name grouping related rules.") var family: String?
        @Option(help: "Where the rule applies.") var scope: String?
        @Option(help: "Why the rule exists.") var rationale: String?
        @Option(name: .customLong("exception"), help: "An exception (repeat for several; replaces the list).") var exceptions: [String] = []
        @Option(help: "concrete or general.") var concreteness: String?
        @Option(help: "Reset a field to what the spec file says (repeat for several).") var clear: [String] = []
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "Refuse the change unless the rule is at this revision.") var expectRev: Int?
        @Option(help: "A message for the changeset.") var message: String = ""

        func validate() throws {
            try OptionRange.check(priority, "--priority", Rule.priorities)
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
            if let concreteness, Rule.concreteness(annotation: concreteness) == nil {
                throw ValidationError("--concreteness \(SafeText.visible(concreteness)): use concrete or general")
            }
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
            change.clear = Swift.Set(clear)
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
}
