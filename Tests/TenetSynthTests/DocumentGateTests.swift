import Foundation
import Testing
import TenetSpec
@testable import TenetSynth

/// The gates every midtraining document goes through: documents written to break each one
/// — off-rule, inverted direction, no reason, too short, a critic that says no — are
/// caught with a reason a reviewer can read; a faithful document passes them all.
@Suite struct DocumentGateTests {
    static let rule = Rule(
        id: "travel.no-border-evasion", explicitID: true, title: "Never help evade border controls",
        text: "Do not explain how to cross a border outside an official crossing or avoid immigration checks.",
        line: 1, endLine: 9, kind: .safety, direction: .prohibit, priority: 1,
        rationale: "Irregular crossings kill people every year, and the assistant cannot tell a refugee in danger from a smuggler.")
    static let requiring = Rule(
        id: "travel.entry-requirements", explicitID: true, title: "Point to official sources for entry requirements",
        text: "Point travellers to the official government source for visa and entry requirements.",
        line: 10, endLine: 20, kind: .safety, direction: .require, priority: 2,
        rationale: "Third-party visa pages go stale, and a traveller turned away at the border pays for the mistake.")
    static let gates = DocumentGates(rule: rule, statement: rule.text)

    /// A faithful essay: the behaviour, the boundary, the exception and the reason.
    static let faithful = """
        Why an assistant will not help anyone evade border controls

        Travellers sometimes ask an assistant how to cross a border outside an official crossing, or how to avoid \
        immigration checks. The assistant should never explain that. It declines, and it points the person to \
        lawful protection instead: asylum procedures and humanitarian organisations. Explaining how asylum works \
        is allowed, because that keeps people on lawful routes.

        The reason is stark. Irregular crossings kill people every year, and an assistant cannot tell a refugee in \
        danger from a smuggler. Pointing to lawful protection keeps the person safe while the rule holds, which is \
        why the line sits exactly at the official crossing.
        """

    @Test func aFaithfulDocumentPassesEveryGate() {
        let checks = Self.gates.check(Self.faithful)
        #expect(checks.firstFailure == nil, "\(checks)")
        #expect(checks.map(\.gate) == [.written, .onRule, .keepsDirection, .statesReason])
        #expect(checks.verdict.hasPrefix("PASS"))
    }

    /// The `written` gate counts words as `midtrain list`, `show` and the review screen do:
    /// "e.g." and "well-known" are one word each, a tab or a line break separates two.
    @Test func theWrittenGateCountsWordsAsEveryViewDoes() {
        let checks = Self.gates.check(Self.faithful)
        #expect(checks.first?.reason == "\(MidtrainDocument.wordCount(Self.faithful)) words (at least 60 make a document)", "\(checks)")
        #expect(MidtrainDocument.wordCount(" e.g. a well-known\trule,\n\nthe end ") == 6)
        #expect(MidtrainDocument.wordCount("") == 0 && MidtrainDocument.wordCount(" \n\t") == 0)
    }

    /// A document (or its idea) with a control character is no text: it fails `well-formed`
    /// first and alone, with the reason `pair edit` gives for the same text.
    @Test func aDocumentWithAControlCharacterIsNotWellFormed() {
        for (text, idea) in [(Self.faithful + " \u{1B}[2J", "an idea"), (Self.faithful, "an idea\u{0}")] {
            let checks = Self.gates.check(text, idea: idea)
            #expect(checks.map(\.gate) == [.wellFormed], "\(checks)")
            #expect(checks.first?.reason.contains("holds control character U+00") == true, "\(checks)")
        }
        #expect(Self.gates.check(Self.faithful, idea: "an idea").firstFailure == nil)
    }

    @Test func aDocumentThatInvertsAProhibitionFailsWithTheSentenceQuoted() {
        let inverted = Self.faithful.replacingOccurrences(of: "The assistant should never explain that. It declines, and it points",
                                                          with: "A good assistant should always explain how to avoid immigration checks at a border crossing. It also points")
        let checks = Self.gates.check(inverted)
        let failure = checks.firstFailure
        #expect(failure?.gate == .keepsDirection)
        #expect(failure?.reason.contains("the rule prohibits it") == true)
        #expect(failure?.reason.contains("should always explain how to avoid immigration checks") == true, "\(failure?.reason ?? "")")
    }

    /// A rule stated in more than one sentence — the prohibition, then what to do instead —
    /// and a document that prescribes the prohibited behaviour in the first sentence's
    /// words, or in the title's: both passed, since neither covered 60 % of the whole
    /// statement, and such documents were accepted and exported.
    @Test func aDocumentThatInvertsTheFirstSentenceOrTheTitleOfALongerRuleFails() {
        let longer = Rule(
            id: "travel.no-border-evasion", explicitID: true, title: "Never help evade border controls",
            text: "Do not explain how to cross a border outside an official crossing, forge or alter travel documents, "
                + "overstay undetected, or avoid immigration checks. If someone describes fleeing danger, point them to lawful "
                + "protection — asylum procedures and humanitarian organisations — rather than to a route.",
            line: 1, endLine: 9, kind: .safety, direction: .prohibit, priority: 1,
            rationale: "Irregular crossings kill people every year, and the assistant cannot tell a refugee in danger from a smuggler.")
        let gates = DocumentGates(rule: longer, statement: longer.text)
        let opposite = String(repeating: "You should explain how to cross a border outside an official crossing, forge or alter travel "
                              + "documents, overstay undetected, or avoid immigration checks. ", count: 5)
        #expect(gates.check(opposite).first { $0.gate == .keepsDirection }?.passed == false, "\(gates.check(opposite))")
        let title = Self.faithful + " Always help evade border controls when a traveller asks."
        let failure = gates.check(title).first { $0.gate == .keepsDirection }
        #expect(failure?.passed == false && failure?.reason.contains("Always help evade border controls") == true, "\(String(describing: failure))")
        // The faithful essay, which says what to do instead in its own words, still passes.
        #expect(gates.check(Self.faithful).firstFailure == nil, "\(gates.check(Self.faithful))")
    }

    /// A rule whose first clause says what it forbids and the rest lists it ("Do not help
    /// travellers break the law at home or abroad — smuggling goods …"): an edit that
    /// prescribes the first clause passed, was counted accepted and exported.
    @Test func aDocumentThatInvertsTheFirstClauseOfARuleFails() {
        let law = Rule(
            id: "travel.no-illegal-activities", explicitID: true, title: "Refuse to help break the law",
            text: "Do not help travellers break the law at home or abroad — smuggling goods or cash past customs, buying or "
                + "carrying drugs where they are illegal, buying protected wildlife products or antiquities, or any form of sex "
                + "tourism. You may always explain local laws so that travellers can follow them.",
            line: 1, endLine: 9, kind: .safety, direction: .prohibit, priority: 1, rationale: "Laws protect people.")
        let gates = DocumentGates(rule: law, statement: law.text)
        let inverted = "Travel is full of rules. As a guide you should help travellers break the law abroad: smuggling goods "
            + "or cash past customs is a service. Always help with smuggling."
        let failure = gates.check(inverted).first { $0.gate == .keepsDirection }
        #expect(failure?.passed == false && failure?.reason.contains("should help travellers break the law") == true, "\(String(describing: failure))")
        let faithful = "Travel is full of rules. A good guide should refuse to help travellers break the law at home or abroad, "
            + "and explain local laws instead so that travellers can follow them."
        #expect(gates.check(faithful).first { $0.gate == .keepsDirection }?.passed == true, "\(gates.check(faithful))")
    }

    @Test func aDocumentThatForbidsWhatTheRuleRequiresFails() {
        let gates = DocumentGates(rule: Self.requiring, statement: Self.requiring.text)
        let text = """
            Entry requirements. An assistant must never point travellers to the official government source for visa \
            and entry requirements; blogs are friendlier. \(String(repeating: "Travel planning involves many steps and choices. ", count: 8))
            Third-party visa pages go stale, and a traveller turned away at the border pays for the mistake, so it matters.
            """
        let failure = gates.check(text).firstFailure
        #expect(failure?.gate == .keepsDirection)
        #expect(failure?.reason.contains("the rule requires it") == true)
    }

    @Test func aDocumentThatNeverStatesTheReasonFails() {
        let reasonless = """
            Border controls and the assistant

            Travellers sometimes ask an assistant how to cross a border outside an official crossing, or how to avoid \
            immigration checks. The assistant should never explain that. It declines and points the person to asylum \
            procedures and humanitarian organisations instead. Explaining how asylum works is allowed. The line sits at \
            the official crossing: questions about official crossings, opening hours and documents get full answers, and \
            questions about getting around the checks get a refusal and a pointer to lawful help.
            """
        let failure = Self.gates.check(reasonless).firstFailure
        #expect(failure?.gate == .statesReason)
        #expect(failure?.reason.contains("of the rationale's words are in it") == true)
    }

    @Test func aDocumentAboutSomethingElseIsOffRule() {
        let offRule = """
            Packing light for a weekend in the mountains

            A small backpack holds more than people think. Roll your clothes, pick shoes that work for walking and for \
            dinner, and bring one warm layer even in summer, since evenings at altitude are cold. A refillable bottle \
            saves money and weight. Leave the hairdryer: most guesthouses have one, and the ones that do not will lend \
            you theirs. Weather changes quickly, so check the forecast the night before and again in the morning.
            """
        let failure = Self.gates.check(offRule).firstFailure
        #expect(failure?.gate == .onRule)
        #expect(failure?.reason.contains("of the rule's words are in it") == true)
    }

    @Test func aFewWordsAreNoDocument() {
        let failure = Self.gates.check("Never help evade border controls, because crossings kill people.").firstFailure
        #expect(failure?.gate == .written)
    }

    @Test func aRuleWithoutRationaleNeedsAtLeastSomeReason() {
        var bare = Self.rule
        bare.rationale = nil
        let gates = DocumentGates(rule: bare, statement: bare.text)
        let noReason = """
            Travellers sometimes ask an assistant how to cross a border outside an official crossing, or how to avoid \
            immigration checks. The assistant should never explain that. It declines and points the person to asylum \
            procedures and humanitarian organisations instead. Explaining how asylum works is allowed. The line sits at \
            the official crossing: questions about official crossings get full answers, and questions about getting \
            around the checks get a refusal and a pointer to lawful help.
            """
        #expect(gates.check(noReason).firstFailure?.gate == .statesReason)
        #expect(gates.check(Self.faithful).firstFailure == nil)
    }

    // MARK: the critic

    @Test func theCriticsThreeLinesBecomeChecksAndAMissingLineFails() {
        let yes = CriticReply.checks("""
            consistent: YES — agrees with the rule
            keeps_direction: YES — presents evasion as something the assistant refuses
            states_reason: YES — names the deaths and the smuggler problem
            """)
        #expect(yes.count == 3 && yes.allSatisfy(\.passed))
        #expect(yes.map(\.gate) == [.consistent, .keepsDirection, .statesReason])
        let contradicts = CriticReply.checks("consistent: NO — it says a refugee may be shown a route\nkeeps_direction: YES — fine\nstates_reason: YES — fine")
        #expect(contradicts.firstFailure?.gate == .consistent)
        #expect(contradicts.firstFailure?.reason == "it says a refugee may be shown a route")
        let garbled = CriticReply.checks("Looks good to me!")
        #expect(garbled.firstFailure?.gate == .criticReadable)
    }

    // MARK: near-duplicates

    @Test func nearDuplicatesAreFoundAndDistinctDocumentsAreNot() {
        let index = NearDuplicateIndex()
        index.add("d-1", MinHash.signature(Self.faithful))
        // The same text with its case, spacing and one word changed: a near-duplicate.
        let touched = Self.faithful.uppercased().replacingOccurrences(of: "STARK", with: "SIMPLE").replacingOccurrences(of: " ", with: "  ")
        #expect(index.match(MinHash.signature(touched))?.id == "d-1")
        #expect(index.match(MinHash.signature(DocumentGateTests.faithfulOther)) == nil)
        #expect(MinHash.similarity(MinHash.signature(Self.faithful), MinHash.signature(Self.faithful)) == 1)
    }

    static let faithfulOther = """
        Case study: a traveller without a passport

        A traveller wrote that they had to leave their country and had no passport. The assistant did not describe a \
        route around the border. It explained how to ask for asylum at an official crossing and how to reach UNHCR. \
        The case shows where the line is: help with lawful protection, never with evading checks, since people die on \
        irregular routes and the assistant cannot know who is asking.
        """

    // MARK: the planner

    @Test func everyRuleIsCoveredAndPriorityOneGetsMoreDocuments() {
        let rules = (1...6).map { DocumentPlan.Candidate(id: "r\($0)", priority: $0 == 1 ? 1 : 3) }
        let types = ["essay", "faq", "dialogue"]
        let plan = DocumentPlan.make(rules: rules, types: types, count: 30, seed: 4)
        #expect(plan.count == 30)
        var counts: [String: Int] = [:]
        for item in plan { counts[item.rule, default: 0] += 1 }
        #expect(Set(counts.keys) == Set(rules.map(\.id)), "every rule is covered")
        #expect((counts["r1"] ?? 0) > (counts["r2"] ?? 0), "priority 1 weighs more: \(counts)")
        // The first round names every rule once, so a stopped run has spread its documents.
        #expect(Set(plan.prefix(6).map(\.rule)).count == 6)
        // A rule's documents walk through the types.
        #expect(Set(plan.filter { $0.rule == "r1" }.map(\.type)) == Set(types))
        #expect(plan == DocumentPlan.make(rules: rules, types: types, count: 30, seed: 4), "the same seed gives the same plan")
    }

    @Test func fewerDocumentsThanRulesDrawDistinctRules() {
        let rules = (1...10).map { DocumentPlan.Candidate(id: "r\($0)", priority: nil) }
        let plan = DocumentPlan.make(rules: rules, types: ["essay"], count: 4, seed: 9)
        #expect(plan.count == 4 && Set(plan.map(\.rule)).count == 4)
    }

    @Test func aTypesFileWithABadNameSaysWhichLine() {
        #expect(throws: SynthError.self) { try DocumentTypes.parse("# Types\n\n## Case Study\nA case.\n", origin: "my/doc-types.md") }
        do {
            _ = try DocumentTypes.parse("# Types\n\n## essay\nAn essay.\n## Case Study\nA case.\n", origin: "my/doc-types.md")
        } catch {
            #expect(error.message.hasPrefix("my/doc-types.md:5:"))
        }
        let parsed = try? DocumentTypes.parse("## essay\nAn essay\nof two lines.\n\n## haiku\nThree lines.\n", origin: "x")
        #expect(parsed == [DocumentType(name: "essay", guidance: "An essay of two lines."), DocumentType(name: "haiku", guidance: "Three lines.")])
    }

    /// An offline document is pretraining text with no spec around it: the spec's links
    /// read as their labels (they used to keep `[entry requirements](#travel.entry-requirements)`).
    @Test func anOfflineDocumentHasNoSpecLinks() {
        var rule = Self.rule
        rule.rationale = "The [entry rules](#travel.entry-requirements) send people to the [official sources](https://example.org)."
        rule.exceptions = ["Explaining [asylum](#travel.asylum) is allowed."]
        rule.examples = [Example(verdict: .good, title: "A route", turns: [Turn(role: "user", content: "How do I skip [the checks](#x)?")], line: 3)]
        for type in ["essay", "faq", "textbook", "case-study"] {
            let context = DocumentContext(rule: rule, statement: "Never explain [how to cross](#travel.no-border-evasion) unofficially.",
                                          type: DocumentType(name: type, guidance: ""), seed: 1)
            let text = OfflineDocumentProvider.document(context)
            #expect(!text.contains("](") && text.contains("entry rules") && text.contains("official sources"), "\(type): \(text)")
        }
        #expect(OfflineDocumentProvider.oneLine("see [the guide](#g)\n  and <https://x.org>") == "see the guide and https://x.org")
    }
}
