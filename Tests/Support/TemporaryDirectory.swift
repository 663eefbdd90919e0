import Foundation

/// A new, empty directory under the system's temporary folder, named `PREFIX-UUID` so
/// that a leftover says which tests made it. The caller removes it.
public func temporaryDirectory(_ prefix: String = "tenet-test") throws -> String {
    let path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
