import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// `tenet log [RULE]`.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The timeline of changesets, newest first.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var asOf: AsOfOption
    @Argument(help: "Only the changesets that touched this rule.") var rule: String?
    @Option(parsing: .unconditional, help: "At most this many entries.") var limit: Int = 50
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        try OptionRange.check(limit, "--limit", OptionRange.count)
    }

    func run() throws {
        let project = try store.open()
        let changeset = try asOf.changeset(in: project)
        let entries = try storeCall { () throws(StoreError) in try project.log(rule: rule, limit: limit, asOf: changeset) }
        if json { Output.write(try JSONOutput.encode(entries)); return }
        if entries.isEmpty { Output.error(rule == nil ? "no changesets yet; tenet import spec FILE makes the first" : "no changesets touched \(SafeText.visible(rule ?? ""))") }
        let style = TreeStyle(color: Output.useColor(disabled: false))
        for entry in entries {
            var summary = entry.message
            if let undoes = entry.undoes { summary = "\(entry.kind) of changeset \(undoes)" + (summary.isEmpty ? "" : ": " + summary) }
            if let fields = entry.fields, let revision = entry.revision {
                summary += (summary.isEmpty ? "" : " — ") + "rev \(revision): " + fields.joined(separator: ", ")
            } else if let fields = entry.fields, entry.names?.count == 1, entry.undoes == nil, entry.message.isEmpty {
                summary = (entry.names?.first ?? "") + ": " + fields.joined(separator: ", ")
                summary = summary.replacingOccurrences(of: "annotations.", with: "")
            }
            else if summary.isEmpty, let names = entry.names {
                summary = names.joined(separator: ", ") + (entry.entities > names.count ? " and \(entry.entities - names.count) more" : "")
            }
            Output.write(style.bold(String(format: "%6lld", entry.changeset)) + "  " + style.dim(entry.time) + "  "
                + SafeText.visible(entry.author).padding(toLength: 12, withPad: " ", startingAt: 0) + " " + entry.kind.padding(toLength: 7, withPad: " ", startingAt: 0)
                + " " + SafeText.visible(summary) + style.dim(Self.how(entry)) + "\n", styled: true)
        }
    }
}

extension LogCommand {
    /// How the author was identified and from where: `  · key SHA256:… from 10.0.0.5 port 51234`.
    static func how(_ entry: LogEntry) -> String {
        let parts = [entry.identifiedBy, entry.client.map { "from " + $0 }].compactMap { $0 }
        return parts.isEmpty ? "" : "  · " + SafeText.visible(parts.joined(separator: " "))
    }
}
