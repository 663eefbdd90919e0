import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet stats`: review progress and agreement.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Review progress per spec, rule, annotator and status, and agreement between annotators.",
        discussion: """
        Agreement is computed over the pairs two or more annotators decided (accept, reject, \
        flag, tie; skips left out): Cohen's κ when exactly two annotators share them, \
        Krippendorff's α (nominal) always — overall and per rule. A dash means undefined \
        (no shared pairs, or no variation at all).
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this spec's pairs.") var spec: String?
    @Flag(help: "As JSON.") var json = false

    func run() throws {
        let project = try store.open()
        let stats = try storeCall { () throws(StoreError) in try project.reviewStats(spec: spec) }
        if json {
            Output.write(try JSONOutput.encode(stats))
            return
        }
        Output.write(Self.text(stats))
    }

    static func text(_ stats: ReviewStats) -> String {
        func counts(_ map: [String: Int]) -> String {
            let order = PairStatus.allCases.map(\.rawValue) + Decision.allCases.map(\.rawValue)
            return map.sorted { (order.firstIndex(of: $0.key) ?? 99, $0.key) < (order.firstIndex(of: $1.key) ?? 99, $1.key) }
                .map { "\($0.key) \($0.value)" }.joined(separator: " · ")
        }
        func table(_ title: String, _ rows: [String: [String: Int]]) -> String {
            guard !rows.isEmpty else { return "" }
            let width = min(40, rows.keys.map(\.count).max() ?? 0)
            var out = "\n\(title)\n"
            for (name, map) in rows.sorted(by: { $0.key < $1.key }) {
                out += "  " + SafeText.visible(name).padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: " %6d   ", map.values.reduce(0, +)) + counts(map) + "\n"
            }
            return out
        }
        guard stats.total > 0 else { return "no pairs yet; tenet generate or tenet import pairs adds some\n" }
        var out = "pairs: \(stats.total)   \(counts(stats.statuses))\n"
        out += table("by spec", stats.specs)
        out += table("by rule", stats.rules)
        out += table("by annotator (decisions)", stats.annotators)
        out += "\nagreement (pairs with two or more verdicts)\n"
        if stats.agreement.isEmpty {
            out += "  none yet: set tenet project set overlap 2 for independent reviews\n"
        } else {
            let width = max(5, min(40, stats.agreement.map(\.scope.count).max() ?? 0))
            out += "  " + "scope".padding(toLength: width, withPad: " ", startingAt: 0) + "   pairs   κ       α       annotators\n"
            for figure in stats.agreement {
                func number(_ value: Double?) -> String { value.map { String(format: "%6.3f", $0) } ?? "     –" }
                out += "  " + SafeText.visible(figure.scope).padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: " %7d", figure.pairs) + "  \(number(figure.kappa))  \(number(figure.alpha))  "
                    + SafeText.visible(figure.annotators.joined(separator: ", ")) + "\n"
            }
        }
        return out
    }
}

/// `tenet project set NAME VALUE` and `tenet project show`: review settings.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Review settings (overlap, visibility, lease length, roles) and dataset card settings (licence, language, pretty name); admins change them, each change is in tenet log.",
        subcommands: [Show.self, Set.self]
    )

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

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a review or dataset card setting.",
            discussion: """
            overlap N (1–20) · visibility all|own · lease-seconds N · role.USER viewer|annotator|adjudicator|author|admin \
            (as tenet access role USER ROLE) · license ID (a Hub licence such as cc-by-4.0) · language CODES (en, or en,fr) · \
            pretty-name TEXT: what tenet export pairs --format hf writes in its dataset card; an empty value unsets them.
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "overlap, visibility, lease-seconds, role.USER, license, language or pretty-name.") var name: String
        @Argument(help: "The value.") var value: String

        func run() throws {
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.setReviewSetting(name, value) }
            Output.write("\(name) = \(value)\n")
        }
    }
}
