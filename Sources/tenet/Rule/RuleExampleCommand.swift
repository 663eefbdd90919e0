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

            /// One source of turns: both had kept the file's and dropped every `--turn`.
            func validate() throws {
                if chatFile != nil && !turns.isEmpty {
                    throw ValidationError("give the conversation with --chat-file or with --turn, not both")
                }
            }

            /// The turns, checked as the workbench checks an example (``ExampleCheck``): a
            /// `user:` turn, the judged answer last, no empty turn, no unknown role. Every
            /// problem is printed (`--turn 2: …`, `FILE:LINE: …`); nothing is dropped.
            func conversation() throws -> [Turn] {
                if let chatFile {
                    let reading = ExampleCheck.read(try NamedText.read(chatFile, limit: NamedText.defaultLimit))
                    if reading.isEmpty {
                        Output.error("tenet: \(InputFile.shownName(chatFile)): the conversation is empty; write it as `user: …` / `assistant: …` lines")
                        throw ExitStatus.failure
                    }
                    for problem in reading.problems {
                        Output.error("tenet: \(InputFile.shownName(chatFile)):\(problem.line): \(SafeText.visible(problem.message))")
                    }
                    if !reading.problems.isEmpty { throw ExitStatus.failure }
                    return reading.turns
                }
                var problems: [String] = []
                var read: [Turn] = []
                for (index, given) in turns.enumerated() {
                    guard let turn = Self.turn(given) else {
                        problems.append("--turn \(index + 1): give it as ROLE:TEXT, e.g. --turn 'user:Hi'")
                        continue
                    }
                    read.append(turn)
                }
                if problems.isEmpty {
                    problems = ExampleCheck.conversation(read).map { problem in
                        (problem.turn.map { "--turn \($0 + 1): " } ?? "--turn: ") + problem.message
                    }
                }
                for problem in problems { Output.error("tenet: " + SafeText.visible(problem)) }
                if !problems.isEmpty { throw ExitStatus.usage }
                return read
            }

            /// `ROLE:TEXT` or `ROLE (NAME):TEXT` as one turn, taken whole (a line of the
            /// text that starts like a turn stays text); `nil` without a role.
            static func turn(_ given: String) -> Turn? {
                guard let colon = given.firstIndex(of: ":") else { return nil }
                var role = given[..<colon].trimmingCharacters(in: .whitespaces)
                var name: String?
                if role.hasSuffix(")"), let open = role.firstIndex(of: "(") {
                    name = role[role.index(after: open)..<role.index(before: role.endIndex)].trimmingCharacters(in: .whitespaces)
                    role = role[..<open].trimmingCharacters(in: .whitespaces)
                }
                guard !role.isEmpty else { return nil }
                return Turn(role: role.lowercased(), content: given[given.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines),
                            name: name?.isEmpty == false ? name : nil)
            }
        }

    }
}
