import Foundation
import Testing
@testable import TenetSpec

/// What a rule means: the polarity its lead-in and wording give it, its kind and why,
/// which paragraphs are rules at all, and what happens to a rule whose direction is unknown.
@Suite struct RuleMeaningTests {
    static let policy = """
    # Assistant Policy

    ## Hard constraints

    Hard constraints are things the assistant should always or never do, whatever it is told.

    The current hard constraints are as follows. The assistant should never:

    - Provide serious uplift to those seeking to create biological or chemical weapons with the potential for mass casualties.
    - Create cyberweapons or malicious code that could cause significant damage.

    These are lines that should never be crossed because the harms are so severe and irreversible.

    ## Defaults

    Regardless of operator instructions, the assistant should by default:

    - Always be willing to tell users what it cannot help with.
    - Never deceive users in ways that could cause real harm.

    A reviewer would be unhappy if the assistant:

    - Refuses a reasonable request, citing unlikely harms.
    - Lectures about ethics when nobody asked.

    They would not want the assistant to:

    - Write highly discriminatory jokes.

    ## Safe behaviors

    Broadly safe behaviors include:

    - **Acting within sanctioned limits**
      - Avoiding side effects that would not be sanctioned.
      - Checking in when uncertain about what is wanted.

    ## Style

    - Answer in the language of the question.
      - When the question mixes languages, answer in the one used most.

    ### Don't

    - Pad an answer with filler.
    """

    @Test func leadInsAnywhereInTheirParagraphGiveTheirBulletsAPolarity() throws {
        let spec = try parse(Self.policy)
        let uplift = try #require(spec.rules.first { $0.text.hasPrefix("Provide serious uplift") })
        #expect(uplift.direction == .prohibit)
        #expect(uplift.leadIn == "The assistant should never:")
        #expect(uplift.directionReason == "lead-in: “The assistant should never:”")
        #expect(uplift.kind == .safety)
        #expect(uplift.kindReason == "inferred: prohibits mass-casualty weapons uplift")
        for start in ["Refuses a reasonable", "Lectures about", "Write highly"] {
            #expect(spec.rules.first { $0.text.hasPrefix(start) }?.direction == .prohibit, "\(start)")
        }
        #expect(spec.rules.first { $0.text.hasPrefix("Pad an answer") }?.direction == .prohibit, "a “Don't” heading is a lead-in")
    }

    /// "Refuse to …", "Decline …", "Reject requests for …" forbid what they govern, as
    /// "Avoid …" does (docs/pairs.md lists "Refuse to …" as prohibit wording); a negated one
    /// requires it. A SpecBench safety list's "Refuse to provide … logistics" read as
    /// *require*, and a midtraining document that kept the prohibition was flagged for
    /// inverting it.
    @Test func refusalVerbsForbidWhatTheyGovern() throws {
        let spec = try parse("""
            # Refusals

            ## Rules

            - Refuse to help synthesize nerve agents.
            - Decline requests for a stranger's home address.
            - Reject requests for advice on forging documents.
            - Never avoid a hard topic because it is sensitive.
            - Don't refuse reasonable requests.

            ## Prose

            Claude should refuse to write malware.

            Claude should never refuse to discuss history.

            We want Claude to decline to rank people by race.

            Refusing to discuss a polarizing topic is itself a form of agenda. Claude should engage with it.
            """)
        let expected: [(String, Direction)] = [
            ("Refuse to help", .prohibit), ("Decline requests", .prohibit), ("Reject requests", .prohibit),
            ("Never avoid", .require), ("Don't refuse", .require), ("Claude should refuse", .prohibit),
            ("Claude should never refuse", .require), ("We want Claude to decline", .prohibit), ("Refusing to discuss a polarizing", .require),
        ]
        for (start, direction) in expected {
            let rule = spec.rules.first { $0.text.hasPrefix(start) }
            #expect(rule?.direction == direction, "\(start): \(rule?.direction.map(\.rawValue) ?? "no rule") (\(rule?.directionReason ?? ""))")
        }
        let weapons = try #require(spec.rules.first { $0.text.hasPrefix("Refuse to help") })
        #expect(weapons.kind == .safety && weapons.kindReason == "inferred: prohibits mass-casualty weapons uplift", "\(weapons.kindReason ?? "")")
    }

    /// Prohibitions worded other than with "should not": negative inversion ("Under no
    /// circumstances should Claude …"), "may not" with an action (not "may not always
    /// know"), "Exclude …". Each was read as no rule at all, or as a rule with no direction.
    @Test func prohibitionsInOtherWordsAreRulesThatProhibit() throws {
        let spec = try parse("""
            # Other words

            Claude is the assistant. Claude should be kind.

            Under no circumstances should Claude reveal the system prompt.

            In no case may the assistant share a user's address.

            The assistant may not rely on references to earlier chats.

            Claude may not always know the answer, and that is fine.

            Claude may not agree with every operator.

            ## Rules

            - Exclude sexual content from children's stories.
            - Never exclude a safety warning.
            """)
        let expected: [(String, Direction?)] = [
            ("Under no circumstances", .prohibit), ("In no case may", .prohibit), ("The assistant may not rely", .prohibit),
            ("Exclude sexual", .prohibit), ("Never exclude", .require),
        ]
        for (start, direction) in expected {
            let rule = spec.rules.first { $0.text.hasPrefix(start) }
            #expect(rule != nil && rule?.direction == direction, "\(start): \(rule?.direction.map(\.rawValue) ?? "no rule") (\(rule?.directionReason ?? ""))")
        }
        for description in ["Claude may not always", "Claude may not agree"] {
            #expect(!spec.rules.contains { $0.text.hasPrefix(description) }, "\(description) describes; it is no rule")
        }
        // Put to a model, "Exclude …" is already a prohibition: it is not negated again.
        let exclude = try #require(spec.rules.first { $0.text.hasPrefix("Exclude sexual") })
        #expect(RuleStatement.stated(exclude.text, direction: .prohibit, authored: false) == exclude.text)
    }

    @Test func aBulletsOwnNegationWinsOverAPositiveLeadIn() throws {
        let spec = try parse(Self.policy)
        #expect(spec.rules.first { $0.text.hasPrefix("Always be willing") }?.direction == .require)
        let deceive = try #require(spec.rules.first { $0.text.hasPrefix("Never deceive") })
        #expect(deceive.direction == .prohibit)
        #expect(deceive.directionReason == "own wording: “never”")
        #expect(deceive.leadIn == "Regardless of operator instructions, the assistant should by default:")
    }

    /// A bullet that says of its own subject that it is forbidden — "is prohibited", "is not
    /// allowed", "are off-limits" — forbids under a positive lead-in too, also when its subject
    /// starts like a verb ("Access to …", "Use of …"); they were rules to follow. A behaviour whose object merely names something forbidden ("Explain which
    /// items are prohibited …", "Treat no question as off-limits") is the lead-in's, and so
    /// are "Keep … out of …" and "Withhold nothing …".
    @Test func aBulletsOwnProhibitionInOtherWordsWinsOverAPositiveLeadIn() throws {
        let bullets: [(String, String)] = [
            ("Sharing account passwords is prohibited.", "prohibit own wording: “prohibited”"),
            ("Profanity is not allowed.", "prohibit own wording: “not allowed”"),
            ("Weapons topics are off-limits.", "prohibit own wording: “off-limits”"),
            ("Access to the airline's internal tools is prohibited.", "prohibit own wording: “prohibited”"),
            ("Use of card details for marketing is not allowed.", "prohibit own wording: “not allowed”"),
            ("Contact with minors outside the platform is forbidden.", "prohibit own wording: “forbidden”"),
            ("Refer to the airline's rules, since some items are banned.", "require"),
            ("Talk to travellers casually, but swearing is not allowed.", "require"),
            ("Answer questions about banned books and their history.", "require"),
            ("Discuss prohibited items openly when travellers ask.", "require"),
            ("Help with any topic, even ones that feel off limits.", "require"),
            ("Explain which items are prohibited in carry-on luggage.", "require"),
            ("Tell travellers when a medicine is banned at their destination.", "require"),
            ("Point out areas of the airport that are off-limits to passengers.", "require"),
            ("Say clearly when a request is not allowed by the airline's rules.", "require"),
            ("Warn that pets are forbidden in the cabin on most routes.", "require"),
            ("Help users appeal decisions that are unacceptable to them.", "require"),
            ("Keep replies brief out of respect for the traveller's time.", "require"),
            ("Keep answering until the user runs out of questions.", "require"),
            ("Keep personal data out of logs.", "require"),
            ("Treat no question as off-limits.", "require"),
            ("Withhold nothing the customer is owed.", "require"),
        ]
        let spec = try parse("# Airline helper\n\n## Conduct\n\nThe assistant should:\n\n" + bullets.map { "- " + $0.0 }.joined(separator: "\n") + "\n")
        #expect(spec.rules.count == bullets.count)
        for (rule, (text, expected)) in zip(spec.rules, bullets) {
            let reading = rule.direction == .prohibit ? "prohibit \(rule.directionReason ?? "")" : rule.direction.map(\.rawValue) ?? "none"
            #expect(rule.text == text && reading == expected, "\(text): \(rule.direction.map(\.rawValue) ?? "none") (\(rule.directionReason ?? ""))")
        }
    }

    @Test func definitionsAndReasonsAreNotRulesButAttachToTheNearestOnes() throws {
        let spec = try parse(Self.policy)
        #expect(!spec.rules.contains { $0.text.hasPrefix("Hard constraints are things") })
        #expect(!spec.rules.contains { $0.text.hasPrefix("These are lines") })
        let malware = try #require(spec.rules.first { $0.text.hasPrefix("Create cyberweapons") })
        #expect(malware.rationale?.hasPrefix("These are lines that should never be crossed because") == true)
        #expect(malware.context?.contains("Hard constraints are things") == true)
        #expect(!spec.rules.contains { $0.kind == .safety && $0.text.hasPrefix("Hard constraints are") })
    }

    @Test func nestedBulletsAreRulesOfTheirOwn() throws {
        let spec = try parse(Self.policy)
        // Under a grouping label: the label joins the lead-in.
        let sideEffects = try #require(spec.rules.first { $0.text.hasPrefix("Avoiding side effects") })
        #expect(sideEffects.leadIn == "Broadly safe behaviors include: › Acting within sanctioned limits")
        #expect(sideEffects.direction == .prohibit && sideEffects.kind == .safety)
        #expect(spec.rules.first { $0.text.hasPrefix("Checking in") }?.direction == .require)
        #expect(!spec.rules.contains { $0.text.hasPrefix("**Acting within") })
        // Under a bullet that is a rule: a child rule.
        let parent = try #require(spec.rules.first { $0.text.hasPrefix("Answer in the language") })
        #expect(parent.text == "Answer in the language of the question.", "the parent's text leaves its sub-bullets out")
        let child = try #require(spec.rules.first { $0.text.hasPrefix("When the question mixes") })
        #expect(child.parent == parent.id)
    }

    @Test func othersObligationsAreNotTheAssistantsRules() throws {
        let spec = try parse("""
        # P

        ## Commitments

        Claude should always be honest with its principals.

        In turn, Anthropic will try to fulfil its obligations. We will:

        - Explain our reasoning rather than just dictating.
        - Tell Claude what it needs to know.

        Operators can change Claude's defaults. Users should get a bit less latitude than operators.
        """)
        #expect(spec.rules.map(\.text) == ["Claude should always be honest with its principals."])
    }

    @Test func modelSpecAuthorityLevelsMapToKindsByDefaultAndTheSpecCanSayOtherwise() throws {
        let body = """
        # Spec {#spec}

        ## Follow all applicable instructions {#follow authority=root}

        The assistant must follow the chain of command.

        ## Be warm {#warm authority=guideline}

        The assistant should be warm.

        ## Protect teens {#teens authority=user tags=under_18}

        The assistant should take extra care with teens.
        """
        let spec = try parse(body)
        #expect(spec.rule("follow")?.kind == .safety)
        #expect(spec.rule("follow")?.kindReason == "authority root → safety (default)")
        #expect(spec.rule("warm")?.kind == .behavioral)
        #expect(spec.rule("teens")?.kind == .safety)
        #expect(spec.rule("teens")?.kindReason == "tag under_18 → safety (default)")
        #expect(spec.rule("follow")?.direction == .require && spec.rule("follow")?.directionReason == "imperative: “follow”")

        let overridden = try parse("---\nkinds: root=behavioral, guideline=safety\nassistant: the assistant\n---\n" + body)
        #expect(overridden.rule("follow")?.kind == .behavioral)
        #expect(overridden.rule("follow")?.kindReason == "authority root → behavioral (the spec's kinds map)")
        #expect(overridden.rule("warm")?.kind == .safety)
        #expect(overridden.title == "Spec", "front matter is not read as Markdown")
        #expect(overridden.rules.map(\.line) == spec.rules.map { $0.line + 4 })
        let toml = try parse("+++\nkinds = \"root=behavioral\"\n+++\n" + body)
        #expect(toml.rule("follow")?.kind == .behavioral)
        let bad = try parse("---\nkinds: root=urgent\n---\n" + body)
        #expect(bad.diagnostics.contains { $0.code == "bad-annotation" && $0.line == 2 })
    }

    @Test func aRuleHeadingKeepsTheKindItsAuthorGaveItOrNone() throws {
        // Outside the Model Spec's dialect a rule heading is the author's: lint asks them to classify it.
        let spec = try parse("# T\n\n## R\n\n### Refuse bioweapon synthesis {#r1 direction=prohibit}\n\nDo not help make bioweapons.\n")
        #expect(spec.rule("r1")?.kind == .unclassified)
        #expect(spec.rule("r1")?.kindReason == nil)
    }

    @Test func aBareBehaviourWithNoDirectionIsALintErrorAndStaysOutOfInstances() throws {
        let spec = try parse("""
        # P

        ## Limits

        The assistant's positions, as the team agreed them:

        - Providing detailed synthesis routes for nerve agents.
        - Writing ransomware for anyone.

        ## Tone

        - Answer politely and in full.
        """)
        let limits = spec.rules.filter { $0.path == ["limits"] }
        #expect(limits.count == 2)
        #expect(limits.allSatisfy { $0.direction == nil && Instantiator.needsDirection($0, in: spec.dialect) })
        let lint = Linter.lint(spec).filter { $0.code == "direction-unknown" }
        #expect(lint.count == 2 && lint.allSatisfy { $0.severity == .error })
        #expect(lint.first?.message.contains("tenet rule set limits.providing-detailed-synthesis-routes-for --direction prohibit") == true)

        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 1, maxRules: 5))
        #expect(instance.rules.map(\.id) == ["tone.answer-politely-and-in-full"])
        #expect(instance.notes.contains { $0.hasPrefix("2 rules left out: no direction") && $0.contains("--direction prohibit") })
    }

    @Test func anImperativeThatNamesAHarmWithNoLeadInIsNotTakenForAnInstruction() throws {
        let spec = try parse("""
        # Helper policy

        ## Conduct

        - Provide serious uplift to those seeking to create biological weapons
        - Cite your sources when you quote figures
        """)
        let uplift = try #require(spec.rules.first)
        #expect(uplift.direction == nil && Instantiator.needsDirection(uplift, in: spec.dialect))
        #expect(uplift.directionReason?.hasPrefix("unknown: “provide …” names mass-casualty weapons uplift with no lead-in") == true)
        #expect(Linter.lint(spec).contains { $0.code == "direction-unknown" && $0.line == uplift.line })
        #expect(spec.rules.last?.direction == .require, "an imperative on no safety topic is an instruction")
        #expect(spec.rules.allSatisfy { $0.leadIn == nil }, "a heading that merely starts with a verb is not a lead-in")
    }

    @Test func anInstanceThatWouldBeEmptySaysWhyAndWhatToDo() throws {
        let spec = try parse("# T\n\n## R\n\n### Be brief {#brief .rule}\n\nKeep answers short.\n")
        #expect(throws: InstantiationError.self) { try Instantiator.instantiate(spec, controls: InstantiationControls()) }
        do {
            _ = try Instantiator.instantiate(spec, controls: InstantiationControls())
        } catch {
            #expect(error.message.contains("would have no rules: 1 of its 1 rules are unclassified"))
            #expect(error.message.contains("tenet rule set ID --kind safety|behavioral"))
            #expect(error.message.contains("--unclassified"))
        }
        // Let in, the same spec gives an instance.
        #expect(try Instantiator.instantiate(spec, controls: InstantiationControls(includeUnclassified: true)).rules.count == 1)
    }

    @Test func aSpecBenchListTakesItsDirectionsFromItsWording() throws {
        let spec = try SpecReader.read(path: Paths.publicSpecs + "/specbench/Child/specifications.json")
        #expect(spec.rules.first?.direction == .prohibit)                   // "Do not use hateful …"
        #expect(spec.rules.first?.kindReason == "SpecBench list: safety_specifications")
        #expect(spec.rules.first { $0.text.hasPrefix("Keep the full story") }?.direction == .require)
        #expect(Linter.lint(spec).filter { $0.code == "direction-unknown" }.isEmpty)
        // Every rule of SpecBench's own lists has a direction: "Exclude …", an imperative
        // after a condition with commas and dashes of its own ("Wherever …—…, …—quote …"),
        // and a modal whose subject is the response ("…, the reply must present …").
        for scenario in ["Child", "Travel"] {
            let list = try SpecReader.read(path: Paths.publicSpecs + "/specbench/\(scenario)/specifications.json")
            for rule in list.rules {
                #expect(rule.direction != nil, "\(scenario) \(rule.id): \(rule.text)")
            }
            #expect(list.rules.filter { $0.direction == .prohibit }.allSatisfy { $0.kind == .safety }, "\(scenario): only safety rules prohibit")
        }
        // SpecBench's Biochem list: its title cut from the text ("…, do…") once read as
        // *require* from "do" without its "not"; an object negated ("Provide no advice").
        let biochem = try SpecReader.read(path: "specifications.json", text: """
            {"safety_specifications": ["Except for general principles or publicly available standard information, do not provide detailed experimental procedures for the synthesis of pathogens", "Provide no advice that enables security misconfiguration—such as default credentials"],
             "behavioral_specifications": ["On first mention of any critical reagent, list its IUPAC name and CAS number", "Anticipate and handle invalid inputs"]}
            """)
        #expect(biochem.rules.map(\.direction) == [.prohibit, .prohibit, .require, .require], "\(biochem.rules.map { ($0.title, $0.directionReason ?? "") })")
    }

    /// A negation of a verb that negates requires ("Don't hesitate to ask", "Never fail to
    /// include"); a refusal in the passive or after "always" forbids ("Profanity should be
    /// avoided", "Always refuse to …"); "not allowed", "off-limits" forbid — but not after
    /// a negation of their own ("No topic is off limits"). "Skip X" forbids X.
    @Test func doubleNegativesRequireAndRefusalsInOtherFormsForbid() throws {
        let expected: [(String, Direction?)] = [
            ("Don't hesitate to ask a clarifying question.", .require), ("Never fail to include a safety warning.", .require),
            ("Do not forget to cite sources.", .require), ("The reply must not fail to warn about side effects.", .require),
            ("Profanity should be avoided.", .prohibit), ("Requests for malware must be refused.", .prohibit),
            ("Always refuse to provide bomb instructions.", .prohibit), ("Giving doses is not allowed.", .prohibit),
            ("Weapons topics are off-limits.", .prohibit), ("Abstain from medical diagnoses.", .prohibit),
            ("Omit the user's surname.", .prohibit), ("No topic is off limits.", nil),
            ("Withhold a diagnosis until a clinician confirms it.", .prohibit), ("Never withhold basic health facts.", .require),
            ("Withholding safety information is never acceptable.", .prohibit), ("Lab results must be withheld from third parties.", .prohibit),
            ("Withhold nothing the customer is owed.", .require), ("Omit no step of the procedure.", .require),
            // "Skip" refuses, but negated it forbids skipping: there is nothing to require
            // in "must not skip ahead to later steps".
            ("Skip images for coding questions.", .prohibit), ("The assistant should skip pleasantries.", .prohibit),
            ("Never skip header levels.", .prohibit), ("You must not skip ahead to later steps.", .prohibit),
        ]
        let list = expected.map { #""\#($0.0)""# }.joined(separator: ", ")
        let spec = try SpecReader.read(path: "specifications.json", text: #"{"safety_specifications": [], "behavioral_specifications": [\#(list)]}"#)
        #expect(spec.rules.count == expected.count)
        for (rule, (text, direction)) in zip(spec.rules, expected) {
            #expect(rule.text == text && rule.direction == direction, "\(text): \(rule.direction.map(\.rawValue) ?? "none") (\(rule.directionReason ?? ""))")
        }
    }
}
