import Foundation
import TenetSpec

/// The command line's words, each checked to be UTF-8 text.
///
/// Swift's `CommandLine.arguments` repairs bytes that are not UTF-8 into U+FFFD, so a
/// rationale given in another encoding was stored changed, and a file name in one named
/// another file (`a\xffb.db` created `a\u{FFFD}b.db`). Such a word is refused instead.
enum ArgumentEncoding {
    /// The words after the program's name; throws ``ArgumentNotUTF8`` for the first that
    /// is not UTF-8.
    static func words() throws -> [String] {
        var words: [String] = []
        let count = Int(CommandLine.argc)
        for position in 1..<max(1, count) {
            guard let pointer = CommandLine.unsafeArgv[position] else { break }
            guard let word = String(validatingCString: pointer) else {
                throw ArgumentNotUTF8(position: position, repaired: String(cString: pointer))
            }
            words.append(word)
        }
        return words
    }
}

/// A command-line word that is not UTF-8 text (exit 64).
struct ArgumentNotUTF8: Error, CustomStringConvertible {
    /// 1 for the first word after `tenet`.
    var position: Int
    /// The word with its bad bytes shown as U+FFFD.
    var repaired: String

    var description: String {
        "tenet: argument \(position) (“\(SafeText.visible(repaired))”) is not UTF-8 text; "
            + "give text and file names in UTF-8 (rename a file whose name is in another encoding)"
    }
}
