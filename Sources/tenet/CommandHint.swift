import TenetSpec

/// Commands a message suggests ("… tenet eval resume trip --redo-failures goes on") name
/// the project the person named: with `--db team.db` given, a suggested `tenet undo` or
/// `tenet eval show` pasted as printed acted on another project (`./tenet.db`, or
/// `$TENET_DB`), or failed from another folder. Once a command opens a project named with
/// `--db`, each `tenet COMMAND` that a message suggests, for a command that opens a
/// project, reads `tenet --db PATH COMMAND`. Not in a served session: its project is the
/// host's, and the person never names it.
enum CommandHint {
    /// The `--db` the person gave, once the project is open.
    nonisolated(unsafe) static var database: String?

    /// The top-level commands' names.
    private static let commandNames = Set(Tenet.configuration.subcommands.map { $0._commandName })
    /// The commands that open a project (every command but these).
    private static let withoutProject: Set<String> = ["parse", "lint", "diff", "provider", "serve", "help"]

    /// `message` with `--db PATH` in each `tenet COMMAND` it suggests.
    static func naming(_ message: String) -> String {
        guard let database, message.contains("tenet ") else { return message }
        let option = "--db " + ShellWord.quoted(database) + " "
        var out = ""
        var rest = Substring(message)
        while let found = rest.range(of: "tenet ") {
            out += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            // A word of its own ("tenet ", not "…tenet ") followed by a command's name.
            let before = out.dropLast("tenet ".count).last
            let word = rest.prefix { $0.isLetter }
            let standsAlone = before.map { !$0.isLetter && $0 != "-" && $0 != "/" && $0 != "." } ?? true
            if standsAlone, !word.isEmpty, commandNames.contains(String(word)), !withoutProject.contains(String(word)) {
                out += option
            }
        }
        return out + rest
    }
}
