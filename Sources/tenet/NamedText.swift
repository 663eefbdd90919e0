import Foundation
import TenetSpec

/// A small text file named on the command line (an answer, a chat, a key, a document),
/// or standard input for `-`: read through ``InputFile`` (regular files only, bounded),
/// checked to be UTF-8, or a message naming the file (and line) and exit 1.
enum NamedText {
    /// The text of `path`, at most `limit` bytes. `tooLarge` says what the limit is for,
    /// e.g. "an answer is at most 256 KiB of text".
    static func read(_ path: String, limit: Int, tooLarge: String? = nil) throws -> String {
        let shown = InputFile.shownName(path)
        let bytes: [UInt8]
        switch InputFile.read(path, limit: limit) {
        case .success(let read): bytes = read
        case .failure(.tooLarge(let size, _)) where tooLarge != nil:
            Output.error("tenet: \(shown) is \(size.map { InputFile.Problem.size($0) } ?? "too long"); \(tooLarge ?? "")")
            throw ExitStatus.failure
        case .failure(let problem):
            Output.error("tenet: \(shown): \(problem.message)")
            throw ExitStatus.failure
        }
        if let bad = InputFile.invalidUTF8(in: bytes) {
            Output.error("tenet: \(shown):\(bad.line): \(bad.reason)")
            throw ExitStatus.failure
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The most read from a file that holds one piece of text rather than a spec or data
    /// set: 16 MiB.
    static let defaultLimit = 16 << 20
}
