import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet instantiate SPEC …`: a reproducible concrete spec, previewed or saved.
struct InstantiateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instantiate",
        abstract: "Preview (or save) a controlled, reproducible instance of a spec.",
        discussion: """
        Samples a number of rules from the spec as it stands in the project (annotations \
        applied) under the controls below, orders them for conflicts, fills the \
        parameters and prints the text a model would be given, then why each rule was \
        picked. The same spec revision, controls and seed always give the same instance. \
        Every rule is stated with its direction: what a rule prohibits reads as a \
        prohibition ("Never …"); a bare behaviour whose direction is not annotated is left \
        out of the text, with a note. --format specbench is SpecBench's own user turn, byte \
        for byte.
        """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The spec's ID (see tenet spec list).") var spec: String
    @Option(parsing: .unconditional, help: "The seed: every choice is drawn from it.") var seed: UInt64 = 0
    @Option(parsing: .unconditional, help: "How many rules: MIN..MAX (drawn with the seed) or N.") var rules: String = "8..13"
    @Option(name: .customLong("param"), help: "A parameter value as KEY=VALUE (repeat).") var parameters: [String] = []
    @Option(help: "A rule that must be in the instance (repeat).") var include: [String] = []
    @Option(help: "A rule that must not be (repeat).") var exclude: [String] = []
    @Option(name: .customLong("safety-share"), parsing: .unconditional, help: "Share of safety rules, 0–1 (default: as in the spec).") var safetyShare: Double?
    @Option(name: .customLong("require-share"), parsing: .unconditional, help: "Share of require among rules with a direction, 0–1 (default: as in the spec).") var requireShare: Double?
    @Option(help: "Cover each top-level section, each family, or nothing in particular.") var coverage: InstantiationControls.Coverage = .sections
    @Option(name: .customLong("order"), help: "Conflict order, comma-separated keys from kind, priority, authority, document.")
    var order: String = "kind,priority,authority,document"
    @Flag(name: .customLong("unclassified"), help: "Let unclassified rules be sampled (listed with the behavioral ones).") var unclassified = false
    @Flag(inversion: .prefixedNo, help: "End the behavioral list with SpecBench's general helpfulness rule (default: on for a spec read from SpecBench's JSON).")
    var helpfulnessRule: Bool?
    @Option(help: "The text to print: a system prompt, or SpecBench's user turn.") var format: InstantiationFormat = .system
    @Option(help: "The user's question, for --format specbench.") var question: String?
    @Option(help: "Save the instance under this name (a new revision if it exists).") var save: String?
    @Flag(help: "Print the instance as JSON (rules, reasons, parameters, the rendered text).") var json = false

    func validate() throws {
        if let save, let problem = StoredName.problem(save, "instantiation") { throw ValidationError(problem) }
        try OptionRange.check(safetyShare, "--safety-share", OptionRange.share)
        try OptionRange.check(requireShare, "--require-share", OptionRange.share)
    }

    func run() throws {
        let controls = try makeControls()
        let project = try store.open()
        let (spec, revision) = try storeCall { () throws(StoreError) in try project.effectiveSpec(self.spec) }
        let instance: Instantiation
        do {
            instance = try Instantiator.instantiate(spec, revision: revision, controls: controls)
        } catch {
            Output.error("tenet: \(error.message)")
            throw ExitStatus.usage
        }
        var saved: StoredInstantiation?
        if let name = save {
            saved = try storeCall { () throws(StoreError) in try project.saveInstantiation(instance, name: name) }
        }
        if json {
            struct Shape: Encodable {
                var instantiation: Instantiation
                var rendered: String
                var format: InstantiationFormat
                var saved: Saved?
                struct Saved: Encodable { var name: String; var revision: Int; var changeset: Int64 }
            }
            Output.write(try JSONOutput.encode(Shape(instantiation: instance, rendered: instance.rendered(format, question: question),
                                                     format: format, saved: saved.map { .init(name: $0.name, revision: $0.revision, changeset: $0.changeset) })))
            return
        }
        InstantiationPrinter.print(instance, format: format, question: question,
                                   footer: saved.map { "\nsaved as \(SafeText.visible($0.name)), revision \($0.revision) (changeset \($0.changeset))\n" } ?? "")
    }

    func makeControls() throws -> InstantiationControls {
        var controls = InstantiationControls(seed: seed)
        let bounds = rules.components(separatedBy: "..")
        guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds.last ?? "") else {
            throw ValidationError("--rules takes MIN..MAX or N, e.g. --rules 8..13, each \(OptionRange.described(OptionRange.count)); got `\(rules)`")
        }
        // Saved as JSON numbers, which are exact only up to 2^53: a huge count was saved and
        // then could not be read back.
        try OptionRange.check(low, "--rules", OptionRange.count)
        try OptionRange.check(high, "--rules", OptionRange.count)
        controls.minRules = low
        controls.maxRules = high
        for pair in parameters {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--param takes KEY=VALUE; got `\(pair)`")
            }
            controls.parameters[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        controls.include = include
        controls.exclude = exclude
        controls.safetyShare = safetyShare
        controls.requireShare = requireShare
        controls.coverage = coverage
        controls.includeUnclassified = unclassified
        controls.helpfulnessRule = helpfulnessRule
        controls.conflictOrder = try order.split(separator: ",").map { word in
            guard let key = ConflictKey(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--order keys are kind, priority, authority, document; got `\(word)`")
            }
            return key
        }
        return controls
    }
}

extension InstantiationFormat: ChoiceArgument {}
extension InstantiationControls.Coverage: ChoiceArgument {}
