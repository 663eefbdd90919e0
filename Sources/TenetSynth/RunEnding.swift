/// How a run's body ended: at its end, stopped (its task was cancelled; what it saved
/// stands), or failed with the error a provider threw.
struct RunEnding {
    var stopped = false
    var failure: String?

    static func of(_ body: () async throws -> Void) async -> RunEnding {
        do {
            try await body()
            return RunEnding(stopped: Task.isCancelled)
        } catch is CancellationError {
            return RunEnding(stopped: true)
        } catch {
            return Task.isCancelled ? RunEnding(stopped: true) : RunEnding(failure: "\(error)")
        }
    }
}
