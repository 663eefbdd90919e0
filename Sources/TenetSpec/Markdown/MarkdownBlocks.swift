import CCmarkGFM
import Foundation

/// One block of a Markdown document as Swift values: its kind, where it sits and its
/// source lines. Inline content is not converted; readers slice the source lines instead,
/// which keeps the walk cheap on large specs.
struct MarkdownBlock: Sendable {
    enum Kind: UInt8, Sendable {
        case blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading,
             thematicBreak, table, other
    }

    var kind: Kind
    /// Index of the enclosing container block in the array, or -1 at the top level.
    var parent: Int32
    /// Number of containers (block quotes, lists, items) around the block.
    var depth: Int32
    var startLine: Int32
    var endLine: Int32
    /// 1-based byte column where the block starts.
    var startColumn: Int32
    /// Heading level (1–6) for headings; 0 otherwise.
    var level: UInt8 = 0
    /// Ordered list (for `.list`).
    var ordered = false
    /// Fenced (for `.codeBlock`); indented code blocks are not.
    var fenced = false
    /// Info string of a fenced code block.
    var info: String?
    /// Content of a code block.
    var literal: String?
}

/// Parses GitHub-flavoured Markdown with cmark-gfm into a flat list of ``MarkdownBlock``s
/// in document order.
///
/// The walk is iterative, so documents nested thousands of levels deep cannot exhaust
/// the stack. No cmark-gfm pointer outlives the call.
enum MarkdownBlocks {
    /// cmark-gfm's extension registry has no lock: register once, before any parse.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Files at least this large are parsed in parallel chunks.
    static let parallelThreshold = 1 << 20

    /// Parses a whole document. Large documents are cut at top-level headings into one
    /// chunk per core and parsed concurrently (see ``ChunkSplitter``); the result is the
    /// same as one sequential parse, or the document is parsed sequentially.
    static func parse(_ bytes: [UInt8], extensions: [String] = blockExtensions) -> [MarkdownBlock] {
        let parts = min(4, ProcessInfo.processInfo.activeProcessorCount)
        guard bytes.count >= parallelThreshold, parts > 1 else { return parseChunk(bytes[...], extensions: extensions) }
        let cuts = ChunkSplitter.cuts(bytes, parts: parts)
        guard !cuts.isEmpty else { return parseChunk(bytes[...], extensions: extensions) }
        let bounds = [0] + cuts + [bytes.count]
        let chunks = (0..<bounds.count - 1).map { bytes[bounds[$0]..<bounds[$0 + 1]] }
        let results = ParallelMap.map(chunks) { parseChunk($0, extensions: extensions) }
        releaseFreedMemory()

        // Each chunk but the last ends in a blank line before a heading. If a fenced code
        // or HTML block runs into that blank line, the heading belonged to it: the cut was
        // wrong, so parse the document in one piece.
        var lineOffset = 0
        var merged: [MarkdownBlock] = []
        merged.reserveCapacity(results.reduce(0) { $0 + $1.count })
        for (k, chunk) in chunks.enumerated() {
            let chunkLines = chunk.withUnsafeBufferPointer { ByteSearch.count(0x0A, in: $0) }
            if k < chunks.count - 1,
               results[k].contains(where: { ($0.kind == .codeBlock && $0.fenced) || $0.kind == .htmlBlock ? Int($0.endLine) >= chunkLines : false }) {
                return parseChunk(bytes[...], extensions: extensions)
            }
            // Appended whole, then shifted in place: no block (nor its strings) is copied twice.
            let base = merged.count
            merged.append(contentsOf: results[k])
            for i in base..<merged.count {
                merged[i].startLine += Int32(lineOffset)
                merged[i].endLine += Int32(lineOffset)
                if merged[i].parent >= 0 { merged[i].parent += Int32(base) }
            }
            lineOffset += chunkLines
        }
        return merged
    }

    /// The chunks' cmark trees were built and freed on other threads, in their malloc
    /// arenas, which the rest of the read (on this thread) does not reuse: their pages are
    /// handed back, so that peak memory is the trees' or the rules', not both.
    private static func releaseFreedMemory() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }

    /// Parses the whole document in one piece, on the calling thread.
    static func parseWhole(_ bytes: [UInt8], extensions: [String] = blockExtensions) -> [MarkdownBlock] {
        parseChunk(bytes[...], extensions: extensions)
    }

    /// The GFM extensions that change block structure. Tenet reads blocks and slices the
    /// source for everything inline, so the inline-only extensions (autolink,
    /// strikethrough, tasklist) would change nothing it reads; leaving them out makes the
    /// parse about a third faster. A test checks that the blocks are the same with all four.
    static let blockExtensions = ["table"]

    /// All of GitHub-flavoured Markdown's core extensions.
    static let allExtensions = ["table", "tasklist", "strikethrough", "autolink"]

    private static func parseChunk(_ bytes: ArraySlice<UInt8>, extensions: [String]) -> [MarkdownBlock] {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(document) }
        return collect(document)
    }

    private static func collect(_ document: OpaquePointer) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        // Stack of indices of the open containers; the walk itself follows sibling and
        // parent links, never recursion.
        var containers: [Int32] = []
        var node = cmark_node_first_child(document)
        while let current = node {
            let kind = Self.kind(of: current)
            var block = MarkdownBlock(
                kind: kind,
                parent: containers.last ?? -1,
                depth: Int32(containers.count),
                startLine: cmark_node_get_start_line(current),
                endLine: cmark_node_get_end_line(current),
                startColumn: cmark_node_get_start_column(current)
            )
            switch kind {
            case .heading:
                block.level = UInt8(clamping: cmark_node_get_heading_level(current))
            case .list:
                block.ordered = cmark_node_get_list_type(current) == CMARK_ORDERED_LIST
            case .codeBlock:
                var length: Int32 = 0, offset: Int32 = 0
                var character: CChar = 0
                block.fenced = cmark_node_get_fenced(current, &length, &offset, &character) != 0
                if let info = cmark_node_get_fence_info(current) { block.info = String(cString: info) }
                if let literal = cmark_node_get_literal(current) { block.literal = String(cString: literal) }
            default:
                break
            }
            blocks.append(block)

            let descends = kind == .blockQuote || kind == .list || kind == .item
            if descends, let child = cmark_node_first_child(current) {
                containers.append(Int32(blocks.count - 1))
                node = child
                continue
            }
            // Next sibling, or climb until a container has one.
            var next = cmark_node_next(current)
            var climb: OpaquePointer? = current
            while next == nil, let here = climb, !containers.isEmpty {
                containers.removeLast()
                climb = cmark_node_parent(here)
                if let up = climb { next = cmark_node_next(up) }
            }
            node = next
        }
        return blocks
    }

    private static func kind(of node: OpaquePointer) -> MarkdownBlock.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        default:
            if let name = cmark_node_get_type_string(node), String(cString: name) == "table" {
                return .table
            }
            return .other
        }
    }
}
