import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// `tenet show CHANGESET`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A changeset and the field-level changes it made.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The changeset number.") var changeset: Int64
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        try OptionRange.check(changeset, "CHANGESET", 1...)
    }

    func run() throws {
        let project = try store.open()
        let (entry, revisions) = try storeCall { () throws(StoreError) in try project.show(changeset) }
        if json {
            struct Shape: Encodable { var changeset: LogEntry; var revisions: [RevisionChange] }
            Output.write(try JSONOutput.encode(Shape(changeset: entry, revisions: revisions)))
            return
        }
        let style = TreeStyle(color: Output.useColor(disabled: false))
        Output.write(style.bold("changeset \(entry.changeset)") + "  \(entry.kind)  \(SafeText.visible(entry.author))  \(entry.time)"
            + (entry.undoes.map { "  (reverses \($0))" } ?? "") + style.dim(LogCommand.how(entry) + (entry.session.map { " session " + SafeText.visible($0) } ?? "")) + "\n", styled: true)
        if !entry.message.isEmpty { Output.write("  " + SafeText.visible(entry.message) + "\n", styled: true) }
        for revision in revisions {
            Output.write("\n" + style.bold("\(revision.kind) \(SafeText.visible(revision.name))") + style.dim("  revision \(revision.revision), \(revision.operation)") + "\n", styled: true)
            FieldDiffPrinter.print(revision.fields, style: style, skipBulky: revision.operation == "create")
        }
    }
}
