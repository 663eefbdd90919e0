import Foundation

/// A database path in a fresh temporary directory (no file there yet); `remove()` takes
/// the directory away.
struct ScratchDatabase {
    let directory: String
    let path: String

    init() throws {
        directory = try StoreSettingsTests.temporaryDirectory()
        path = directory + "/p.db"
    }

    /// The names of the files in the directory.
    var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
