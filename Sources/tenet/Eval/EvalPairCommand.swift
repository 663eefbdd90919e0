import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

extension EvalCommand {
    /// `tenet eval pair RUN PROMPT --rule RULE [--chosen-file F]`.
    struct Pair: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pair",
            abstract: "Make a failing response the rejected answer of a pending preference pair for review.",
            discussion: """
            The chosen answer is the text of --chosen-file, or one the endpoint writes with the \
            defender role template under the run's instance (the run's own model and endpoint \
            unless --model / --base-url say otherwise). The pair's provenance names the run, the \
            prompt and the judge's reason. Needs the author role.
            """
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The run.", valueName: "run")) var runName: String
        @Argument(help: "The prompt's ID in the run's set.") var prompt: String
        @Option(help: "The rule the response was judged to break (NO).") var rule: String
        @Option(name: .customLong("chosen-file"), help: "A file holding the compliant answer.", completion: .file()) var chosenFile: String?
        @OptionGroup var endpoint: EndpointOptions
        @Option(help: "A folder of your own role templates (defender.md).") var templates: String?

        func run() throws {
            let project = try store.open(connections: .pool)
            var chosen: String?
            if let chosenFile {
                chosen = try NamedText.read(chosenFile, limit: NamedText.defaultLimit)
            }
            let stored = try storeCall { () throws(StoreError) in try project.evalRun(runName) }
            var defender: OpenAIProvider?
            if chosen == nil {
                defender = try evalCall {
                    try OpenAIProvider(baseURL: endpoint.baseURL ?? stored.run.baseURL, model: endpoint.model ?? stored.run.model, apiKey: try endpoint.apiKey(),
                                       sampling: RoleSampling(), seed: stored.run.seed, timeout: endpoint.timeout, retries: endpoint.retries)
                }
            }
            let (run, prompt, rule, templates, answer, writer) = (runName, prompt, rule, templates, chosen, defender)
            let outcome = try evalCall {
                try Blocking.run { try await EvalFailureData.pair(run: run, prompt: prompt, rule: rule, chosen: answer, defender: writer,
                                                                  templates: templates, store: project) }
            }
            let pair = outcome.stored
            guard outcome.added else {
                Output.write("pair \(pair.id) is already in the project (\(pair.status)), with this prompt and these answers: nothing added " + CommandHint.naming("(tenet pair show \(pair.id))") + "\n")
                return
            }
            Output.write("pair \(pair.id) (\(pair.status)) from eval run \(SafeText.visible(run)), prompt \(SafeText.visible(prompt)), rule \(SafeText.visible(rule)): "
                         + "rejected = the failing response, chosen = \(chosenFile == nil ? "written by \(SafeText.visible(defender?.model ?? ""))" : SafeText.visible(chosenFile ?? ""))\n")
        }
    }
}
