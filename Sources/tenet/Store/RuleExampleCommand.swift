import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet rule example add|edit|remove`.
struct RuleExampleCommand: ParsableCommand {
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
                guard let data = FileManager.default.contents(atPath: chatFile) else {
                    throw ValidationError("cannot read --chat-file \(chatFile)")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            switch Example.conversation(fromChat: text) {
            case .success(let turns) where !turns.isEmpty: return turns
            case .success: throw ValidationError("the conversation is empty")
            case .failure(let error): throw ValidationError("\(chatFile ?? "--turn"): \(error)")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a boundary example to a rule.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The rule's ID, or SPEC/ID.") var rule: String
        @Option(help: "How the answer stands against the rule.") var verdict: Verdict
        @Option(help: "A short title.") var title: String
        @Option(help: "Why the answer is good or bad.") var reason: String?
        @Option(help: "A rule the answer breaks (repeat for several).") var violates: [String] = []
        @OptionGroup var conversation: ConversationOptions
        @Option(name: .customLong("expect-rev"), help: "Refuse unless the rule is at this revision.") var expectRev: Int?

        func run() throws {
            let example = Example(verdict: verdict, title: title, turns: try conversation.conversation(), reason: reason,
                                  violates: violates, line: 0)
            let project = try store.open()
            EditReport.print(try storeCall { () throws(StoreError) in try project.addExample(rule, example, expectedRevision: expectRev) })
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an example added in Tenet.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The rule's ID, or SPEC/ID.") var rule: String
        @Argument(help: "The example's number, as tenet rule show lists it.") var number: Int
        @Option(help: "How the answer stands against the rule.") var verdict: Verdict?
        @Option(help: "A short title.") var title: String?
        @Option(help: "Why the answer is good or bad.") var reason: String?
        @OptionGroup var conversation: ConversationOptions
        @Option(name: .customLong("expect-rev"), help: "Refuse unless the rule is at this revision.") var expectRev: Int?

        func run() throws {
            let turns = conversation.given ? try conversation.conversation() : nil
            let (verdict, title, reason) = (self.verdict, self.title, self.reason)
            let project = try store.open()
            EditReport.print(try storeCall { () throws(StoreError) in
                try project.editExample(rule, number: number, expectedRevision: expectRev) { example in
                    if let verdict { example.verdict = verdict }
                    if let title { example.title = title }
                    if let reason { example.reason = reason }
                    if let turns { example.turns = turns }
                }
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an example added in Tenet.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The rule's ID, or SPEC/ID.") var rule: String
        @Argument(help: "The example's number, as tenet rule show lists it.") var number: Int
        @Option(name: .customLong("expect-rev"), help: "Refuse unless the rule is at this revision.") var expectRev: Int?

        func run() throws {
            let project = try store.open()
            EditReport.print(try storeCall { () throws(StoreError) in try project.removeExample(rule, number: number, expectedRevision: expectRev) })
        }
    }
}
