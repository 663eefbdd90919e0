import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension AccessCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Give a person access with a role and their public key(s); adds keys to someone who has access with that role.",
            discussion: "tenet access add alice --role annotator --key alice.pub   (or --key - to read the key from standard input)")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keysFile: KeysFile
        @Argument(help: "The person's name: lowercase letters, digits, '.', '_', '-'.") var name: String
        @Option(help: "viewer, annotator, adjudicator, author or admin.") var role: String
        @Option(help: "A .pub file with their public key(s), or - for standard input. Without it the person is identified by their local account.")
        var key: [String] = []

        /// A bad name or role is bad usage (exit 64), said before the project is opened.
        func validate() throws {
            if let problem = PersonName.problem(name) { throw ValidationError("\(name): \(problem)") }
            guard Role(rawValue: role) != nil else { throw ValidationError("unknown role \(role); roles: \(Role.names)") }
        }

        func run() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("unknown role \(role); roles: \(Role.names)") }
            var keys: [PersonKey] = []
            for source in key {
                // At most a megabyte: a key file is a few hundred bytes.
                switch SSHPublicKey.parse(try NamedText.read(source, limit: 1 << 20)) {
                case .success(let found): keys += found
                case .failure(let problem):
                    Output.error("tenet: \(SafeText.visible(source == "-" ? "standard input" : source)):\(problem.line): \(SafeText.visible(problem.reason))")
                    throw ExitStatus.failure
                }
            }
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.authorize(.admin("changing who has access")) }
            // A new project: its file is what the forced command names, and its owner serves it.
            try storeCall { () throws(StoreError) in try project.createFile() }
            // The owner and root act as themselves under their login names: a person by
            // that name would be someone else in the log.
            var info = stat()
            let owner = stat(project.path, &info) == 0 ? getpwuid(info.st_uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } : nil
            if name == "root" || name == owner {
                Output.error("tenet: \(name) is the account that owns the project (or root), which acts as itself; give the person another name")
                throw ExitStatus.usage
            }
            try keysFile.check(project)
            let person = try storeCall { () throws(StoreError) in try project.grant(name, role: role, keys: keys) }
            Output.write("\(person.name)  \(person.role.rawValue)  \(person.keys.count) key\(person.keys.count == 1 ? "" : "s")\n")
            for key in keys { Output.write("  \(key.fingerprint)  \(SafeText.visible(key.type)) \(SafeText.visible(key.comment))\n") }
            try keysFile.sync(project)
        }
    }
}
