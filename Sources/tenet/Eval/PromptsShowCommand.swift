import ArgumentParser
import TenetSpec
import TenetStore

extension PromptsCommand {
    /// `tenet prompts show SET [--revision N] [--limit N] [--json]`: what a set asks.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a prompt set's prompts: ID, label and what is asked (the adversarial prompt when there is one)."
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: "The prompt set (tenet prompts list names them).") var set: String
        @Option(parsing: .unconditional, help: "A revision of the set (default: the latest).") var revision: Int?
        @Option(parsing: .unconditional, help: "At most this many prompts (default: all).") var limit: Int?
        @Flag(help: "Print the prompts as JSON, as stored.") var json = false

        func validate() throws {
            try OptionRange.check(revision, "--revision", OptionRange.revision)
            try OptionRange.check(limit, "--limit", OptionRange.count)
        }

        func run() throws {
            let project = try store.open()
            let stored = try storeCall { () throws(StoreError) in try project.promptSet(set, revision: revision) }
            let items = try storeCall { () throws(StoreError) in try project.prompts(set: stored.name, revision: stored.revision) }
            let shown = limit.map { Array(items.prefix($0)) } ?? items
            if json {
                Output.write(try JSONOutput.encode(shown))
                return
            }
            let record = stored.record
            Output.write("\(SafeText.visible(stored.name)) r\(stored.revision)  \(counted(record.count, "prompt")) (\(record.unsafe) unsafe, \(record.safe) safe, "
                         + "\(record.unlabelled) unlabelled)  \(record.format) · \(SafeText.visible(record.source))\n")
            let width = min(48, shown.map { $0.id.count }.max() ?? 0)
            for item in shown {
                let id = SafeText.visible(item.id).padding(toLength: max(width, 1), withPad: " ", startingAt: 0)
                let label = (item.label?.rawValue ?? "—").padding(toLength: 6, withPad: " ", startingAt: 0)
                // On its line (a line feed shows as ↵), cut to 100 characters.
                let asked = SafeText.visible(item.asked)
                Output.write("  \(id)  \(label)  \(asked.count > 100 ? String(asked.prefix(99)) + "…" : asked)\n")
            }
            if shown.count < items.count { Output.write("  … and \(items.count - shown.count) more (--limit)\n") }
        }
    }
}
