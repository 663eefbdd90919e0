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
            try reporting { Output.error("tenet: " + SafeText.visible(try AuthorizedKeysSync.run(store, file: path))) }
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
                throw ExitCode.failure
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Give a person access with a role and their public key(s); adds keys to someone who has access.",
            discussion: "tenet access add alice --role annotator --key alice.pub   (or --key - to read the key from standard input)")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keysFile: KeysFile
        @Argument(help: "The person's name: lowercase letters, digits, '.', '_', '-'.") var name: String
        @Option(help: "viewer, annotator, adjudicator, author or admin.") var role: String
        @Option(help: "A .pub file with their public key(s), or - for standard input. Without it the person is identified by their local account.")
        var key: [String] = []

        func run() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("unknown role \(role); roles: \(Role.names)") }
            var keys: [PersonKey] = []
            for source in key {
                // At most a megabyte: a key file is a few hundred bytes.
                let handle = source == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: source)
                let data = handle?.readData(ofLength: 1 << 20)
                guard let data else {
                    Output.error("tenet: \(SafeText.visible(source)): cannot read it")
                    throw ExitCode.failure
                }
                switch SSHPublicKey.parse(String(decoding: data, as: UTF8.self)) {
                case .success(let found): keys += found
                case .failure(let problem):
                    Output.error("tenet: \(SafeText.visible(source == "-" ? "standard input" : source)):\(problem.line): \(SafeText.visible(problem.reason))")
                    throw ExitCode.failure
                }
            }
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.authorize(.admin("changing who has access")) }
            // The owner and root act as themselves under their login names: a person by
            // that name would be someone else in the log.
            var info = stat()
            let owner = stat(project.path, &info) == 0 ? getpwuid(info.st_uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } : nil
            if name == "root" || name == owner {
                Output.error("tenet: \(name) is the account that owns the project (or root), which acts as itself; give the person another name")
                throw ExitCode(64)
            }
            try keysFile.check(project)
            let person = try storeCall { () throws(StoreError) in try project.grant(name, role: role, keys: keys) }
            Output.write("\(person.name)  \(person.role.rawValue)  \(person.keys.count) key\(person.keys.count == 1 ? "" : "s")\n")
            for key in keys { Output.write("  \(key.fingerprint)  \(SafeText.visible(key.type)) \(SafeText.visible(key.comment))\n") }
            try keysFile.sync(project)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Who has access, with their roles and key fingerprints.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Also people whose access was removed.") var removed = false
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let people = try storeCall { () throws(StoreError) in try project.people(includingRemoved: removed) }
            if json {
                struct Key: Encodable { var type: String; var fingerprint: String; var comment: String }
                struct Shape: Encodable { var name: String; var role: String; var removed: Bool; var keys: [Key] }
                Output.write(try JSONOutput.encode(people.map {
                    Shape(name: $0.name, role: $0.role.rawValue, removed: $0.removed,
                          keys: $0.keys.map { Key(type: $0.type, fingerprint: $0.fingerprint, comment: $0.comment) })
                }))
                return
            }
            if people.isEmpty {
                Output.write("No one has been given access: anyone who can open the database acts under their own name.\n")
                return
            }
            for person in people {
                Output.write(person.name.padding(toLength: 16, withPad: " ", startingAt: 0) + " "
                    + person.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + (person.removed ? "removed" : person.keys.isEmpty ? "no key (local account)" : "") + "\n")
                for key in person.keys where !person.removed {
                    Output.write("  \(key.fingerprint)  \(SafeText.visible(key.type)) \(SafeText.visible(key.comment))\n")
                }
            }
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change a person's role.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The person.") var name: String
        @Argument(help: "viewer, annotator, adjudicator, author or admin.") var role: String

        func run() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("unknown role \(role); roles: \(Role.names)") }
            let project = try store.open()
            let person = try storeCall { () throws(StoreError) in try project.setRole(name, role) }
            Output.write("\(person.name)  \(person.role.rawValue)\n")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take a person's access away (their keys stop working; their history stays).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keysFile: KeysFile
        @Argument(help: "The person.") var name: String

        func run() throws {
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.authorize(.admin("changing who has access")) }
            try keysFile.check(project)
            let person = try storeCall { () throws(StoreError) in try project.removePerson(name) }
            Output.write("\(person.name)  removed\n")
            try keysFile.sync(project)
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", abstract: "Changes to access and project settings: who, how identified, from where, when.")
        @OptionGroup var store: StoreOptions
        @Option(help: "At most this many entries.") var limit = 100
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.authorize(.admin("reading the access log")) }
            let entries = try storeCall { () throws(StoreError) in try project.accessLog(limit: limit) }
            if json { Output.write(try JSONOutput.encode(entries)); return }
            for entry in entries {
                Output.write(String(format: "%6lld", entry.changeset) + "  \(entry.time)  "
                    + SafeText.visible(entry.author).padding(toLength: 12, withPad: " ", startingAt: 0) + " "
                    + SafeText.visible(entry.message) + "\n")
                let how = [entry.identifiedBy, entry.client.map { "from " + $0 }, entry.session.map { "session " + $0 }]
                    .compactMap { $0 }.joined(separator: " ")
                if !how.isEmpty { Output.write("        " + SafeText.visible(how) + "\n") }
            }
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Rewrite Tenet's block of authorized_keys from the access list (after fixing the file by hand, or moving the binary).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keysFile: KeysFile

        func run() throws {
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.authorize(.admin("changing who has access")) }
            try keysFile.sync(project)
        }
    }
}
