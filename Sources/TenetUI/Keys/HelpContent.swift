/// What the help says, as data: every key binding by group, the tree's marks, the text
/// editor's keys, the `:` commands and the text fields' keys. The help screen draws it and
/// the keys reference (`docs/keys.md`) is written from it, so the two never disagree with
/// the keymap and the command table they come from.
public struct HelpContent: Sendable, Equatable {
    /// One line of the help: what to press (or the mark to look for) and what it does.
    public struct Entry: Sendable, Equatable {
        /// The keys as people read them (`j ↓`, `Ctrl-R`), a mark, or a `:` command's usage.
        public var keys: String
        public var description: String
        /// The command name to rebind it by in the config's `[keys]` section, if it has one.
        public var command: String?
        /// The screens it applies on (`spec`, `review`, …), for a binding of the keymap.
        public var contexts: [String]
        /// How a tree mark is coloured on screen (`nil`: as a key).
        public var role: Role?

        public init(keys: String, description: String, command: String? = nil, contexts: [String] = [], role: Role? = nil) {
            self.keys = keys
            self.description = description
            self.command = command
            self.contexts = contexts
            self.role = role
        }
    }

    /// A group of entries under a title, with an optional note after it.
    public struct Section: Sendable, Equatable {
        public var title: String
        public var note: String?
        public var entries: [Entry]
    }

    public var sections: [Section]

    /// The help for a keymap (the defaults, or as the config file rebound it).
    public init(_ keymap: Keymap) {
        var sections: [Section] = []
        var groups: [String] = []
        for binding in keymap.bindings where !groups.contains(binding.group) { groups.append(binding.group) }
        for group in groups {
            sections.append(Section(title: group, note: nil, entries: keymap.bindings.filter { $0.group == group }.map { binding in
                Entry(keys: binding.keys.isEmpty ? "(unbound)" : binding.keys.map(\.label).joined(separator: " "),
                      description: binding.description, command: binding.command.rawValue,
                      contexts: KeyContext.allCases.filter(binding.contexts.contains).map(\.rawValue))
            }))
        }
        sections.append(Section(title: "The tree", note: nil, entries: [
            Entry(keys: "S B ?", description: "kind: safety, behavioral, unclassified", role: .safety),
            Entry(keys: "e", description: "has boundary examples (· none)", role: .muted),
            Entry(keys: "r", description: "has a rationale (· none)", role: .muted),
            Entry(keys: "! ✗", description: "lint warning, lint error (the rule pane lists them)", role: .lintWarning),
            Entry(keys: "✎", description: "set in Tenet rather than in the spec file", role: .muted),
            Entry(keys: "3S 2B 1?", description: "a section's rules by kind (filter applied)", role: .count),
        ]))
        sections.append(Section(title: "In the text editor", note: "answers, examples, the rationale; its save and cancel keys are above",
                                entries: TextAreaKeys.all.map { Entry(keys: $0.0, description: $0.1) }))
        sections.append(Section(title: "Commands", note: "after :, Tab completes names and arguments",
                                entries: LineCommands.all.map { command in
                                    let aliases = command.aliases.isEmpty ? "" : " (also :" + command.aliases.joined(separator: ", :") + ")"
                                    return Entry(keys: command.usage, description: command.description + aliases)
                                }))
        sections.append(Section(title: "Text fields", note: nil, entries: [
            Entry(keys: "Enter", description: "save / run"), Entry(keys: "Esc Ctrl-C", description: "cancel, nothing saved"),
            Entry(keys: "← → Home End", description: "move"), Entry(keys: "Ctrl-A Ctrl-E", description: "start / end"),
            Entry(keys: "Ctrl-U Ctrl-K", description: "delete to start / end"), Entry(keys: "Ctrl-W", description: "delete a word"),
        ]))
        self.sections = sections
    }
}
