import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet pair …`: list, show, and review pairs from the command line (for scripts and tests;
/// `tenet review` is the screen for people).
struct PairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "List, show and review preference pairs.",
        subcommands: [List.self, Show.self, Next.self, Decide.self, Swap.self, Edit.self, Reopen.self, Release.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Pairs, one per line: ID, status, rules, strategy, generator, prompt.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this spec's.") var spec: String?
        @Option(help: "Only those targeting this rule.") var rule: String?
        @Option(help: "Only those in this review status (\(PairStatus.allCases.map(\.rawValue).joined(separator: ", "))).") var status: String?
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            if let status, PairStatus(rawValue: status) == nil {
                throw ValidationError("unknown status \(status); statuses: \(PairStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let project = try store.open()
            let pairs = try storeCall { () throws(StoreError) in try project.pairs(spec: spec, rule: rule, status: status) }
            if json {
                struct Line: Encodable { var id: String; var status: String; var revision: Int; var pair: PreferencePair }
                Output.write(try JSONOutput.encode(pairs.map { Line(id: $0.id, status: $0.status, revision: $0.revision, pair: $0.pair) }))
                return
            }
            for stored in pairs {
                let prompt = stored.pair.prompt.last(where: { $0.role == "user" })?.content ?? stored.pair.prompt.last?.content ?? ""
                let short = prompt.count > 60 ? String(prompt.prefix(59)) + "…" : prompt
                let fields = [stored.pair.rules.joined(separator: ","), stored.pair.strategy ?? "-", stored.pair.provenance.generator, short]
                Output.write("\(stored.id)  \(stored.status)  " + fields.map { SafeText.visible($0) }.joined(separator: "  ") + "\n")
            }
            if pairs.isEmpty { Output.write("no pairs\(spec.map { " for \(SafeText.visible($0))" } ?? ""); tenet import pairs or tenet generate adds some\n") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One pair: prompt, chosen, rejected, rules, provenance and its review.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.pairReview(id) }
            if json {
                Output.write(try JSONOutput.encode(PairJSON(review)))
                return
            }
            Output.write(PairPrinter.text(review))
        }
    }

    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "next",
            abstract: "Take the next pair to review and reserve it for you (a lease; see tenet project).",
            discussion: "Prints nothing and exits 0 when the queue is empty for you.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this spec's.") var spec: String?
        @Option(help: "Only those targeting this rule.") var rule: String?
        @Option(help: "From this status (default: pending).") var status = "pending"
        @Option(help: "The next after this pair ID in queue order.") var after: String?
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            guard let next = try storeCall({ () throws(StoreError) in
                try project.claimNext(QueueFilter(spec: spec, rule: rule, status: status), after: after)
            }) else {
                if !json { Output.error("nothing left to review for \(project.author)") } else { Output.write("null\n") }
                return
            }
            let review = try storeCall { () throws(StoreError) in try project.pairReview(next.id) }
            Output.write(json ? try JSONOutput.encode(PairJSON(review)) : PairPrinter.text(review))
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decide", abstract: "Record your decision on a pair: accept, reject, skip, flag or tie.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Argument(help: "accept, reject, skip, flag or tie.") var decision: Decision
        @Option(help: "Why (a flag's reason, a note for others).") var note: String?
        @Option(name: .customLong("expect-rev"), help: "Refuse (exit 3) unless the pair is still at this revision.") var expectRev: Int?

        func run() throws {
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.decide(id, decision, note: note, expectedRevision: expectRev) }
            // Under `visibility own` the new status would tell how others decided.
            let status = (try? project.seesOthersVerdicts()) == true ? " · now \(review.stored.status)," : " ·"
            Output.write("\(id): \(decision.rawValue) by \(project.author)\(status) revision \(review.stored.revision)\n")
        }
    }

    struct Swap: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "swap", abstract: "Swap a pair's chosen and rejected answers (the original is kept).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Option(name: .customLong("expect-rev"), help: "Refuse (exit 3) unless the pair is still at this revision.") var expectRev: Int?

        func run() throws {
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.swap(id, expectedRevision: expectRev) }
            Output.write("\(id): swapped · revision \(review.stored.revision)\n")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Replace a pair's chosen or rejected answer with a file's text (the original is kept).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Option(name: .customLong("chosen-file"), help: "The new chosen answer (- reads standard input).", completion: .file()) var chosenFile: String?
        @Option(name: .customLong("rejected-file"), help: "The new rejected answer (- reads standard input).", completion: .file()) var rejectedFile: String?
        @Option(name: .customLong("expect-rev"), help: "Refuse (exit 3) unless the pair is still at this revision.") var expectRev: Int?

        func validate() throws {
            if chosenFile == nil && rejectedFile == nil { throw ValidationError("give --chosen-file or --rejected-file") }
            if chosenFile == "-" && rejectedFile == "-" { throw ValidationError("only one answer can come from standard input") }
        }

        func run() throws {
            let chosen = try chosenFile.map(Self.read)
            let rejected = try rejectedFile.map(Self.read)
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.editPair(id, chosen: chosen, rejected: rejected, expectedRevision: expectRev) }
            Output.write("\(id): edited · revision \(review.stored.revision)\n")
        }

        static func read(_ path: String) throws -> String {
            // Read at most one byte past the limit: an answer's size is checked, not trusted.
            let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
            guard let data = handle?.readData(ofLength: ProjectStore.longestAnswer + 1) else {
                Output.error("tenet: \(SafeText.visible(path)): \(String(cString: strerror(errno)))")
                throw ExitCode.failure
            }
            guard data.count <= ProjectStore.longestAnswer else {
                Output.error("tenet: \(path == "-" ? "standard input" : SafeText.visible(path)): an answer is at most \(ProjectStore.longestAnswer / 1024) KiB of text")
                throw ExitCode.failure
            }
            guard let text = String(data: data, encoding: .utf8) else {
                Output.error("tenet: \(SafeText.visible(path)): not UTF-8 text")
                throw ExitCode.failure
            }
            // One trailing newline is the file's, not the answer's.
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Send a reviewed pair back to its reviewers, with a reason.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Option(help: "Why it needs another look.") var reason: String
        @Option(name: .customLong("expect-rev"), help: "Refuse (exit 3) unless the pair is still at this revision.") var expectRev: Int?

        func run() throws {
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.reopen(id, reason: reason, expectedRevision: expectRev) }
            Output.write("\(id): reopened for \(review.reopened?.reviewers.joined(separator: ", ") ?? "review") · revision \(review.stored.revision)\n")
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Give back your reservation of a pair without deciding.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String

        func run() throws {
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.release(id) }
        }
    }
}

extension Decision: ExpressibleByArgument {}

/// `tenet pair show --json`: the pair, its status and revision, and its review.
struct PairJSON: Encodable {
    var id: String
    var status: String
    var revision: Int
    var pair: PreferencePair
    var decisions: [String: ReviewDecision]
    var hiddenDecisions: Int
    var original: [String: String]?
    var swapped: Bool
    var edited: Bool
    var reopened: Reopening?
    var staleRules: [String]

    init(_ review: PairReview) {
        id = review.stored.id
        status = review.stored.status
        revision = review.stored.revision
        pair = review.stored.pair
        decisions = review.decisions
        hiddenDecisions = review.hiddenDecisions
        if let chosen = review.originalChosen, let rejected = review.originalRejected { original = ["chosen": chosen, "rejected": rejected] }
        swapped = review.swapped
        edited = review.edited
        reopened = review.reopened
        staleRules = review.staleRules
    }
}

/// A pair and its review as text.
enum PairPrinter {
    static func text(_ review: PairReview) -> String {
        let stored = review.stored
        let pair = stored.pair
        // Answers and prompts keep their lines; every other field stays on its line.
        func block(_ text: String) -> String { SafeText.visible(text, lineBreaks: .kept) }
        func clean(_ text: String) -> String { SafeText.visible(text) }
        var out = "\(stored.id)  \(stored.status)  revision \(stored.revision)\n"
        out += "rules: \(pair.rules.isEmpty ? "-" : clean(pair.rules.joined(separator: ", ")))  spec: \(clean(pair.spec ?? "-"))\(pair.specRevision.map { " r\($0)" } ?? "")"
        out += "  strategy: \(clean(pair.strategy ?? "-"))  generator: \(clean(pair.provenance.generator))\(pair.provenance.model.map { " (\(clean($0)))" } ?? "")\n"
        for turn in pair.prompt { out += "\n[\(clean(turn.role))]\n\(block(turn.content))\n" }
        out += "\n[chosen]\(review.edited && review.originalChosen != pair.chosen ? " (edited)" : "")\n\(block(pair.chosen))\n"
        out += "\n[rejected]\(review.edited && review.originalRejected != pair.rejected ? " (edited)" : "")\n\(block(pair.rejected))\n"
        if review.swapped { out += "\nswapped: chosen and rejected were exchanged\n" }
        if let judge = pair.provenance.judge { out += "\nverdict: \(block(judge))\n" }
        for check in pair.provenance.checks ?? [] {
            out += "  \(check.passed ? "pass" : "FAIL")  \(check.gate.rawValue) (\(clean(check.by))): \(clean(check.reason))\n"
        }
        if let source = pair.provenance.source { out += "source: \(clean(source))\n" }
        if !review.decisions.isEmpty || review.hiddenDecisions > 0 { out += "\ndecisions:\n" }
        for (name, decision) in review.decisions.sorted(by: { $0.key < $1.key }) {
            out += "  \(clean(name))  \(decision.decision.rawValue)\(decision.blind == true ? " (blind)" : "")  \(decision.at)"
            out += (decision.note.map { "  — \(clean($0))" } ?? "") + "\n"
        }
        if review.hiddenDecisions > 0 { out += "  (\(review.hiddenDecisions) by others, not shown to you)\n" }
        if let reopened = review.reopened {
            out += "\nreopened by \(clean(reopened.by)) at \(reopened.at): \(clean(reopened.reason))\n"
        }
        if !review.staleRules.isEmpty {
            out += "\nrule changed since review: \(clean(review.staleRules.joined(separator: ", "))) — decide again\n"
        }
        return out
    }
}
