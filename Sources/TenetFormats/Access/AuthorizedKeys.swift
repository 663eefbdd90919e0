import Foundation
import TenetStore

/// Tenet's block in a service account's `~/.ssh/authorized_keys`: one line per key of
/// each person with access, each forcing `tenet serve NAME` with OpenSSH's `restrict` and
/// `pty` options, so the key gives that person Tenet and nothing else. Lines outside the
/// block are kept as they are.
public enum AuthorizedKeys {
    public static let begin = "# >>> tenet: keys of the people given access with `tenet access`; this block is rewritten by it"
    public static let end = "# <<< tenet"

    /// What the forced command runs.
    public struct Command: Sendable {
        /// The tenet binary, absolute.
        public var binary: String
        /// The project database, absolute.
        public var database: String

        public init(binary: String, database: String) {
            self.binary = binary
            self.database = database
        }

        /// Why a path cannot go into a forced command (it is run by the account's shell),
        /// or `nil`.
        public static func problem(_ path: String) -> String? {
            guard path.hasPrefix("/") else { return "\(path) is not an absolute path" }
            let bad = path.unicodeScalars.first { $0.value < 0x20 || $0.value == 0x7F || "'\"\\`$".unicodeScalars.contains($0) }
            return bad.map { _ in "\(path) holds a quote, backslash, `$` or control character, which a forced command cannot carry; move it" }
        }
    }

    /// The block's lines for these people (removed people have none).
    public static func block(_ people: [Person], command: Command) -> [String] {
        var lines = [begin]
        for person in people where !person.removed {
            for key in person.keys {
                let run = "'\(command.binary)' serve --db '\(command.database)' --key \(key.fingerprint) \(person.name)"
                lines.append("command=\"\(run)\",restrict,pty \(key.type) \(key.key) \(person.name)"
                             + (key.comment.isEmpty ? "" : " " + key.comment))
            }
        }
        lines.append(end)
        return lines
    }

    /// A file Tenet will not rewrite: what is wrong, at which line.
    public struct Damaged: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// `existing` with Tenet's block replaced by `block` (or added at the end). A block
    /// that starts and never ends, ends without starting, or appears twice is refused:
    /// rewriting it could drop someone's own lines.
    public static func splice(_ existing: String, block: [String]) -> Result<String, Damaged> {
        // Split on the newline byte itself: "\r\n" is one Character in Swift, and a file with
        // CRLF endings must still be read line by line.
        var lines = existing.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        var start: Int?
        var stop: Int?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# >>> tenet") {
                if start != nil { return .failure(Damaged(line: index + 1, reason: "a second Tenet block starts here; remove one of them by hand, then run tenet access sync")) }
                start = index
            } else if trimmed.hasPrefix("# <<< tenet") {
                guard start != nil, stop == nil else {
                    return .failure(Damaged(line: index + 1, reason: "the Tenet block ends here without having started; remove this line by hand, then run tenet access sync"))
                }
                stop = index
            }
        }
        if let start, stop == nil {
            return .failure(Damaged(line: start + 1, reason: "the Tenet block starts here and never ends (no `\(end)` line); fix it by hand, then run tenet access sync"))
        }
        if let start, let stop {
            lines.replaceSubrange(start...stop, with: block)
        } else {
            lines += block
        }
        return .success(lines.joined(separator: "\n") + "\n")
    }
}
