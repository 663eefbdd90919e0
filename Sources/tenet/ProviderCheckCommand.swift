import ArgumentParser
import Foundation
import TenetSpec
import TenetSynth
import TenetWorkbench

extension ProviderCommand {
    /// A thin adapter over ``ProviderProbe``: options in, one line per capability out.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Ask an endpoint a few small requests and say what it supports.",
            discussion: """
            Lists the models it serves (GET /models) and whether --model is among them, then \
            asks whether it honours seed (the same seed twice at temperature 1 gives the same \
            text), whether it continues an assistant prefill (plainly, as llama.cpp and Ollama \
            do, or with continue_final_message as vLLM does) and whether JSON mode \
            (response_format json_object) gives a JSON object. Each answer is yes, no or \
            unknown, with the evidence. Options left out are taken from the workbench's \
            config file (provider settings); with no model, the first one listed is asked. \
            Exits 1 when the endpoint cannot be reached, refuses the key or cannot answer a \
            chat request.
            """
        )

        @OptionGroup var endpoint: EndpointOptions
        @Flag(help: "As one JSON object.") var json = false

        func run() throws {
            let (settings, source) = try resolvedSettings()
            let probe = ProviderProbe(settings: settings)
            let (outcome, interrupted) = Interruptible.run { () async -> Result<ProviderCapabilities, any Error> in
                do { return .success(try await probe.run()) } catch { return .failure(error) }
            }
            if interrupted {
                Output.error("stopped")
                throw ExitStatus.interrupted
            }
            switch outcome {
            case .failure(let error):
                Output.error("tenet: " + SafeText.visible((error as? SynthError)?.message ?? "\(error)"))
                throw ExitStatus.failure
            case .success(let capabilities):
                if json {
                    Output.write(try JSONOutput.encode(capabilities))
                } else {
                    Output.write(Self.describe(capabilities, source: source))
                }
            }
        }

        /// The flags, with what they leave out taken from the config file; where they came from.
        private func resolvedSettings() throws -> (ProviderSettings, source: String?) {
            var settings = try endpoint.settings()
            let configured = WorkbenchSettings()
            let config = configured.generation
            var used = false, urlFromConfig = false
            if settings.baseURL == nil, let url = config.baseURL { settings.baseURL = url; used = true; urlFromConfig = true }
            if settings.model == nil, let model = config.model { settings.model = model; used = true }
            if endpoint.apiKeyEnv == nil, !endpoint.noAPIKey, configured.config.apiKeyEnv != nil { settings.apiKey = config.apiKey; used = true }
            guard settings.baseURL?.isEmpty == false else {
                // A config that could not be read says why (a FIFO, a folder, too large).
                let unread = configured.problems.first.map { "; \($0)" } ?? ""
                throw ValidationError("name the endpoint with --base-url URL (e.g. http://localhost:8000/v1), or set base-url in \(configured.configPath)\(unread)")
            }
            // As `eval run` and `generate` refuse it: bad usage (64), before any request.
            if let base = settings.baseURL, let problem = OpenAIProvider.baseURLProblem(base) {
                throw ValidationError((urlFromConfig ? "base-url in \(configured.configPath) " : "--base-url ") + problem)
            }
            return (settings, used ? configured.configPath : nil)
        }

        /// One line for the endpoint, then one per capability: `seed: yes — evidence`.
        static func describe(_ found: ProviderCapabilities, source: String?) -> String {
            var key: String
            if found.keySent {
                key = "API key from $\(found.keyVariable ?? "")"
            } else if let variable = found.keyVariable {
                key = "no API key sent ($\(variable) is not set)"
            } else {
                key = "no API key sent (--no-api-key)"
            }
            if let source { key += " · settings from \(source)" }
            var text = "endpoint: \(SafeText.visible(found.baseURL)) · model \(SafeText.visible(found.model)) · \(SafeText.visible(key))\n"
            for (name, finding) in found.findings {
                var line = "\(name): \(finding.supported.rawValue) — \(finding.evidence)"
                if name == "prefill", let form = found.prefillForm { line += " [form: \(form.rawValue)]" }
                text += SafeText.visible(line) + "\n"
            }
            return text
        }
    }
}
