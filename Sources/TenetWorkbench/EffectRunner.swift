import Foundation
import TenetSpec
import TenetStore
import TenetSynth
import TenetUI

/// Runs the core's effects against the store, the file system and the external editor,
/// and turns their results into actions. Store calls take about a millisecond, so they
/// run on the event loop's thread; the editor runs with the terminal handed back to it.
public final class EffectRunner {
    public let store: ProjectStore
    let samplesPath: String?
    /// The external editor; `nil` in a served session, so that no program is ever started
    /// (texts are then edited in the built-in editor).
    let editor: ExternalEditor?
    /// Where drafts for the external editor are written: private to this user.
    let privateDrafts: PrivateDrafts
    /// Runs a body with curses suspended (the terminal restored for the editor).
    public var suspend: (() -> String?) -> String? = { $0() }
    /// The newest changeset this view has shown.
    private(set) var seenChangeset: Int64 = 0
    let mailbox = Mailbox()
    /// Lints of specs, one at a time, the latest for each spec only.
    let lints = LintQueue()
    /// Recounts of the review queue's progress, one at a time, the latest only.
    let reviewRecount = ReviewRecount()
    /// Example files that did not parse, by rule key and example number, so that the next
    /// A or E on that example reopens what was typed instead of a blank template.
    private var exampleDrafts: [String: String] = [:]
    /// Answer edits that met someone else's change: the file and the revision it was
    /// typed against, by pair and answer.
    var answerDrafts: [String: (path: String, revision: Int)] = [:]
    /// Rules shown beside pairs, by reference (see `cachedRule`).
    var ruleCache: [String: StoredRule] = [:]
    /// How pairs are generated (the config file's provider settings).
    let generation: ProviderSettings
    /// Where those settings come from, for messages.
    let generationSource: String
    /// The running generation, to stop it, and what it said when it ended.
    private var generationTask: Task<String, Never>?
    /// The running suggestion run (`:suggest`), to stop it.
    var suggestionTask: Task<Void, Never>?
    /// The running export's stop flag.
    let exportControl = ExportControl()
    /// Whose access ended while the session ran (the session then ends), for the shell
    /// to say on exit.
    public private(set) var endedBecause: String?

    /// `editor`: the external editor, or `nil` for none at all (a served session).
    /// `drafts`: where its drafts go (by default a private directory under `$TMPDIR`).
    public init(store: ProjectStore, samplesPath: String?, editor: ExternalEditor?,
                generation: ProviderSettings = ProviderSettings(), generationSource: String = "the config file",
                drafts: PrivateDrafts = PrivateDrafts()) {
        self.store = store
        self.samplesPath = samplesPath
        self.editor = editor
        self.privateDrafts = drafts
        self.generation = generation
        self.generationSource = generationSource
        seenChangeset = (try? store.latestChangeset()) ?? 0
    }

    /// Runs one effect — everything it needs comes with it — and returns its results (or
    /// its failure) as actions for the reducer to apply and word.
    public func run(_ effect: Effect) -> [Action] {
        do {
            return try perform(effect)
        } catch let error as StoreError {
            if case .forbidden = error { return [.refused(Self.oneLine(error.description))] }
            return [.failed(Self.oneLine(error.description))]
        } catch {
            return [.failed(Self.oneLine("\(error)"))]
        }
    }

    private func perform(_ effect: Effect) throws -> [Action] {
        switch effect {
        case .loadProject(let select):
            let specs = try listing()
            guard let first = specs.first else { return [.specsLoaded([])] }
            var spec = first.id
            if let select, let owner = try? store.rule(select).record.spec { spec = owner }
            else if let select, specs.contains(where: { $0.id == select }) { spec = select }
            return [.specsLoaded(specs), try outline(spec, select: select, quick: true)]
        case .openSpec(let id, let select, let quick):
            return [try outline(id, select: select, quick: quick)]
        case .reload(let spec, let select, let rule):
            return try reload(spec: spec, select: select, rule: rule)
        case .goTo(let reference):
            guard let rule = try? store.rule(reference) else {
                return [.hindered(.noSuchRule(reference))]
            }
            return [try outline(rule.record.spec, select: rule.key)]
        case .loadDetail(let key):
            return [.detailLoaded(try store.rule(key))]
        case .annotate(let key, let change, let expected, let summary):
            return try onRuleConflict(key) {
                let result = try store.annotate(key, change, expectedRevision: expected)
                return [.ruleSaved(try store.rule(result.key), summary: result.changed.isEmpty ? "no change" : summary)]
            }
        case .editExample(let key, let number):
            return try editExample(key: key, number: number)
        case .saveExample(let key, let number, let example, let expected):
            return try onRuleConflict(key) { try saveExample(key: key, number: number, example: example, expected: expected) }
        case .editSpecSource(let spec, let line):
            return try editSpec(spec, line: line)
        case .undo:
            return [.reversed(reversal(try store.undo(), undo: true))]
        case .redo:
            return [.reversed(reversal(try store.redo(), undo: false))]
        case .loadHistory(let key):
            let entries = try store.log(rule: key, limit: 500)
            let blame = try store.blame(rule: key).1
            return [.historyLoaded(key: key, entries: entries, blame: blame)]
        case .loadRevision(let key, let revision):
            let changes = revision > 1 ? try store.diff(rule: key, from: revision - 1, to: revision) : []
            return [.revisionLoaded(key: key, revision: revision, changes: changes)]
        case .lint(let spec):
            // Parsing a large spec takes a while: it runs off the event loop and its result
            // arrives with collect(), after the first frame is up.
            let store = self.store
            lints.request(spec, mailbox: mailbox) { (try? Self.lint(spec, store: store)) ?? [:] }
            return []
        case .importSamples:
            guard let samplesPath else { return [.hindered(.noSamples)] }
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: samplesPath)) ?? [])
                .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
            // One sample refused (an archived spec of its ID) leaves the others imported
            // and shown: the whole import stopped there, and the screen still said the
            // project was empty.
            var first: String?
            var imported = 0
            var refused: [String] = []
            for file in files {
                do {
                    let report = try importFile(samplesPath + "/" + file)
                    first = first ?? report.spec
                    imported += 1
                } catch {
                    refused.append("\(file): \(Self.oneLine("\(error)"))")
                }
            }
            let specs = try listing()
            let failure: [Action] = refused.isEmpty ? [] : [.failed("Not imported: " + refused.joined(separator: "; "))]
            guard let first else { return [.specsLoaded(specs)] + failure }
            return [.specsLoaded(specs), try outline(first, select: nil), .samplesImported(count: imported)] + failure
        case .archiveSpec(let id, let restore):
            return [.specArchived(restore ? try store.restoreSpec(id) : try store.archiveSpec(id))]
        case .completePath(let typed):
            return [.pathsCompleted(typed: typed, candidates: Self.paths(startingWith: typed))]
        case .importFile(let typed):
            let path = Self.expandingTilde(typed)
            let report = try importFile(path)
            let specs = try listing()
            if report.created || report.changeset == nil {
                return [.specsLoaded(specs), try outline(report.spec, select: nil), .imported(report, path: typed)]
            }
            return [.specsLoaded(specs), .reimported(report)]
        case .loadInstantiationSpec(let id):
            let (spec, revision) = try store.effectiveSpec(id)
            return [.instantiationSpecLoaded(spec, revision: revision)]
        case .saveInstantiation(let instance, let name):
            let saved = try store.saveInstantiation(instance, name: name)
            return [.instantiationSaved(name: saved.name, revision: saved.revision)]
        case .generate(let name, let count, let seed):
            do {
                try startGeneration(name, count: count, seed: seed)
            } catch {
                return [.generationFinished(GenerationOutcome(instantiation: name, provider: generation.label, asked: count,
                                                              problem: Self.oneLine("\(error)")))]
            }
            return [.generationProgress(done: 0, total: count, note: "")]
        case .stopGeneration:
            generationTask?.cancel()
            return []
        case .openReview, .nextPair, .showPair, .refilterReview, .decidePair, .swapPair, .editAnswer, .saveAnswer, .loadPairHistory, .loadRuleProgress,
             .undoInReview, .redoInReview, .leaveReview, .countReviewProgress:
            return try performReview(effect)
        case .countExport, .runExport, .stopExport:
            return try performExport(effect)
        case .openDocuments, .decideDocument, .saveDocument, .undoInDocuments, .redoInDocuments, .checkMidtrain:
            return try performMidtrain(effect)
        case .loadSuggestions, .decideSuggestion, .suggest, .stopSuggesting:
            return try performSuggestion(effect)
        case .loadEvalRuns, .loadEvalRun, .loadEvalFailures, .completeEvalRun, .evalExample, .evalPair:
            return performEvaluation(effect)
        case .setTheme, .quit:
            return []
        }
    }

    /// Changes other sessions committed since the last look: an action to announce and
    /// reload them, or nothing.
    public func poll() -> Action? {
        guard let (notices, latest) = try? store.changes(after: seenChangeset) else { return nil }
        seenChangeset = max(seenChangeset, latest)
        guard let last = notices.last else { return nil }
        // Someone's access can end while they look: then the session ends with it.
        if (try? store.currentRole()) == .some(nil) {
            endedBecause = store.author
            return .accessEnded(person: store.author)
        }
        // The real action, as its author's command worded it (first line, kept short).
        let said = last.message.split(separator: "\n").first.map { String($0.prefix(80)) } ?? ""
        let what = notices.count > 1 ? "\(notices.count) changes"
            : said.isEmpty ? "\(last.kind) \(last.names.joined(separator: ", "))" : said
        return .externalChange(authors: Set(notices.map(\.author)).sorted(), what: what)
    }

    private func reload(spec: String?, select: String?, rule: String?) throws -> [Action] {
        guard let current = spec else { return [.specsLoaded(try listing())] }
        let specs = try listing()
        guard specs.contains(where: { $0.id == current }) else { return [.specsLoaded(specs)] }
        var actions: [Action] = [.specsLoaded(specs), try outline(current, select: select)]
        if let rule, let stored = try? store.rule(rule) { actions.append(.detailLoaded(stored)) }
        return actions
    }

    /// A rule write that lost a race comes back as the rule as it is now and who changed
    /// it, for the reducer to open the merge view on.
    private func onRuleConflict(_ key: String, _ write: () throws -> [Action]) throws -> [Action] {
        do {
            return try write()
        } catch let error as StoreError {
            guard case .conflict(let conflict) = error else { throw error }
            return [.ruleConflict(try store.rule(key), author: conflict.changes.first?.author ?? "someone")]
        }
    }

    /// Files and folders whose path starts with `typed`, as typed (`~/` kept), folders
    /// ending in `/`; hidden ones only when asked for with a leading dot. At most 500.
    static func paths(startingWith typed: String) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folderTyped = slash.map { String(typed[...$0]) } ?? ""
        let stem = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let folder = folderTyped.isEmpty ? "." : expandingTilde(folderTyped)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { $0.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().prefix(500).map { name in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
            return folderTyped + name + (exists && isFolder.boolValue ? "/" : "")
        }
    }

    /// `~` and `~/…` as the home directory (the `:open` line is not a shell).
    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    private func listing() throws -> [SpecListing] {
        try store.specList().map { SpecListing(id: $0.id, title: $0.title) }
    }

    /// A spec's outline. `quick` (opening a spec) reads names and kinds only, so the first
    /// frame comes fast, and reads the rest in the background (examples, rationale, text).
    private func outline(_ id: String, select: String?, quick: Bool = false) throws -> Action {
        let header = try store.specHeader(id)
        let rules = try store.ruleOutlines(spec: id, details: !quick)
        if quick {
            let store = self.store
            mailbox.begin()
            DispatchQueue.global(qos: .userInitiated).async { [mailbox] in
                let detailed = (try? store.ruleOutlines(spec: id)) ?? []
                mailbox.finish(.ruleDetailsLoaded(spec: id, rules: detailed))
            }
        }
        var outline = SpecOutline(id: id, title: header.title, file: Self.shown(header.file), revision: header.revision,
                                  sections: header.sections, rules: rules, hasDetails: !quick)
        outline.parameters = header.parameters
        return .specLoaded(outline, select: select)
    }

    private func importFile(_ path: String) throws -> ImportReport {
        do {
            return try store.importSpec(file: path)
        } catch let error as SpecFileError {
            throw WorkbenchError(message: error.description)
        }
    }

    /// Generation in the background with the configured provider: progress and the end
    /// arrive via collect(); pairs are saved in batches as they come, in number order, so
    /// the same seed keeps the same pairs offline.
    private func startGeneration(_ name: String, count: Int, seed: UInt64) throws {
        let saved = try store.instantiation(name)
        let (spec, _) = try store.effectiveSpec(saved.instantiation.spec)
        if let problem = generation.problem(baseURLName: "base-url", modelName: "model") {
            throw WorkbenchError(message: problem + " in \(generationSource)")
        }
        let job: GenerationJob
        do {
            job = try GenerationJob(spec: spec, instantiation: saved.instantiation, name: name, count: count, seed: seed, settings: generation)
        } catch {
            throw WorkbenchError(message: error.message)
        }
        let store = self.store
        let mailbox = self.mailbox
        mailbox.begin()
        generationTask = Task.detached(executorPreference: BackgroundExecutor.shared) {
            let result = await job.run(save: { pairs, flagged in
                let report = try store.savePairs(pairs, status: flagged ? "flagged" : "pending", message: job.saveMessage(flagged: flagged))
                return (report.added, report.unchanged)
            }, progress: { tally in mailbox.post(.generationProgress(done: tally.taken, total: count, note: tally.progressNote)) })
            let problem = result.saveProblem.map { "could not save pairs: " + EffectRunner.oneLine($0) } ?? result.failure.map(EffectRunner.oneLine)
            let outcome = GenerationOutcome(instantiation: name, provider: result.provider, asked: count, taken: result.tally.taken,
                                            kept: result.tally.kept, dropped: result.tally.dropped, duplicates: result.tally.duplicates,
                                            failedBy: result.tally.failedBy,
                                            skipped: result.skippedRules, stopped: result.stopped, problem: problem)
            mailbox.finish(.generationFinished(outcome))
            return outcome.summary
        }
    }

    /// Stops background generation (on quit) and waits until the pairs it made are saved
    /// (and a running export until it has cleaned up); what generation said, if it ran.
    public func stopBackgroundWork() -> String? {
        exportControl.stopAndWait()
        if let task = suggestionTask {
            suggestionTask = nil
            task.cancel()
            let done = DispatchSemaphore(value: 0)
            Task.detached(executorPreference: BackgroundExecutor.shared) {
                await task.value
                done.signal()
            }
            done.wait()
        }
        guard let task = generationTask else { return nil }
        generationTask = nil
        task.cancel()
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        Task.detached(executorPreference: BackgroundExecutor.shared) {
            result.value = await task.value
            done.signal()
        }
        done.wait()
        return result.value
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: String?
        var value: String? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    /// Removes the drafts left for the external editor and their directory (on exit).
    public func removeDrafts() { privateDrafts.removeAll() }

    /// Results of background work finished since the last call.
    public func collect() -> [Action] {
        let actions = mailbox.take()
        // A generation that has ended and been reported is not stopped on quit (its
        // summary was said at the time; quitting said it again, long after).
        if actions.contains(where: { if case .generationFinished = $0 { true } else { false } }) { generationTask = nil }
        return actions
    }

    /// Whether background work is still running (the loop then wakes up more often).
    public var hasPendingWork: Bool { mailbox.pending }

    /// What `tenet lint` finds in the spec's file, less what Tenet's annotations have since
    /// answered: each rule is linted as it stands in the project (a rationale added with
    /// `r`, an example, a direction), as instances use it.
    private static func lint(_ id: String, store: ProjectStore) throws -> [String: [LintMark]] {
        let stored = try store.spec(id)
        guard let spec = try? SpecReader.read(path: stored.record.file, text: stored.record.text) else { return [:] }
        var annotated = spec
        let effective = Dictionary(try store.effectiveSpec(id).spec.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        annotated.rules = spec.rules.map { rule in
            guard var now = effective[rule.id] else { return rule }
            // Where the file has it, so that findings land on its lines.
            now.line = rule.line
            now.endLine = rule.endLine
            return now
        }
        // The reader's findings are among the linter's (`annotated` keeps them).
        return LintMarks.place(Linter.lint(annotated), ruleLines: stored.record.ruleLines)
    }

    private func editExample(key: String, number: Int?) throws -> [Action] {
        guard let editor else { return [.hindered(.noExternalEditor)] }
        let stored = try store.rule(key)
        let rule = stored.record.effective
        let existing = number.flatMap { n in rule.examples.indices.contains(n - 1) ? rule.examples[n - 1] : nil }
        let draftKey = key + "#" + (number.map(String.init) ?? "new")
        let path: String
        if let draft = exampleDrafts[draftKey], FileManager.default.fileExists(atPath: draft) {
            path = draft
        } else {
            path = try privateDrafts.create("example", text: ExampleFile.text(existing, ruleID: rule.id, ruleTitle: rule.title))
        }
        exampleDrafts[draftKey] = nil
        if let problem = suspend({ editor.edit(path, line: 10) }) {
            privateDrafts.remove(path)
            return [.failed(problem)]
        }
        let known = Set(try store.ruleOutlines(spec: stored.record.spec, details: false).map(\.id))
        switch ExampleFile.parse(privateDrafts.read(path), knownRuleIDs: known, original: existing) {
        case .cancelled:
            privateDrafts.remove(path)
            return [.unchanged(.emptyExample)]
        case .unchanged:
            privateDrafts.remove(path)
            return [.unchanged(.example(number: number ?? 0))]
        case .invalid(let problems):
            exampleDrafts[draftKey] = path
            return [.hindered(.exampleInvalid(path: path, problems: problems, adding: number == nil))]
        case .example(let example):
            privateDrafts.remove(path)
            return try saveExample(key: key, number: number, example: example, expected: stored.revision)
        }
    }

    /// Adds an example (`number` nil) or replaces one, expecting the rule at a revision.
    private func saveExample(key: String, number: Int?, example: Example, expected: Int) throws -> [Action] {
        let result: EditResult
        if let number {
            result = try store.editExample(key, number: number, expectedRevision: expected) { $0 = example }
        } else {
            result = try store.addExample(key, example, expectedRevision: expected)
        }
        return [.ruleSaved(try store.rule(result.key), summary: number.map { "example \($0) saved" } ?? "example added (\(example.verdict.rawValue))")]
    }


    private func editSpec(_ id: String, line: Int) throws -> [Action] {
        let stored = try store.spec(id)
        let file = stored.record.file
        guard FileManager.default.fileExists(atPath: file) else {
            return [.hindered(.specFileMissing(file))]
        }
        guard let editor else { return [.hindered(.noExternalEditor)] }
        if let problem = suspend({ editor.edit(file, line: line) }) { return [.failed(problem)] }
        // Read as every spec is (a regular file, bounded); one that cannot be is left to the
        // import below, which says why.
        if case .success(let bytes) = InputFile.read(file, limit: SourceText.maximumBytes),
           String(decoding: bytes, as: UTF8.self) == stored.record.text {
            return [.unchanged(.specFile(file))]
        }
        let report = try importFile(file)
        return [.reimported(report)]
    }

    /// An undo or redo as data: for a redo, the change it had undone is named.
    func reversal(_ result: ReversalResult, undo: Bool) -> Reversal {
        let original = undo ? result.reversed : ((try? store.show(result.reversed).0.undoes).flatMap { $0 } ?? result.reversed)
        let names = result.revisions.prefix(3).map(\.id).map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        return Reversal(undo: undo, original: original, changeset: result.changeset, names: names, count: result.revisions.count,
                        pair: result.revisions.first { $0.kind == .pair }?.id, undone: undo ? nil : result.reversed,
                        what: (try? store.show(original).0.message).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// A path as the title bar shows it: relative to the working directory when under it.
    static func shown(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    static func oneLine(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " · ")
    }
}

/// A problem outside the store (a spec that does not parse, say), already worded for the user.
public struct WorkbenchError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Actions from background work, handed to the event loop's thread.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []
    private var running = 0

    func begin() { lock.withLock { running += 1 } }

    /// An action from work that is still running (progress).
    func post(_ action: Action) { lock.withLock { actions.append(action) } }

    /// The work ended, with its last action (`nil`: nothing to say).
    func finish(_ action: Action?) {
        lock.withLock {
            if let action { actions.append(action) }
            running -= 1
        }
    }

    func take() -> [Action] {
        lock.withLock {
            defer { actions = [] }
            return actions
        }
    }

    var pending: Bool { lock.withLock { running > 0 || !actions.isEmpty } }
}
