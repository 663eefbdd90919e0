import ArgumentParser

/// `tenet eval …`: SpecBench-style evaluation of a model under a saved instance.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model on a prompt set under a saved instance, as SpecBench scores it.",
        discussion: """
        A run asks the model every prompt of a set by a method (raw, vanilla, align3), has a \
        judge read each response against every rule of the instance (YES, NO or NA with a \
        reason; joint or sequential, SpecBench's prompts), and scores it as SpecBench does: \
        safety × (0.3 + 0.7 × behavioral share); SAR is the mean. Each prompt's result is saved \
        as it finishes: a killed or stopped run resumes where it stopped. Running needs the \
        annotator role; reading, the viewer role.
        """,
        subcommands: [Run.self, Resume.self, Show.self, List.self,
                      Compare.self, Example.self, Pair.self, Export.self]
    )
}
