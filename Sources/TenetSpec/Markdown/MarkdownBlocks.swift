import CCmarkGFM
import Foundation

/// One block of a Markdown document as Swift values: its kind, where it sits and its
/// source lines. Inline content is not converted; readers slice the source lines instead,
/// which keeps the walk cheap on large specs.
///
/// Plain values only, so that blocks are copied and moved as bytes (a code block's text is
/// in ``MarkdownBlocks/Parsed/code``): the blocks of a large spec are merged from its
/// chunks and read many times.
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
    /// For a code block, the index of its text in ``MarkdownBlocks/Parsed/code``; -1 otherwise.
    var code: Int32 = -1
}

/// The info string and content of a code block.
struct CodeBlockText: Sendable {
    /// Info string of a fenced code block.
    var info: String?
    /// Content of a code block, as UTF-8 bytes (valid: the source was checked): most is
    /// read as bytes (examples), so it is not made a string only to be read back.
    var literal: [UInt8]?
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

    /// A document's blocks in document order, and the text of its code blocks.
    struct Parsed: Sendable {
        var blocks: [MarkdownBlock] = []
        /// Indexed by ``MarkdownBlock/code``.
        var code: [CodeBlockText] = []
    }

    /// Files at least this large are parsed in parallel chunks.
    static let parallelThreshold = 1 << 20

    /// Parses a whole document. Large documents are cut at top-level headings into a few
    /// chunks per core and parsed concurrently (see ``ChunkSplitter``); the result is the
    /// same as one sequential parse, or the document is parsed sequentially.
    /// `inlines`: whether cmark-gfm also parses each block's text into inline nodes. The
    /// blocks are the same either way (``skipInlines``); only tests ask for them.
    static func parse(_ bytes: [UInt8], extensions: [String] = blockExtensions, inlines: Inlines = .skipped) -> Parsed {
        // Several chunks per core, taken by whichever core is free: chunks of equal bytes
        // are not equal work, and one chunk per core left a core waiting on the other.
        let parts = min(16, ParallelMap.cores * 4)
        guard bytes.count >= parallelThreshold, parts > 1 else { return parseChunk(bytes[...], extensions: extensions, inlines: inlines) }
        let cuts = ChunkSplitter.cuts(bytes, parts: parts)
        guard !cuts.isEmpty else { return parseChunk(bytes[...], extensions: extensions, inlines: inlines) }
        let bounds = [0] + cuts + [bytes.count]
        let chunks = (0..<bounds.count - 1).map { bytes[bounds[$0]..<bounds[$0 + 1]] }
        // Each chunk's lines are counted alongside its parse, not after, on this thread alone.
        let (results, lineCounts) = ParallelMap.map(chunks, bounds: Array(0...chunks.count)) { chunk in
            (parseChunk(chunk, extensions: extensions, inlines: inlines), chunk.withUnsafeBufferPointer { ByteSearch.count(0x0A, in: $0) })
        }

        // Each chunk but the last ends in a blank line before a heading. If a fenced code
        // or HTML block runs into that blank line, the heading belonged to it: the cut was
        // wrong, so parse the document in one piece.
        var lineOffset = 0
        var merged = Parsed()
        merged.blocks.reserveCapacity(results.reduce(0) { $0 + $1.blocks.count })
        merged.code.reserveCapacity(results.reduce(0) { $0 + $1.code.count })
        for k in chunks.indices {
            let chunkLines = lineCounts[k]
            if k < chunks.count - 1,
               results[k].blocks.contains(where: { ($0.kind == .codeBlock && $0.fenced) || $0.kind == .htmlBlock ? Int($0.endLine) >= chunkLines : false }) {
                return parseChunk(bytes[...], extensions: extensions, inlines: inlines)
            }
            // Appended whole (bytes), then shifted in place.
            let base = merged.blocks.count, codeBase = Int32(merged.code.count)
            merged.blocks.append(contentsOf: results[k].blocks)
            merged.code.append(contentsOf: results[k].code)
            for i in base..<merged.blocks.count {
                merged.blocks[i].startLine += Int32(lineOffset)
                merged.blocks[i].endLine += Int32(lineOffset)
                if merged.blocks[i].parent >= 0 { merged.blocks[i].parent += Int32(base) }
                if merged.blocks[i].code >= 0 { merged.blocks[i].code += codeBase }
            }
            lineOffset += chunkLines
        }
        return merged
    }

    /// Parses the whole document in one piece, on the calling thread.
    static func parseWhole(_ bytes: [UInt8], extensions: [String] = blockExtensions, inlines: Inlines = .skipped) -> Parsed {
        parseChunk(bytes[...], extensions: extensions, inlines: inlines)
    }

    /// Whether cmark-gfm parses the text of paragraphs, headings and table cells into
    /// inline nodes (emphasis, links, code spans) when it finishes a document.
    enum Inlines: Sendable {
        case parsed
        /// Each block's text is left as one empty text node (``skipInlines``).
        case skipped
    }

    /// An extension that stops cmark-gfm's inline parse of a block at the block's first
    /// plain character: Tenet reads blocks and slices the source for everything inline, so
    /// the inline nodes were built only to be freed — about a fifth of cmark-gfm's work on
    /// a spec, and most of its node frees.
    ///
    /// cmark-gfm asks an extension's inline matcher at every character that starts plain
    /// text (after its own handling of `*`, `[`, a backtick and the like). This one moves
    /// the inline parser past the end of the block's text and returns one empty text node,
    /// so the parse of that block ends there. Block structure is settled before inlines
    /// are parsed, so the blocks are the same (`MarkdownBlocksTests`). The extension has
    /// no special characters, so attaching it changes none of cmark-gfm's global tables and
    /// is safe on several threads at once. (`nonisolated(unsafe)`: cmark-gfm only reads the
    /// extension once it is made, as it does its own core extensions.)
    nonisolated(unsafe) private static let skipInlines: OpaquePointer? = {
        guard let extensionHandle = cmark_syntax_extension_new("tenet-skip-inlines") else { return nil }
        cmark_syntax_extension_set_match_inline_func(extensionHandle) { _, _, block, _, inlineParser in
            guard let block, let inlineParser else { return nil }
            // The block's whole text (the parser reads it without trailing white space):
            // an offset at or past its end is the end of the parse.
            let length = cmark_node_get_string_content(block).map { strlen($0) } ?? 0
            cmark_inline_parser_set_offset(inlineParser, Int32(clamping: length))
            return cmark_node_new_with_mem(CMARK_NODE_TEXT, cmark_get_default_mem_allocator())
        }
        return extensionHandle
    }()

    /// The GFM extensions that change block structure. Tenet reads blocks and slices the
    /// source for everything inline, so the inline-only extensions (autolink,
    /// strikethrough, tasklist) would change nothing it reads; leaving them out makes the
    /// parse about a third faster. A test checks that the blocks are the same with all four.
    static let blockExtensions = ["table"]

    /// All of GitHub-flavoured Markdown's core extensions.
    static let allExtensions = ["table", "tasklist", "strikethrough", "autolink"]

    private static func parseChunk(_ bytes: ArraySlice<UInt8>, extensions: [String], inlines: Inlines) -> Parsed {
        withDocument(bytes, extensions: extensions, inlines: inlines, collect) ?? Parsed()
    }

    /// The number of nodes in cmark-gfm's tree of the document, inline nodes included: what
    /// it built, and then freed (for tests of ``Inlines``).
    static func nodeCount(_ bytes: [UInt8], inlines: Inlines) -> Int {
        withDocument(bytes[...], extensions: blockExtensions, inlines: inlines) { document in
            guard let iterator = cmark_iter_new(document) else { return 0 }
            defer { cmark_iter_free(iterator) }
            var count = 0
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                if event == CMARK_EVENT_ENTER { count += 1 }
            }
            return count
        } ?? 0
    }

    /// Parses `bytes` with cmark-gfm and hands `body` the document node, which is freed
    /// when `body` returns; `nil` when cmark-gfm cannot make a parser or finish.
    private static func withDocument<T>(_ bytes: ArraySlice<UInt8>, extensions: [String], inlines: Inlines,
                                        _ body: (OpaquePointer) -> T) -> T? {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        // Last, so that an inline extension attached above is asked first.
        if inlines == .skipped, let skipInlines { cmark_parser_attach_syntax_extension(parser, skipInlines) }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(document) }
        return body(document)
    }

    private static func collect(_ document: OpaquePointer) -> Parsed {
        var blocks: [MarkdownBlock] = []
        var code: [CodeBlockText] = []
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
                block.code = Int32(code.count)
                code.append(CodeBlockText(info: cmark_node_get_fence_info(current).map { String(cString: $0) },
                                          literal: cmark_node_get_literal(current).map {
                                              Array(UnsafeRawBufferPointer(start: $0, count: strlen($0)))
                                          }))
            case .htmlBlock:
                // cmark-gfm ends an HTML block that closes on a later line (`<!-- a note` …
                // `-->`) on its first line: its text, and a spec's description made of it,
                // lost the rest, and an export wrote `<!--` unclosed over every rule after.
                // Its literal has every line.
                if let literal = cmark_node_get_literal(current) {
                    var breaks: Int32 = 0, last: CChar = 0
                    var p = literal
                    while p.pointee != 0 { last = p.pointee; if last == 0x0A { breaks += 1 }; p += 1 }
                    let lines = breaks + (last == 0x0A || last == 0 ? 0 : 1)
                    block.endLine = max(block.endLine, block.startLine + max(0, lines - 1))
                }
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
        return Parsed(blocks: blocks, code: code)
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
