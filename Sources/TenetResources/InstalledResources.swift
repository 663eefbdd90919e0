import Foundation

/// Where the files Tenet ships with — themes, sample specs, role templates — are found,
/// wherever the binary was started from.
///
/// Two layouts are known, both relative to the running executable (symlinks resolved),
/// so neither depends on the working directory nor on how the binary was named on `PATH`:
///
/// - installed (`make install PREFIX=P`): the binary is `P/bin/tenet`, the files are in
///   `P/share/tenet/` (`Themes`, `SampleSpecs`, `templates`);
/// - built (`swift build`, `swift run`): the binary is `.build/<triple>/<config>/tenet` and
///   the files are the package's own folders, three levels up (two through the
///   `.build/debug` symlink).
///
/// The working directory is looked at last, for a binary copied somewhere on its own.
public enum InstalledResources {
    /// The folders that may hold the running executable, best first: the real file's
    /// (symlinks resolved), then the folder it was invoked through if that differs (a
    /// symlink in another prefix).
    public static let executableDirectories: [URL] = {
        var found: [URL] = []
        func add(_ url: URL?) {
            guard let url else { return }
            let folder = url.deletingLastPathComponent().standardizedFileURL
            if !found.contains(folder) { found.append(folder) }
        }
        #if os(Linux)
        // The kernel's answer: an absolute path with every symlink resolved, right even
        // when argv[0] is a bare name found on PATH (as under an SSH forced command).
        if let real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            add(URL(fileURLWithPath: real))
        }
        #endif
        if let main = Bundle.main.executableURL { add(main.resolvingSymlinksInPath()) }
        if let invoked = invokedPath() {
            add(URL(fileURLWithPath: invoked).resolvingSymlinksInPath())
            add(URL(fileURLWithPath: invoked))
        }
        return found
    }()

    /// Where a shipped folder may be, best first. `installedName` is its name under
    /// `share/tenet` when that differs from `name`, its name in the package.
    public static func candidates(named name: String, installedName: String? = nil, override: String? = nil) -> [String] {
        var candidates: [String] = []
        if let override, !override.isEmpty { candidates.append(override) }
        for folder in executableDirectories {
            candidates.append(folder.appendingPathComponent("../share/tenet/\(installedName ?? name)").standardized.path)
        }
        for folder in executableDirectories {
            candidates.append(folder.appendingPathComponent("../../\(name)").standardized.path)
            candidates.append(folder.appendingPathComponent("../../../\(name)").standardized.path)
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/" + name)
        var unique: [String] = []
        for candidate in candidates where !unique.contains(candidate) { unique.append(candidate) }
        return unique
    }

    /// The first of ``candidates(named:installedName:override:)`` that is a folder.
    public static func directory(named name: String, installedName: String? = nil, override: String? = nil) -> String? {
        candidates(named: name, installedName: installedName, override: override).first(where: isDirectory)
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// argv[0] as a path: itself when it names a folder, else looked up on PATH as the
    /// shell did.
    private static func invokedPath() -> String? {
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        if first.contains("/") { return first }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(first)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
