import Foundation
import TenetUI

/// The workbench's lints of specs in the background: one at a time, and for each spec only
/// the latest asked for. A save asks for its spec's findings again; on a large spec each
/// lint reads the whole spec, and a run of quick saves would read it once per save, side by
/// side, and could show an older lint's findings after a newer one's. Now requests that
/// wait behind a running lint are folded into the newest, and findings land in the order
/// they were asked for.
final class LintQueue: @unchecked Sendable {
    private let lock = NSLock()
    /// The newest ticket asked for each spec.
    private var latest: [String: Int] = [:]
    private var tickets = 0
    private let queue = DispatchQueue(label: "tenet.lint", qos: .userInitiated)

    /// Lints `spec` with `lint` after the lints already asked for, unless a newer request
    /// for the same spec comes first; its findings arrive through `mailbox` as
    /// ``Action/lintLoaded(spec:marks:)``.
    func request(_ spec: String, mailbox: Mailbox, lint: @escaping @Sendable () -> [String: [LintMark]]) {
        let ticket = lock.withLock { () -> Int in
            tickets += 1
            latest[spec] = tickets
            return tickets
        }
        mailbox.begin()
        queue.async { [self] in
            guard lock.withLock({ latest[spec] == ticket }) else { return mailbox.finish(nil) }
            mailbox.finish(.lintLoaded(spec: spec, marks: lint()))
        }
    }
}
