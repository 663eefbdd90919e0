import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension InstantiationCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A saved instantiation: its text and why each rule is in it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Its name.") var name: String
        @Option(help: "The text to print.") var format: InstantiationFormat = .system
        @Option(help: "The user's question, for --format specbench.") var question: String?
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let saved = try storeCall { () throws(StoreError) in try project.instantiation(name) }
            if json {
                Output.write(try JSONOutput.encode(saved.instantiation))
                return
            }
            InstantiationPrinter.print(saved.instantiation, format: format, question: question,
                                       footer: "\n\(SafeText.visible(saved.name)), revision \(saved.revision) (changeset \(saved.changeset))\n")
        }
    }
}
