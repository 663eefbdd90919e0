import Testing
import TenetSpec

/// The folder of a path, by its text (Foundation's `deletingLastPathComponent` trapped on
/// one-character paths).
@Suite struct FolderOfPathTests {
    @Test(arguments: [
        ("a", "."), ("ab", "."), (".", "."), ("a/", "."), ("./a", "."), ("a/b", "a"), ("a/b/c", "a/b"),
        ("/a", "/"), ("/", "/"), ("//", "/"), ("a//b", "a"), ("a/b/", "a"), ("/x/y.db", "/x"), ("-", "."),
    ])
    func theFolderIsThePathUpToItsLastSlash(_ path: String, _ folder: String) {
        #expect(FolderOfPath.folder(of: path) == folder, "\(path)")
    }
}
