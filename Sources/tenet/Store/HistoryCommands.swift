import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// `tenet undo`.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo your last change, as a new changeset.",
        discussion: "Undo is per user and survives restarts. It is refused when someone else changed the same fields since."
    )
    @OptionGroup var store: StoreOptions

    func run() throws {
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in try project.undo() }
        Reversal.print(result, verb: "undid")
    }
}

/// `tenet redo`.
struct RedoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redo", abstract: "Redo the change you undid last.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in try project.redo() }
        Reversal.print(result, verb: "redid")
    }
}

/// `tenet revert CHANGESET`.
struct RevertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revert", abstract: "Reverse any changeset, as a new changeset.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The changeset number (see tenet log).") var changeset: Int64

    func run() throws {
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in try project.revert(changeset) }
        Reversal.print(result, verb: "reverted")
    }
}

enum Reversal {
    static func print(_ result: ReversalResult, verb: String) {
        Output.write("\(verb) changeset \(result.reversed) in changeset \(result.changeset):\n")
        for revision in result.revisions {
            Output.write("  \(revision.kind.rawValue) \(SafeText.visible(revision.id)) → revision \(revision.revision) (\(revision.changed.joined(separator: ", ")))\n")
        }
    }
}

/// `tenet log [RULE]`.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The timeline of changesets, newest first.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var asOf: AsOfOption
    @Argument(help: "Only the changesets that touched this rule.") var rule: String?
    @Option(help: "At most this many entries.") var limit: Int = 50
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let project = try store.open()
        let changeset = try asOf.changeset(in: project)
        let entries = try storeCall { () throws(StoreError) in try project.log(rule: rule, limit: limit, asOf: changeset) }
        if json { Output.write(try JSONOutput.encode(entries)); return }
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
                + " " + SafeText.visible(summary) + style.dim(Self.how(entry)) + "\n")
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

/// `tenet show CHANGESET`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A changeset and the field-level changes it made.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The changeset number.") var changeset: Int64
    @Flag(help: "Print JSON.") var json = false

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
            + (entry.undoes.map { "  (reverses \($0))" } ?? "") + style.dim(LogCommand.how(entry) + (entry.session.map { " session " + SafeText.visible($0) } ?? "")) + "\n")
        if !entry.message.isEmpty { Output.write("  " + SafeText.visible(entry.message) + "\n") }
        for revision in revisions {
            Output.write("\n" + style.bold("\(revision.kind) \(SafeText.visible(revision.name))") + style.dim("  revision \(revision.revision), \(revision.operation)") + "\n")
            FieldDiffPrinter.print(revision.fields, style: style, skipBulky: revision.operation == "create")
        }
    }
}

/// Old → new values, one field per block.
enum FieldDiffPrinter {
    static func print(_ fields: [FieldChange], style: TreeStyle, skipBulky: Bool = false) {
        for change in fields {
            if let described = ExampleChanges.lines(field: change.field, old: change.old, new: change.new), !(skipBulky && change.old == .null) {
                Output.write("  " + change.field + "\n")
                for line in described { Output.write("    " + style.paint("~ " + short(line), "33") + "\n") }
                continue
            }
            if skipBulky, change.old == .null {
                Output.write("  " + style.paint("+ \(change.field)", "32") + style.dim(" = ") + short(change.new.display) + "\n")
                continue
            }
            Output.write("  " + change.field + "\n")
            Output.write("    " + style.paint("- " + short(change.old.display), "31") + "\n")
            Output.write("    " + style.paint("+ " + short(change.new.display), "32") + "\n")
        }
    }

    static func short(_ text: String) -> String {
        let clean = SafeText.visible(text)
        return clean.count > 300 ? String(clean.prefix(299)) + "…" : clean
    }
}

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
        Output.write(style.bold(SafeText.visible(stored.id)) + style.dim("  revision \(stored.revision)") + "\n")
        for line in lines {
            Output.write(String(format: "%6lld", line.changeset) + "  " + style.dim(line.time) + "  "
                + SafeText.visible(line.author).padding(toLength: 12, withPad: " ", startingAt: 0) + " "
                + line.field.padding(toLength: 24, withPad: " ", startingAt: 0) + " " + FieldDiffPrinter.short(ExampleChanges.summary(field: line.field, value: line.value) ?? line.value.display) + "\n")
        }
    }
}

/// `tenet tag NAME`, `tenet tag --list`.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Name the current point in history (read it back with --as-of NAME).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The tag's name.") var name: String?
    @Flag(help: "List the tags.") var list = false
    @Flag(help: "With --list, print JSON.") var json = false

    func validate() throws {
        if name == nil && !list { throw ValidationError("give a tag name, or --list") }
    }

    func run() throws {
        let project = try store.open()
        if list || name == nil {
            let tags = try storeCall { () throws(StoreError) in try project.tags() }
            if json { Output.write(try JSONOutput.encode(tags)); return }
            for tag in tags {
                Output.write("\(SafeText.visible(tag.name))  changeset \(tag.changeset)  \(SafeText.visible(tag.author))  \(tag.time)\n")
            }
            return
        }
        let tag = try storeCall { () throws(StoreError) in try project.tag(name ?? "") }
        Output.write("tagged changeset \(tag.changeset) as \(tag.name)\n")
    }
}
