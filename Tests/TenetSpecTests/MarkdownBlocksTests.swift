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

    static func signature(_ parsed: MarkdownBlocks.Parsed) -> [String] {
        parsed.blocks.map { block in
            let code = block.code >= 0 ? parsed.code[Int(block.code)] : nil
            return "\(block.kind) \(block.parent) \(block.depth) \(block.startLine)-\(block.endLine):\(block.startColumn) h\(block.level) \(block.ordered) \(block.fenced) \(code?.info ?? "-") \(code?.literal.map { String(decoding: $0, as: UTF8.self) } ?? "-")"
        }
    }

    @Test func inlineOnlyExtensionsDoNotChangeTheBlocks() throws {
        for (name, bytes) in try Self.documents() {
            let fast = MarkdownBlocks.parse(bytes)
            let full = MarkdownBlocks.parse(bytes, extensions: MarkdownBlocks.allExtensions)
            #expect(Self.signature(fast) == Self.signature(full), "\(name)")
        }
    }

    /// Text whose inline parse does the most: every kind of inline mark, at the start of a
    /// block and inside it, in every block that holds inline text.
    static let inlineHeavy = #"""
    # Heading with *emphasis*, `code` and [a link](#x)

    **Why:** the label starts the paragraph; _under_ and ***both*** and ~~struck~~.
    [ref]: https://example.com "a reference definition"

    [ref]: https://example.com/only "a paragraph that is only a definition"

    `code | with a pipe` then text <span>inline html</span> <https://auto.link> www.example.com
    \*escaped\* &amp; &#42; entities ![image](i.png) [unclosed [nested [deep](#a)] x

    Setext heading *styled*
    -----------------------

    > quoted **bold** text
    > - item with [link][ref]
    >   continued `span

    1. first *open
    2. second_ with a backslash\
       hard break

    | a | *b* | `c\|d` |
    |---|:---:|---:|
    | **1** | [2](#t) | 3 |
    | x |

    <div>
    *not parsed inside html*
    </div>

    ***
    [^note]: a footnote-like definition *with* marks
    """#

    /// cmark-gfm's inline parse is skipped (``MarkdownBlocks/Inlines/skipped``): the blocks
    /// must be exactly those of a full parse, with and without the inline-only extensions.
    @Test func skippingInlinesDoesNotChangeTheBlocks() throws {
        var documents = try Self.documents()
        documents.append(("inline-heavy", Array(Self.inlineHeavy.utf8)))
        // Marks by the thousand in one paragraph, and paragraphs that start with each
        // character cmark-gfm handles before plain text.
        documents.append(("marks", Array((String(repeating: "*a _b [c](d) `e` <f> ", count: 2_000) + "\n").utf8)))
        documents.append(("openers", Array("*x\n\n_x\n\n[x\n\n]x\n\n!x\n\n`x\n\n\\x\n\n&x\n\n<x\n\n'x\n\n\"x\n\n-x\n\n.x\n".utf8)))
        for (name, bytes) in documents {
            let full = Self.signature(MarkdownBlocks.parseWhole(bytes, inlines: .parsed))
            #expect(!full.isEmpty, "\(name)")
            #expect(Self.signature(MarkdownBlocks.parseWhole(bytes, inlines: .skipped)) == full, "\(name)")
            #expect(Self.signature(MarkdownBlocks.parseWhole(bytes, extensions: MarkdownBlocks.allExtensions, inlines: .skipped))
                    == Self.signature(MarkdownBlocks.parseWhole(bytes, extensions: MarkdownBlocks.allExtensions, inlines: .parsed)), "\(name)")
        }
    }

    /// The skip is real: each block that holds text gets one text node instead of a node
    /// for every word run, mark and link.
    @Test func skippingInlinesLeavesOneTextNodePerBlock() {
        let bytes = Array(Self.inlineHeavy.utf8)
        let skipped = MarkdownBlocks.nodeCount(bytes, inlines: .skipped)
        let parsed = MarkdownBlocks.nodeCount(bytes, inlines: .parsed)
        let blocks = MarkdownBlocks.parseWhole(bytes)
        // Every block, the document, each table's rows and cells, one text node per
        // paragraph, heading and table cell.
        #expect(skipped < blocks.blocks.count * 4, "\(skipped) nodes for \(blocks.blocks.count) blocks")
        #expect(parsed > skipped * 2, "\(parsed) nodes parsed, \(skipped) skipped")
        let paragraph = Array("Plain *one* and **two** and [three](#x) and `four`.\n".utf8)
        // The document, the paragraph, one text node.
        #expect(MarkdownBlocks.nodeCount(paragraph, inlines: .skipped) == 3)
        #expect(MarkdownBlocks.nodeCount(paragraph, inlines: .parsed) > 10)
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
        #expect(blocks.blocks.contains { $0.kind == .htmlBlock && $0.startLine < trapLine && $0.endLine > trapLine })
        #expect(!blocks.blocks.contains { $0.kind == .heading && $0.startLine == trapLine }, "the line inside <pre> is not a heading")
    }

    func parseSequentially(_ bytes: [UInt8]) -> MarkdownBlocks.Parsed {
        MarkdownBlocks.parseWhole(bytes)
    }
}
