import TenetSpec
import TenetStore

/// A spec as the workbench shows it: its sections and the outline of every rule.
public struct SpecOutline: Sendable, Equatable {
    public var id: String
    public var title: String
    /// The file it was imported from.
    public var file: String
    public var revision: Int
    public var sections: [Section]
    /// The instantiation parameters the spec declares (shown with the section that
    /// declares them).
    public var parameters: [Parameter] = []
    public private(set) var rules: [RuleOutline]
    /// Each rule's ID, title and text in lower case, for search as you type.
    private(set) var searchText: [String]
    /// Whether the rules carry their details (text, examples, rationale…) or only names
    /// and kinds, as on the first frame of a large spec; the details follow.
    public private(set) var hasDetails: Bool
    /// The section each rule ID sits in directly, from the section tree.
    private var sectionByRule: [String: String] = [:]

    public init(id: String, title: String, file: String, revision: Int, sections: [Section], rules: [RuleOutline],
                hasDetails: Bool = true) {
        self.id = id
        self.title = title
        self.file = file
        self.revision = revision
        self.sections = sections
        self.rules = rules
        self.hasDetails = hasDetails
        searchText = rules.map(Self.searchText)
        func index(_ sections: [Section]) {
            for section in sections {
                for rule in section.rules { sectionByRule[rule] = section.id }
                index(section.sections)
            }
        }
        index(sections)
    }

    /// The section a rule sits in directly.
    public func section(of rule: RuleOutline) -> String? { rule.section ?? sectionByRule[rule.id] }

    /// Takes the details of a full read, keeping any rule that was saved since (a newer
    /// revision than the read saw).
    public mutating func addDetails(_ detailed: [RuleOutline]) {
        guard !detailed.isEmpty || rules.isEmpty else { return }   // the read failed: keep waiting for a reload
        let byKey = Dictionary(detailed.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for index in rules.indices {
            guard let full = byKey[rules[index].key], full.revision >= rules[index].revision else { continue }
            var merged = full
            merged.line = rules[index].line ?? full.line
            replaceRule(at: index, with: merged)
        }
        hasDetails = true
    }

    /// Replaces one rule (after an edit saved it).
    public mutating func replaceRule(at index: Int, with rule: RuleOutline) {
        rules[index] = rule
        searchText[index] = Self.searchText(rule)
    }

    static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = n.first else { return true }
        guard h.count >= n.count else { return false }
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < n.count && h[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }

    private static func searchText(_ rule: RuleOutline) -> String {
        (rule.id + "\n" + rule.title + "\n" + rule.text).lowercased()
    }

    /// Whether rule `index` contains `needle` (already lower case): a byte search, which
    /// keeps search-as-you-type fast on thousands of rules.
    func ruleMatches(_ index: Int, _ needle: String) -> Bool {
        var haystack = searchText[index]
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                Self.contains(h, n)
            }
        }
    }

    /// Rule counts by kind.
    public var counts: KindCounts { KindCounts(rules) }

    /// The index of a rule by key or ID.
    public func ruleIndex(_ reference: String) -> Int? {
        rules.firstIndex { $0.key == reference } ?? rules.firstIndex { $0.id == reference }
    }

    /// The section with this ID, anywhere in the tree, and the IDs of its ancestors.
    public func sectionPath(_ id: String) -> [String]? {
        func find(_ sections: [Section], _ path: [String]) -> [String]? {
            for section in sections {
                if section.id == id { return path + [id] }
                if let found = find(section.sections, path + [section.id]) { return found }
            }
            return nil
        }
        return find(sections, [])
    }
}

/// How many rules of each kind.
public struct KindCounts: Sendable, Equatable {
    public var total = 0, safety = 0, behavioral = 0, unclassified = 0

    public init() {}

    public init(_ rules: some Sequence<RuleOutline>) {
        for rule in rules { add(rule.kind) }
    }

    public mutating func add(_ kind: RuleKind) {
        total += 1
        switch kind {
        case .safety: safety += 1
        case .behavioral: behavioral += 1
        case .unclassified: unclassified += 1
        }
    }

    public static func += (a: inout KindCounts, b: KindCounts) {
        a.total += b.total; a.safety += b.safety; a.behavioral += b.behavioral; a.unclassified += b.unclassified
    }
}

/// A spec in the project's list.
public struct SpecListing: Sendable, Equatable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// A lint finding attached to a rule.
public struct LintMark: Sendable, Equatable {
    /// The key, in the workbench's findings by rule, of those on no rule's lines ("the 3
    /// items of this list under “Prohibited Content” were read as no rules"): a section's
    /// summary shows those in its lines. No rule's key is empty.
    public static let noRule = ""

    public var severity: Diagnostic.Severity
    public var line: Int
    public var message: String

    public init(severity: Diagnostic.Severity, line: Int, message: String) {
        self.severity = severity
        self.line = line
        self.message = message
    }
}
