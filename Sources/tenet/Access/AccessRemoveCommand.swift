import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension AccessCommand {
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
}
