import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

/// `tenet access`: who may use a served project, with which role and which SSH keys.
struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "People, their roles and SSH keys (admins); keeps the service account's authorized_keys.",
        discussion: """
        Roles: viewer (read), annotator (decide, edit, flag, skip; undo their own), adjudicator \
        (+ reopen pairs, see every verdict), author (+ specs, rules, examples, import, \
        instantiate, generate, tag, export), admin (+ access, project settings, revert \
        anyone's changeset). Each key is written to the authorized_keys of the account that \
        owns the database, forcing `tenet serve NAME` (restrict,pty): the key gives that \
        person Tenet and nothing else. Every change is a changeset (tenet access log).
        """,
        subcommands: [Add.self, List.self, SetRole.self, Remove.self, Log.self, Sync.self]
    )

    /// Where the keys go, for the commands that change them.
    struct KeysFile: ParsableArguments {
        @Option(name: .customLong("authorized-keys"), help: "The authorized_keys file to keep (default: ~/.ssh/authorized_keys of the database's owner).")
        var path: String?

        /// Rewrites Tenet's block from the access list.
        func sync(_ store: ProjectStore) throws {
            try reporting {
                for line in try AuthorizedKeysSync.run(store, file: path).split(separator: "\n") {
                    Output.error("tenet: " + SafeText.visible(String(line)))
                }
            }
        }

        /// Refuses before the project changes when the file could not be rewritten after.
        func check(_ store: ProjectStore) throws {
            try reporting { try AuthorizedKeysSync.check(store, file: path) }
        }

        private func reporting(_ body: () throws -> Void) throws {
            do {
                try body()
            } catch let failure as AccessFailure {
                Output.error("tenet: " + SafeText.visible(failure.description))
                throw ExitStatus.failure
            }
        }
    }
}
