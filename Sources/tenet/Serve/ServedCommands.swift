import TenetStore

/// What a served session may run: each command with the least role that may use it and
/// the options it accepts there. Anything else — and every option that would choose a
/// database, a user, a config, theme or template file, an editor, an endpoint or a path
/// on the host — is refused before the command is parsed. (The store enforces roles on
/// every write as well; this table gives the clear answer first.)
struct ServedCommand: Sendable {
    /// The words naming the command: `["pair", "next"]`.
    var words: [String]
    var role: Role
    /// Options accepted: a name ending in `=` takes a value.
    var options: Set<String>
    /// Options whose value names a file: only `-` (standard input or output) is accepted.
    var streams: Set<String> = []
    /// Options added when the person gave none: exports go to standard output.
    var defaults: [String] = []
    /// Options always added: served imports take no one's review from the file.
    var forced: [String] = []
    /// Its file argument is read from standard input: `-` is the only one accepted.
    var input = false
    /// A full-screen command: it needs a terminal (`ssh -t`).
    var screen = false
    /// How many positional arguments it takes, at most.
    var arguments = 0
    var summary: String

    static let all: [ServedCommand] = [
        ServedCommand(words: ["workbench"], role: .viewer, options: ["--select="], screen: true,
                      summary: "the workbench (what `ssh HOST` opens for authors, admins and viewers)"),
        ServedCommand(words: ["review"], role: .annotator, options: ["--spec=", "--rule=", "--status="], screen: true,
                      summary: "the review screen (what `ssh HOST` opens for annotators and adjudicators)"),
        ServedCommand(words: ["pair", "next"], role: .annotator, options: ["--spec=", "--rule=", "--status=", "--after=", "--json"],
                      summary: "take the next pair from the queue"),
        ServedCommand(words: ["pair", "decide"], role: .annotator, options: ["--note=", "--expect-rev="], arguments: 2,
                      summary: "PAIR accept|reject|skip|flag|tie"),
        ServedCommand(words: ["pair", "release"], role: .annotator, options: [], arguments: 1,
                      summary: "PAIR (give back a pair taken with pair next)"),
        ServedCommand(words: ["pair", "swap"], role: .annotator, options: ["--expect-rev="], arguments: 1, summary: "PAIR"),
        ServedCommand(words: ["pair", "edit"], role: .annotator, options: ["--chosen-file=", "--rejected-file=", "--expect-rev="],
                      streams: ["--chosen-file", "--rejected-file"], arguments: 1, summary: "PAIR --chosen-file - < text"),
        ServedCommand(words: ["pair", "reopen"], role: .adjudicator, options: ["--reason=", "--expect-rev="], arguments: 1,
                      summary: "PAIR --reason TEXT"),
        ServedCommand(words: ["pair", "show"], role: .viewer, options: ["--json"], arguments: 1, summary: "PAIR"),
        ServedCommand(words: ["pair", "list"], role: .viewer, options: ["--spec=", "--rule=", "--status=", "--json"], summary: ""),
        ServedCommand(words: ["stats"], role: .viewer, options: ["--spec=", "--json"], summary: "review progress and agreement"),
        ServedCommand(words: ["undo"], role: .annotator, options: [], summary: "your last change"),
        ServedCommand(words: ["redo"], role: .annotator, options: [], summary: ""),
        ServedCommand(words: ["revert"], role: .annotator, options: [], arguments: 1,
                      summary: "CHANGESET (your own; anyone's for admins)"),
        ServedCommand(words: ["log"], role: .viewer, options: ["--as-of=", "--limit=", "--json"], arguments: 1, summary: "[RULE]"),
        ServedCommand(words: ["show"], role: .viewer, options: ["--json"], arguments: 1, summary: "CHANGESET"),
        ServedCommand(words: ["blame"], role: .viewer, options: ["--json"], arguments: 1, summary: "RULE"),
        ServedCommand(words: ["spec", "list"], role: .viewer, options: ["--as-of=", "--archived", "--json"], summary: ""),
        ServedCommand(words: ["spec", "show"], role: .viewer, options: ["--as-of=", "--text", "--raw", "--json"], arguments: 1,
                      summary: "SPEC [--text] (--text --raw > spec.md: its exact bytes)"),
        ServedCommand(words: ["spec", "archive"], role: .author, options: [], arguments: 1, summary: "SPEC (hidden, history kept; undo restores)"),
        ServedCommand(words: ["spec", "restore"], role: .author, options: [], arguments: 1, summary: "SPEC"),
        ServedCommand(words: ["rule", "list"], role: .viewer,
                      options: ["--as-of=", "--spec=", "--kind=", "--unannotated", "--removed", "--json"], summary: ""),
        ServedCommand(words: ["rule", "show"], role: .viewer, options: ["--as-of=", "--json"], arguments: 1, summary: "RULE"),
        ServedCommand(words: ["rule", "set"], role: .author,
                      options: ["--kind=", "--direction=", "--authority=", "--priority=", "--family=", "--scope=", "--rationale=",
                                "--exception=", "--concreteness=", "--clear=", "--expect-rev=", "--message="],
                      arguments: 1, summary: "RULE --kind … --rationale …"),
        ServedCommand(words: ["rule", "example", "add"], role: .author,
                      options: ["--verdict=", "--title=", "--reason=", "--violates=", "--turn=", "--expect-rev="], arguments: 1,
                      summary: "RULE --verdict BAD --turn user:… --turn assistant:…"),
        ServedCommand(words: ["rule", "example", "edit"], role: .author,
                      options: ["--verdict=", "--title=", "--reason=", "--turn=", "--expect-rev="], arguments: 2, summary: "RULE N …"),
        ServedCommand(words: ["rule", "example", "remove"], role: .author, options: ["--expect-rev="], arguments: 2, summary: "RULE N"),
        ServedCommand(words: ["annotate"], role: .author,
                      options: ["--suggest", "--list", "--accept=", "--reject=", "--rule=", "--pending", "--json", "--provider=",
                                "--concurrency="],
                      arguments: 12, summary: "SPEC --suggest | --list | --accept RULE FIELD… | --reject RULE FIELD… (offline; model endpoints are configured on the host)"),
        ServedCommand(words: ["tag"], role: .viewer, options: ["--list", "--json"], arguments: 1, summary: "NAME (authors), or --list"),
        ServedCommand(words: ["instantiate"], role: .author,
                      options: ["--seed=", "--rules=", "--param=", "--include=", "--exclude=", "--safety-share=", "--require-share=",
                                "--coverage=", "--order=", "--unclassified", "--helpfulness-rule", "--no-helpfulness-rule", "--format=",
                                "--question=", "--save=", "--json"],
                      arguments: 1, summary: "SPEC [--seed N] [--save NAME]"),
        ServedCommand(words: ["instantiation", "list"], role: .viewer, options: ["--json"], summary: ""),
        ServedCommand(words: ["instantiation", "show"], role: .viewer, options: ["--format=", "--question=", "--json"], arguments: 1,
                      summary: "NAME"),
        ServedCommand(words: ["generate"], role: .author,
                      options: ["--instantiation=", "--count=", "--seed=", "--keep-failed", "--provider="],
                      summary: "--instantiation NAME --count N (offline; model endpoints are configured on the host)"),
        // Imports read standard input: the file is on the person's side, never the host's.
        ServedCommand(words: ["import", "spec"], role: .author, options: ["--message=", "--json"], input: true, arguments: 1,
                      summary: "- < SPEC.md (a spec, or a new revision of it)"),
        // A file's decisions would be verdicts in other people's names: pairs come in pending.
        ServedCommand(words: ["import", "pairs"], role: .author,
                      options: ["--from-spec=", "--spec=", "--skip-bad", "--reset-review", "--json"], forced: ["--reset-review"],
                      input: true, arguments: 1, summary: "- < pairs.jsonl (as pending), or --from-spec SPEC"),
        ServedCommand(words: ["export", "pairs"], role: .author,
                      options: ["--format=", "--style=", "--spec=", "--rule=", "--status=", "--annotator=", "--since=", "--as-of=",
                                "--with-spec", "--no-provenance", "--out=", "--max-length=", "--over-length="],
                      streams: ["--out"], defaults: ["--out", "-"], summary: "--format trl > local.jsonl"),
        ServedCommand(words: ["export", "rules"], role: .author, options: ["--as-of=", "--format=", "--spec=", "--out=", "--raw"],
                      streams: ["--out"], defaults: ["--out", "-"],
                      summary: "--format json > rules.json (--format markdown --raw > spec.md: its exact bytes)"),
        // Midtraining documents: authors check and generate, annotators review.
        ServedCommand(words: ["midtrain", "check"], role: .viewer, options: ["--json"], arguments: 1, summary: "SPEC"),
        ServedCommand(words: ["midtrain", "generate"], role: .author,
                      options: ["--instantiation=", "--count=", "--types=", "--seed=", "--keep-failed", "--provider="], arguments: 1,
                      summary: "SPEC --count N (offline; model endpoints are configured on the host)"),
        ServedCommand(words: ["midtrain", "review"], role: .annotator, options: ["--spec=", "--status="], screen: true,
                      summary: "the document review screen"),
        ServedCommand(words: ["midtrain", "list"], role: .viewer, options: ["--spec=", "--rule=", "--status=", "--type=", "--limit=", "--json"],
                      summary: ""),
        ServedCommand(words: ["midtrain", "show"], role: .viewer, options: ["--json"], arguments: 1, summary: "DOCUMENT"),
        ServedCommand(words: ["midtrain", "decide"], role: .annotator, options: ["--note=", "--expect-rev="], arguments: 2,
                      summary: "DOCUMENT accept|reject|flag|pending"),
        ServedCommand(words: ["midtrain", "edit"], role: .annotator, options: ["--text-file=", "--expect-rev="], streams: ["--text-file"],
                      arguments: 1, summary: "DOCUMENT --text-file - < text"),
        ServedCommand(words: ["midtrain", "stats"], role: .viewer, options: ["--spec=", "--json"], summary: "documents per rule and type"),
        ServedCommand(words: ["export", "docs"], role: .author, options: ["--format=", "--spec=", "--status=", "--no-provenance", "--out="],
                      streams: ["--out"], defaults: ["--out", "-"], summary: "> corpus.jsonl"),
        ServedCommand(words: ["project", "show"], role: .viewer, options: ["--json"], summary: "review settings"),
        ServedCommand(words: ["project", "set"], role: .admin, options: [], arguments: 2, summary: "NAME VALUE"),
        ServedCommand(words: ["access", "list"], role: .admin, options: ["--removed", "--json"], summary: ""),
        ServedCommand(words: ["access", "add"], role: .admin, options: ["--role=", "--key="], streams: ["--key"], arguments: 1,
                      summary: "NAME --role ROLE --key - < their.pub"),
        ServedCommand(words: ["access", "role"], role: .admin, options: [], arguments: 2, summary: "NAME ROLE"),
        ServedCommand(words: ["access", "remove"], role: .admin, options: [], arguments: 1, summary: "NAME"),
        ServedCommand(words: ["access", "log"], role: .admin, options: ["--limit=", "--json"], summary: ""),
    ]

    /// The command a person's words name (the longest match), with the words after it.
    static func match(_ words: [String]) -> (ServedCommand, rest: [String])? {
        all.filter { words.starts(with: $0.words) }.max { $0.words.count < $1.words.count }
            .map { ($0, Array(words.dropFirst($0.words.count))) }
    }

    /// The words to run: the command, what the person gave, and the defaults they left out.
    func arguments(_ rest: [String]) -> [String] {
        var all = words + rest
        if let option = defaults.first, !rest.contains(where: { $0 == option || $0.hasPrefix(option + "=") }) { all += defaults }
        all += forced.filter { !rest.contains($0) }
        return all
    }

    /// Why these arguments are not accepted here, or `nil`.
    func problem(_ rest: [String]) -> String? {
        var positional = 0
        var index = 0
        while index < rest.count {
            let word = rest[index]
            index += 1
            guard word.hasPrefix("-"), word != "-" else {
                positional += 1
                if input && word != "-" { return inputOnly(word) }
                continue
            }
            if word == "--" {
                positional += rest.count - index
                if input, let file = rest[index...].first(where: { $0 != "-" }) { return inputOnly(file) }
                break
            }
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if name == "-h" || name == "--help" { continue }
            if options.contains(name) {
                if word.contains("=") { return "\(name) takes no value" }
                continue
            }
            guard options.contains(name + "=") else {
                return "\(name) is not available in a served session"
                    + (["--db", "--user", "--theme", "--templates", "--base-url", "--api-key-env", "--authorized-keys"].contains(name)
                       ? " (the host decides it)" : "")
            }
            let value: String
            if let equals = word.firstIndex(of: "=") {
                value = String(word[word.index(after: equals)...])
            } else {
                guard index < rest.count else { return "\(name) needs a value" }
                value = rest[index]
                index += 1
            }
            if streams.contains(name) && value != "-" {
                return "\(name) \(value): a served session reads and writes no files on the host; use \(name) - (standard \(name == "--out" ? "output, then > FILE on your side" : "input, < FILE on your side"))"
            }
            if name == "--provider" && value != "offline" {
                return "--provider \(value): model endpoints are configured on the host; a served session generates offline"
            }
            if name == "--format" && (value == "hf" || value == "specbench") && words.first == "export" {
                // The formats that go to standard output, of the thing being exported.
                let streamed = ["pairs": "trl, openai or distilabel", "rules": "json, markdown or msm", "docs": "jsonl"][words.dropFirst().first ?? ""]
                return "--format \(value) writes a folder on the host; "
                    + (streamed.map { "export \(words.dropFirst().first ?? "") as \($0) to standard output instead" } ?? "export to standard output instead")
            }
        }
        if positional > arguments { return "too many arguments" }
        return nil
    }

    /// Why a file named on the command line is not read: a served session reads no file on
    /// the host, and this command reads its input from the person's side instead.
    private func inputOnly(_ file: String) -> String {
        let command = words.joined(separator: " ")
        return "\(command) \(file): a served session reads no files on the host; send yours: ssh HOST \(command) - < \(file)"
    }
}
