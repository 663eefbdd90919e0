import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet project set NAME VALUE` and `tenet project show`: review settings.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Review settings (overlap, visibility, lease length, roles) and dataset card settings (licence, language, pretty name); admins change them, each change is in tenet log.",
        subcommands: [Show.self, Set.self]
    )
}
