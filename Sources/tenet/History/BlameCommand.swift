import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// `tenet blame RULE`.
struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "blame", abstract: "Who set each field of a rule's current value, when, in which changeset.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The rule's ID, or SPEC/ID.") var rule: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let project = try store.open()
        let (stored, lines) = try storeCall { () throws(StoreError) in try project.blame(rule: rule) }
        if json { Output.write(try JSONOutput.encode(lines)); return }
        let style = TreeStyle(color: Output.useColor(disabled: false))
        Output.write(style.bold(SafeText.visible(stored.id)) + style.dim("  revision \(stored.revision)") + "\n", styled: true)
        for line in lines {
            Output.write(String(format: "%6lld", line.changeset) + "  " + style.dim(line.time) + "  "
                + SafeText.visible(line.author).padding(toLength: 12, withPad: " ", startingAt: 0) + " "
                + line.field.padding(toLength: 24, withPad: " ", startingAt: 0) + " " + FieldDiffPrinter.short(ExampleChanges.summary(field: line.field, value: line.value) ?? line.value.display) + "\n", styled: true)
        }
    }
}
