import ArgumentParser
import TenetSynth

/// Where the judge's API key comes from, when not from the model's (a hosted judge beside a
/// local model): the same rule as `--api-key-env` / `--no-api-key`.
struct JudgeKeyOptions: ParsableArguments {
    @Option(name: .customLong("judge-api-key-env"), help: ArgumentHelp("The environment variable holding the judge's API key (default: as for the model).", valueName: "VAR"))
    var variable: String?
    @Flag(name: .customLong("judge-no-api-key"), help: "Send the judge no API key.") var none = false

    /// The options as typed (a variable's name, never a key), for a command printed to run again.
    var words: [String] { (variable.map { ["--judge-api-key-env", $0] } ?? []) + (none ? ["--judge-no-api-key"] : []) }

    /// `nil`: the judge's key comes as the model's does.
    func rule() throws -> APIKeyRule? {
        guard variable != nil || none else { return nil }
        return try ConnectionOptions.keyRule(variable: variable, none: none, option: "--judge-api-key-env", noneOption: "--judge-no-api-key")
    }
}
