import ArgumentParser
import TenetFormats
import TenetStore

/// The one table of how `tenet` ends: 0 success, 1 error, 3 conflict (someone changed it
/// first), 64 bad usage, 74 standard output could not be written (``Output``), 77 refused
/// (your role does not allow it), 130 interrupted.
/// Commands print their message and throw one of these; ``of(_:)`` maps every other error.
enum ExitStatus {
    static let failure = ExitCode(1)
    static let conflict = ExitCode(3)
    static let usage = ExitCode(64)
    static let refused = ExitCode(77)
    static let interrupted = ExitCode(130)

    /// The status an error ends the program with.
    static func of(_ error: Error) -> ExitCode {
        switch error {
        case let error as StoreError: return ExitCode(error.exitCode)
        case is ExportError: return failure
        case is UnknownCommand, is SwappedArguments, is ArgumentNotUTF8: return usage
        default: return Tenet.exitCode(for: error)
        }
    }
}
