import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

extension DocumentStatus: ExpressibleByArgument {}

/// `tenet midtrain list`.
struct MidtrainListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List midtraining documents, oldest first.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this spec's documents.") var spec: String?
    @Option(help: "Only documents about this rule.") var rule: String?
    @Option(help: "pending, accepted, rejected, edited or flagged.") var status: DocumentStatus?
    @Option(help: "Only documents of this type.") var type: String?
    @Option(help: "At most this many.") var limit: Int?
    @Flag(help: "As JSON.") var json = false

    func run() throws {
        let project = try store.open()
        let documents = try storeCall { () throws(StoreError) in
            try project.documents(spec: spec, rule: rule, status: status, type: type, limit: limit)
        }
        if json {
            Output.write(try JSONOutput.encode(documents.map(DocumentJSON.init)))
            return
        }
        guard !documents.isEmpty else {
            Output.error("no documents\(status.map { " " + $0.rawValue } ?? ""); tenet midtrain generate SPEC --count N makes some")
            return
        }
        var out = ""
        for stored in documents {
            let words = stored.document.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            out += "\(stored.id)  \(stored.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  "
                + "\(SafeText.visible(stored.document.rules.joined(separator: ",")))  \(SafeText.visible(stored.document.type))  \(words) words"
                + "  \(SafeText.visible(stored.document.provenance.generator))\n"
        }
        Output.write(out)
    }
}

/// A document as `list --json` and `show --json` print it.
struct DocumentJSON: Encodable {
    var id: String
    var revision: Int
    var status: String
    var decidedBy: String?
    var note: String?
    var edited: Bool
    var original: String?
    var document: MidtrainDocument

    init(_ stored: StoredDocument) {
        id = stored.id
        revision = stored.revision
        status = stored.status.rawValue
        decidedBy = stored.record.decidedBy
        note = stored.record.note
        edited = stored.record.original != nil
        original = stored.record.original
        document = stored.document
    }
}

/// `tenet midtrain show ID`.
struct MidtrainShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
                                                    abstract: "A document: its text, the rule and its rationale, and its provenance with each gate's reason.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The document's ID (or a prefix naming one).") var id: String
    @Flag(help: "As JSON.") var json = false

    func run() throws {
        let project = try store.open()
        let stored = try storeCall { () throws(StoreError) in try project.document(id) }
        if json {
            Output.write(try JSONOutput.encode(DocumentJSON(stored)))
            return
        }
        let document = stored.document
        var out = "document \(stored.id)  rev \(stored.revision)  \(stored.status.rawValue)"
        if let by = stored.record.decidedBy { out += " by \(SafeText.visible(by))" }
        if let note = stored.record.note { out += " — \(SafeText.visible(note))" }
        out += "\nspec \(SafeText.visible(document.spec)) r\(document.specRevision ?? 0) · rules \(SafeText.visible(document.rules.joined(separator: ", ")))"
            + " · type \(SafeText.visible(document.type)) · \(document.estimatedTokens) tokens (est.)\n"
        if let rule = try? project.effectiveSpec(document.spec).spec.rule(document.rules.first ?? "") {
            out += "rule: \(SafeText.visible(rule.title))\nrationale: \(SafeText.visible(rule.rationale ?? "(none)"))\n"
        }
        out += "idea: \(SafeText.visible(document.idea))\n"
        let provenance = document.provenance
        out += "made by \(SafeText.visible(provenance.generator))\(provenance.model.map { " " + SafeText.visible($0) } ?? "")"
            + " · seed \(provenance.seed ?? "-") · \(provenance.createdAt ?? "")\n"
        if let critic = provenance.critic { out += "critic: \(SafeText.visible(critic))\n" }
        for check in provenance.checks ?? [] {
            out += "  \(check.passed ? "✓" : "✗") \(check.gate.rawValue) (\(check.by)): \(SafeText.visible(check.reason))\n"
        }
        out += "\n" + SafeText.visible(document.text, lineBreaks: .kept) + "\n"
        if let original = stored.record.original {
            out += "\n(original, before the edit)\n" + SafeText.visible(original, lineBreaks: .kept) + "\n"
        }
        Output.write(out)
    }
}

/// `tenet midtrain decide ID accept|reject|flag|pending`.
struct MidtrainDecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Accept, reject or flag a document (or send it back to pending).",
        discussion: "Annotators may decide; changing a decision someone else made needs an adjudicator. Each decision is a revision (tenet log, tenet undo)."
    )

    enum Verdict: String, ExpressibleByArgument, CaseIterable {
        case accept, reject, flag, pending
        var status: DocumentStatus {
            switch self {
            case .accept: return .accepted
            case .reject: return .rejected
            case .flag: return .flagged
            case .pending: return .pending
            }
        }
    }

    @OptionGroup var store: StoreOptions
    @Argument(help: "The document's ID (or a prefix naming one).") var id: String
    @Argument(help: "accept, reject, flag or pending.") var verdict: Verdict
    @Option(help: "A note (a flag's reason).") var note: String?
    @Option(name: .customLong("expect-rev"), help: "The revision you reviewed (refused with exit 3 if it changed since).") var expectRev: Int?

    func run() throws {
        let project = try store.open()
        let stored = try storeCall { () throws(StoreError) in
            try project.decideDocument(id, verdict.status, note: note, expectedRevision: expectRev)
        }
        Output.error("\(stored.id): \(stored.status.rawValue) (rev \(stored.revision))")
    }
}

/// `tenet midtrain edit ID --text-file F`.
struct MidtrainEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Replace a document's text with your edit (it becomes edited: accepted with changes; the original is kept).")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The document's ID (or a prefix naming one).") var id: String
    @Option(name: .customLong("text-file"), help: "The new text (- for standard input).", completion: .file()) var textFile: String
    @Option(name: .customLong("expect-rev"), help: "The revision you edited (refused with exit 3 if it changed since).") var expectRev: Int?

    func run() throws {
        let data = textFile == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: textFile)
        guard let data, let text = String(data: data, encoding: .utf8) else {
            Output.error("tenet: \(SafeText.visible(textFile)): cannot read it as UTF-8 text")
            throw ExitCode.failure
        }
        let project = try store.open()
        let stored = try storeCall { () throws(StoreError) in try project.editDocument(id, text: text, expectedRevision: expectRev) }
        Output.error("\(stored.id): edited (rev \(stored.revision))")
    }
}

/// `tenet midtrain review`: the document review screen.
struct MidtrainReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review midtraining documents one at a time: a accept, x reject, f flag, e edit, space next, p back.",
        discussion: """
        Each document shows with the rule it teaches, that rule's rationale, the idea it \
        was written from and the critic's verdict. Each decision is a revision, saved \
        before the next document shows; e opens the text in the built-in text editor \
        (Ctrl-S saves: the document becomes edited, the original kept). In the workbench: \
        :midtrain review.
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this spec's documents.") var spec: String?
    @Option(help: "Documents in this status (default: pending).") var status: DocumentStatus = .pending
    @Option(help: "Theme: dark, light, high-contrast, mono, or one of yours.") var theme: String?

    func run() throws {
        try Workbench.open(store: store, theme: theme, existing: true,
                           initial: [.loadProject(select: spec), .openDocuments(DocumentFilter(spec: spec, status: status), home: true)])
    }
}
