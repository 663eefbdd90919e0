import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension ProjectCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "The project's review settings.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let settings = try storeCall { () throws(StoreError) in try project.reviewSettings() }
            let card = try storeCall { () throws(StoreError) in try project.datasetCardSettings() }
            if json {
                struct Shape: Encodable {
                    var overlap: Int; var visibility: String; var leaseSeconds: Int; var roles: [String: String]
                    var license: String?; var language: [String]; var prettyName: String?
                }
                Output.write(try JSONOutput.encode(Shape(overlap: settings.overlap, visibility: settings.visibility,
                                                         leaseSeconds: settings.leaseSeconds, roles: settings.roles.mapValues(\.rawValue),
                                                         license: card.license, language: card.language, prettyName: card.prettyName)))
                return
            }
            var out = "overlap        \(settings.overlap)   (independent verdicts each pair needs)\n"
            out += "visibility     \(settings.visibility)   (all: annotators see each other's decisions; own: only theirs)\n"
            out += "lease-seconds  \(settings.leaseSeconds)   (how long a served pair stays reserved)\n"
            for (user, role) in settings.roles.sorted(by: { $0.key < $1.key }) { out += "role.\(SafeText.visible(user))  \(role.rawValue)\n" }
            out += "license        \(card.license ?? "–")   (the dataset card's licence, a Hub identifier)\n"
            out += "language       \(card.language.isEmpty ? "–" : card.language.joined(separator: ","))   (the dataset card's languages)\n"
            out += "pretty-name    \(card.prettyName.map { SafeText.visible($0) } ?? "–")   (the dataset card's name)\n"
            Output.write(out)
        }
    }
}
