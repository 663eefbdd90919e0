import Foundation
import Testing
@testable import TenetSpec

/// Paths to the test fixtures and the sample specs.
enum Paths {
    static let fixtures: String = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
    static let publicSpecs = fixtures + "/public"
    /// The package root, found from this file's location.
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let sampleSpecs = root + "/SampleSpecs"

    static var sampleFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sampleSpecs)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted().map { sampleSpecs + "/" + $0 }
    }
}

/// Reads Markdown held in a string (dedented, so tests can indent their documents).
func parse(_ markdown: String, path: String = "test.md") throws -> Spec {
    try SpecReader.read(path: path, text: markdown)
}

/// Lint codes of a document, for assertions.
func lintCodes(_ markdown: String) throws -> [String] {
    Linter.lint(try parse(markdown)).map(\.code)
}

/// Expects `text`, alone in a spec's "Rules" section, to be read as a rule of `direction`.
func expectRule(_ text: String, reads direction: Direction, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let rule = try #require(try parse("# Bot\n\n## Rules\n\n\(text)\n").rules.first, "no rule from: \(text)", sourceLocation: sourceLocation)
    #expect(rule.direction == direction, "\(text): \(rule.directionReason ?? "")", sourceLocation: sourceLocation)
}
