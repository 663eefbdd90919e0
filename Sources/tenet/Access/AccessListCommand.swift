import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension AccessCommand {
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
                Output.error("No one has been given access: anyone who can open the database acts under their own name.")
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
}
