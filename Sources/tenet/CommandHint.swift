import Foundation

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
        let option = "--db " + quoted(database) + " "
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

    /// Bytes a shell reads as themselves in a word: / . _ - + , : @ %
    private static let plainMarks: Set<UInt8> = [0x2F, 0x2E, 0x5F, 0x2D, 0x2B, 0x2C, 0x3A, 0x40, 0x25]

    /// A path as a shell reads it back: as it is when plain, else in single quotes.
    static func quoted(_ path: String) -> String {
        let plain = !path.isEmpty && path.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || Self.plainMarks.contains(byte)
        }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
