/// What a piece of the screen means. Themes give each role a style; screens only ever
/// ask for roles, so a theme file can restyle everything.
public enum Role: String, CaseIterable, Sendable, Hashable {
    case text, muted, title, border
    case statusBar = "status-bar", hint, hintKey = "hint-key", message, error
    case selection, selectionInactive = "selection-inactive", match
    case section, ruleID = "rule-id", count
    case safety, behavioral, unclassified
    case require, prohibit
    case good, bad, borderline
    case heading, strong, emphasis, code, placeholder, link, quote
    case lintError = "lint-error", lintWarning = "lint-warning"
    case diffAdd = "diff-add", diffRemove = "diff-remove", diffChange = "diff-change"
    case editField = "edit-field", cursor
    case controlChar = "control-char"
    case accepted, rejected, flagged, pending
}
