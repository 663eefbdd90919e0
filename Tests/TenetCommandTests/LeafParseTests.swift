import ArgumentParser
import Testing
@testable import tenet

/// A command without subcommands is parsed on its own (`CommandLineWords.parsedLeaf`), which
/// must give exactly what the whole tree gives, and hand everything else to the tree.
@Suite struct LeafParseTests {
    /// Command lines with every kind of argument the leaves declare: positionals, options of
    /// each value type (enum choices among them), repeated options, flags, option groups,
    /// and the global options `CommandLineWords` moves after the subcommand.
    static let lines: [[String]] = [
        ["rule", "set", "travel.accessibility", "--priority", "3", "--kind", "safety", "--direction", "prohibit", "--db", "p.db"],
        ["rule", "list", "--kind", "behavioral", "--json"],
        ["--db", "team.db", "--user", "alice", "rule", "show", "travel.accessibility"],
        ["parse", "--json", "a.md", "b.md"],
        ["export", "pairs", "--format", "trl", "--style", "standard", "--out", "-", "--status", "accepted", "--status", "edited"],
        ["export", "rules", "--format", "specbench", "--out", "dir", "--no-helpfulness-rule", "--force"],
        ["pair", "decide", "p-1", "accept", "--note", "fine", "--expect-rev", "2"],
        ["instantiate", "travel", "--format", "specbench", "--coverage", "families", "--seed", "7", "--param", "a=b", "--param", "c=d", "--helpfulness-rule"],
        ["eval", "run", "--instantiation", "i", "--prompts", "set", "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--method", "align3", "--judge-model", "j", "--align3-variant", "prefill",
         "--protocol", "sequential", "--prefill-form", "plain", "--no-adversarial", "--json"],
        ["midtrain", "decide", "d-1", "reject"],
        ["access", "add", "bob", "--role", "annotator", "--key", "-"],
        ["review", "--status", "pending", "--rule", "travel.accessibility"],
        ["log", "travel.accessibility", "--limit", "5", "--json"],
    ]

    @Test(arguments: lines) func theLeafAloneParsesAsTheTreeDoes(_ line: [String]) throws {
        let words = try CommandLineWords.normalized(line)
        let whole = try #require(try? Tenet.parseAsRoot(words), "the tree does not parse \(line): bring the line up to date")
        let leaf = try #require(CommandLineWords.parsedLeaf(words), "the leaf alone did not parse \(line)")
        #expect(type(of: leaf) == type(of: whole))
        #expect(Self.values(leaf) == Self.values(whole), "\(line)")
    }

    /// Help, version, completion scripts and anything that does not parse come from the
    /// whole tree, whose messages name the full command path (`tenet rule set`).
    @Test func everythingButACleanParseGoesToTheTree() throws {
        #expect(CommandLineWords.parsedLeaf(["rule"]) == nil)
        #expect(CommandLineWords.parsedLeaf(["--version"]) == nil)
        #expect(CommandLineWords.parsedLeaf([]) == nil)
        #expect(CommandLineWords.parsedLeaf(["rule", "set", "x", "--bogus"]) == nil)
        #expect(CommandLineWords.parsedLeaf(["rule", "set", "x", "--kind", "nonsense"]) == nil)
        #expect(CommandLineWords.parsedLeaf(["rule", "set", "x", "--generate-completion-script", "bash"]) == nil)
        var leaves: [[String]] = []
        func visit(_ command: ParsableCommand.Type, _ path: [String]) {
            let subcommands = command.configuration.subcommands
            if subcommands.isEmpty { leaves.append(path) }
            for sub in subcommands { visit(sub, path + [sub._commandName]) }
        }
        visit(Tenet.self, [])
        #expect(leaves.count > 40)
        for path in leaves {
            #expect(CommandLineWords.parsedLeaf(path + ["--help"]) == nil, "\(path)")
            #expect(CommandLineWords.parsedLeaf(path + ["-h"]) == nil, "\(path)")
        }
    }

    /// Every stored value of a parsed command, as text.
    static func values(_ command: ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }
}
