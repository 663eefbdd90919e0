import TenetFormats
import TenetSpec
import TenetStore

/// Something that happened: a key, or the result of an effect.
public enum Action: Sendable {
    case key(Key)
    case resized(Size)
    case specsLoaded([SpecListing])
    /// A spec's outline; `select` names the rule (key or ID) or section to select.
    case specLoaded(SpecOutline, select: String?)
    case detailLoaded(StoredRule)
    /// The full outlines of a spec first shown with names and kinds only.
    case ruleDetailsLoaded(spec: String, rules: [RuleOutline])
    /// A rule was written; its new state.
    case ruleSaved(StoredRule, summary: String)
    /// Undo or redo went through (the caller reloads what it touched).
    case reversed(Reversal)
    case historyLoaded(key: String, entries: [LogEntry], blame: [BlameLine])
    case revisionLoaded(key: String, revision: Int, changes: [FieldChange])
    case lintLoaded(spec: String, marks: [String: [LintMark]])
    /// The spec's file was edited and imported again.
    case reimported(ImportReport)
    /// Someone else committed to the database.
    /// `authors` committed: `what` (their own command's words, or how many changes).
    case externalChange(authors: [String], what: String)
    case themeChanged(String)
    /// `:theme NAME` could not be used, and why: the theme in use stays.
    case themeRefused(String)
    /// The spec for the instantiation screen, as annotated in the project.
    case instantiationSpecLoaded(Spec, revision: Int)
    case instantiationSaved(name: String, revision: Int)
    case generationProgress(done: Int, total: Int, note: String)
    case generationFinished(GenerationOutcome)
    /// A rule's suggested annotations (key: the rule's entity key).
    case suggestionsLoaded(rule: String, [StoredSuggestion])
    /// Suggestions were accepted or rejected: what was decided, the rule and its
    /// suggestions as they are now.
    case suggestionDecided(SuggestionDecision, rule: StoredRule, suggestions: [StoredSuggestion])
    case suggestionProgress(done: Int, total: Int)
    case suggestionRunFinished(SuggestionRunOutcome)
    /// Tab on `:open`: the paths that start with `typed` (folders end in `/`).
    case pathsCompleted(typed: String, candidates: [String])
    /// The review screen opened on a queue.
    /// `home`: opened by `tenet review`, so leaving it quits.
    case reviewStarted(QueueFilter, home: Bool)
    /// A filter named what the project does not have (`rule=travel.nope`): the queue stays
    /// under `previous`, and `text` says why.
    case reviewFilterRefused(String, previous: QueueFilter)
    /// A pair to review (nil: the queue is empty for this user), its rules, and the
    /// queue's progress when it was counted again (nil: keep counting from the last).
    case reviewPairLoaded(PairReview?, rules: [StoredRule], progress: QueueProgress?)
    /// The queue's progress, counted in full in the background.
    case reviewProgressCounted(QueueProgress, filter: QueueFilter)
    /// A decision was saved (with its note, if any): the pair's status now, and this
    /// user's decisions in the queue as the store counts them now (the finished count
    /// follows from a recount in the background).
    case pairDecided(pair: String, decision: String, note: String?, status: String, decidedByMe: Int)
    case pairHistoryLoaded(pair: String, entries: [LogEntry])
    /// Progress per rule for the review screen: rule → status → pairs.
    case ruleProgressLoaded([String: [String: Int]])
    /// An answer typed in the built-in editor was saved (the pair comes with its own action).
    case answerSaved(pair: String, chosen: Bool)
    /// A rule's annotation, example or rationale was not saved: someone else changed the
    /// rule first. `now` is the rule as it is; `author` made the newest change.
    case ruleConflict(StoredRule, author: String)
    /// An answer typed in the built-in editor was not saved: someone else changed the pair
    /// first. `theirs` is the answer as it is now, at `revision`, last changed by `author`.
    case answerConflict(pair: String, chosen: Bool, theirs: String, revision: Int, author: String)
    /// How many pairs an export's selection holds.
    case exportCounted(PairQuery, Int)
    /// The export's choices cannot be counted: why (an unknown tag, say).
    case exportCountFailed(PairQuery, String)
    case exportProgress(done: Int, total: Int)
    /// An export ended: what it wrote, or why not (`exists`: the target is there and was
    /// not replaced).
    case exportFinished(String, failed: Bool, exists: Bool)
    /// The evaluation runs, newest first, each with its SAR.
    case evalRunsLoaded([EvalRunListing])
    /// A run and its summary (the numbers `tenet eval show` prints).
    case evalRunLoaded(EvalRunSummary)
    /// A rule's failing responses in a run (the first few hundred, and how many in all).
    case evalFailuresLoaded(EvalFailureList)
    /// The run names that start with `typed`, for Tab on `:eval`.
    case evalRunsCompleted(typed: String, candidates: [String])
    /// A failing response became a BAD example on its rule: the rule as it is now and the
    /// example's number.
    case evalExampleAdded(EvalConversion, rule: StoredRule, number: Int)
    /// A failing response became a pending pair (its ID).
    /// `existing`: the status of the pair already in the project with the same text (nothing added).
    case evalPairStored(EvalConversion, pair: String, generated: Bool, existing: String? = nil)
    /// A conversion was not made: why (`refused`: the store refused it for this person's role).
    case evalConversionFailed(EvalConversion, reason: String, refused: Bool)
    /// Loading the evaluation screen's data failed: why.
    case evalLoadFailed(String)
    /// A spec was imported from a file for the first time, or its file has not changed
    /// since (a changed re-import comes as ``reimported(_:)``).
    case imported(ImportReport, path: String)
    /// A spec was archived or restored.
    case specArchived(SpecArchiveResult)
    /// The sample specs were imported.
    case samplesImported(count: Int)
    /// The pair's answers were swapped.
    case swapped(pair: String)
    /// Nothing was written, and why that is fine.
    case unchanged(NoChange)
    /// Something could not be done, for a reason the user can act on.
    case hindered(Hindrance)
    case info(String)
    case failed(String)
    /// The store refused the action for this person's role: nothing to retry or overwrite.
    case refused(String)
    /// The document review opened (or was served again): the documents under the filter and
    /// the rules they teach, by `SPEC/RULE`. `home`: `tenet midtrain review`, left by quitting.
    case documentsLoaded(DocumentFilter, [StoredDocument], rules: [String: Rule], home: Bool)
    /// A document was decided or edited: as it is now, and what happened in a sentence.
    /// `decided`: a decision (the screen moves on), not an edit (it stays to show it).
    case documentChanged(StoredDocument, summary: String, decided: Bool)
    /// Documents as an undo (or a redo) left them, shown after the reversal's own message.
    case documentsRestored([StoredDocument], undo: Bool)
    /// What `tenet midtrain check` finds for a spec: its rules, and what to fix first.
    case midtrainChecked(spec: String, rules: Int, findings: [MidtrainReadiness.Finding])
    /// This person's access to the project ended (removed, or their key taken away): the
    /// session ends, saying why.
    case accessEnded(person: String)
}

/// Work for the shell to do outside the core; results come back as actions.
public enum Effect: Sendable, Equatable {
    /// The spec list, then the first (or the named) spec.
    case loadProject(select: String?)
    /// Open a spec; `quick`: names and kinds first, the rest in the background (another
    /// spec than the one shown).
    case openSpec(String, select: String?, quick: Bool)
    /// Reload the spec list, a spec (keeping `select` selected) and a rule's detail.
    case reload(spec: String?, select: String?, rule: String?)
    /// Find a rule or section by ID in any spec and open it there.
    case goTo(String)
    case loadDetail(String)
    case annotate(key: String, change: AnnotationChange, expectedRevision: Int, summary: String)
    /// Edit an example in the external editor: `nil` adds one; a number edits that example.
    case editExample(key: String, number: Int?)
    /// Save an example typed in the built-in editor: `nil` adds it; a number replaces that example.
    case saveExample(key: String, number: Int?, example: Example, expectedRevision: Int)
    case editSpecSource(spec: String, line: Int)
    case undo, redo
    case loadHistory(key: String)
    case loadRevision(key: String, revision: Int)
    case lint(spec: String)
    case importSamples
    case importFile(String)
    /// Archive a spec (hidden from lists, undoable), or restore an archived one.
    case archiveSpec(String, restore: Bool)
    /// List the files and folders that start with a typed path (`~` is the home folder).
    case completePath(String)
    case setTheme(String)
    /// The spec, annotated, for instantiating.
    case loadInstantiationSpec(String)
    case saveInstantiation(Instantiation, name: String)
    /// Generate pairs from a saved instantiation with the configured provider, in the background.
    case generate(instantiation: String, count: Int, seed: UInt64)
    /// Stop the running generation, keeping the pairs made so far.
    case stopGeneration
    /// Load a rule's suggested annotations.
    case loadSuggestions(rule: String)
    /// Accept or reject one field's suggestion, seen at `expectedRevision`.
    case decideSuggestion(rule: String, field: SuggestionField, accept: Bool, expectedRevision: Int)
    /// Ask the configured provider for the suggestions a spec's rules lack, in the background.
    case suggest(spec: String)
    /// Stop the running suggestion run, keeping what was saved.
    case stopSuggesting
    /// Open the review screen on a queue and serve its first pair.
    /// `home`: the review screen is what was asked for (`tenet review`): leaving it quits.
    case openReview(QueueFilter, home: Bool)
    /// Serve the next pair after one (giving back the lease on it when it was not decided).
    /// `passed`: the pairs moved past in this session (``ReviewView/passed``).
    case nextPair(QueueFilter, after: String?, release: String?, passed: [String])
    /// Show a pair again (a recent one, to change its decision), served under a filter.
    case showPair(String, filter: QueueFilter)
    /// Serve from a changed filter (giving back the lease on the pair shown), once the
    /// filter is checked to name a rule the project has; refused, `previous` stays.
    case refilterReview(QueueFilter, release: String?, previous: QueueFilter)
    /// Decide a pair and serve the next under `filter`, past the pairs `passed`.
    case decidePair(String, Decision, note: String?, blind: Bool, expectedRevision: Int, filter: QueueFilter, passed: [String])
    case swapPair(String, expectedRevision: Int, filter: QueueFilter)
    /// Edit an answer in the external editor: the chosen one, or the rejected one.
    case editAnswer(String, chosen: Bool, expectedRevision: Int, filter: QueueFilter)
    /// Save an answer typed in the built-in editor (the chosen one, or the rejected one).
    case saveAnswer(String, chosen: Bool, text: String, expectedRevision: Int, filter: QueueFilter)
    case loadPairHistory(String)
    /// Count pairs per rule and status (for one spec, or all).
    case loadRuleProgress(spec: String?)
    /// Count the queue's progress again in the background (others changed the project).
    case countReviewProgress(QueueFilter)
    /// Undo this user's last change and show the pair it touched (else `shown` again).
    case undoInReview(filter: QueueFilter, shown: String?)
    case redoInReview(filter: QueueFilter, shown: String?)
    /// Leave the review screen, giving back the lease on the pair shown.
    case leaveReview(release: String?)
    /// Open the document review on the documents a filter selects.
    case openDocuments(DocumentFilter, home: Bool)
    /// Decide a document seen at `expectedRevision`.
    case decideDocument(String, DocumentStatus, note: String?, expectedRevision: Int)
    /// Save a document's text typed in the built-in editor.
    case saveDocument(String, text: String, expectedRevision: Int)
    /// Undo (or redo) this user's last change and show the documents it touched.
    case undoInDocuments
    case redoInDocuments
    /// List a spec's rules that lack a rationale or are marked general (`:midtrain`).
    case checkMidtrain(spec: String)
    /// Count the pairs an export would take.
    case countExport(PairQuery)
    /// Run an export in the background (progress comes back as actions).
    case runExport(ExportJob)
    /// Stop the running export; its target is left as it was.
    case stopExport
    /// The evaluation runs with their SAR, newest first (in the background).
    case loadEvalRuns
    /// A run's summary (in the background).
    case loadEvalRun(String)
    /// A rule's failing responses in a run, at most `limit` (in the background).
    case loadEvalFailures(run: String, rule: String, limit: Int)
    /// The run names starting with a typed word.
    case completeEvalRun(String)
    /// Add the failing response as a BAD boundary example on the rule.
    case evalExample(EvalConversion)
    /// Store a pending pair from the failing response: `chosen` is the written answer;
    /// `nil` has the configured provider write it (in the background).
    case evalPair(EvalConversion, chosen: String?)
    case quit
}

/// Which failing response a conversion turns into data: a run's prompt, judged NO on a rule.
public struct EvalConversion: Sendable, Equatable {
    public var run: String
    public var prompt: String
    public var rule: String

    public init(run: String, prompt: String, rule: String) {
        self.run = run
        self.prompt = prompt
        self.rule = rule
    }
}
