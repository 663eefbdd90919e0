/// The `:` commands, in one table: each command's name, aliases, argument, description,
/// what its argument completes from, and its handler. Dispatch, the help screen and Tab
/// completion all read it, as the keymap drives keys.
public struct LineCommand: Sendable {
    /// What Tab completes the argument from.
    public enum Completion: Sendable, Equatable {
        case none
        /// Spec IDs in the project.
        case specs
        /// Rule IDs of the open spec.
        case rules
        /// Rule filter names.
        case filters
        /// The built-in theme names.
        case themes
        /// Files and folders on this machine (read by an effect; never in a served session).
        case files
        /// The project's evaluation runs (read by an effect).
        case evalRuns
    }

    public var name: String
    public var aliases: [String]
    /// The argument as the help shows it (`ID`, `FILE`), `nil` for none.
    public var argument: String?
    /// Whether the argument may be left out.
    public var argumentOptional: Bool
    public var description: String
    public var completion: Completion
    /// Runs the command with its argument (trimmed; empty when none was given).
    let run: @Sendable (inout WorkbenchState, String) -> [Effect]

    init(_ name: String, aliases: [String] = [], argument: String? = nil, optional: Bool = false, completion: Completion = .none,
         _ description: String, run: @escaping @Sendable (inout WorkbenchState, String) -> [Effect]) {
        self.name = name
        self.aliases = aliases
        self.argument = argument
        argumentOptional = optional
        self.description = description
        self.completion = completion
        self.run = run
    }

    /// How it is written, for help and usage messages (`:go ID`, `:spec [ID]`).
    public var usage: String {
        guard let argument else { return ":" + name }
        return ":" + name + " " + (argumentOptional ? "[\(argument)]" : argument)
    }

    /// Whether a typed word names it.
    func matches(_ word: String) -> Bool { word == name || aliases.contains(word) }
}

/// The table of `:` commands.
public enum LineCommands {
    /// The built-in themes, for completion (a theme of one's own is typed in full).
    static let builtInThemes = ["dark", "light", "high-contrast", "mono"]

    public static let all: [LineCommand] = [
        LineCommand("go", aliases: ["g", "rule"], argument: "ID", completion: .rules, "Go to a rule or section (in any spec; Tab completes the open spec's IDs); a bare ID does the same") { state, id in
            guard !id.isEmpty else { return usage(&state, "go") }
            return goTo(&state, id, remember: true)
        },
        LineCommand("spec", aliases: ["s"], argument: "ID", optional: true, completion: .specs, "Open a spec; without an ID, list them") { state, id in
            guard !id.isEmpty else {
                state.message = StatusMessage("Specs: " + state.specs.map(\.id).joined(separator: ", ") + " · :spec ID opens one")
                return []
            }
            guard state.specs.contains(where: { $0.id == id }) else {
                state.message = StatusMessage("No spec “\(SafeText.visible(id))”; the project has: \(state.specs.map(\.id).joined(separator: ", "))", isError: true)
                return []
            }
            return [.openSpec(id, select: nil, quick: id != state.outline?.id)]
        },
        LineCommand("filter", aliases: ["f"], argument: "NAME", optional: true, completion: .filters,
                    "Show only some rules: " + RuleFilter.allCases.map(\.rawValue).joined(separator: ", ")) { state, name in
            guard let filter = RuleFilter(rawValue: name.isEmpty ? "all" : name) else {
                state.message = StatusMessage("No filter “\(SafeText.visible(name))”; the filters are "
                                              + RuleFilter.allCases.map(\.rawValue).joined(separator: ", "), isError: true)
                return []
            }
            return setFilter(&state, filter)
        },
        LineCommand("theme", argument: "NAME", completion: .themes, "Colours: dark, light, high-contrast, mono, or a theme of your own") { state, name in
            guard !name.isEmpty else { return usage(&state, "theme") }
            return [.setTheme(name)]
        },
        LineCommand("open", aliases: ["import"], argument: "FILE", completion: .files, "Import a spec file (~ is your home; Tab completes)") { state, path in
            if state.served { return refuseInServedSession(&state, .openFile) }
            guard !path.isEmpty else { return usage(&state, "open") }
            return [.importFile(path)]
        },
        LineCommand("archive", argument: "SPEC", optional: true, completion: .specs,
                    "Archive a spec imported by mistake (the open one without SPEC): hidden from lists, its history kept; undo brings it back") { state, id in
            guard let spec = id.isEmpty ? state.outline?.id : id else { return usage(&state, "archive") }
            return [.archiveSpec(spec, restore: false)]
        },
        LineCommand("restore", argument: "SPEC", "Bring an archived spec back") { state, id in
            guard !id.isEmpty else { return usage(&state, "restore") }
            return [.archiveSpec(id, restore: true)]
        },
        LineCommand("import-samples", "Import the sample specs") { state, _ in
            if state.served { return refuseInServedSession(&state, .importSamples) }
            return [.importSamples]
        },
        LineCommand("history", "The selected rule's history") { state, _ in browse(&state, .history) },
        LineCommand("review", "Review the open spec's pairs") { state, _ in browse(&state, .review) },
        LineCommand("export", "Export pairs or the annotated rules") { state, _ in openExport(&state) },
        LineCommand("midtrain", argument: "review", optional: true,
                    "Midtraining documents: the open spec's rules that lack a rationale or are marked general, with the fix; :midtrain review reviews its documents") { state, argument in
            guard let spec = state.outline?.id else {
                state.message = StatusMessage("Open a spec first (:spec ID)", isError: true)
                return []
            }
            switch argument {
            case "": return [.checkMidtrain(spec: spec)]
            case "review": return [.openDocuments(DocumentFilter(spec: spec), home: false)]
            default:
                state.message = StatusMessage("Usage: :midtrain [review]", isError: true)
                return []
            }
        },
        LineCommand("eval", aliases: ["evaluation"], argument: "RUN", optional: true, completion: .evalRuns,
                    "Evaluation runs; with RUN, that run's scores and per-rule bars") { state, run in
            openEvaluation(&state, run: run.isEmpty ? nil : run)
        },
        LineCommand("undo", "Undo your last change") { _, _ in [.undo] },
        LineCommand("redo", "Redo what was undone") { _, _ in [.redo] },
        LineCommand("suggest", "Ask the configured provider (offline: the built-in heuristics) for the annotation suggestions the open spec lacks, in the background") { state, _ in
            startSuggesting(&state)
        },
        LineCommand("stop", "Stop the running generation or suggestions, keeping what was made") { state, _ in
            state.suggesting != nil ? stopSuggesting(&state) : stopGeneration(&state)
        },
        LineCommand("help", aliases: ["h"], "The keys and these commands") { state, _ in
            state.push(.help(scroll: 0))
            return []
        },
        LineCommand("quit", aliases: ["q", "q!", "wq"], "Leave Tenet (asks first while work is running)") { state, _ in requestQuit(&state) },
    ]

    /// The command a typed word names.
    static func named(_ word: String) -> LineCommand? { all.first { $0.matches(word) } }

    private static func usage(_ state: inout WorkbenchState, _ name: String) -> [Effect] {
        state.message = StatusMessage("Usage: " + (named(name)?.usage ?? ":" + name), isError: true)
        return []
    }
}

/// Runs a `:` line: the first word names the command, the rest is its argument; a bare
/// rule or section ID of the open spec goes there.
func runCommandLine(_ state: inout WorkbenchState, _ line: String) -> [Effect] {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let verb = words.first else { return [] }
    let argument = words.dropFirst().joined(separator: " ")
    if let command = LineCommands.named(verb) { return command.run(&state, argument) }
    if words.count == 1, state.outline?.ruleIndex(verb) != nil || state.outline?.sectionPath(verb) != nil {
        return goTo(&state, verb, remember: true)
    }
    let names = LineCommands.all.map(\.name).joined(separator: ", ")
    state.message = StatusMessage("Unknown command “\(SafeText.visible(verb))” · Tab completes; commands: \(names)", isError: true)
    return []
}
