/// The folder a path names a file in, from its text alone.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on a path of one character
/// (`tenet log --db a` crashed with SIGILL), so every caller uses this instead.
public enum FolderOfPath {
    /// The path up to its last `/` (trailing slashes aside): `a/b/c` → `a/b`, `/c` → `/`,
    /// `c` → `.`, `a//b/` → `a`. Never empty.
    public static func folder(of path: String) -> String {
        var text = Substring(path)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        guard let slash = text.lastIndex(of: "/") else { return "." }
        var folder = text[..<slash]
        while folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }
}
