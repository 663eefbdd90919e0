import Foundation
import Testing

/// The README is a map of `docs/`: every relative link in it and in the pages it points to
/// must reach a file, and every `#anchor` a heading of that file, so moving a section never
/// leaves a reader at a dead end.
@Suite struct DocsLinksTests {
    static let pages: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: TenetProcess.root + "/docs")) ?? []
        return ["README.md", "SampleSpecs/README.md", "Themes/README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    /// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { c -> Character? in
            if c == " " { return "-" }
            if c.isLetter || c.isNumber || c == "-" || c == "_" { return c }
            return nil
        })
    }

    static func headings(_ text: String) -> Set<String> {
        var inFence = false
        var out: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            out.insert(anchor(line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)))
        }
        return out
    }

    /// The text outside code: links shown as examples of spec syntax are not links.
    static func prose(_ text: String) -> String {
        var inFence = false
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle(); continue }
            guard !inFence else { continue }
            out.append(line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 0 }.map { String($0.element) }.joined(separator: " "))
        }
        return out.joined(separator: "\n")
    }

    @Test func theMapHasItsPages() throws {
        #expect(Self.pages.contains("docs/architecture.md"))
        #expect(Self.pages.contains("docs/keys.md"))
        let readme = try String(contentsOfFile: TenetProcess.root + "/README.md", encoding: .utf8)
        for page in Self.pages where page.hasPrefix("docs/") {
            #expect(readme.contains("](\(page))"), "README.md does not link \(page)")
        }
    }

    @Test func everyRelativeLinkReachesAFileAndHeading() throws {
        let link = try Regex(#"\]\(([^)\s]+)\)"#)
        var checked = 0
        for page in Self.pages {
            let text = Self.prose(try String(contentsOfFile: TenetProcess.root + "/" + page, encoding: .utf8))
            let folder = (page as NSString).deletingLastPathComponent
            for match in text.matches(of: link) {
                let target = String(text[match.output[1].range!])
                guard !target.contains("://"), !target.hasPrefix("mailto:") else { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let file = parts[0].isEmpty ? page : ((folder as NSString).appendingPathComponent(parts[0]) as NSString).standardizingPath
                let path = TenetProcess.root + "/" + file
                #expect(FileManager.default.fileExists(atPath: path), "\(page): link to \(target), which does not exist")
                if parts.count == 2, file.hasSuffix(".md"), let body = try? String(contentsOfFile: path, encoding: .utf8) {
                    #expect(Self.headings(body).contains(parts[1]), "\(page): link to \(target), which has no such heading")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }
}
