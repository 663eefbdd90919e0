import ArgumentParser
import TenetStore

/// `tenet review`: the review screen on a queue of pairs.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review preference pairs one at a time: a accept, x reject, space skip, f flag, s swap, e edit.",
        discussion: """
        Each decision is saved (a revision, durable) before the next pair shows. Pairs are \
        served from a queue: each to one annotator at a time (a lease), as many times as \
        the project's overlap asks (tenet project set overlap 2). u or Backspace undoes, \
        p goes back to change a recent decision, b switches to blind A/B judgement \
        (1, 2, 0), r shows the whole rule, H the pair's history, ? all keys.
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this spec's pairs.") var spec: String?
    @Option(help: "Only pairs targeting this rule.") var rule: String?
    @Option(help: "Pairs in this status (default: pending, the ones needing reviews).") var status = "pending"
    @Option(help: "Theme: dark, light, high-contrast, mono, or one of yours.") var theme: String?

    func validate() throws {
        if let problem = PairStatus.problem(status) { throw ValidationError(problem) }
        try Workbench.validate(theme: theme)
    }

    func run() throws {
        try Workbench.open(store: store, theme: theme, existing: true, spec: spec, rule: rule,
                           initial: [.loadProject(select: spec), .openReview(QueueFilter(spec: spec, rule: rule, status: status), home: true)])
    }
}
