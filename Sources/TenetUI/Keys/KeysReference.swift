/// The keys reference page (`docs/keys.md`), written from ``HelpContent`` with the default
/// keymap: the same groups, keys and words as the help screen, as Markdown tables. A test
/// checks the committed page against it, so the page follows every change to the tables.
public enum KeysReference {
    /// The whole page.
    public static func markdown(_ keymap: Keymap = Keymap()) -> String {
        var out = """
        # Keys

        Every key of the workbench, as the help screen (`?`) lists them, with the command name
        to rebind each by in the `[keys]` section of the config file (see
        [workbench.md](workbench.md#themes-and-configuration)) and the screens it works on.
        This page is generated from the keymap and the `:` command table
        (`Sources/TenetUI/Keys/`); `UPDATE_SNAPSHOTS=1 swift test --filter KeysReferenceTests`
        writes it again after a change.

        """
        for section in HelpContent(keymap).sections {
            out += "\n## " + section.title + "\n\n"
            if let note = section.note { out += cell(note.prefix(1).uppercased() + note.dropFirst()) + ".\n\n" }
            let bindings = section.entries.contains { $0.command != nil }
            out += bindings ? "| keys | what they do | command | where |\n|---|---|---|---|\n" : "| keys | what they do |\n|---|---|\n"
            for entry in section.entries {
                out += "| " + code(entry.keys) + " | " + cell(entry.description)
                if bindings { out += " | " + (entry.command.map { "`\($0)`" } ?? "") + " | " + entry.contexts.joined(separator: ", ") }
                out += " |\n"
            }
        }
        return out
    }

    /// Keys as one code span (doubled backticks when a key is one), pipes escaped for the table.
    private static func code(_ keys: String) -> String {
        let text = cell(keys)
        return keys.contains("`") ? "`` " + text + " ``" : "`" + text + "`"
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
