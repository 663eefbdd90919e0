import Foundation
import TenetStore

/// Tenet's block in a service account's `~/.ssh/authorized_keys`: one line per key of
/// each person with access, each forcing `tenet serve NAME` with OpenSSH's `restrict` and
/// `pty` options, so the key gives that person Tenet and nothing else. Lines outside the
/// block are kept as they are.
public enum AuthorizedKeys {
    /// What opens the block of the project at `database` (absolute). One account may serve
    /// several projects: each has its own block, and rewriting one leaves the others alone.
    public static func begin(for database: String) -> String {
        "# >>> tenet \(database)" + beginSuffix
    }
    /// What closes the block of the project at `database`.
    public static func end(for database: String) -> String { "# <<< tenet \(database)" }

    private static let beginSuffix = ": keys of the people given access with `tenet access`; this block is rewritten by it"
    /// The markers Tenet wrote before blocks named their project: such a block belongs to the
    /// database its forced commands name (`serve --db '…'`).
    static let legacyBegin = "# >>> tenet" + beginSuffix
    static let legacyEnd = "# <<< tenet"

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
        var lines = [begin(for: command.database)]
        for person in people where !person.removed {
            for key in person.keys {
                let run = "'\(command.binary)' serve --db '\(command.database)' --key \(key.fingerprint) \(person.name)"
                lines.append("command=\"\(run)\",restrict,pty \(key.type) \(key.key) \(person.name)"
                             + (key.comment.isEmpty ? "" : " " + key.comment))
            }
        }
        lines.append(end(for: command.database))
        return lines
    }

    /// A file Tenet will not rewrite: what is wrong, at which line.
    public struct Damaged: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// `existing` with the block of the project at `database` replaced by `block` (or added
    /// at the end); other projects' blocks and every other line are kept. A block that starts
    /// and never ends, ends without starting or with another project's marker, or a project
    /// with two blocks, is refused: rewriting it could drop someone's lines.
    public static func splice(_ existing: String, block: [String], database: String) -> Result<String, Damaged> {
        var lines = splitLines(existing)
        let blocks: [Block]
        switch parse(lines) {
        case .success(let found): blocks = found
        case .failure(let damaged): return .failure(damaged)
        }
        let ours = blocks.filter { $0.belongs(to: database, lines: lines) }
        guard let first = ours.first else { return .success((lines + block).joined(separator: "\n") + "\n") }
        for other in ours.dropFirst().reversed() { lines.removeSubrange(other.start...other.stop) }
        lines.replaceSubrange(first.start...first.stop, with: block)
        return .success(lines.joined(separator: "\n") + "\n")
    }

    /// Whether `existing` holds a block of the project at `database` (a readable file only).
    public static func hasBlock(_ existing: String, database: String) -> Bool {
        let lines = splitLines(existing)
        guard case .success(let blocks) = parse(lines) else { return false }
        return blocks.contains { $0.belongs(to: database, lines: lines) }
    }

    /// Key lines outside every Tenet block that carry one of `keys` (the base64 part): such
    /// a line lets its holder in without `tenet serve` — OpenSSH uses the first line that
    /// matches a key. Returns their line numbers.
    public static func unrestrictedLines(_ existing: String, keys: Set<String>) -> [Int] {
        let lines = splitLines(existing)
        guard case .success(let blocks) = parse(lines) else { return [] }
        return lines.indices.filter { index in
            !blocks.contains { $0.start <= index && index <= $0.stop }
                && lines[index].split(separator: " ").contains { keys.contains(String($0)) }
        }.map { $0 + 1 }
    }

    /// A block's lines (marker lines included) and the project it names (`nil`: legacy).
    private struct Block {
        var start: Int
        var stop: Int
        var owner: String?

        func belongs(to database: String, lines: [String]) -> Bool {
            if let owner { return owner == database }
            // A legacy block is this project's when every forced command in it runs it.
            let named = Set(lines[(start + 1)..<stop].compactMap { line -> String? in
                guard let from = line.range(of: "serve --db '") else { return nil }
                let rest = line[from.upperBound...]
                return rest.firstIndex(of: "'").map { String(rest[..<$0]) }
            })
            return named.isEmpty || named == [database]
        }
    }

    /// Splits on the newline byte itself: "\r\n" is one Character in Swift, and a file with
    /// CRLF endings must still be read line by line.
    private static func splitLines(_ text: String) -> [String] {
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func parse(_ lines: [String]) -> Result<[Block], Damaged> {
        var blocks: [Block] = []
        var open: (start: Int, owner: String?)?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# >>> tenet") {
                if let open {
                    return .failure(Damaged(line: index + 1, reason: "a Tenet block starts here inside the one that starts at line \(open.start + 1); remove one of them by hand, then run tenet access sync"))
                }
                var owner: String? = String(trimmed.dropFirst("# >>> tenet".count))
                if owner!.hasSuffix(beginSuffix) { owner = String(owner!.dropLast(beginSuffix.count)) }
                owner = owner!.trimmingCharacters(in: .whitespaces)
                if owner!.isEmpty || owner!.hasPrefix(":") { owner = nil }
                if let twin = blocks.first(where: { $0.owner == owner }) {
                    let which = owner.map { "for \($0) " } ?? ""
                    return .failure(Damaged(line: index + 1, reason: "a second Tenet block \(which)starts here (the first starts at line \(twin.start + 1)); remove one of them by hand, then run tenet access sync"))
                }
                open = (index, owner)
            } else if trimmed.hasPrefix("# <<< tenet") {
                guard let started = open else {
                    return .failure(Damaged(line: index + 1, reason: "the Tenet block ends here without having started; remove this line by hand, then run tenet access sync"))
                }
                let named = trimmed.dropFirst("# <<< tenet".count).trimmingCharacters(in: .whitespaces)
                guard (named.isEmpty ? nil : named) == started.owner else {
                    return .failure(Damaged(line: index + 1, reason: "the Tenet block that starts at line \(started.start + 1) ends here with another project's marker; fix it by hand, then run tenet access sync"))
                }
                blocks.append(Block(start: started.start, stop: index, owner: started.owner))
                open = nil
            }
        }
        if let open {
            return .failure(Damaged(line: open.start + 1, reason: "the Tenet block starts here and never ends (no `# <<< tenet` line); fix it by hand, then run tenet access sync"))
        }
        return .success(blocks)
    }
}
