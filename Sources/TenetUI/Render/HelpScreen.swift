/// The help screen, generated from the keymap: every binding by group, with its keys,
/// what it does and its command name (for the config file's `[keys]` section).
public enum HelpScreen {
    public static func lines(_ keymap: Keymap, width: Int, configPath: String = "~/.config/tenet/config") -> [StyledLine] {
        var out: [StyledLine] = Wrap.lines([Span("Keys", .heading),
                                            Span(" · rebind them by command name in the [keys] section of \(configPath)", .muted)],
                                           width: width)
        let labels = keymap.bindings.map { $0.keys.isEmpty ? "(unbound)" : $0.keys.map(\.label).joined(separator: " ") }
        let keyWidth = min(max(8, labels.map(DisplayWidth.of).max() ?? 8) + 2, max(8, width / 3))
        func entry(_ keys: String, _ description: String, _ name: String?) {
            let padded = DisplayWidth.of(keys) >= keyWidth ? keys + " " : keys + String(repeating: " ", count: keyWidth - DisplayWidth.of(keys))
            var body: StyledLine = [Span(description)]
            if let name { body.append(Span(" · " + name, .muted)) }
            out += Wrap.lines(body, width: width, prefix: [Span("  "), Span(padded, .hintKey)], indent: min(2 + keyWidth, width / 2))
        }
        var groups: [String] = []
        for binding in keymap.bindings where !groups.contains(binding.group) { groups.append(binding.group) }
        for group in groups {
            out.append([])
            out.append([Span(group, .section)])
            for (binding, label) in zip(keymap.bindings, labels) where binding.group == group {
                entry(label, binding.description, binding.command.rawValue)
            }
        }
        out.append([])
        out.append([Span("The tree", .section)])
        for (mark, role, what) in [("S B ?", Role.safety, "kind: safety, behavioral, unclassified"),
                                   ("e", .muted, "has boundary examples (· none)"), ("r", .muted, "has a rationale (· none)"),
                                   ("! ✗", .lintWarning, "lint warning, lint error (the rule pane lists them)"),
                                   ("✎", .muted, "set in Tenet rather than in the spec file"),
                                   ("3S 2B 1?", .count, "a section's rules by kind (filter applied)")] {
            let padded = mark + String(repeating: " ", count: max(1, keyWidth - DisplayWidth.of(mark)))
            out += Wrap.lines([Span(what)], width: width, prefix: [Span("  "), Span(padded, role)], indent: min(2 + keyWidth, width / 2))
        }
        out.append([])
        out.append([Span("In the text editor", .section), Span(" (answers, examples, the rationale; its save and cancel keys are above)", .muted)])
        for (keys, what) in TextAreaKeys.all { entry(keys, what, nil) }
        out.append([])
        out.append([Span("Commands", .section), Span(" (after :, Tab completes names and arguments)", .muted)])
        for command in LineCommands.all {
            let aliases = command.aliases.isEmpty ? "" : " (also :" + command.aliases.joined(separator: ", :") + ")"
            entry(command.usage, command.description + aliases, nil)
        }
        out.append([])
        out.append([Span("Text fields", .section)])
        for (keys, what) in [("Enter", "save / run"), ("Esc Ctrl-C", "cancel, nothing saved"), ("← → Home End", "move"),
                             ("Ctrl-A Ctrl-E", "start / end"), ("Ctrl-U Ctrl-K", "delete to start / end"), ("Ctrl-W", "delete a word")] {
            entry(keys, what, nil)
        }
        return out
    }
}
