import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet serve NAME`: the forced command OpenSSH runs for each key in a served project's
/// `authorized_keys` (written by `tenet access`). The person is NAME, identified by the
/// key; what they asked for arrives in `SSH_ORIGINAL_COMMAND` and is run only when their
/// role allows it, with nothing they send choosing a path, a program or a shell.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve one person over SSH (the forced command tenet access writes; not typed by hand).",
        discussion: """
        Run by OpenSSH for a registered key, as the account that owns the database. \
        `ssh HOST` opens the review screen (annotators, adjudicators) or the workbench \
        (authors, admins, viewers); `ssh HOST help` lists what else may be run.
        """
    )

    @Option(name: .customLong("db"), help: "The project database (written into authorized_keys by tenet access).")
    var database: String
    @Option(help: "The SHA256 fingerprint of the key the person connected with.")
    var key: String
    @Argument(help: "The person.") var name: String

    func run() throws {
        // Only the account that owns the database serves it: anyone else running this would
        // otherwise claim to be NAME.
        var info = stat()
        guard stat(database, &info) == 0 else { refuse("this project's database is missing on the host; tell its admin", status: 1) }
        guard info.st_uid == geteuid() else {
            refuse("tenet serve runs only as the account that owns \(database), from its authorized_keys")
        }
        Self.clearEnvironment()
        let client = Environment.value("SSH_CONNECTION").map { connection -> String in
            let parts = connection.split(separator: " ")
            return parts.count >= 2 ? "\(parts[0]) port \(parts[1])" : ""
        } ?? ""
        let identity = Identity(name: name, source: .key(fingerprint: key), client: client)
        ServedSession.current = ServedSession(identity: identity, database: database)

        // Only to read the role: the command run below opens the project its own way.
        let store: ProjectStore
        do {
            store = try ProjectStore(path: database, identity: identity, connections: .single)
        } catch {
            refuse("the project cannot be opened on the host (\(error.description)); tell its admin", status: 1)
        }
        let role: Role
        do {
            guard let current = try store.currentRole() else {
                refuse("this key is not (or no longer) registered for \(name) on this host; ask an admin")
            }
            role = current
        } catch {
            refuse("the project cannot be read on the host (\(error.description)); tell its admin", status: 1)
        }

        // Words that are not UTF-8 are refused, as on the command line (`ArgumentNotUTF8`):
        // repaired, a note would be stored with U+FFFD in it.
        let requested: String
        switch Environment.utf8Value("SSH_ORIGINAL_COMMAND") {
        case nil: requested = ""
        case .success(let text)?: requested = text
        case .failure?: refuse("the command is not UTF-8 text; send it as UTF-8", status: 64)
        }
        var words: [String]
        switch CommandWords.split(requested) {
        case .success(let split): words = split
        case .failure(let refusal): refuse(refusal.reason + "; `ssh HOST help` lists the commands", status: 64)
        }
        if words.first == "tenet" { words.removeFirst() }
        let asked = words.joined(separator: " ")
        if words.isEmpty { words = [role == .annotator || role == .adjudicator ? "review" : "workbench"] }
        if words == ["help"] || words == ["--help"] || words == ["-h"] {
            Output.write(Self.help(for: role))
            return
        }
        guard let (command, rest) = ServedCommand.match(words) else {
            refuse("`\(SafeText.visible(Self.commandName(words)))` is not a command you can run here; `ssh HOST help` lists them",
                   status: 64)
        }
        if let problem = command.problem(rest) { refuse(SafeText.visible(problem), status: 64) }
        guard role >= command.role else {
            refuse("\(command.words.joined(separator: " ")) needs the \(command.role.rawValue) role; you (\(name)) are \(role == .viewer ? "a" : "an") \(role.rawValue)")
        }
        if command.screen && (isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1) {
            refuse("\(command.words.joined(separator: " ")) is a full-screen view and needs a terminal: connect with  ssh -t HOST"
                   + (asked.isEmpty ? "" : " " + SafeText.visible(asked)), status: 1)
        }
        // Read as the command line reads them: a decision typed before its ID is answered
        // with the order that works, over SSH too.
        Tenet.run { try CommandLineWords.normalized(command.arguments(rest)) }
    }

    /// The command a refused request names: the words of Tenet's command tree it starts
    /// with (`eval show`, not `eval show r2`), or its first word when it names none.
    static func commandName(_ words: [String]) -> String {
        var rest = words[...]
        let (_, path) = CommandLineWords.named(by: &rest)
        return path.isEmpty ? String(words.first?.prefix(40) ?? "") : path.joined(separator: " ")
    }

    /// Drops what could point a served session at another file, program or terminal
    /// description. (A stock sshd takes only `LANG` and `LC_*` from the client, by its
    /// `AcceptEnv`; `restrict` does not change that. This holds even if a host's sshd
    /// accepts more.)
    private static func clearEnvironment() {
        for name in ["TENET_DB", "TENET_USER", "TENET_CONFIG", "TENET_THEMES", "TENET_SAMPLES", "TENET_TEMPLATES", "TENET_TRACE_FRAMES",
                     "VISUAL", "EDITOR", "TERMINFO", "TERMINFO_DIRS", "XDG_CONFIG_HOME", "LD_PRELOAD", "LD_LIBRARY_PATH"] {
            unsetenv(name)
        }
        // TERM names a terminfo file: a plain name only (letters, digits, - _ . +).
        let term = Environment.value("TERM") ?? ""
        let plain = !term.isEmpty && term.utf8.count <= 64 && term.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || "-_.+".utf8.contains(byte)
        }
        if !plain { setenv("TERM", "xterm-256color", 1) }
    }

    /// What `ssh HOST help` prints: the commands this role may run.
    static func help(for role: Role) -> String {
        var out = "You are served as \(role.rawValue). Run one of these as  ssh HOST COMMAND  (ssh -t for the full-screen ones):\n\n"
        for command in ServedCommand.all where role >= command.role {
            out += "  " + (command.words.joined(separator: " ") + (command.screen ? " (screen)" : ""))
                .padding(toLength: 26, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        out += "\nAdd --help to a command for its options. Options that would name a database, a user or a file on the host are not accepted.\n"
        return out
    }

    /// Prints a one-line refusal and exits: 77 (not allowed) unless another status is given.
    private func refuse(_ message: String, status: Int32 = 77) -> Never {
        Output.error("tenet: " + message)
        Foundation.exit(status)
    }
}
