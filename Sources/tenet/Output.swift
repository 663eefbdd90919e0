import ArgumentParser
import Foundation
import TenetSpec

/// Writing to the terminal: standard output for results, standard error for messages.
///
/// Everything written here passes through ``SafeText`` (line breaks kept), so text from a
/// spec, a model, a file, a pair's answers or a person's name can never act on the
/// terminal, even where a command forgot to clean a field. Commands still clean each field
/// with `SafeText.visible` (line breaks shown), which keeps a listing one line per item;
/// this is the net under them. The only escape sequences let through are the colours and
/// bold Tenet styles its own output with (``TreeStyle``), only in writes that say they
/// carry them (`styled: true`), and only when standard output is a terminal that takes
/// colour. Everywhere else a colour sequence can only be the data's — a pair ID from an
/// imported file once passed as red text — and is shown as text.
enum Output {
    /// Writes `text` made terminal-safe. `styled: true` only for text a ``TreeStyle``
    /// styled, whose own fields were cleaned before it was.
    static func write(_ text: String, styled: Bool = false) {
        send(safe(text, styled: styled && styledOutput), to: STDOUT_FILENO)
    }

    /// A message on standard error; a command it suggests names the project the person
    /// named with `--db` (``CommandHint``).
    static func error(_ line: String) {
        send(safe(CommandHint.naming(line), styled: false) + "\n", to: STDERR_FILENO)
    }

    /// Text that is data rather than a message — a spec's source exactly as imported:
    /// written as it is into a file or a pipe, and shown safely where it may reach a
    /// person's terminal, where even the colours Tenet styles its own output with are
    /// shown as text: they would be the data's, not Tenet's. A served session's output is
    /// such a place (the SSH channel ends in the person's terminal unless they redirect
    /// it, which the host cannot see); `raw` writes it exactly all the same, for a person
    /// who asked (`spec show --text --raw > spec.md`).
    static func exact(_ text: String, raw: Bool = false) {
        let shown = !raw && (isatty(STDOUT_FILENO) == 1 || ServedSession.current != nil)
        send(shown ? safe(text, styled: false) : text, to: STDOUT_FILENO)
    }

    /// Writes all of `text` to a standard stream. A stream that cannot be written (a full
    /// disk, a closed terminal) ends the program with a message on standard error, when
    /// that can still be written, and exit 74 (EX_IOERR): Foundation's `FileHandle.write`
    /// trapped instead. A closed pipe ends it through SIGPIPE, as for any Unix filter.
    static func send(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 { offset += written; continue }
                if written < 0 && errno == EINTR { continue }
                let reason = written < 0 ? String(cString: strerror(errno)) : "nothing was written"
                if descriptor != STDERR_FILENO {
                    let name = descriptor == STDOUT_FILENO ? "standard output" : "file descriptor \(descriptor)"
                    var message = "tenet: cannot write to \(name): \(reason)\n"
                    message.withUTF8 { _ = Foundation.write(STDERR_FILENO, $0.baseAddress!, $0.count) }
                }
                Foundation.exit(74)
            }
        }
    }

    /// Colours only on a terminal, and never when `NO_COLOR` is set (no-color.org).
    static func useColor(disabled: Bool) -> Bool {
        if disabled { return false }
        if let value = Environment.value("NO_COLOR"), !value.isEmpty { return false }
        if Environment.value("TERM") == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    private static let styledOutput = useColor(disabled: false)

    /// `text` with line breaks kept and everything else a terminal acts on made visible,
    /// but for Tenet's own styles (`ESC [ 1 ; 31 m` …) when `styled`.
    static func safe(_ text: String, styled: Bool) -> String {
        guard styled, text.utf8.contains(0x1B) else { return SafeText.visible(text, lineBreaks: .kept) }
        var out = ""
        var rest = Substring(text)
        while let escape = rest.firstIndex(of: "\u{1B}") {
            out += SafeText.visible(String(rest[..<escape]), lineBreaks: .kept)
            rest = rest[escape...]
            if let style = ownStyle(at: rest) {
                out += rest[..<style]
                rest = rest[style...]
            } else {
                out += SafeText.visible("\u{1B}")
                rest = rest.dropFirst()
            }
        }
        return out + SafeText.visible(String(rest), lineBreaks: .kept)
    }

    /// The end of an SGR sequence at the start of `text` that sets only what ``TreeStyle``
    /// uses — reset, bold, dim and a foreground colour — or `nil`. Nothing that hides text
    /// (conceal, a background colour) or does anything but colour passes.
    private static func ownStyle(at text: Substring) -> Substring.Index? {
        guard text.hasPrefix("\u{1B}["), let end = text.prefix(16).firstIndex(of: "m") else { return nil }
        let parameters = text[text.index(text.startIndex, offsetBy: 2)..<end]
        let allowed: Set<Substring> = ["0", "1", "2", "22", "31", "32", "33", "34", "35", "36", "39"]
        guard parameters.split(separator: ";", omittingEmptySubsequences: false).allSatisfy(allowed.contains) else { return nil }
        return text.index(after: end)
    }
}

/// JSON as the commands print it: sorted keys, so output is stable and diffable; and
/// terminal-safe, so `--json | cat` cannot reorder or control the terminal either.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        // Foundation pretty-prints an empty array or object over three lines (`[`, a blank
        // line, `]`); every other empty value Tenet prints is `[]`.
        if text == "[\n\n]" { return "[]\n" }
        if text == "{\n\n}" { return "{}\n" }
        return JSONString.terminalSafe(text) + "\n"
    }

    /// `encode(specs)`, the same text written straight into bytes (``SpecJSON``): the
    /// parse command's output, whose size is the whole document's.
    static func specs(_ specs: [Spec]) -> String {
        JSONString.terminalSafe(SpecJSON.encode(specs)) + "\n"
    }
}

extension Tenet {
    /// Ends the program after `error` the way ArgumentParser would — usage and help on
    /// standard output when it is not a failure, messages on standard error — but with
    /// the text made terminal-safe: its messages quote the arguments as given.
    /// `command`: the command whose `run()` threw it, whose usage a `ValidationError`
    /// ends with (ArgumentParser would show the top level's, `tenet <subcommand>`).
    static func finish(_ error: Error, in command: ParsableCommand.Type? = nil) -> Never {
        let code = ExitStatus.of(error)
        let text: String
        if error is UnknownCommand || error is SwappedArguments || error is ArgumentNotUTF8 {
            text = "\(error)"
        } else if let error = error as? ValidationError, let command, command != Tenet.self {
            text = usageError(error.message, of: command)
        } else {
            text = OptionRange.explained(fullMessage(for: error))
        }
        if !text.isEmpty {
            if code == .success { Output.write(text + "\n") } else { Output.error(text) }
        }
        Foundation.exit(code.rawValue)
    }

    /// `Error: MESSAGE`, then `command`'s usage and where its help is, as ArgumentParser
    /// words an error found while parsing.
    static func usageError(_ message: String, of command: ParsableCommand.Type) -> String {
        let path = CommandLineWords.path(to: command) ?? []
        let usage = usageString(for: command).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { $0.offset == 0 ? String($0.element) : "       " + $0.element }.joined(separator: "\n")
        return "Error: \(message)\nUsage: \(usage)\n  See '\((["tenet"] + path).joined(separator: " ")) --help' for more information."
    }
}
