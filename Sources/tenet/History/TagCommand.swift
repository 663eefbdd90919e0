import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// `tenet tag NAME`, `tenet tag --list`.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Name the current point in history (read it back with --as-of NAME).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The tag's name.") var name: String?
    @Flag(help: "List the tags.") var list = false
    @Flag(help: "With --list, print JSON.") var json = false

    func validate() throws {
        if name == nil && !list { throw ValidationError("give a tag name, or --list") }
        if let name, !list, let problem = ProjectStore.tagNameProblem(name) { throw ValidationError(problem) }
    }

    func run() throws {
        let project = try store.open()
        if list || name == nil {
            let tags = try storeCall { () throws(StoreError) in try project.tags() }
            if json { Output.write(try JSONOutput.encode(tags)); return }
            // As the other lists say it: on standard error, with what adds one.
            if tags.isEmpty { Output.error("no tags; tenet tag NAME names the latest changeset") }
            for tag in tags {
                Output.write("\(SafeText.visible(tag.name))  changeset \(tag.changeset)  \(SafeText.visible(tag.author))  \(tag.time)\n")
            }
            return
        }
        let tag = try storeCall { () throws(StoreError) in try project.tag(name ?? "") }
        Output.write("tagged changeset \(tag.changeset) as \(tag.name)\n")
    }
}
