import Foundation
import Testing
@testable import TenetSpec

/// The rule-level diff: added, removed, changed, moved; explicit IDs first, then content.
@Suite struct SpecDiffTests {
    static let v1 = """
    # Spec

    ## Safety {#safety}

    ### No weapons {#no-weapons kind=safety}

    Do not help build weapons.

    ### No malware {#no-malware kind=safety}

    Do not write malware.

    ## Style {#style}

    ### Be brief {#brief kind=behavioral}

    Keep answers short.

    ### Cite sources {#cite kind=behavioral}

    Cite a source for every figure.

    ### Use headings {#headings kind=behavioral}

    Use headings in long answers.
    """

    func diff(_ old: String, _ new: String) throws -> SpecDiff {
        SpecDiff.compare(try parse(old, path: "old.md"), try parse(new, path: "new.md"))
    }

    func status(_ diff: SpecDiff, _ id: String) -> RuleChange.Status? { diff.changes.first { $0.id == id }?.status }

    @Test func identicalSpecsHaveNoDifferences() throws {
        let d = try diff(Self.v1, Self.v1)
        #expect(!d.hasDifferences)
        #expect(d.unchanged == 5)
    }

    @Test func reportsAddedRemovedChangedAndMovedRules() throws {
        var v2 = Self.v1
            .replacingOccurrences(of: "Do not write malware.", with: "Do not write malware or ransomware.")
            .replacingOccurrences(of: """
            ### Cite sources {#cite kind=behavioral}

            Cite a source for every figure.

            """, with: "")
        v2 += """


        ### Answer in the user's language {#language kind=behavioral}

        Reply in the language of the question.
        """
        // Move "Be brief" from Style to Safety.
        v2 = v2.replacingOccurrences(of: """
        ### Be brief {#brief kind=behavioral}

        Keep answers short.

        """, with: "")
            .replacingOccurrences(of: "## Style {#style}", with: """
            ### Be brief {#brief kind=behavioral}

            Keep answers short.

            ## Style {#style}
            """)
        let d = try diff(Self.v1, v2)
        #expect(status(d, "no-weapons") == .unchanged)
        #expect(status(d, "no-malware") == .changed)
        #expect(d.changes.first { $0.id == "no-malware" }?.fields == ["text"])
        #expect(status(d, "cite") == .removed)
        #expect(status(d, "language") == .added)
        #expect(status(d, "brief") == .moved)
        #expect(d.changes.first { $0.id == "brief" }?.fields == ["section"])
        #expect((d.added, d.removed, d.changed, d.moved, d.unchanged) == (1, 1, 1, 1, 2))
    }

    @Test func aRenamedRuleIsMatchedByItsContent() throws {
        let v2 = Self.v1.replacingOccurrences(of: "{#no-malware kind=safety}", with: "{#no-malicious-code kind=safety}")
        let d = try diff(Self.v1, v2)
        let change = try #require(d.changes.first { $0.id == "no-malicious-code" })
        #expect(change.status == .changed)
        #expect(change.oldID == "no-malware")
        #expect(change.fields == ["id"])
        #expect(change.matchedBy == .text)
        #expect(d.removed == 0 && d.added == 0)
    }

    @Test func reorderingWithinASectionIsAMove() throws {
        let v2 = Self.v1.replacingOccurrences(of: """
        ### Cite sources {#cite kind=behavioral}

        Cite a source for every figure.

        ### Use headings {#headings kind=behavioral}

        Use headings in long answers.
        """, with: """
        ### Use headings {#headings kind=behavioral}

        Use headings in long answers.

        ### Cite sources {#cite kind=behavioral}

        Cite a source for every figure.
        """)
        let d = try diff(Self.v1, v2)
        #expect(d.moved == 1)
        #expect(d.changes.filter { $0.status == .moved }.first?.fields == ["position"])
    }

    @Test func annotationChangesAreNamed() throws {
        let v2 = Self.v1.replacingOccurrences(of: "{#brief kind=behavioral}", with: "{#brief kind=safety priority=2}")
        let d = try diff(Self.v1, v2)
        #expect(d.changes.first { $0.id == "brief" }?.fields == ["kind", "priority"])
    }

    @Test func proseRulesAreMatchedBySimilarWording() throws {
        let old = """
        # P

        ## Tone

        - Never use slurs or insults in any answer at all.
        - Keep a calm and friendly tone with every user.
        """
        let new = """
        # P

        ## Tone

        - Do not ever use slurs or insults in any answer at all.
        - Keep a calm and friendly tone with every user.
        """
        let d = try diff(old, new)
        #expect(d.changed == 1 && d.added == 0 && d.removed == 0)
        let change = try #require(d.changes.first { $0.status == .changed })
        #expect(change.matchedBy == .similarity)
        #expect(change.oldID == "tone.never-use-slurs-or-insults-in")
    }
}
