import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension ImportCommand {
    /// `tenet import prompts FILE [--name SET]`, `--from-spec SPEC`, `--from-pairs`.
    struct Prompts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prompts",
            abstract: "Import a set of prompts to evaluate models on.",
            discussion: """
            FILE is SpecBench's prompts.json (an array of objects with prompt, adversarial_prompt, \
            label safe|unsafe, prompt_comment, answer) or JSON lines ({"prompt": …, "label"?: …, \
            "id"?: …}). --from-spec takes the requests of a spec's boundary examples (unsafe when \
            the example's rule is a safety rule with a BAD answer to the request, safe otherwise; \
            a GOOD answer is the reference answer); --from-pairs the prompts of accepted or edited \
            pairs (the chosen answer is the reference). A set is versioned: importing changed \
            prompts under the same name makes a new revision; the same prompts change nothing. A \
            bad item is reported with its file, line and reason, and then nothing is imported.
            """
        )

        enum Format: String, ExpressibleByArgument { case specbench, jsonl }

        @OptionGroup var store: StoreOptions
        @Argument(help: "SpecBench's prompts.json, or a JSONL file; - reads JSON lines from standard input (give --name).", completion: .file()) var file: String?
        @Option(help: "The set's name (default: the file's name, or its folder's for prompts.json).") var name: String?
        @Option(help: "The file's format (default: from its extension or first character).") var format: Format?
        @Option(name: .customLong("from-spec"), help: "The requests of this spec's boundary examples instead of a file.") var fromSpec: String?
        @Flag(name: .customLong("from-pairs"), help: "The prompts of reviewed (accepted or edited) pairs instead of a file.") var fromPairs = false
        @Option(help: "With --from-pairs: only this spec's pairs.") var spec: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            if let name, let problem = StoredName.problem(name, "prompt set") { throw ValidationError(problem) }
            let sources = [file != nil, fromSpec != nil, fromPairs].filter { $0 }.count
            guard sources == 1 else { throw ValidationError("give one of FILE, --from-spec SPEC or --from-pairs") }
            if spec != nil && !fromPairs { throw ValidationError("--spec goes with --from-pairs") }
            if file == "-" && name == nil { throw ValidationError("give the set a name with --name when the prompts come from standard input (-)") }
        }

        func run() throws {
            let project = try store.open()
            let report: PromptSetImport?
            if let fromSpec {
                let (spec, revision) = try storeCall { () throws(StoreError) in try project.effectiveSpec(fromSpec) }
                let items = PromptReader.fromSpec(spec)
                guard !items.isEmpty else {
                    Output.error("tenet: spec \(SafeText.visible(fromSpec)) has no boundary examples with a user turn to ask")
                    throw ExitStatus.failure
                }
                report = try save(project, items, name: name ?? "\(fromSpec)-examples", source: "spec \(fromSpec) r\(revision)", format: "spec-examples")
            } else if fromPairs {
                let pairs = try storeCall { () throws(StoreError) in
                    // Refused for its role first, not for what a reader may see of statuses.
                    try project.authorize(.author("importing prompt sets"))
                    try project.checkFilters(spec: spec)
                    return try project.pairs(spec: spec, status: "accepted") + project.pairs(spec: spec, status: "edited")
                }
                var kinds: [String: RuleKind] = [:]
                for id in Set(pairs.compactMap(\.pair.spec)) {
                    let (effective, _) = try storeCall { () throws(StoreError) in try project.effectiveSpec(id) }
                    for rule in effective.rules { kinds[rule.id] = rule.kind }
                }
                let items = PromptReader.fromPairs(pairs, kinds: kinds)
                guard !items.isEmpty else {
                    Output.error("tenet: no accepted or edited pairs\(spec.map { " of \(SafeText.visible($0))" } ?? ""); review some first (tenet review)")
                    throw ExitStatus.failure
                }
                report = try save(project, items, name: name ?? "\(spec ?? "reviewed")-pairs", source: "pairs" + (spec.map { " of \($0)" } ?? ""), format: "pairs")
            } else {
                report = try importFile(project, file ?? "")
            }
            guard let report else { throw ExitStatus.failure }
            let set = report.set
            if json {
                struct Shape: Encodable {
                    var name: String, revision: Int, changeset: Int64, changed: Bool, count: Int, safe: Int, unsafe: Int, unlabelled: Int, source: String, format: String
                }
                Output.write(try JSONOutput.encode(Shape(name: set.name, revision: set.revision, changeset: set.changeset, changed: report.changed,
                                                         count: set.record.count, safe: set.record.safe, unsafe: set.record.unsafe,
                                                         unlabelled: set.record.unlabelled, source: set.record.source, format: set.record.format)))
                return
            }
            let what = "\(counted(set.record.count, "prompt")) (\(set.record.unsafe) unsafe, \(set.record.safe) safe, \(set.record.unlabelled) unlabelled)"
            Output.write(report.changed
                ? "imported \(SafeText.visible(set.name)) r\(set.revision): \(what) from \(SafeText.visible(set.record.source)), changeset \(set.changeset)\n"
                : "\(SafeText.visible(set.name)) r\(set.revision) already has these \(what); nothing changed\n")
        }

        private func save(_ project: ProjectStore, _ items: [PromptItem], name: String, source: String, format: String) throws -> PromptSetImport? {
            try evalCall {
                try project.importPromptSet(name: name, source: source, format: format, message: "import prompts \(name) from \(source)") { writer in
                    for item in items { try writer.add(item) }
                    return true
                }
            }
        }

        private func importFile(_ project: ProjectStore, _ file: String) throws -> PromptSetImport? {
            // A FIFO or a device is refused before anything reads from it (it could block or never end).
            let fd = try storeCall { () throws(StoreError) in try JSONLines.openRegular(file) }
            let url = URL(fileURLWithPath: file)
            var stem = url.deletingPathExtension().lastPathComponent
            if stem == "prompts" { stem = url.deletingLastPathComponent().lastPathComponent }
            let setName = name ?? stem
            // Where the prompts came from, as the set records it and items name it.
            let origin = file == "-" ? "standard input" : file
            let label = file == "-" ? "stdin" : url.lastPathComponent
            // Standard input cannot be looked at twice: it is JSON lines unless --format says not.
            let chosen = format ?? {
                if file == "-" || file.hasSuffix(".jsonl") { return .jsonl }
                if file.hasSuffix(".json") { return .specbench }
                var head = [UInt8](repeating: 0, count: 4096)
                let count = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                return head.prefix(max(0, count)).first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "[")
                    ? .specbench : .jsonl
            }()
            close(fd)
            let shown = JSONLines.shownName(file)
            switch chosen {
            case .specbench:
                let data: Data
                switch InputFile.read(file, limit: PromptReader.maximumSpecBenchBytes) {
                case .success(let bytes): data = Data(bytes)
                case .failure(let problem):
                    Output.error("tenet: \(shown): \(problem.message)")
                    throw ExitStatus.failure
                }
                switch PromptReader.specBench(data, file: label) {
                case .failure(let problems):
                    for problem in problems.list.prefix(20) { Output.error("\(shown):\(problem.line): error: \(SafeText.visible(problem.message))") }
                    if problems.list.count > 20 { Output.error("… and \(problems.list.count - 20) more") }
                    Output.error("tenet: nothing imported: \(problems.list.count) bad prompt\(problems.list.count == 1 ? "" : "s") in \(shown)")
                    throw ExitStatus.failure
                case .success(let items):
                    return try save(project, items, name: setName, source: origin, format: "specbench")
                }
            case .jsonl:
                // One pass: each good line is staged in the import's transaction as it is read;
                // after a bad line the rest are still checked and staged — a duplicate ID is
                // found there — so that every problem is listed at once, and then nothing is kept.
                var problems: [PromptReader.Problem] = []
                var bad = 0, lines = 0
                let report = try evalCall {
                    try project.importPromptSet(name: setName, source: origin, format: "jsonl", message: "import prompts \(setName) from \(origin)") { writer in
                        do {
                            try JSONLines.read(file, { number, line in
                                lines += 1
                                // A set is read in one transaction: an endless standard input
                                // would grow it for ever.
                                if lines > PromptReader.maximumPrompts {
                                    bad += 1
                                    problems.append(.init(line: number, message: "more than \(PromptReader.maximumPrompts) prompts; split them into several sets"))
                                    throw PromptSetTooLarge()
                                }
                                switch PromptReader.jsonLine(line, number: number, file: label, ordinal: lines) {
                                case .success(let item):
                                    do { try writer.add(item) } catch let error as StoreError {
                                        bad += 1
                                        if problems.count < 20 { problems.append(.init(line: number, message: error.description)) }
                                    }
                                case .failure(let problem):
                                    bad += 1
                                    if problems.count < 20 { problems.append(problem) }
                                }
                            }, invalid: { number, reason in
                                lines += 1
                                bad += 1
                                if problems.count < 20 { problems.append(.init(line: number, message: reason)) }
                            })
                        } catch is PromptSetTooLarge {}
                        return bad == 0 && lines > 0
                    }
                }
                for problem in problems { Output.error("\(shown):\(problem.line): error: \(SafeText.visible(problem.message))") }
                if bad > problems.count { Output.error("… and \(bad - problems.count) more bad lines") }
                if lines == 0 { Output.error("tenet: \(shown): no prompts in the file") }
                if bad > 0 { Output.error("tenet: nothing imported: \(bad) bad line\(bad == 1 ? "" : "s") in \(shown)") }
                return report
            }
        }
    }
}

/// Ends reading a prompt set past ``PromptReader/maximumPrompts``.
private struct PromptSetTooLarge: Error {}
