import Foundation

/// A new, empty directory under the system's temporary folder, named `PREFIX-UUID` so
/// that it says which tests made it. It lives in a folder of this test process
/// (`tenet-tests-PID`), which is removed when the process exits: most callers never
/// removed theirs, and a few thousand were left in `/tmp` by every run of the suite.
public func temporaryDirectory(_ prefix: String = "tenet-test") throws -> String {
    let path = TestProcessFolder.path + "/" + prefix + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The folder of this test process's temporary directories, removed at its exit.
enum TestProcessFolder {
    static let path: String = {
        let path = NSTemporaryDirectory() + "tenet-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { TestProcessFolder.remove() }
        return path
    }()

    static func remove() {
        try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "tenet-tests-\(getpid())")
    }
}
