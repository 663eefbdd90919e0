import Foundation
import Testing

/// `--theme` is checked before the workbench opens: a path is refused, an unknown name
/// lists the themes there are. The config's `theme` and `:theme NAME` are refused on screen.
@Suite struct ThemeNameCommandTests {
    @Test func aThemeNameThatIsAPathIsRefusedBeforeAnyFileIsRead() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A real theme file where the path would lead: still refused.
        try FileManager.default.createDirectory(atPath: directory + "/config/tenet/themes", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TenetProcess.root + "/Themes/light.theme", toPath: directory + "/config/tenet/evil.theme")
        for arguments in [["--theme", "../evil"], ["workbench", "--theme", "../../etc/x"], ["open", "x.md", "--theme", "/etc/passwd"]] {
            let result = try TenetProcess.run(arguments, in: directory, environment: ["XDG_CONFIG_HOME": directory + "/config"])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("is not a theme name: a theme name is letters, digits, “-”, “_” and “.” (not first)"),
                    "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("no such file"))
        }
    }

    @Test func anUnknownThemeListsTheThemesAndWhereTheyWereLookedFor() throws {
        let directory = try TenetProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/config/tenet/themes", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TenetProcess.root + "/Themes/light.theme", toPath: directory + "/config/tenet/themes/mine.theme")
        // Every command that opens a screen takes --theme, and checks it before opening one.
        for arguments in [["--theme", "nope"], ["open", "x.md", "--theme", "nope"], ["review", "--theme", "nope"],
                          ["midtrain", "review", "--theme", "nope"]] {
            let result = try TenetProcess.run(arguments, in: directory, environment: ["XDG_CONFIG_HOME": directory + "/config"])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("no theme “nope”; available: dark, high-contrast, light, mine, mono"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("looked in \(directory)/config/tenet/themes, \(TenetProcess.root)/Themes"), "\(arguments)")
        }
    }

    @Test(.enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(2)))
    func theConfigsThemeAndTheThemeCommandRefuseAPathToo() throws {
        let s = try WorkbenchEndToEndTests.Scratch()
        let config = s.directory + "/config/tenet"
        try FileManager.default.createDirectory(atPath: config + "/themes", withIntermediateDirectories: true)
        // A real theme file where the path would lead (config/tenet/themes/../evil.theme): a red title bar.
        try "name = evil\ntitle = 231/bright-white on 196/red bold\n".write(toFile: config + "/evil.theme", atomically: true, encoding: .utf8)
        try "theme = ../evil\n".write(toFile: config + "/config", atomically: true, encoding: .utf8)
        let stderr = s.directory + "/stderr.txt"
        let tui = try s.workbench(width: 160, stderr: stderr)
        defer { tui.stop() }
        try tui.waitFor("“../evil” is not a theme name")
        #expect(try tui.styledScreen().contains("48;5;24m"), "the dark theme's blue title bar")
        #expect(try !tui.styledScreen().contains("48;5;196m"), "not the red one of the file outside themes/")

        try tui.press(":")
        try tui.type("theme ../themes/../evil")
        try tui.press("Enter")
        try tui.waitFor("“../themes/../evil” is not a theme name")
        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)
        let printed = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
        // At the config's line, as the config's other problems are.
        #expect(printed.contains("config/tenet/config:1: “../evil” is not a theme name"), "\(printed)")
    }
}
