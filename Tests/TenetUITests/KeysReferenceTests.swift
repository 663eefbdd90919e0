import Foundation
import Testing
@testable import TenetUI

/// `docs/keys.md` is the keys reference generated from the keymap and the `:` command
/// table; it must say what the help screen says.
@Suite struct KeysReferenceTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/keys.md").standardizedFileURL.path

    @Test func committedPageMatchesTheTables() throws {
        let generated = KeysReference.markdown()
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try generated.write(toFile: Self.page, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: Self.page, encoding: .utf8)
        #expect(committed == generated, "docs/keys.md is out of date: run UPDATE_SNAPSHOTS=1 swift test --filter KeysReferenceTests")
    }

    @Test func everyBindingAndCommandIsOnThePage() {
        let page = KeysReference.markdown()
        for binding in Keymap().bindings { #expect(page.contains("`\(binding.command.rawValue)`"), "\(binding.command.rawValue)") }
        for command in LineCommands.all { #expect(page.contains(command.usage), "\(command.usage)") }
    }

    @Test func aReboundKeyShowsOnTheHelpAsOnThePage() {
        var bindings = Keymap.defaults
        let index = bindings.firstIndex { $0.command == .undo }!
        bindings[index].keys = [.ctrl("z")]
        let keymap = Keymap(bindings: bindings)
        let help = HelpScreen.lines(keymap, width: 120).map { $0.map(\.text).joined() }
        #expect(help.contains { $0.contains("Ctrl-Z") && $0.contains("undo") })
        #expect(KeysReference.markdown(keymap).contains("| `Ctrl-Z` |"))
    }
}
