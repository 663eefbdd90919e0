import Foundation
import Testing
@testable import TenetSpec

/// The shortcuts the block parser takes for speed must not change what it reads.
@Suite struct MarkdownBlocksTests {
    static func documents() throws -> [(String, [UInt8])] {
        var files = Paths.sampleFiles
        files += ["model_spec_excerpt.md", "model_spec_u18_excerpt.md", "constitution_excerpt.md"].map { Paths.publicSpecs + "/" + $0 }
        return try files.map { ($0, [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0)))) }
    }

    static func signature(_ blocks: [MarkdownBlock]) -> [String] {
        blocks.map { "\($0.kind) \($0.parent) \($0.depth) \($0.startLine)-\($0.endLine):\($0.startColumn) h\($0.level) \($0.ordered) \($0.fenced) \($0.info ?? "-") \($0.literal?.count ?? -1)" }
    }

    @Test func inlineOnlyExtensionsDoNotChangeTheBlocks() throws {
        for (name, bytes) in try Self.documents() {
            let fast = MarkdownBlocks.parse(bytes)
            let full = MarkdownBlocks.parse(bytes, extensions: MarkdownBlocks.allExtensions)
            #expect(Self.signature(fast) == Self.signature(full), "\(name)")
        }
    }

    /// Large documents are parsed in chunks on several cores; the blocks must be the
    /// same as one sequential parse, including when a heading-like line sits inside a
    /// fence or an HTML comment near the cut.
    @Test func chunkedParsingMatchesOneSequentialParse() throws {
        var big: [UInt8] = []
        let documents = try Self.documents()
        var k = 0
        while big.count < 3 * MarkdownBlocks.parallelThreshold {
            big += documents[k % documents.count].1 + Array("\n\n".utf8)
            // Traps for the cutter: a heading inside a fence, and inside an HTML comment.
            big += Array("```\n\n# not a heading \(k)\n```\n\n<!--\n\n## also not \(k)\n-->\n\n".utf8)
            k += 1
        }
        let chunked = MarkdownBlocks.parse(big)
        let sequential = Self.signature(parseSequentially(big))
        #expect(Self.signature(chunked) == sequential)
        #expect(!ChunkSplitter.cuts(big, parts: 2).isEmpty, "the document was cut")
    }

    @Test func aWrongCutFallsBackToOneParse() throws {
        // The cutter does not know `<pre>` blocks: it cuts at the heading inside one, the
        // first chunk then ends inside an HTML block, and the parser must notice.
        var text = "# T\n\n"
        text += String(repeating: "Filler paragraph with enough words to make the document large.\n\n", count: 20_000)
        let trap = text.utf8.count + "<pre>\n\n".utf8.count
        text += "<pre>\n\n# inside pre, not a heading\n\n</pre>\n\n"
        text += "    ```\n\n# after an indented code line: a heading\n\n"
        text += "- item\n\n  ```\n\n# after a list item's fence\n\n"
        text += String(repeating: "More filler text for the second half of the document.\n\n", count: 20_000)
        let bytes = Array(text.utf8)
        #expect(ChunkSplitter.cuts(bytes, parts: 2) == [trap])
        let blocks = MarkdownBlocks.parse(bytes)
        #expect(Self.signature(blocks) == Self.signature(parseSequentially(bytes)))
        let trapLine = Int32(bytes[..<trap].filter { $0 == 0x0A }.count + 1)
        #expect(blocks.contains { $0.kind == .htmlBlock && $0.startLine < trapLine && $0.endLine > trapLine })
        #expect(!blocks.contains { $0.kind == .heading && $0.startLine == trapLine }, "the line inside <pre> is not a heading")
    }

    func parseSequentially(_ bytes: [UInt8]) -> [MarkdownBlock] {
        MarkdownBlocks.parseWhole(bytes)
    }
}
