import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet midtrain …`: documents for Model Spec Midtraining — readiness, generation,
/// review and stats (the export is `tenet export docs`).
struct MidtrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "midtrain",
        abstract: "Midtraining documents that teach a spec and the reasons behind it: check, generate, review, stats.",
        discussion: """
        Model Spec Midtraining trains a model, before alignment fine-tuning, on synthetic \
        documents that discuss its spec; rules that explain the value behind them, and \
        concrete rather than general guidance, generalise better. check lists what to fix \
        first; generate plans, writes and critiques documents; list, show, decide and edit \
        review them (or the review screen: tenet midtrain review); stats counts them; \
        tenet export docs writes the accepted ones.
        """,
        subcommands: [Check.self, Generate.self, List.self, Show.self,
                      Decide.self, Edit.self, Review.self, Stats.self]
    )
}
