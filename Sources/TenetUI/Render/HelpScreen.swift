/// The help screen, drawn from ``HelpContent`` (the keymap and the command table): every
/// binding by group, with its keys, what it does and its command name (for the config
/// file's `[keys]` section).
public enum HelpScreen {
    public static func lines(_ keymap: Keymap, width: Int, configPath: String = "~/.config/tenet/config") -> [StyledLine] {
        var out: [StyledLine] = Wrap.lines([Span("Keys", .heading),
                                            Span(" · rebind them by command name in the [keys] section of \(configPath)", .muted)],
                                           width: width)
        let sections = HelpContent(keymap).sections
        // As wide as the widest keys of any entry (the text area's "Home End Ctrl-A Ctrl-E"
        // ran into its description), up to a third of the width.
        let labels = keymap.bindings.map { $0.keys.isEmpty ? "(unbound)" : $0.keys.map(\.label).joined(separator: " ") }
            + sections.flatMap { $0.entries.map(\.keys) }
        let keyWidth = min(max(8, labels.map(DisplayWidth.of).max() ?? 8) + 2, max(8, width / 3))
        func entry(_ keys: String, _ description: String, _ name: String?) {
            let padded = DisplayWidth.of(keys) >= keyWidth ? keys + " " : keys + String(repeating: " ", count: keyWidth - DisplayWidth.of(keys))
            var body: StyledLine = [Span(description)]
            if let name { body.append(Span(" · " + name, .muted)) }
            out += Wrap.lines(body, width: width, prefix: [Span("  "), Span(padded, .hintKey)], indent: min(2 + keyWidth, width / 2))
        }
        for section in sections {
            out.append([])
            var title: StyledLine = [Span(section.title, .section)]
            if let note = section.note { title.append(Span(" (" + note + ")", .muted)) }
            out.append(title)
            for item in section.entries {
                if let role = item.role {
                    let padded = item.keys + String(repeating: " ", count: max(2, keyWidth - DisplayWidth.of(item.keys)))
                    out += Wrap.lines([Span(item.description)], width: width, prefix: [Span("  "), Span(padded, role)], indent: min(2 + keyWidth, width / 2))
                } else {
                    entry(item.keys, item.description, item.command)
                }
            }
        }
        return out
    }
}
