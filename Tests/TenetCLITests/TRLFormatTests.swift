import Foundation
import Testing

/// The trl exports against TRL's documented preference type ("Dataset formats and types",
/// huggingface.co/docs/trl/dataset_formats), field by field — TRL itself pulls in torch.
/// A preference row has a `prompt` (explicit, which TRL recommends), a `chosen` and a
/// `rejected` completion. Standard: the three are strings, and a trainer joins
/// `prompt + chosen` as one text (TRL's example: `"The sky is"` + `" blue."`).
/// Conversational: lists of messages, each a `role` and a `content`; with an explicit
/// prompt, `chosen` and `rejected` are each the assistant's message.
@Suite struct TRLFormatTests {
    let directory: String
    let roles: Set<String> = ["system", "user", "assistant"]

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        #expect(try run(["import", "spec", TenetProcess.root + "/SampleSpecs/travel-planning.md"]).status == 0)
        #expect(try run(["instantiate", "travel", "--save", "trip"]).status == 0)
        #expect(try run(["generate", "--instantiation", "trip", "--count", "6"]).status == 0)
        let list = try JSONSerialization.jsonObject(with: Data(try run(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]] ?? []
        for id in list.compactMap({ $0["id"] as? String }) { #expect(try run(["pair", "decide", id, "accept"]).status == 0) }
    }

    func run(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments + ["--db", directory + "/tenet.db"], in: directory, environment: ["TENET_USER": "alice"])
    }

    func rows(_ options: [String]) throws -> [[String: Any]] {
        let result = try run(["export", "pairs", "--no-provenance", "--out", "-"] + options)
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func standardRowsAreThreeStringsThatJoinIntoOneText() throws {
        for options in [["--style", "standard"], ["--style", "standard", "--with-spec"]] {
            let exported = try rows(options)
            #expect(exported.count == 6)
            for row in exported {
                #expect(Set(row.keys) == ["prompt", "chosen", "rejected"], "the preference columns, nothing else: \(row.keys)")
                let prompt = try #require(row["prompt"] as? String), chosen = try #require(row["chosen"] as? String)
                let rejected = try #require(row["rejected"] as? String)
                #expect(!prompt.isEmpty && chosen != rejected)
                // Joined as the trainer joins them, the answer is the assistant's turn, not the end of the question.
                for answer in [chosen, rejected] {
                    let text = prompt + answer
                    // Led by the rules with --with-spec; else by the conversation itself (an
                    // example may set its deployment in a system turn of its own).
                    #expect(options.contains("--with-spec") ? text.hasPrefix("System: You are an assistant working under")
                            : (text.hasPrefix("User: ") || text.hasPrefix("System: ")) && !text.contains("You are an assistant working under"))
                    #expect(text.contains("\n\nAssistant: ") && answer.hasPrefix(" ") && !answer.hasPrefix("  ") && !answer.dropFirst().isEmpty)
                }
                #expect(prompt.hasSuffix("\n\nAssistant:"))
            }
        }
    }

    @Test func conversationalRowsAreMessagesWithAnExplicitPrompt() throws {
        for options in [[], ["--with-spec"]] {
            let exported = try rows(options)
            #expect(exported.count == 6)
            for row in exported {
                #expect(Set(row.keys) == ["prompt", "chosen", "rejected"])
                let prompt = try #require(row["prompt"] as? [[String: Any]])
                #expect(!prompt.isEmpty && prompt.last?["role"] as? String == "user", "the prompt ends with the user's turn")
                let ledByRules = prompt.first?["role"] as? String == "system"
                    && (prompt.first?["content"] as? String ?? "").hasPrefix("You are an assistant working under")
                #expect(ledByRules == options.contains("--with-spec"), "the rules lead the prompt exactly when asked")
                #expect(prompt.dropFirst().allSatisfy { $0["role"] as? String != "system" }, "one system message at most, first")
                for message in prompt {
                    #expect(Set(message.keys) == ["role", "content"] && roles.contains(message["role"] as? String ?? "") && message["content"] is String)
                }
                for key in ["chosen", "rejected"] {
                    let answer = try #require(row[key] as? [[String: Any]])
                    #expect(answer.count == 1 && Set(answer[0].keys) == ["role", "content"], "\(key): one message")
                    #expect(answer[0]["role"] as? String == "assistant" && !((answer[0]["content"] as? String) ?? "").isEmpty)
                }
            }
        }
    }
}
