import ArgumentParser
import TenetSpec
import TenetStore

/// `tenet diff OLD NEW`: what happened to each rule between two versions of a spec.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a spec rule by rule, or two revisions of a stored rule.",
        usage: "tenet diff OLD-FILE NEW-FILE [--json] [--all] [--exit-code]\ntenet diff RULE REV1 REV2 [--db PATH] [--json] [--exit-code]",
        discussion: """
        With two files: rules are matched by explicit ID first, then by content, and reported \
        as added (+), removed (-), changed (~) or moved (>); unchanged rules are left out, of \
        the text and of the JSON, unless --all. Exits 0, or 1 with --exit-code when they \
        differ. With a rule and two revision numbers: the field-level difference between \
        those revisions in the project database (--exit-code: 1 when a field differs).
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "OLD-FILE NEW-FILE, or RULE REV1 REV2.")
    var arguments: [String]

    func validate() throws {
        if arguments.count == 3 {
            // A revision number too large for one, or below 1, is said as such: "give two spec
            // files" read as if the command had been misunderstood.
            for revision in arguments[1...] where Int(revision) == nil && !revision.isEmpty && revision.utf8.allSatisfy { (0x30...0x39).contains($0) } {
                throw ValidationError("REV is `\(revision)`: \(OptionRange.allowed(OptionRange.revision))")
            }
            try OptionRange.check(Int(arguments[1]), "REV1", OptionRange.revision)
            try OptionRange.check(Int(arguments[2]), "REV2", OptionRange.revision)
        }
        guard arguments.count == 2 || (arguments.count == 3 && Int(arguments[1]) != nil && Int(arguments[2]) != nil) else {
            throw ValidationError("give two spec files, or a rule and two revision numbers")
        }
        if arguments.count == 3 && all { throw ValidationError("--all lists unchanged rules of two files; a rule's revisions show every changed field") }
        // The first `-` reads standard input to its end: the second would read nothing.
        if arguments.count == 2 && arguments[0] == "-" && arguments[1] == "-" {
            throw ValidationError("only one of the files can be - (standard input)")
        }
    }

    @Flag(help: "Print the diff as JSON.")
    var json = false

    @Flag(help: "List unchanged rules too (in the text and in --json).")
    var all = false

    @Flag(help: "Exit with 1 when the versions differ (like diff and git diff --exit-code).")
    var exitCode = false

    func run() throws {
        if arguments.count == 3, let old = Int(arguments[1]), let new = Int(arguments[2]) {
            let project = try store.open()
            let changes = try storeCall { () throws(StoreError) in try project.diff(rule: arguments[0], from: old, to: new) }
            if json {
                Output.write(try JSONOutput.encode(changes))
            } else {
                Output.write("\(SafeText.visible(arguments[0])): revision \(old) → \(new)\n", styled: true)
                FieldDiffPrinter.print(changes, style: TreeStyle(color: Output.useColor(disabled: false)))
            }
            // `--exit-code` had been ignored here: 0 whatever the revisions held.
            if exitCode && !changes.isEmpty { throw ExitStatus.failure }
            return
        }
        let (old, new) = (arguments[0], arguments[1])
        let before: Spec, after: Spec
        do {
            before = try SpecReader.read(path: old)
            after = try SpecReader.read(path: new)
        } catch {
            Output.error(SafeText.visible(error.description))
            throw ExitStatus.failure
        }
        let diff = SpecDiff.compare(before, after)
        if json {
            var shown = diff
            if !all { shown.changes.removeAll { $0.status == .unchanged } }
            Output.write(try JSONOutput.encode(shown))
        } else {
            Output.write(DiffPrinter.render(diff, showUnchanged: all, style: TreeStyle(color: Output.useColor(disabled: false))), styled: true)
        }
        if exitCode && diff.hasDifferences { throw ExitStatus.failure }
    }
}

/// The human form of a ``SpecDiff``.
enum DiffPrinter {
    static func render(_ diff: SpecDiff, showUnchanged: Bool, style: TreeStyle) -> String {
        var out = "\(SafeText.visible(diff.oldSource)) → \(SafeText.visible(diff.newSource))\n"
        out += "  \(diff.added) added, \(diff.removed) removed, \(diff.changed) changed, \(diff.moved) moved, \(diff.unchanged) unchanged\n"
        for change in diff.changes where showUnchanged || change.status != .unchanged {
            let mark: String
            switch change.status {
            case .added: mark = style.paint("+", "32")
            case .removed: mark = style.paint("-", "31")
            case .changed: mark = style.paint("~", "33")
            case .moved: mark = style.paint(">", "36")
            case .unchanged: mark = " "
            }
            var detail = change.fields.joined(separator: ", ")
            if let oldID = change.oldID { detail = "was \(SafeText.visible(oldID)); " + detail }
            if change.fields.contains("section"), let from = change.oldPath, let to = change.newPath {
                detail += " (\(SafeText.visible(from.last ?? "top")) → \(SafeText.visible(to.last ?? "top")))"
            }
            let location = change.status == .removed
                ? "\(SafeText.visible(diff.oldSource)):\(change.oldLine ?? 0)" : "\(SafeText.visible(diff.newSource)):\(change.newLine ?? 0)"
            out += "\(mark) \(style.bold(SafeText.visible(change.id)))  \(SafeText.visible(change.title))"
            if !detail.isEmpty { out += style.dim("  [\(detail)]") }
            out += style.dim("  \(location)") + "\n"
        }
        return out
    }
}
