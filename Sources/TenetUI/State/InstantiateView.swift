import TenetSpec

/// The instantiation screen: controls changed with keys, the instance recomputed at once
/// (instantiation is pure: the reducer runs it), saved and generated from with a key.
public struct InstantiateView: Sendable, Equatable {
    /// What the bottom line is asking for.
    public enum Entry: Sendable, Equatable { case saveName, generateCount }

    public var specID: String
    /// The spec as annotated in the project, once loaded.
    public var spec: Spec?
    public var revision = 0
    public var controls = InstantiationControls(seed: 1)
    public var format: InstantiationFormat = .system
    public var preview: Instantiation?
    public var problem: String?
    public var scroll = 0
    /// The name it was last saved under.
    public var savedName: String?
    public var entry: Entry?
    public var editor = LineEditor()

    public init(specID: String) { self.specID = specID }

    /// How many rules the controls can draw from (classified ones, unclassified too when
    /// let in, less those excluded and those that need a direction first); `nil` until
    /// the spec is loaded.
    public var poolSize: Int? {
        guard let spec else { return nil }
        return Instantiator.pool(spec, controls).count
    }

    /// Keeps the rule range inside the pool (its width kept where it fits): the controls
    /// never ask for more rules than the spec has.
    public mutating func clampToPool() {
        guard let pool = poolSize, pool > 0, controls.maxRules > pool else { return }
        let width = controls.maxRules - controls.minRules
        controls.maxRules = pool
        controls.minRules = max(1, pool - width)
    }

    /// Recomputes the instance from the controls.
    public mutating func refresh() {
        guard let spec else { return }
        do {
            preview = try Instantiator.instantiate(spec, revision: revision, controls: controls)
            problem = nil
        } catch {
            problem = error.message
        }
    }
}

/// A generation running in the background, as the status bar shows it.
public struct GenerationStatus: Sendable, Equatable {
    public var done: Int
    public var total: Int
    /// What was made and not kept so far (`2,345 duplicates`), or empty.
    public var note: String = ""
}
