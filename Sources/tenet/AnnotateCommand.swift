import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

/// `tenet annotate SPEC --suggest | --list | --accept RULE FIELD… | --reject RULE FIELD…`:
/// model-assisted annotation, as SpecAlign does it.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Ask a model to suggest each rule's annotations; list, accept or reject them.",
        discussion: """
        --suggest asks, rule by rule, whether the block is a rule and for its kind, direction, \
        scope, family, priority, concreteness, exceptions and rationale (or that none is \
        given), each with a one-line reason. Suggestions are stored and attributed (provider, \
        model, prompt template and its hash, the rule revision and text they were made for) \
        and never applied by themselves: --accept makes a value the author's annotation \
        (a revision of the rule whose changeset names the suggestion), --reject records that \
        it was turned down. A run asks only for what this reader (provider and model) has not \
        read for each rule's current text, --concurrency rules at a time; Ctrl-C stops it and \
        keeps what was saved. The offline provider offers Tenet's own reading of the file (its \
        heuristics, no model), labelled as such; a model's run afterwards asks for every field \
        again, and its suggestions replace the heuristics'. The prompt is Sources/TenetSynth/Templates/annotate.md (installed: \
        PREFIX/share/tenet/templates), or annotate.md in --templates DIR. FIELD is one of \
        \(SuggestionField.allCases.map(\.rawValue).joined(separator: ", ")), or all.
        """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The spec.") var spec: String

    @Flag(help: "Ask for suggestions for the rules that lack them.") var suggest = false
    @Flag(help: "List the suggestions.") var list = false
    @Option(parsing: .upToNextOption, help: "RULE FIELD…: make the suggested values the author's annotations.") var accept: [String] = []
    @Option(parsing: .upToNextOption, help: "RULE FIELD…: turn the suggestions down.") var reject: [String] = []

    @Option(help: "Only this rule (repeat for several; --suggest and --list).") var rule: [String] = []
    @Flag(help: "Only suggestions waiting for a decision (--list): not decided, made for the rule's current text, and not the value the file or an annotation already gives.") var pending = false
    @Flag(help: "As JSON (--list).") var json = false

    @OptionGroup var endpoint: ProviderOptions
    @Option(parsing: .unconditional, help: "Rules asked at once.") var concurrency: Int = 4
    @Option(help: "A folder with your own annotate.md prompt template.") var templates: String?

    func validate() throws {
        try OptionRange.check(concurrency, "--concurrency", OptionRange.concurrency)
        let modes = [suggest, list, !accept.isEmpty, !reject.isEmpty].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give one of --suggest, --list, --accept RULE FIELD…, --reject RULE FIELD…") }
        for decision in [accept, reject] where !decision.isEmpty {
            guard decision.count >= 2 else { throw ValidationError("name the rule and at least one field (or all): --accept RULE kind direction") }
            for field in decision.dropFirst() where field != "all" && SuggestionField(name: field) == nil {
                throw ValidationError("\(field) is not a suggested field; fields: \(SuggestionField.allCases.map(\.rawValue).joined(separator: ", ")), or all")
            }
        }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        if suggest, let problem = try settings().problem() { throw ValidationError(problem) }
    }

    /// A reading should be repeatable: the annotator is asked at temperature 0 unless set
    /// otherwise (`--role-option annotator.temperature=T`).
    func settings() throws -> ProviderSettings {
        try endpoint.settings(roles: [.annotator], command: "tenet annotate")
    }

    func run() throws {
        let project = try store.open(connections: .pool)
        if suggest { return try runSuggestions(project) }
        if list { return try printList(project) }
        try decide(project, accept.isEmpty ? reject : accept, accepting: !accept.isEmpty)
    }

    private func runSuggestions(_ project: ProjectStore) throws {
        let job: SuggestionJob
        do {
            job = try SuggestionJob(store: project, spec: spec, rules: rule, settings: try settings(), templates: templates, concurrency: concurrency)
        } catch let error as StoreError {
            Output.error("tenet: " + error.description)
            throw ExitStatus.of(error)
        } catch {
            Output.error("tenet: \(error)")
            throw ExitStatus.failure
        }
        if job.requests.isEmpty {
            Output.error("every rule of \(spec) already has suggestions from this reader for its current text; nothing to ask (tenet annotate \(spec) --list)")
            return
        }
        let progress = RunProgress(total: job.requests.count, verb: "read", unit: " rules")
        let (result, interrupted) = Interruptible.run { await job.run { progress.show($0.asked) } }
        progress.finish()
        let tally = result.tally
        for problem in result.problems.prefix(10) { Output.error("tenet: could not read \(SafeText.visible(problem))") }
        if result.problems.count > 10 { Output.error("tenet: … and \(result.problems.count - 10) more") }
        var line = "\(tally.saved) suggestion\(tally.saved == 1 ? "" : "s") saved for \(tally.asked - tally.unreadable) rule\(tally.asked - tally.unreadable == 1 ? "" : "s") (\(result.source))"
        if tally.complete > 0 { line += "; \(tally.complete) rule\(tally.complete == 1 ? "" : "s") already had them" }
        if tally.unreadable > 0 { line += "; \(tally.unreadable) answer\(tally.unreadable == 1 ? "" : "s") could not be read (run again to ask those rules again)" }
        if let problem = result.saveProblem {
            Output.error("tenet: could not save suggestions: \(problem)\n" + line)
            throw ExitStatus.failure
        }
        if interrupted || result.stopped {
            Output.error("stopped: " + line + "; run again to ask for the rest")
            throw ExitStatus.interrupted
        }
        if let failure = result.failure {
            Output.error("tenet: suggestions stopped: \(SafeText.visible(failure))\n" + line)
            throw ExitStatus.failure
        }
        Output.error(line + " · tenet annotate \(spec) --list shows them")
    }

    private func printList(_ project: ProjectStore) throws {
        var listed = try storeCall { () throws(StoreError) in
            if rule.isEmpty { return try project.suggestions(spec: spec) }
            var listed: [StoredSuggestion] = []
            for reference in rule { listed += try project.suggestions(rule: reference) }
            return listed
        }
        // Waiting as the workbench counts it (``StoredSuggestion/isWaiting``).
        if pending { listed = listed.filter(\.isWaiting) }
        if json {
            Output.write(try JSONOutput.encode(listed.map(SuggestionJSON.init)))
            return
        }
        let style = TreeStyle(color: Output.useColor(disabled: false))
        var shownRule: String?
        for stored in listed {
            let suggestion = stored.suggestion
            if shownRule != suggestion.rule {
                shownRule = suggestion.rule
                let sources = Set(listed.filter { $0.suggestion.rule == suggestion.rule }.map { SuggestionText.source($0.suggestion.source) }).sorted()
                Output.write(style.bold(SafeText.visible(stored.ruleID)) + style.dim("  rev \(suggestion.ruleRevision) · " + SafeText.visible(sources.joined(separator: "; "))) + "\n", styled: true)
            }
            let label = suggestion.field.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
            let change = (stored.current?.display ?? "—") + " → " + (suggestion.value?.display ?? "none given")
            var state = suggestion.state.rawValue
            if stored.stale { state += ", made for an earlier text" } else if stored.agrees && suggestion.state == .pending { state += ", agrees: nothing to decide" }
            Output.write("  \(label)\(SafeText.visible(change))  " + style.dim("[\(state)]") + "\n", styled: true)
            Output.write(style.dim("  " + String(repeating: " ", count: 13) + "why: " + SafeText.visible(suggestion.reason)) + "\n", styled: true)
        }
        if listed.isEmpty {
            Output.error("no suggestions\(pending ? " waiting" : "") for \(SafeText.visible(spec)); tenet annotate \(SafeText.visible(spec)) --suggest asks for them")
        } else {
            let waiting = listed.filter(\.isWaiting).count
            Output.error("\(listed.count) suggestion\(listed.count == 1 ? "" : "s"), \(waiting) waiting · --accept RULE FIELD… or --reject RULE FIELD…")
        }
    }

    private func decide(_ project: ProjectStore, _ words: [String], accepting: Bool) throws {
        let reference = words[0]
        let stored = try storeCall { () throws(StoreError) in try project.rule(reference) }
        guard stored.record.spec == spec else {
            Output.error("tenet: rule \(SafeText.visible(reference)) is in spec \(stored.record.spec), not \(SafeText.visible(spec))")
            throw ExitStatus.failure
        }
        var fields = words.dropFirst().compactMap { SuggestionField(name: $0) }
        if words.dropFirst().contains("all") {
            // Every suggestion waiting (accepting: only those made for the current text).
            let waiting = try storeCall { () throws(StoreError) in try project.suggestions(rule: stored.key) }
                .filter { $0.suggestion.state == .pending && !(accepting && $0.stale) }
            fields += waiting.map(\.field)
            if fields.isEmpty {
                Output.error("no suggestion of \(SafeText.visible(stored.id)) is waiting; tenet annotate \(spec) --list --rule \(SafeText.visible(stored.id))")
                return
            }
        }
        let decision = try storeCall { () throws(StoreError) in
            try project.decideSuggestions(stored.key, fields: fields, accept: accepting)
        }
        let verb = accepting ? "accepted" : "rejected"
        var line = SafeText.visible(decision.ruleID) + ": "
        if let changeset = decision.changeset {
            line += "\(verb) " + decision.decided.map(\.rawValue).joined(separator: ", ") + " · changeset \(changeset)"
            if !decision.annotated.isEmpty {
                line += " (rule revision \(decision.ruleRevision): \(decision.annotated.joined(separator: ", ")))"
            } else if accepting {
                line += " (no annotation to write: " + (decision.decided.contains(.rule) ? "whether it is a rule has none, " : "") + "none given, or already so)"
            }
        }
        if !decision.unchanged.isEmpty {
            line += (decision.changeset == nil ? "" : "; ") + "already \(verb): " + decision.unchanged.map(\.rawValue).joined(separator: ", ")
        }
        Output.write(line + "\n", styled: true)
    }
}

/// A suggestion's source as the command line prints it.
enum SuggestionText {
    static func source(_ source: SuggestionSource) -> String {
        source.label + (source.template.map { " (template \($0))" } ?? "")
    }
}

/// One suggestion in `tenet annotate SPEC --list --json`.
struct SuggestionJSON: Encodable {
    var rule: String
    var key: String
    var field: String
    /// A text, a list (exceptions) or null: none given.
    var value: JSONValue
    var current: JSONValue
    var reason: String
    var state: String
    /// Made for an earlier text of the rule: shown, never accepted.
    var stale: Bool
    var source: SuggestionSource
    var ruleRevision: Int
    var textDigest: String
    var revision: Int
    var changeset: Int64

    init(_ stored: StoredSuggestion) {
        func json(_ value: SuggestedValue?) -> JSONValue {
            if let items = value?.items { return .array(items.map(JSONValue.string)) }
            return value?.text.map(JSONValue.string) ?? .null
        }
        let suggestion = stored.suggestion
        rule = stored.ruleID
        key = suggestion.rule
        field = suggestion.field.rawValue
        value = json(suggestion.value)
        current = json(stored.current)
        reason = suggestion.reason
        state = suggestion.state.rawValue
        stale = stored.stale
        source = suggestion.source
        ruleRevision = suggestion.ruleRevision
        textDigest = suggestion.textDigest
        revision = stored.revision
        changeset = stored.changeset
    }
}
