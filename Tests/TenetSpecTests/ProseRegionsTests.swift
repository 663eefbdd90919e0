import Foundation
import Testing
@testable import TenetSpec

/// ``ProseReader/readRegions(_:sectionTitles:names:in:minimumWeight:)`` reads regions on
/// several cores: it must give what reading them one after another gives, on the public
/// fixtures and the sample specs, whatever the split of the blocks into regions; and the
/// IDs claimed afterwards must be those ``ProseReader/rules(_:path:headings:uniquer:)`` gives.
@Suite struct ProseRegionsTests {
    private static func documents() throws -> [MarkdownDocument] {
        var paths = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs)
            .filter { $0.hasSuffix(".md") }.sorted().map { Paths.publicSpecs + "/" + $0 }
        paths += Paths.sampleFiles
        return try paths.map { path in
            MarkdownDocument(source: try SourceText(path: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
        }
    }

    /// Top-level blocks cut into regions at random places, each with a path (some empty, as
    /// a preamble's) and a title that is sometimes a lead-in ("Don't").
    private static func randomRegions(_ document: MarkdownDocument, using generator: inout some RandomNumberGenerator)
        -> (regions: [ProseReader.Region], titles: [String: String]) {
        let top = document.blocks.indices.filter { document.blocks[$0].depth == 0 && document.blocks[$0].kind != .heading }
        var regions: [ProseReader.Region] = []
        var titles: [String: String] = [:]
        var k = 0
        while k < top.count {
            let count = Int.random(in: 0...12, using: &generator)
            let blocks = Array(top[k..<min(top.count, k + count)])
            k += count
            let n = regions.count
            let title = ["Don't", "Safety", "Helpfulness", "Overview", "Never"].randomElement(using: &generator)!
            let path = n % 5 == 0 ? [] : ["part-\(n % 3)", "section-\(n % 7)"]
            if let last = path.last { titles[last] = title; titles[path[0]] = "Behavior" }
            regions.append(.init(blocks: blocks, title: title, path: path, isPreamble: path.isEmpty))
        }
        return (regions, titles)
    }

    @Test func parallelReadEqualsSequentialRead() throws {
        var generator = SystemRandomNumberGenerator()
        for document in try Self.documents() {
            let names = AssistantNames.detect(in: document.source.bytes)
            for _ in 0..<4 {
                let (regions, titles) = Self.randomRegions(document, using: &generator)
                var sequential = ProseReader.Prepared()
                for region in regions {
                    sequential.add(ProseReader.read(region.blocks, sectionTitle: region.title, isPreamble: region.path.isEmpty,
                                                    names: names, in: document),
                                   path: region.path, headings: region.path.reversed().compactMap { titles[$0] })
                }
                // A small minimum weight makes even a short fixture run on several threads.
                let parallel = ProseReader.readRegions(regions, sectionTitles: titles, names: names, in: document,
                                                       minimumWeight: Int.random(in: 1...50, using: &generator))
                #expect(parallel.reduce(ProseReader.Prepared(), +) == sequential, "\(document.source.path)")

                // Claiming the IDs afterwards gives what claiming them section by section gave.
                var before = Slug.Uniquer(), after = Slug.Uniquer()
                let oneByOne = regions.flatMap { region in
                    ProseReader.rules(ProseReader.read(region.blocks, sectionTitle: region.title, isPreamble: region.path.isEmpty,
                                                       names: names, in: document),
                                      path: region.path, headings: region.path.reversed().compactMap { titles[$0] }, uniquer: &before)
                }
                var claimed: [Rule] = []
                ProseReader.claimIDs(parallel, into: &claimed, uniquer: &after)
                #expect(claimed == oneByOne, "\(document.source.path)")
                #expect(claimed.contains { $0.parent != nil } || !oneByOne.contains { $0.parent != nil })
            }
        }
    }

    @Test func balancedRunsCoverEveryIndexInOrder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let weights = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                Int.random(in: 0...3, using: &generator) == 0 ? 0 : Int.random(in: 1...1000, using: &generator)
            }
            let parts = Int.random(in: 1...9, using: &generator)
            let minimum = Int.random(in: 1...3000, using: &generator)
            let runs = ProseReader.balancedRuns(weights, parts: parts, minimumWeight: minimum)
            #expect(runs.flatMap { Array($0) } == Array(weights.indices), "\(weights) \(parts) \(minimum)")
            #expect(runs.allSatisfy { !$0.isEmpty })
            #expect(runs.count <= max(1, parts))
            let total = weights.reduce(0, +)
            if total < 2 * minimum || parts == 1 { #expect(runs.count <= 1, "\(weights) \(parts) \(minimum)") }
        }
        // Equal weights split evenly.
        #expect(ProseReader.balancedRuns([10, 10, 10, 10], parts: 2, minimumWeight: 1) == [0..<2, 2..<4])
    }
}

/// Reading stops once a spec's prose has given more rules than are read
/// (``SpecLimits/maximumRules``): a spec of millions of one-line rules took gigabytes.
@Suite struct RuleCountTests {
    @Test func readingStopsPastTheLimitAndSaysWhere() throws {
        let lines = (0..<2_000).map { "Never reveal secret number \($0)." }.joined(separator: "\n")
        let text = "# Policy\n\n## Rules\n\n" + lines + "\n\n## More\n\n" + lines + "\n"
        let document = MarkdownDocument(source: try SourceText(path: "many.md", bytes: Array(text.utf8)))
        let sections = document.blocks.indices.filter { document.blocks[$0].depth == 0 && document.blocks[$0].kind == .paragraph }
        let regions = sections.map { ProseReader.Region(blocks: [$0], title: "Rules", path: ["rules"], isPreamble: false) }

        let count = RuleCount(limit: 1_000)
        let read = ProseReader.readRegions(regions, sectionTitles: [:], names: .standard, in: document, count: count)
        #expect(count.exceeded)
        let stopped = try #require(count.stoppedBefore)
        #expect(stopped > 5 && stopped < 4_000, "\(stopped)")
        #expect(read.reduce(0) { $0 + $1.rules.count } < 2_000, "reading went on after the limit")

        let all = RuleCount(limit: 10_000)
        let whole = ProseReader.readRegions(regions, sectionTitles: [:], names: .standard, in: document, count: all)
        #expect(!all.exceeded && all.stoppedBefore == nil)
        #expect(whole.reduce(0) { $0 + $1.rules.count } == 4_000)
    }
}

/// A spec with more rules than are read is refused with the line where reading stopped.
@Suite struct TooManyRulesTests {
    @Test func aSpecOfMoreRulesThanAreReadIsRefused() throws {
        let prose = "# Policy\n\n## Rules\n\n" + (0..<300).map { "Never reveal secret number \($0)." }.joined(separator: "\n") + "\n"
        let source = try SourceText(path: "many.md", bytes: Array(prose.utf8))
        #expect(try MarkdownSpecReader.read(source, maximumRules: 300).rules.count == 300)
        do {
            _ = try MarkdownSpecReader.read(source, maximumRules: 100)
            Issue.record("a spec of 300 rules was read under a limit of 100")
        } catch {
            #expect(error.file == "many.md")
            #expect(error.reason.hasPrefix("more than 100 rules by line \(error.line)"))
            #expect(error.line > 5 && error.line <= 305, "\(error.line)")
        }
        let headings = "# Spec\n\n" + (0..<120).map { "## Rule \($0) {#r\($0) kind=safety}\n\nDo \($0).\n" }.joined(separator: "\n")
        #expect(throws: SpecReadError.self) { try MarkdownSpecReader.read(try SourceText(path: "h.md", bytes: Array(headings.utf8)), maximumRules: 100) }
    }
}

/// Every rule under a heading keeps the reason its kind came from the heading: a heading
/// half a file long made gigabytes of JSON. The reason quotes its first bytes.
@Suite struct HeadingReasonTests {
    @Test func aLongHeadingIsQuotedByItsFirstBytes() throws {
        let title = "Prohibited " + (0..<400).map { "word\($0)" }.joined(separator: " ")
        let spec = try parse("# Policy\n\n## \(title)\n\n" + (0..<5).map { "The assistant must not share x\($0).\n\n" }.joined())
        #expect(spec.rules.count == 5)
        for rule in spec.rules {
            let reason = try #require(rule.kindReason)
            #expect(reason.hasPrefix("heading: Prohibited word0") && reason.hasSuffix("…") && reason.utf8.count < 160, "\(reason)")
        }
    }
}
