import Foundation
import Testing

/// A command a message suggests names the project the person named with `--db`: pasted
/// as printed, `tenet import spec FILE` acted on `./tenet.db` (another project), or failed
/// from another folder. A path a shell would split is quoted; a project named by
/// `$TENET_DB` carries over by itself and is not repeated.
@Suite struct CommandHintTests {
    @Test func aSuggestedCommandNamesTheProjectGivenWithDb() throws {
        let directory = try TenetProcess.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/my projects", withIntermediateDirectories: true)
        let spaced = try TenetProcess.run(["review", "--db", "my projects/team.db"], in: directory, environment: ["TENET_USER": "alice"])
        #expect(spaced.status == 1)
        #expect(spaced.stderr.contains("import a spec first with tenet --db 'my projects/team.db' import spec FILE"), "\(spaced.stderr)")

        let plain = try TenetProcess.run(["--db", "team.db", "review"], in: directory, environment: ["TENET_USER": "alice"])
        #expect(plain.stderr.contains("with tenet --db team.db import spec FILE"), "\(plain.stderr)")

        let fromEnvironment = try TenetProcess.run(["review"], in: directory, environment: ["TENET_USER": "alice", "TENET_DB": "team.db"])
        #expect(fromEnvironment.stderr.contains("with tenet import spec FILE"), "\(fromEnvironment.stderr)")

        // "mkdir -p no such" made two folders.
        let missing = try TenetProcess.run(["rule", "list", "--db", "no such/t.db"], in: directory, environment: ["TENET_USER": "alice"])
        #expect(missing.stderr.contains("create it first (mkdir -p 'no such')"), "\(missing.stderr)")
    }
}
