import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension ProjectCommand {
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set",
            abstract: "Change a review or dataset card setting.",
            discussion: """
            overlap N (1–20) · visibility all|own · lease-seconds N · role.USER viewer|annotator|adjudicator|author|admin \
            (as tenet access role USER ROLE) · license ID (a Hub licence such as cc-by-4.0) · language CODES (en, or en,fr) · \
            pretty-name TEXT: what tenet export pairs --format hf writes in its dataset card; an empty value unsets them.
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "overlap, visibility, lease-seconds, role.USER, license, language or pretty-name.") var name: String
        @Argument(help: "The value.") var value: String

        /// A bad name or value is bad usage (exit 64), said as the store says it.
        func validate() throws {
            if let problem = ProjectStore.reviewSettingProblem(name, value) { throw ValidationError(problem) }
        }

        func run() throws {
            let project = try store.open()
            try storeCall { () throws(StoreError) in try project.setReviewSetting(name, value) }
            // A pair's status is written with its decisions: a new overlap counts from the next one.
            var note = name == "overlap" ? " (pairs already finished keep their status; tenet pair reopen ID sends one back for more reviews)" : ""
            if name == "overlap", let waiting = try? project.pairsAwaitingTheirStatus(), waiting > 0 {
                note += "; \(waiting) pending pair\(waiting == 1 ? " has" : "s have") enough verdicts now, and "
                    + "\(waiting == 1 ? "gets its" : "each gets its") status when someone who decided it decides again "
                    + "(tenet pair decide PAIR DECISION), or goes back for review with tenet pair reopen PAIR --reason TEXT"
            }
            Output.write("\(SafeText.visible(name)) = \(SafeText.visible(value))\(note)\n")
        }
    }
}
