import Testing

/// The command line as a newcomer meets it.
@Suite struct UsageTests {
    @Test func helpListsTheCommands() throws {
        let result = try TenetProcess.run(["--help"])
        #expect(result.status == 0)
        for command in ["parse", "lint", "diff"] { #expect(result.stdout.contains("  \(command) ")) }
    }

    @Test func aMistypedCommandSaysSoAndExitsWithAUsageError() throws {
        let result = try TenetProcess.run(["prase", "x.md"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("prase"))
    }
}
