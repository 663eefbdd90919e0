import Foundation
import Testing
import TenetSynth
import TenetUI
import TenetWorkbench

/// The provider the workbench's config file describes: its sampling settings, read as the
/// flags are, and its key rule; a bad line is reported with its file and line.
@Suite struct ConfiguredProviderTests {
    func read(_ text: String) -> (settings: ProviderSettings, problems: [String]) {
        let (config, errors) = ConfigFile.parse(text, file: "config", commands: Keymap.commandNames)
        let (settings, problems) = config.providerSettings(file: "config")
        return (settings, errors.map(\.description) + problems)
    }

    @Test func samplingSettingsReachEachRole() {
        let (settings, problems) = read("""
            provider = openai
            model = m
            base-url = http://localhost:8000/v1
            max-tokens = 600
            temperature = 0.8
            stop = "\\n\\nUser:"
            stop = END
            defender.max-tokens = 800
            judge.max_tokens = 200
            judge.stop = none
            annotator.temperature = 0.1
            """)
        #expect(problems.isEmpty, "\(problems)")
        let sampling = settings.sampling
        #expect(sampling.sampling(for: .planner) == Sampling(maxTokens: 600, temperature: 0.8, stop: ["\n\nUser:", "END"]))
        #expect(sampling.sampling(for: .defender).maxTokens == 800)
        #expect(sampling.sampling(for: .judge) == Sampling(maxTokens: 200, temperature: 0, stop: []))
        #expect(sampling.sampling(for: .annotator).temperature == 0.1)
        #expect(settings.apiKey == APIKeyRule(variableOption: "api-key-env in config", keylessOption: "api-key-env = none in config"))
    }

    @Test func badLinesAreReportedWithTheirLineAndTheRestApplies() {
        let (settings, problems) = read("""
            max-tokns = 300
            defnder.max-tokens = 800
            judge.max-tokens = 100
            judge.max-tokens = 150
            violator.temperature = warm
            attacker.max-tokens = 50
            """)
        #expect(problems.contains { $0.hasPrefix(#"config:1: unknown setting "max-tokns" (did you mean max-tokens?)"#) }, "\(problems)")
        #expect(problems.contains(#"config:2: unknown role "defnder" (did you mean defender?); roles: planner, attacker, defender, violator, judge, annotator, ideator, writer, critic"#),
                "\(problems)")
        #expect(problems.contains("config:4: judge.max-tokens is already set on line 3; keep one of them"), "\(problems)")
        #expect(problems.contains(#"config:5: violator.temperature must be a number from 0 to 2 (e.g. 0.7); got "warm""#), "\(problems)")
        #expect(problems.count == 4)
        #expect(settings.sampling.sampling(for: .judge).maxTokens == 100)
        #expect(settings.sampling.sampling(for: .attacker).maxTokens == 50)
    }

    @Test func theKeyVariableIsNamedOrNone() throws {
        let named = read("api-key-env = VLLM_KEY").settings.apiKey
        #expect(named.variable == "VLLM_KEY" && named.named)
        let none = read("api-key-env = none").settings.apiKey
        #expect(none.variable == nil)
        // Unset and named: the message points at the config file.
        let url = try #require(URL(string: "http://127.0.0.1:8000/v1"))
        #expect(throws: SynthError(message: "$VLLM_KEY is not set (api-key-env in config names it); export VLLM_KEY=<your key>, "
                                       + "or use api-key-env = none in config instead for an endpoint that needs no key")) {
            try named.resolve(for: url, environment: [:])
        }
    }
}
