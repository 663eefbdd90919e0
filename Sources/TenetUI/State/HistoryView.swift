import TenetStore

/// A rule's history as the history pane shows it.
public struct HistoryView: Sendable, Equatable {
    public var key: String
    public var ruleID: String
    public var entries: [LogEntry] = []
    public var selected = 0
    /// Field changes of the selected entry's revision, once loaded.
    public var changes: [FieldChange]?
    public var changesRevision: Int?
    public var blame: [BlameLine] = []
    public var showBlame = false
    public var loading = true

    public init(key: String, ruleID: String) {
        self.key = key
        self.ruleID = ruleID
    }
}
