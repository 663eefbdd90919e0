import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension RuleCommand {
    /// `tenet rule example add|edit|remove`.
    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "example",
            abstract: "Add, edit or remove a rule's boundary examples.",
            discussion: """
            Examples are numbered as `tenet rule show` lists them: the spec file's first, then \
            those added in Tenet. Only those added in Tenet can be edited or removed here.
            """,
            subcommands: [Add.self, Edit.self, Remove.self]
        )

        /// The conversation of an example, from --chat-file or --turn.
        struct ConversationOptions: ParsableArguments {
            @Option(name: .customLong("chat-file"), help: "A file with the conversation: `user: …` / `assistant: …` lines.", completion: .file())
            var chatFile: String?

            @Option(name: .customLong("turn"), help: "A turn as ROLE:TEXT (repeat, in order), e.g. --turn 'user:Hi' --turn 'assistant:Hello'.")
            var turns: [String] = []

            var given: Bool { chatFile != nil || !turns.isEmpty }

            func conversation() throws -> [Turn] {
                var text = turns.map { turn -> String in
                    guard let colon = turn.firstIndex(of: ":") else { return turn }
                    return turn[..<colon].lowercased() + ": " + turn[turn.index(after: colon)...]
                }.joined(separator: "\n")
                if let chatFile {
                    text = try NamedText.read(chatFile, limit: NamedText.defaultLimit)
                }
                switch TenetSpec.Example.conversation(fromChat: text) {
                case .success(let turns) where !turns.isEmpty: return turns
                case .success: throw ValidationError("the conversation is empty")
                case .failure(let error): throw ValidationError("\(chatFile ?? "--turn"): \(error)")
                }
            }
        }

    }
}
