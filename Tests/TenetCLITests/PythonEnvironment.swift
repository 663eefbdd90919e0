import Foundation

/// The project's Python environment for tests that check exports with their real
/// consumers: `.venv/` in the project, which `make test` creates (`.ci/python-deps`) with
/// the packages pinned in `.ci/requirements.txt`.
enum PythonEnvironment {
    static let python = TenetProcess.root + "/.venv/bin/python"

    /// Whether it is there.
    static var present: Bool { FileManager.default.isExecutableFile(atPath: python) }

    /// On CI (`CI=true`) a missing environment is a failure, never a skip.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// What to do when it is missing.
    static let missing = "no Python environment with datasets at .venv/: run `make test`, or `.ci/python-deps` alone, to create it"

    /// Runs `script` with the environment's Python, offline, with `datasets`' caches in
    /// `directory`; `arguments` follow the script.
    static func run(_ script: String, _ arguments: [String], in directory: String) throws -> TenetProcess.Result {
        let path = directory + "/check-\(UUID().uuidString).py"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return try TenetProcess.runProgram(python, [path] + arguments, in: directory, environment: [
            "HF_HOME": directory + "/hf-home", "HF_DATASETS_CACHE": directory + "/hf-cache",
            "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_DATASETS_DISABLE_PROGRESS_BARS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        ])
    }
}
