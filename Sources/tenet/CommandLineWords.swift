import ArgumentParser
import TenetSpec
import TenetStore

/// The command line as typed, made ready for ArgumentParser the way people type it:
///
/// - options every database command takes (`--db FILE`, `--user NAME`) may come before
///   the subcommand, as with git's `-C`: `tenet --db team.db rule list` is
///   `tenet rule list --db team.db`;
/// - a word that is not a command where a command is expected is answered as git does,
///   `tenet: 'rul' is not a tenet command. Did you mean 'rule'?` (exit 64), instead of
///   being taken as an argument of the default command; so is a word after `tenet help`
///   that names no command.
enum CommandLineWords {
    /// The options that may come before the subcommand, and whether each takes a value.
    static let global: Set<String> = ["--db", "--user"]

    /// `arguments` (without the program name) with leading global options moved after the
    /// subcommand they belong to.
    static func normalized(_ arguments: [String]) throws -> [String] {
        var rest = arguments[...]
        var leading: [String] = []
        while let first = rest.first {
            if global.contains(first), rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if global.contains(where: { first.hasPrefix($0 + "=") }) {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        let (command, path) = named(by: &rest)
        if let swapped = swappedDecision(command, path: path, rest) { throw swapped }
        if path.isEmpty, rest.first == "help" {
            try checkHelpTopic(rest.dropFirst())
        } else if let word = rest.first, !word.hasPrefix("-"), expectsCommand(command) {
            throw unknown(word, in: command, path: path)
        }
        return path + leading + rest
    }

    /// The command `words` (normalized) name, parsed on its own, when they name a command
    /// without subcommands and parse cleanly; `nil` otherwise, and the whole tree parses
    /// them (with its help, version and messages, which name the full command path).
    ///
    /// The result is the same command with the same values as the whole tree's parse would
    /// give, since a leaf's options are all its own (no command above one declares any).
    /// It is only quicker: ArgumentParser's walk down the tree and its completion-script
    /// check were a quarter of `tenet rule set`'s instructions, paid by every scripted and
    /// served command (Benchmarks/RESULTS.md, "Issue 21, fifth pass: start-up").
    static func parsedLeaf(_ words: [String]) -> ParsableCommand? {
        var rest = words[...]
        let (command, _) = named(by: &rest)
        guard command != Tenet.self, command.configuration.subcommands.isEmpty else { return nil }
        return parsedAlone(command, Array(rest))
    }

    /// The command the leading words of `rest` name (`rule set`), and those words, taken off
    /// `rest`; `Tenet` and none when the first word names no command.
    static func named(by rest: inout ArraySlice<String>) -> (ParsableCommand.Type, path: [String]) {
        var path: [String] = []
        var command: ParsableCommand.Type = Tenet.self
        while let word = rest.first,
              let sub = command.configuration.subcommands.first(where: { $0._commandName == word }) {
            path.append(word)
            command = sub
            rest = rest.dropFirst()
        }
        return (command, path)
    }

    /// `arguments` parsed by `command` standing as the root, or `nil` if they do not parse.
    private static func parsedAlone<Command: ParsableCommand>(_ command: Command.Type, _ arguments: [String]) -> ParsableCommand? {
        (try? LeafAsRoot<Command>.parseAsRoot(arguments) as? LeafAsRoot<Command>)?.command
    }

    /// Commands whose ID comes before a verdict (`tenet pair decide P accept`), and the
    /// verdicts each takes.
    static let decisions: [(command: ParsableCommand.Type, verdicts: [String])] = [
        (PairCommand.Decide.self, Decision.allCases.map(\.rawValue)),
        (MidtrainCommand.Decide.self, MidtrainCommand.Decide.Verdict.allValueStrings),
    ]

    /// `tenet pair decide accept P`: the two arguments the other way round, answered with
    /// the order that works (ArgumentParser said only that `P` is no decision).
    static func swappedDecision(_ command: ParsableCommand.Type, path: [String], _ rest: ArraySlice<String>) -> SwappedArguments? {
        guard let verdicts = decisions.first(where: { $0.command == command })?.verdicts else { return nil }
        let positional = rest.filter { !$0.hasPrefix("-") }
        guard positional.count >= 2, verdicts.contains(positional[positional.startIndex]),
              !verdicts.contains(positional[positional.startIndex + 1]) else { return nil }
        let words = ["tenet"] + path
        return SwappedArguments(command: words.joined(separator: " "), id: positional[positional.startIndex + 1],
                                verdict: positional[positional.startIndex])
    }

    /// `tenet help rule set`: each word must name a command under the one before, or the
    /// answer is the unknown-command one (`'nope' is not a tenet command`, exit 64), not the
    /// top-level help with exit 0.
    static func checkHelpTopic(_ words: ArraySlice<String>) throws {
        var command: ParsableCommand.Type = Tenet.self
        var path: [String] = []
        for word in words where !word.hasPrefix("-") {
            guard let sub = command.configuration.subcommands.first(where: { $0._commandName == word }) else {
                throw unknown(word, in: command, path: path)
            }
            path.append(word)
            command = sub
        }
    }

    /// The words from `tenet` to `target` (`["rule", "set"]`), or `nil` if it is not in
    /// the tree under `root`.
    static func path(to target: ParsableCommand.Type, from root: ParsableCommand.Type = Tenet.self) -> [String]? {
        if root == target { return [] }
        for sub in root.configuration.subcommands {
            if let rest = path(to: target, from: sub) { return [sub._commandName] + rest }
        }
        return nil
    }

    /// Whether the next word must name a subcommand of `command`: it has subcommands, and
    /// no default one that could take the word as its argument (the workbench takes none).
    static func expectsCommand(_ command: ParsableCommand.Type) -> Bool {
        let configuration = command.configuration
        guard !configuration.subcommands.isEmpty else { return false }
        guard let fallback = configuration.defaultSubcommand else { return true }
        return fallback == WorkbenchCommand.self
    }

    /// `'rul' is not a tenet command. Did you mean 'rule'?`, with the nearest names.
    static func unknown(_ word: String, in command: ParsableCommand.Type, path: [String]) -> UnknownCommand {
        let names = command.configuration.subcommands.map { $0._commandName }
        let scored = names.map { ($0, distance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) || $0.0.hasPrefix(word) }
        let best = scored.map(\.1).min()
        let nearest = scored.filter { $0.1 == best || $0.0.hasPrefix(word) }.map(\.0)
        let group = (["tenet"] + path).joined(separator: " ")
        return UnknownCommand(word: word, group: group, nearest: nearest, fileCommand: nearest.isEmpty ? fileCommand(for: word, in: group) : nil)
    }

    /// The command that takes `word` when it is a file a command was expected before
    /// (`tenet import travel.md`): by its extension, for the groups that read files.
    static func fileCommand(for word: String, in group: String) -> String? {
        guard let dot = word.lastIndex(of: "."), !word.hasPrefix("-") else { return nil }
        let ext = word[word.index(after: dot)...].lowercased()
        let spec = ["md", "markdown", "json", "txt"].contains(ext), lines = ["jsonl", "ndjson"].contains(ext)
        switch group {
        case "tenet" where spec: return "tenet open \(word)"
        case "tenet import" where spec: return "tenet import spec \(word)"
        case "tenet import" where lines: return "tenet import pairs \(word)"
        default: return nil
        }
    }

    /// Levenshtein distance, case-insensitive: small words, small tables.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}

/// A verdict before the ID it is about; exits 64 like any usage error.
struct SwappedArguments: Error, CustomStringConvertible {
    var command: String
    var id: String
    var verdict: String

    var description: String {
        "tenet: the ID comes before the decision: \(command) \(SafeText.visible(id)) \(verdict)"
    }
}

/// A word where a command was expected; exits 64 like any usage error.
struct UnknownCommand: Error, CustomStringConvertible {
    var word: String
    var group: String
    var nearest: [String]
    /// The command that reads the file `word` names, when it names one by its extension.
    var fileCommand: String?

    var description: String {
        var text = "\(group.split(separator: " ").first ?? "tenet"): '\(SafeText.visible(word))' is not a \(group) command."
        switch nearest.count {
        case 0: if let fileCommand { text += " To read the file, the command comes first: '\(SafeText.visible(fileCommand))'." }
        case 1: text += " Did you mean '\(nearest[0])'?"
        default: text += "\nThe most similar commands are\n" + nearest.map { "\t\($0)" }.joined(separator: "\n")
        }
        return text + "\nSee '\(group) --help'."
    }
}

/// A command without subcommands standing as the root, under the name of the command above
/// it: ArgumentParser then skips its `--generate-completion-script` check (two more parses
/// of the arguments), which only the real root needs to answer. Help, usage and errors never
/// come from here: any argument that does not parse sends the words to the whole tree.
private struct LeafAsRoot<Command: ParsableCommand>: ParsableCommand {
    static var configuration: CommandConfiguration {
        var configuration = Command.configuration
        configuration._superCommandName = "tenet"
        return configuration
    }

    @OptionGroup var command: Command
}
