import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension AccessCommand {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", abstract: "Changes to access and project settings: who, how identified, from where, when.")
        @OptionGroup var store: StoreOptions
        @Option(parsing: .unconditional, help: "At most this many entries.") var limit = 100

        /// As `tenet log --limit`: 0 had printed nothing, and -1 everything.
        func validate() throws {
            try OptionRange.check(limit, "--limit", OptionRange.count)
        }
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
}
