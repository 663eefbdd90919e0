/// The names a project keeps things under — instantiations, prompt sets, evaluation runs:
/// 1 to ``maximumLength`` letters, digits, `.`, `_` and `-`. They name files too (a run's
/// lock file beside the database), so a name of 400 characters recorded a run that could
/// never take its lock, be resumed or be named again.
public enum StoredName {
    /// The longest name.
    public static let maximumLength = 64

    /// Why `name` cannot name a `what` ("run", "prompt set", "instantiation"), or `nil`.
    public static func problem(_ name: String, _ what: String) -> String? {
        let allowed = name.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) }
        guard name.isEmpty || !allowed || name.count > maximumLength else { return nil }
        let shown = name.count > maximumLength ? String(name.prefix(maximumLength)) + "…" : name
        let length = name.count > maximumLength ? " (\(name.count) characters)" : ""
        return "\(what) name `\(shown)`\(length) is not valid: use 1 to \(maximumLength) letters, digits, `.`, `_` and `-`"
    }

    /// Throws ``problem(_:_:)`` as an invalid request.
    static func check(_ name: String, _ what: String) throws(StoreError) {
        if let problem = problem(name, what) { throw StoreError.invalid(problem) }
    }
}
