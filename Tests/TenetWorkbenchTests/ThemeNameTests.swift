import Testing
@testable import TenetWorkbench

/// A theme name becomes a file name (`themes/NAME.theme`) and may be typed by a remote
/// annotator (`:theme NAME`): only plain names pass, never a path.
@Suite struct ThemeNameTests {
    @Test(arguments: ["dark", "high-contrast", "my_theme.v2", "Solarized-Light", "a"])
    func plainNamesAreThemeNames(_ name: String) {
        #expect(WorkbenchSettings.themeNameProblem(name) == nil)
    }

    @Test(arguments: ["../../etc/x", "..", ".hidden", "a/b", "/etc/passwd", "", "dark\u{0}", "x y", "café",
                      "~root", String(repeating: "a", count: 65)])
    func pathsAndOddNamesAreRefused(_ name: String) throws {
        let problem = try #require(WorkbenchSettings.themeNameProblem(name))
        #expect(problem.contains("is not a theme name"))
        #expect(problem.contains("letters, digits"))
    }

    @Test func theRefusalShowsNoControlCharacters() throws {
        let problem = try #require(WorkbenchSettings.themeNameProblem("\u{1B}]52;c;aGk=\u{07}\u{202E}x"))
        #expect(!problem.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        #expect(problem.contains("?]52;c;aGk=??x"))
    }
}
