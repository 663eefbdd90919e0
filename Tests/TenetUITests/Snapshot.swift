import Foundation
import Testing
@testable import TenetUI

/// Text snapshots of rendered screens, kept in Tests/TenetUITests/Snapshots. A missing or
/// different snapshot fails the test; `UPDATE_SNAPSHOTS=1 swift test` rewrites them (then
/// review the diff before committing).
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").path

    static func assert(_ state: WorkbenchState, size: Size, named name: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let buffer = render(state, size: size, theme: .plain)
        let text = normalized(buffer.text) + "\n"
        let path = folder + "/" + name + ".txt"
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; run UPDATE_SNAPSHOTS=1 swift test and review it", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("""
                snapshot \(name) differs at line \(first + 1):
                expected: \(first < a.count ? String(a[first]) : "(end)")
                actual:   \(first < b.count ? String(b[first]) : "(end)")
                whole screen:
                \(text)
                """, sourceLocation: sourceLocation)
        }
    }

    /// Times in history lines vary from run to run.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d\d-\d\d \d\d:\d\d"#, with: "MM-DD hh:mm", options: .regularExpression)
    }
}
