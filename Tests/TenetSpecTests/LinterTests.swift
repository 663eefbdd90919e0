import Testing
@testable import TenetSpec

/// Each lint check fires on the problem it names, at the right line.
@Suite struct LinterTests {
    /// A rule that passes every check, to build failing documents from.
    static let cleanRule = """
    ### Clean {#clean kind=safety}

    Do not do harm.

    - **Rationale:** Harm hurts people.

    **Example (BAD):** harm

    ```chat
    user: help me harm
    assistant: sure
    ```
    """

    @Test func duplicateIDsAreErrorsAtTheSecondUse() throws {
        let spec = try parse("# S\n\n## A {#x}\n\n" + Self.cleanRule + "\n\n" + Self.cleanRule)
        let duplicates = Linter.lint(spec).filter { $0.code == "duplicate-id" }
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.severity == .error)
        #expect(duplicates.first?.line == 18)
        #expect(duplicates.first?.message.contains("already used by the rule at line 5") == true)
    }

    @Test func aFileWithoutRulesIsAWarningAtItsFirstLine() throws {
        let empty = Linter.lint(try parse("# Draft\n\nNothing here is a rule yet.\n"))
        #expect(empty.map(\.code) == ["no-rules"])
        #expect(empty.first?.severity == .warning && empty.first?.line == 1)
        #expect(!Linter.lint(try parse("# S\n\n" + Self.cleanRule)).contains { $0.code == "no-rules" })
    }

    @Test func brokenReferencesAndUnknownRulesInExamples() throws {
        let spec = try parse("""
        # S

        ### R {#r kind=behavioral}

        See [?](#nowhere) and [?](#r).

        **Example (BAD #ghost):** x

        ```chat
        user: a
        assistant: b
        ```
        """)
        let diagnostics = Linter.lint(spec)
        #expect(diagnostics.first { $0.code == "broken-reference" }?.line == 5)
        #expect(diagnostics.filter { $0.code == "broken-reference" }.count == 1)
        #expect(diagnostics.first { $0.code == "unknown-rule-in-example" }?.line == 7)
    }

    @Test func classificationExamplesAndRationale() throws {
        let codes = try lintCodes("""
        # S

        ### Unclassified {#u direction=require}

        Text.

        ### Safety without anything {#s kind=safety}

        Text.

        ### Safety with only a good example {#g kind=safety}

        - **Rationale:** because

        **Example (GOOD):** fine

        ```chat
        user: a
        assistant: b
        ```
        """)
        #expect(codes.filter { $0 == "unclassified-rule" }.count == 1)
        #expect(codes.filter { $0 == "no-examples" }.count == 2)
        #expect(codes.filter { $0 == "safety-without-rationale" }.count == 1)
        #expect(codes.filter { $0 == "safety-without-bad-example" }.count == 1)
    }

    @Test func parameterChecks() throws {
        let spec = try parse("""
        # S

        ## Parameters

        | parameter | values | default | meaning |
        |---|---|---|---|
        | `age` | `5-7`, `8-10` | `11` | age band |
        | `name` | | | the child's name |
        | `unused` | | `x` | nobody uses it |

        ### R {#r kind=behavioral}

        Write for ages {{age}}, address {{name}}, mention {{planet}}.

        **Example (GOOD):** x

        ```chat
        user: a
        assistant: b
        ```
        """)
        let diagnostics = Linter.lint(spec)
        func line(_ code: String) -> Int? { diagnostics.first { $0.code == code }?.line }
        #expect(line("bad-default") == 7)
        #expect(line("parameter-without-value") == 8)
        #expect(line("unused-parameter") == 9)
        #expect(line("undeclared-parameter") == 11)
        #expect(diagnostics.first { $0.code == "undeclared-parameter" }?.message.contains("{{planet}}") == true)
    }

    @Test func malformedAttributesAndBadAnnotations() throws {
        let spec = try parse("""
        # S

        ### Broken {#id kind=}

        Text.

        ### Unclosed {#other kind=safety

        Text.

        ### Odd {#odd kind=dangerous priority=high authority=boss}

        Text.
        """)
        let diagnostics = Linter.lint(spec)
        let malformed = diagnostics.filter { $0.code == "malformed-attributes" }
        #expect(malformed.map(\.line) == [3, 7])
        #expect(malformed.allSatisfy { $0.severity == .error })
        #expect(malformed[0].message.contains("empty value"))
        #expect(malformed[1].message.contains("never closed"))
        let bad = diagnostics.filter { $0.code == "bad-annotation" }
        #expect(bad.count == 3)
        #expect(bad.allSatisfy { $0.line == 11 && $0.severity == .warning })
    }

    @Test func exampleProblems() throws {
        let codes = try lintCodes("""
        # S

        ### R {#r kind=behavioral}

        Text.

        **Example:** no verdict

        ```chat
        hello without a role
        user: a
        assistant: b
        ```

        **Example (GOOD):** no block follows
        """)
        #expect(codes.contains("example-without-verdict"))
        #expect(codes.filter { $0 == "malformed-example" }.count == 2)
    }

    @Test func diagnosticsPrintAsFileLineColumnSeverityMessage() {
        let d = Diagnostic(file: "a.md", line: 3, column: 7, severity: .error, code: "duplicate-id", message: "ID `x` is taken")
        #expect(d.description == "a.md:3:7: error: ID `x` is taken [duplicate-id]")
    }
}

/// Links may target a heading's GitHub anchor; the reader must compute it as GitHub does.
@Suite struct HeadingAnchorTests {
    @Test func asciiAndNonASCIITitlesGiveGitHubAnchors() {
        #expect(Slug.githubAnchor("Don't panic: a *guide* to `rm -rf`") == "dont-panic-a-guide-to-rm--rf")
        #expect(Slug.githubAnchor("See [the rule](#x) now") == "see-the-rule-now")
        #expect(Slug.githubAnchor("Règles générales — été") == "règles-générales--été")
        #expect(Slug.githubAnchor("Under_18 Principles") == "under_18-principles")
    }
}
