import CCmarkGFM

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

/// Parses GitHub-flavoured Markdown with cmark-gfm (tables, task lists, strikethrough,
/// autolinks) into a flat list of ``MarkdownBlock``s in document order.
///
/// The walk is iterative, so documents nested thousands of levels deep cannot exhaust
/// the stack. No cmark-gfm pointer outlives the call.
enum MarkdownBlocks {
    /// cmark-gfm's extension registry has no lock: register once, before any parse.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static func parse(_ bytes: [UInt8]) -> [MarkdownBlock] {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in ["table", "tasklist", "strikethrough", "autolink"] {
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
