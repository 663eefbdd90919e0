/// Where a Markdown spec's title comes from. In order:
///
/// 1. the `title` of its front matter (see ``FrontMatter``);
/// 2. its first heading, when that is a level-1 heading that is not a rule, is not a
///    generic section name (`Overview`, `Introduction`, `Definitions` …), and no other
///    level-1 heading follows except back matter (`Appendix …`, `References` …) — a
///    document whose level-1 headings are its sections, as the OpenAI Model Spec's are,
///    has no title heading;
/// 3. the file name made readable: `model_spec.md` → `Model Spec` (for `README.md` and
///    `index.md`, the folder's name).
///
/// The heading of rule 2 is the document's heading, not a section, even when the front
/// matter names the spec.
enum SpecTitle {
    /// A level-1 or deeper heading, as the title rule sees it.
    struct Heading {
        var level: Int
        var title: String
        var isRule: Bool
    }

    /// Which of `headings` (top-level headings, in document order) is the title heading.
    static func titleHeading(_ headings: [Heading]) -> Int? {
        guard let first = headings.first, first.level == 1, !first.isRule,
              !isGeneric(InlineScan.plainText(first.title)) else { return nil }
        let otherTopLevel = headings.dropFirst().filter { $0.level == 1 }
        guard otherTopLevel.allSatisfy({ isBackMatter(InlineScan.plainText($0.title)) }) else { return nil }
        return 0
    }

    /// Section names that say what a part of a document is, never what the document is.
    static let genericNames: Set<String> = [
        "overview", "introduction", "intro", "preface", "foreword", "preamble", "prologue",
        "summary", "executive summary", "abstract", "background", "context", "about",
        "purpose", "scope", "purpose and scope", "scope and purpose", "contents",
        "table of contents", "toc", "definitions", "terminology", "glossary",
        "getting started", "readme", "notes", "changelog", "contributing",
    ]

    /// Whether `title` is a generic section name. Numbering (`1.`, `I.`, `Part 1:`) and
    /// closing punctuation are ignored: `1. Introduction` is generic.
    static func isGeneric(_ title: String) -> Bool {
        genericNames.contains(normalised(title))
    }

    /// Headings that end a document without being one of its sections of rules.
    private static let backMatterPrefixes = [
        "appendix", "appendices", "annex", "references", "bibliography", "footnotes", "notes",
        "glossary", "acknowledgements", "acknowledgments", "changelog", "change log",
        "revision history", "version history", "license", "licence", "credits", "index",
        "see also", "further reading",
    ]

    static func isBackMatter(_ title: String) -> Bool {
        let name = normalised(title)
        return backMatterPrefixes.contains { name == $0 || name.hasPrefix($0 + " ") }
    }

    /// Lower case, without leading numbering and trailing punctuation, spaces collapsed.
    private static func normalised(_ title: String) -> String {
        var words = title.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // `1.`, `1.2`, `I.`, `A)`, `§3`, `Part 2:`, `Chapter 1 -`
        if let first = words.first, ["part", "chapter", "section"].contains(first), words.count > 2 {
            words.removeFirst(2)
        }
        while let first = words.first, first.count <= 6,
              first.allSatisfy({ $0.isNumber || $0 == "." || $0 == ")" || $0 == ":" || $0 == "§" || "ivxlc".contains($0) }),
              first.contains(where: { $0.isNumber || $0 == "." || $0 == ")" || $0 == "§" }) {
            words.removeFirst()
        }
        if let first = words.first, ["-", "–", "—", ":"].contains(first) { words.removeFirst() }
        var name = words.joined(separator: " ")
        while let last = name.last, ".:;!?".contains(last) { name.removeLast() }
        return name
    }

    /// A file name made readable: no folder, no extension, `_` and `-` as spaces, and each
    /// word in lower case capitalised (`model_spec.md` → `Model Spec`, `SPEC-v2.md` →
    /// `SPEC V2`). `README` and `index` take their folder's name.
    static func fromFileName(_ path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        var name = parts.last ?? path
        if let dot = name.lastIndex(of: "."), dot > name.startIndex { name = String(name[..<dot]) }
        if ["readme", "index"].contains(name.lowercased()), parts.count >= 2, parts[parts.count - 2] != "." {
            name = parts[parts.count - 2]
        }
        let words = name.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " || $0 == "." })
        let readable = words.map { word -> String in
            guard word.allSatisfy({ !$0.isUppercase }), let first = word.first else { return String(word) }
            return first.uppercased() + word.dropFirst()
        }.joined(separator: " ")
        return readable.isEmpty ? name : readable
    }
}
