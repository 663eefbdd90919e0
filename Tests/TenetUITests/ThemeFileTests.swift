import Foundation
import Testing
@testable import TenetUI

/// The shipped theme files, read from `Themes/` at the package root.
private enum ShippedThemes {
    /// `Tests/TenetUITests/ThemeFileTests.swift` → two levels up is the package root.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".theme") }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }

    static func theme(_ name: String) throws -> Theme {
        let url = directory.appendingPathComponent(name + ".theme")
        return try ThemeFile.parse(String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent).get()
    }
}

/// Parses a theme that is expected to be valid.
private func theme(_ text: String) throws -> Theme {
    try ThemeFile.parse(text, file: "test.theme").get()
}

/// The error for a theme that is expected to be invalid.
private func themeError(_ text: String) -> ConfigError? {
    if case .failure(let error) = ThemeFile.parse(text, file: "test.theme") { return error }
    return nil
}

@Suite("Shipped theme files")
struct ShippedThemeTests {
    @Test func theFourThemesAreThere() throws {
        let names = Set(try ShippedThemes.files().map { $0.deletingPathExtension().lastPathComponent })
        #expect(names.isSuperset(of: ["dark", "light", "high-contrast", "mono"]))
    }

    @Test func everyThemeParsesAndSetsEveryRole() throws {
        let files = try ShippedThemes.files()
        #expect(!files.isEmpty)
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            switch ThemeFile.parse(text, file: url.lastPathComponent) {
            case .failure(let error):
                Issue.record("\(error)")
            case .success(let theme):
                #expect(theme.name == url.deletingPathExtension().lastPathComponent)
                let missing = Role.allCases.filter { theme.entries[$0] == nil }.map(\.rawValue)
                #expect(missing.isEmpty, "\(url.lastPathComponent) leaves out \(missing)")
            }
        }
    }

    @Test(arguments: ["dark", "light", "high-contrast"], [ColorDepth.full, .sixteen])
    func colouredThemesKeepMeaningsApart(name: String, depth: ColorDepth) throws {
        let resolved = try ShippedThemes.theme(name).resolved(for: depth)
        #expect(resolved[.safety] != resolved[.behavioral])
        #expect(resolved[.safety] != resolved[.unclassified])
        #expect(resolved[.behavioral] != resolved[.unclassified])
        #expect(resolved[.good] != resolved[.bad])
        #expect(resolved[.diffAdd] != resolved[.diffRemove])
        #expect(resolved[.accepted] != resolved[.rejected])
        #expect(resolved[.selection] != resolved[.text])
        #expect(resolved[.controlChar] != resolved[.text])
    }

    @Test(arguments: [ColorDepth.full, .sixteen, .eight, .none])
    func monoHasNoColours(depth: ColorDepth) throws {
        let mono = try ShippedThemes.theme("mono")
        for entry in mono.entries.values {
            #expect(entry == ThemeEntry(attributes: entry.attributes))
        }
        let resolved = mono.resolved(for: depth)
        for role in Role.allCases {
            #expect(resolved[role].foreground == .terminalDefault && resolved[role].background == .terminalDefault)
        }
        #expect(resolved[.selection].attributes.contains(.reverse))
    }

    @Test func everyThemeKeepsBarsAndSelectionVisibleWithoutColour() throws {
        for url in try ShippedThemes.files() {
            let resolved = try ShippedThemes.theme(url.deletingPathExtension().lastPathComponent).resolved(for: .none)
            for role in [Role.selection, .statusBar, .editField, .controlChar] {
                #expect(!resolved[role].attributes.isDisjoint(with: [.reverse, .underline]),
                        "\(url.lastPathComponent): \(role.rawValue) is invisible without colour")
            }
        }
    }
}

@Suite("Theme file parser")
struct ThemeFileParserTests {
    @Test func readsTheDocumentedExample() throws {
        let parsed = try theme("""
            # Tenet dark theme
            name = dark
            text = default
            title = 231/bright-white on 24/blue bold
            selection = 231/white on 31/blue bold
            safety = 203/bright-red bold
            muted = 245/bright-black
            """)
        #expect(parsed.name == "dark")
        #expect(parsed.entries.count == 5)
        #expect(parsed.entries[.text] == ThemeEntry())
        #expect(parsed.entries[.title] == ThemeEntry(foreground256: .index(231), background256: .index(24),
                                                     foreground16: .index(15), background16: .index(4), attributes: .bold))
        #expect(parsed.entries[.selection]?.foreground16 == .index(7))
        #expect(parsed.entries[.muted] == ThemeEntry(foreground256: .index(245), foreground16: .index(8)))
    }

    @Test func colourForms() throws {
        let parsed = try theme("""
            text = 5
            muted = grey
            title = gray on bright-blue
            border = 196
            hint = default/red on 31/default
            match = on yellow
            selection = reverse
            strong = bold dim underline reverse italic
            """)
        #expect(parsed.entries[.text] == ThemeEntry(foreground256: .index(5), foreground16: .index(5)))
        #expect(parsed.entries[.muted] == ThemeEntry(foreground256: .index(8), foreground16: .index(8)))
        #expect(parsed.entries[.title] == ThemeEntry(foreground256: .index(8), background256: .index(12),
                                                     foreground16: .index(8), background16: .index(12)))
        #expect(parsed.entries[.border] == ThemeEntry(foreground256: .index(196), foreground16: .index(9)))
        #expect(parsed.entries[.hint] == ThemeEntry(foreground256: .terminalDefault, background256: .index(31),
                                                    foreground16: .index(1), background16: .terminalDefault))
        #expect(parsed.entries[.match] == ThemeEntry(background256: .index(3), background16: .index(3)))
        #expect(parsed.entries[.selection] == ThemeEntry(attributes: .reverse))
        #expect(parsed.entries[.strong]?.attributes == [.bold, .dim, .underline, .reverse, .italic])
    }

    @Test func caseCommentsAndLineEndings() throws {
        let parsed = try theme("Name = Solarised\r\n\r\n  Title = RED on Blue Bold   # loud\r\n#safety = nonsense\rmuted = dim")
        #expect(parsed.name == "Solarised")
        #expect(parsed.entries[.title] == ThemeEntry(foreground256: .index(1), background256: .index(4),
                                                     foreground16: .index(1), background16: .index(4), attributes: .bold))
        #expect(parsed.entries[.safety] == nil)
        #expect(parsed.entries[.muted] == ThemeEntry(attributes: .dim))
        #expect(themeError("text = red\r\n\r\nnonsense")?.line == 3)
    }

    @Test func nameDefaultsToTheFileName() throws {
        #expect(try ThemeFile.parse("", file: "/home/me/.config/tenet/themes/solar.theme").get().name == "solar")
        #expect(try ThemeFile.parse("", file: "plain").get().name == "plain")
        #expect(try ThemeFile.parse("", file: "/themes/.hidden").get().name == ".hidden")
        #expect(try ThemeFile.parse("", file: "a.b.theme").get().name == "a.b")
    }

    @Test(arguments: [
        ("name = x\n\nselektion = red", 3, #"unknown role "selektion" (did you mean selection?); known roles: text, muted, title, border, "#),
        ("title = blu", 1, #"title: unknown colour "blu" (did you mean blue?)"#),
        ("title = purple", 1, "a number 0–255, or 256-colour/16-colour such as 31/blue"),
        ("# comment\ntitle = 256", 2, "title: colour 256 is out of range; use 0–255"),
        ("title = 99999999999999999999999", 1, "out of range"),
        ("title = 300/red", 1, "out of range"),
        ("\n\ntitle = 31/200", 3, #"after "/" comes the 16-colour value, a name or 0–15; 200 is too large"#),
        ("title = 31/16", 1, "16-colour value"),
        ("title = 31/", 1, "one 256-colour value and one 16-colour value"),
        ("title = 1/2/3", 1, "one 256-colour value and one 16-colour value"),
        ("title = 31/purple", 1, #"unknown colour "purple""#),
        ("text = default\ntitle red", 2, #"missing "=": write ROLE = STYLE, e.g. title = "#),
        ("= red", 1, "missing role"),
        ("title = red\nmuted = dim\ntitle = blue", 3, "title is already set on line 1; keep one of them"),
        ("name = a\nname = b", 2, "name is already set on line 1"),
        ("name =", 1, "name needs a value"),
        ("title =", 1, "title: needs a style"),
        ("title = red blod", 1, #"unknown attribute "blod" (did you mean bold?); attributes: bold, dim, underline, reverse, italic"#),
        ("title = blod", 1, #"unknown colour or attribute "blod" (did you mean bold?)"#),
        ("title = red on", 1, #""on" needs a background colour"#),
        ("title = red on blue on green", 1, "only one background"),
        ("title = red blue", 1, #"unexpected colour "blue""#),
        ("title = bold red", 1, #"unexpected colour "red""#),
    ])
    func errorsSayWhereAndWhat(text: String, line: Int, fragment: String) throws {
        let error = try #require(themeError(text))
        #expect(error.file == "test.theme")
        #expect(error.line == line)
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.description == "test.theme:\(line): \(error.message)")
    }

    /// What xterm's default palette says (RGB distance to the 16 ANSI colours).
    @Test func nearestANSIColour() {
        #expect(ThemeFile.nearestANSI(to: 196) == 9)    // (255,0,0): bright red exactly
        #expect(ThemeFile.nearestANSI(to: 21) == 4)     // (0,0,255): blue (0,0,238), not bright blue (92,92,255)
        #expect(ThemeFile.nearestANSI(to: 46) == 10)    // (0,255,0)
        #expect(ThemeFile.nearestANSI(to: 226) == 11)   // (255,255,0)
        #expect(ThemeFile.nearestANSI(to: 231) == 15)   // (255,255,255)
        #expect(ThemeFile.nearestANSI(to: 16) == 0)     // (0,0,0)
        #expect(ThemeFile.nearestANSI(to: 24) == 6)     // (0,95,135): cyan is nearer than blue
        #expect(ThemeFile.nearestANSI(to: 124) == 1)    // (175,0,0)
        #expect(ThemeFile.nearestANSI(to: 232) == 0)    // grey 8
        #expect(ThemeFile.nearestANSI(to: 244) == 8)    // grey 128
        #expect(ThemeFile.nearestANSI(to: 250) == 7)    // grey 188
        for n in 0..<16 { #expect(ThemeFile.nearestANSI(to: n) == n) }
        #expect(ThemeFile.rgb(of: 16 + 36 * 2 + 6 * 3 + 4) == (135, 175, 215))
        #expect(ThemeFile.rgb(of: 255) == (238, 238, 238))
    }
}

@Suite("Theme resolution")
struct ThemeResolutionTests {
    private let sample = """
        text = 250/white
        title = 231/bright-white on 24/blue bold
        safety = 196 on bright-black underline
        good = 22/green dim
        """

    @Test func fullAndSixteen() throws {
        let parsed = try theme(sample)
        let full = parsed.resolved(for: .full), sixteen = parsed.resolved(for: .sixteen)
        #expect(full.name == "test" && full.depth == .full)
        #expect(full[.title] == Style(foreground: .index(231), background: .index(24), attributes: .bold))
        #expect(sixteen[.title] == Style(foreground: .index(15), background: .index(4), attributes: .bold))
        #expect(sixteen[.safety] == Style(foreground: .index(9), background: .index(8), attributes: .underline))
    }

    @Test func eightColoursShowBrightAsBold() throws {
        let eight = try theme(sample).resolved(for: .eight)
        #expect(eight[.title] == Style(foreground: .index(7), background: .index(4), attributes: .bold))
        #expect(eight[.safety] == Style(foreground: .index(1), background: .index(0), attributes: [.underline, .bold]))
        #expect(eight[.good] == Style(foreground: .index(2), attributes: .dim))
        #expect(eight[.text] == Style(foreground: .index(7)))
    }

    @Test func noColourKeepsAttributesAndReversesBackgroundOnlyBars() throws {
        let parsed = try theme("""
            selection = 231/white on 31/blue
            status-bar = on blue underline
            edit-field = red on blue reverse bold
            match = black on yellow
            selection-inactive = 240 on 236
            cursor = red
            title = 231 on 24 bold
            """)
        let none = parsed.resolved(for: .none)
        #expect(none[.selection] == Style(attributes: .reverse))
        #expect(none[.statusBar] == Style(attributes: .underline))
        #expect(none[.editField] == Style(attributes: [.reverse, .bold]))
        #expect(none[.match] == Style())                  // not one of the three
        #expect(none[.selectionInactive] == Style(attributes: .underline))   // quieter, but still shown
        #expect(none[.cursor] == Style())
        #expect(none[.title] == Style(attributes: .bold))
        #expect(try theme("selection = red").resolved(for: .none)[.selection] == Style())
    }

    @Test func missingRolesLookLikeText() throws {
        let parsed = try theme("text = 3 bold\nsafety = red")
        for depth in [ColorDepth.full, .sixteen, .eight] {
            let resolved = parsed.resolved(for: depth)
            #expect(resolved[.muted] == Style(foreground: .index(3), attributes: .bold))
            #expect(resolved[.safety] == Style(foreground: .index(1)))
        }
        #expect(try theme("").resolved(for: .full)[.title] == .plain)
    }

    @Test func outOfRangeColoursFromCodeDoNotCrash() {
        let odd = Theme(name: "odd", entries: [
            .text: ThemeEntry(foreground256: .index(-1), background256: .index(999),
                              foreground16: .index(200), background16: .index(-5)),
        ])
        #expect(odd.resolved(for: .full)[.text] == Style())
        #expect(odd.resolved(for: .sixteen)[.text] == Style(foreground: .index(ThemeFile.nearestANSI(to: 200))))
        _ = odd.resolved(for: .eight)
        _ = odd.resolved(for: .none)
    }
}
