import ArgumentParser
import TenetFormats
import TenetSpec
import TenetStore
import TenetSynth

/// Runs an evaluation step and ends the command the documented way on failure: a store
/// error with its status (1, 3 conflict, 77 refused), a run another process is running 3,
/// anything else `tenet: reason`, 1.
func evalCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        return try storeCall { () throws(StoreError) in throw error }
    } catch let error as EvalRunInProgress {
        Output.error("tenet: " + SafeText.visible(error.description))
        throw ExitStatus.conflict
    } catch let error as SynthError {
        Output.error("tenet: " + SafeText.visible(error.message))
        throw ExitStatus.failure
    } catch let error as ExportError {
        Output.error("tenet: " + SafeText.visible(error.message))
        throw ExitStatus.failure
    } catch let error as ExitCode {
        throw error
    } catch {
        Output.error("tenet: " + SafeText.visible("\(error)"))
        throw ExitStatus.failure
    }
}

extension EvalMethod: ChoiceArgument {}
extension JudgeProtocol: ChoiceArgument {}
extension EvalExporter.Format: ChoiceArgument {}
