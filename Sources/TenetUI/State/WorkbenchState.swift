import TenetSpec
import TenetStore

/// Which half of the spec view has the keyboard.
public enum Pane: Sendable, Equatable { case tree, detail }

/// A line at the bottom: what just happened, or what went wrong.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// A note of someone else's change: it never covers the user's own message or a
    /// refusal, which stay until the next key.
    public var live: Bool

    public init(_ text: String, isError: Bool = false, live: Bool = false) {
        self.text = text
        self.isError = isError
        self.live = live
    }
}

/// Screen size in cells.
public struct Size: Sendable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// Everything the workbench shows. Changed only by ``reduce(_:_:)``; drawn only by
/// ``render(_:size:theme:)``.
public struct WorkbenchState: Sendable, Equatable {
    public var user: String
    public var database: String
    public var keymap: Keymap
    /// The window size the reducer pages by (the renderer gets its own).
    public var viewport = Size(width: 80, height: 24)
    /// Percent of the width the tree takes when both panes show.
    public var treeWidthPercent = 40

    /// The screens and overlays, bottom first: never empty, and the bottom one is a
    /// screen. Change it with ``push(_:)``, ``pop()`` and ``top``.
    public private(set) var layers: [Layer] = [.browse]
    public var specs: [SpecListing] = []
    public var outline: SpecOutline?
    public private(set) var rows: [TreeRow] = []
    public var selection = 0
    public var treeScroll = 0
    public var folded: Set<String> = []
    public var filter: RuleFilter = .all
    public var search: String?
    public var lint: [String: [LintMark]] = [:]

    public var focus: Pane = .tree
    /// The selected rule in full, once loaded.
    public var detail: StoredRule?
    public var detailScroll = 0
    /// Rules followed from, for jump-back.
    public var jumps: [String] = []
    public var message: StatusMessage?
    /// Set while a store write is in flight.
    public var busy = false
    /// An edit being saved: reopened with the reason if the save fails (a conflict, say),
    /// so that nothing typed is lost.
    public var savingEdit: FieldEdit?
    /// The config file, as the help screen names it.
    public var configPath = "~/.config/tenet/config"
    public var themeName = "dark"
    /// Where the sample specs are, for the welcome screen's offer.
    public var samplesPath: String?
    /// A generation running in the background.
    public var generation: GenerationStatus?
    /// A suggestion run in the background (`:suggest`).
    public var suggesting: SuggestionRunStatus?
    /// The suggested annotations of the rule whose detail is loaded.
    public var suggestions: RuleSuggestions?
    /// What generates pairs, as the generate prompt names it: `offline`, or `openai MODEL`.
    public var generator = "offline"
    /// The review screen, while it is open (help returns to it).
    public var review: ReviewView?
    /// A served session (`tenet serve` over SSH): no external program is started and no
    /// file on the host is read or written from the workbench; texts are edited in the
    /// built-in editor.
    public var served = false
    /// The external editor the user chose ($VISUAL, $EDITOR or the config's `editor`), as
    /// its command; `nil`: none, so answers and examples are edited in the built-in editor.
    /// Always `nil` in a served session.
    public var externalEditor: String?
    /// A text from the built-in editor being saved: reopened with the reason if the save
    /// fails (a conflict, say), so that nothing typed is lost.
    public var savingText: TextEdit?

    /// The layer that has the keyboard. Setting it replaces the top layer (the same layer,
    /// changed); ``push(_:)`` opens a new one.
    public var top: Layer {
        get { layers[layers.count - 1] }
        set { layers[layers.count - 1] = newValue }
    }

    /// The screen the overlays above it are drawn over.
    public var screen: Layer { layers.last { !$0.isOverlay } ?? .browse }

    /// Whether the top layer is the bottom one: closing it leaves the program.
    public var atBottom: Bool { layers.count == 1 }

    /// Opens a layer over the current one.
    public mutating func push(_ layer: Layer) { layers.append(layer) }

    /// Closes the top layer, uncovering the one beneath. The bottom layer stays (it is
    /// left by quitting); returns whether a layer was closed.
    @discardableResult
    public mutating func pop() -> Bool {
        guard layers.count > 1 else { return false }
        layers.removeLast()
        return true
    }

    /// Closes layers down to (not including) the topmost one that matches; everything if
    /// none does but the bottom.
    public mutating func pop(to matches: (Layer) -> Bool) {
        while layers.count > 1, !matches(top) { layers.removeLast() }
    }

    /// Replaces the bottom screen (the welcome screen once the project has specs), keeping
    /// what is open over it.
    public mutating func replaceBottom(with screen: Layer) { layers[0] = screen }

    /// Replaces the whole stack with one screen (the project emptied, say).
    public mutating func reset(to screen: Layer) { layers = [screen] }

    /// The topmost layer of a kind, wherever it is in the stack (under help, say), changed
    /// in place. `nil` when there is none.
    mutating func updateLayer<T>(_ extract: (Layer) -> T?, _ wrap: (T) -> Layer, _ change: (inout T) -> Void) -> Bool {
        guard let index = layers.lastIndex(where: { extract($0) != nil }), var value = extract(layers[index]) else { return false }
        change(&value)
        layers[index] = wrap(value)
        return true
    }

    public init(user: String, database: String, keymap: Keymap = Keymap()) {
        self.user = user
        self.database = database
        self.keymap = keymap
    }

    /// Rebuilds the visible rows, keeping the selection on the same item where it is
    /// still shown (else on the nearest row).
    public mutating func rebuildRows(keep identity: String? = nil) {
        let keep = identity ?? selectedRow?.identity
        let oldSelection = selection
        guard let outline else { rows = []; selection = 0; return }
        rows = RuleTree.rows(outline, folded: folded, filter: filter, lint: lint)
        if let keep, let index = rows.firstIndex(where: { $0.identity == keep }) {
            selection = index
        } else {
            selection = min(oldSelection, max(0, rows.count - 1))
        }
    }

    public var selectedRow: TreeRow? { rows.indices.contains(selection) ? rows[selection] : nil }

    /// The selected rule's outline, when a rule is selected.
    public var selectedRule: RuleOutline? {
        guard let outline, case .rule(let index, _)? = selectedRow?.content else { return nil }
        return outline.rules[index]
    }

    /// The loaded detail, if it belongs to the selected rule.
    public var selectedDetail: StoredRule? {
        guard let detail, detail.key == selectedRule?.key else { return nil }
        return detail
    }

    /// The selected rule's suggestions, once loaded (empty: none).
    public var selectedSuggestions: [StoredSuggestion]? {
        guard let suggestions, suggestions.rule == selectedRule?.key else { return nil }
        return suggestions.items
    }

    /// How far the rule pane can scroll: its lines as drawn at this size, less a page.
    public var detailScrollLimit: Int {
        guard let detail = selectedDetail else { return 0 }
        let width = (isSplit ? viewport.width - treeWidth(viewport.width) - 1 : viewport.width) - 2
        guard width > 4 else { return 0 }
        let count = RuleDetail.lines(detail, lint: lint[detail.key] ?? [], width: width, suggestions: selectedSuggestions ?? [],
                                     suggestionsKey: keymap.name(.suggestions)).count
        return max(0, count - (bodyHeight - 1))
    }

    /// Columns of the tree pane when both panes show in `width` columns.
    public func treeWidth(_ width: Int) -> Int {
        min(max(24, width * treeWidthPercent / 100), width - 30)
    }

    /// Rows of the body (the screen minus title, status and hint lines).
    public var bodyHeight: Int { max(1, viewport.height - 3) }

    /// Both panes side by side, or one at a time in a narrow window.
    public var isSplit: Bool { viewport.width >= 72 }

    /// Whether answers and examples open in an external editor (else the built-in one).
    public var usesExternalEditor: Bool { !served && externalEditor != nil }
}
