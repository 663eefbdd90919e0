import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension AccessCommand {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sync",
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
