import Foundation
import TenetFormats
import TenetStore
import TenetUI

/// The export screen's effects: counting what the choices select, and the export itself,
/// which runs off the event loop (a million pairs take a while) and can be stopped.
extension EffectRunner {
    func performExport(_ effect: Effect) throws -> [Action] {
        switch effect {
        case .countExport(let query):
            startCount(query)
            return []
        case .runExport(let job):
            startExport(job)
            return []
        case .stopExport:
            exportControl.cancel()
            return []
        default:
            return []
        }
    }

    /// Counts off the event loop (a million pairs take a second), one count at a time; a
    /// count whose choices were changed again before it started is skipped.
    private func startCount(_ query: PairQuery) {
        let store = self.store
        let mailbox = self.mailbox
        let latest = exportControl
        latest.countRequested(query)
        mailbox.begin()
        ExportControl.countQueue.async {
            guard latest.isLatestCount(query) else { return mailbox.finish(nil) }
            do {
                mailbox.finish(.exportCounted(query, try PairExporter.count(query, store: store)))
            } catch let error as ExportError {
                mailbox.finish(.exportCountFailed(query, error.message))
            } catch {
                mailbox.finish(.exportCountFailed(query, Self.oneLine("\(error)")))
            }
        }
    }

    private func startExport(_ job: ExportJob) {
        let store = self.store
        let mailbox = self.mailbox
        let control = exportControl
        control.start()
        mailbox.begin()
        DispatchQueue.global(qos: .userInitiated).async {
            let ended: Action
            do {
                let summary: ExportSummary
                switch job {
                case .pairs(let request):
                    summary = try PairExporter.run(request, store: store, progress: { mailbox.post(.exportProgress(done: $0.done, total: $0.total)) },
                                                   isCancelled: { control.isCancelled })
                case .rules(let request):
                    summary = try RuleExporter.run(request, store: store)
                }
                ended = .exportFinished(Self.exported(summary), failed: false, exists: false)
            } catch let error as ExportError {
                let message = error.targetExists ? "\(job.out) exists" : error.message
                ended = .exportFinished(Self.oneLine(message), failed: !error.cancelled, exists: error.targetExists)
            } catch {
                ended = .exportFinished("Export failed: " + Self.oneLine("\(error)"), failed: true, exists: false)
            }
            control.end()
            mailbox.finish(ended)
        }
    }

    /// The summary as the status line shows it, the target as an absolute path.
    static func exported(_ summary: ExportSummary) -> String {
        let path = URL(fileURLWithPath: summary.target).standardizedFileURL.path
        var message = summary.message
        if summary.target != path, let range = message.range(of: summary.target, options: .backwards) {
            message.replaceSubrange(range, with: path)
        }
        return message.prefix(1).uppercased() + message.dropFirst()
    }
}

/// A running export's stop flag, and a way to wait for it to end (on quit); and the
/// choices last asked to be counted.
final class ExportControl: @unchecked Sendable {
    /// Counts run one after another, off the event loop.
    static let countQueue = DispatchQueue(label: "tenet.export-count", qos: .userInitiated)

    private let condition = NSCondition()
    private var cancelled = false
    private var running = false
    private var latestCount: PairQuery?

    func countRequested(_ query: PairQuery) { condition.withLock { latestCount = query } }

    func isLatestCount(_ query: PairQuery) -> Bool { condition.withLock { latestCount == query } }

    func start() { condition.withLock { running = true; cancelled = false } }

    func cancel() { condition.withLock { cancelled = true } }

    var isCancelled: Bool { condition.withLock { cancelled } }

    var isRunning: Bool { condition.withLock { running } }

    func end() {
        condition.withLock {
            running = false
            condition.broadcast()
        }
    }

    /// Stops a running export and waits until it has removed its temporary file.
    func stopAndWait() {
        condition.lock()
        defer { condition.unlock() }
        guard running else { return }
        cancelled = true
        while running { condition.wait() }
    }
}
