import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension InstantiationCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Saved instantiations, one per line.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let list = try storeCall { () throws(StoreError) in try project.instantiationList() }
            if json {
                struct Line: Encodable { var name: String; var spec: String; var revision: Int; var summary: String }
                Output.write(try JSONOutput.encode(list.map { Line(name: $0.name, spec: $0.spec, revision: $0.revision, summary: $0.summary) }))
                return
            }
            if list.isEmpty { Output.error("no instantiations yet; save one with tenet instantiate SPEC --save NAME") }
            for item in list { Output.write("\(SafeText.visible(item.name))  revision \(item.revision)  \(SafeText.visible(item.summary))\n") }
        }
    }
}
