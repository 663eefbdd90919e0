import Foundation
import Testing

/// What a rule means, from the command line: `tenet rule show` prints a prose rule's lead-in
/// and why it has its kind and direction; `tenet lint` reports a bare behaviour with no
/// direction; `tenet instantiate` leaves such rules out, and refuses an instance that would
/// be empty, saying why and what to do.
@Suite struct RuleMeaningCommandTests {
    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
    }

    func tenet(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments, in: directory, environment: ["TENET_USER": "alice"])
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    @Test func ruleShowPrintsTheLeadInAndTheReasons() throws {
        try write("policy.md", """
        # Policy

        ## Hard constraints

        The current hard constraints are as follows. The assistant should never:

        - Provide serious uplift to those seeking to create biological weapons.
        """)
        #expect(try tenet(["import", "spec", "policy.md"]).status == 0)
        let shown = try tenet(["rule", "show", "hard-constraints.provide-serious-uplift-to-those-seeking"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("lead-in: The assistant should never:"))
        #expect(shown.stdout.contains("safety  (inferred: prohibits mass-casualty weapons uplift)"))
        #expect(shown.stdout.contains("prohibit  (lead-in: “The assistant should never:”)"))

        // Set in Tenet, the value is stated: the reader's reason is gone.
        #expect(try tenet(["rule", "set", "hard-constraints.provide-serious-uplift-to-those-seeking", "--kind", "behavioral"]).status == 0)
        let after = try tenet(["rule", "show", "hard-constraints.provide-serious-uplift-to-those-seeking"])
        #expect(!after.stdout.contains("inferred: prohibits"))
    }

    @Test func bareBehavioursAreLintErrorsAndLeftOutOfInstancesUntilAnnotated() throws {
        try write("limits.md", """
        # Limits

        ## Limits

        The assistant's positions, as the team agreed them:

        - Providing detailed synthesis routes for nerve agents.

        ## Tone

        - Answer politely and in full.
        """)
        let lint = try tenet(["lint", "limits.md"])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("[direction-unknown]"))
        #expect(try tenet(["import", "spec", "limits.md"]).status == 0)
        let instance = try tenet(["instantiate", "limits", "--rules", "1..5"])
        #expect(instance.status == 0, "\(instance.stderr)")
        #expect(!instance.stdout.contains("synthesis routes"))
        #expect(instance.stdout.contains("1 rule left out: no direction"))
        #expect(try tenet(["rule", "set", "limits.providing-detailed-synthesis-routes-for", "--direction", "prohibit"]).status == 0)
        let annotated = try tenet(["instantiate", "limits", "--rules", "2"])
        #expect(annotated.stdout.contains("synthesis routes"))
    }

    @Test func anEmptyInstanceExitsNonZeroSayingWhyAndWhatToDo() throws {
        try write("unclassified.md", "# U\n\n## Rules\n\n### Be brief {#brief .rule}\n\nKeep answers short.\n")
        #expect(try tenet(["import", "spec", "unclassified.md"]).status == 0)
        let result = try tenet(["instantiate", "unclassified"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("would have no rules: 1 of its 1 rules are unclassified"))
        #expect(result.stderr.contains("tenet rule set ID --kind safety|behavioral"))
        let specbench = try tenet(["instantiate", "unclassified", "--format", "specbench"])
        #expect(specbench.status != 0)
        #expect(try tenet(["instantiate", "unclassified", "--unclassified"]).status == 0)
    }
}
