import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension AccessCommand {
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
}
