import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

extension MidtrainCommand {
    /// `tenet midtrain review`: the document review screen.
    struct Review: ParsableCommand {
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

        func validate() throws { try Workbench.validate(theme: theme) }

        func run() throws {
            try Workbench.open(store: store, theme: theme, existing: true, spec: spec,
                               initial: [.loadProject(select: spec), .openDocuments(DocumentFilter(spec: spec, status: status), home: true)])
        }
    }
}
