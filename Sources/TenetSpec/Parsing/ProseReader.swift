import Foundation

/// Infers rules from prose: headings, paragraphs and bullets with no IDs or attributes.
///
/// A paragraph or bullet is a rule only when it states an obligation, prohibition or
/// permission for the assistant (``Polarity``): “Claude should …”, “we would not want the
/// assistant to …”, an imperative bullet, or a bullet under a lead-in that does
/// (“Claude should never:”, “… would be unhappy if Claude:”, a `### Don't` heading,
/// “Broadly safe behaviors include:”). Lead-ins are found wherever they are — the last
/// sentence of a paragraph, a bullet with nested bullets, a short heading — and each
/// bullet keeps its lead-in chain as ``Rule/leadIn``. The direction comes from the lead-in
/// and the bullet's own wording; a bullet's own negation wins over a positive lead-in
/// (“should by default: – Never deceive …” prohibits).
///
/// Nested bullets are rules of their own; when the bullet above them is a rule too, they
/// record it as their ``Rule/parent``, otherwise its words become part of their lead-in.
/// Descriptions, definitions and reasons between rules attach to the nearest rules before
/// them in the section (or the first after them) as ``Rule/context`` or
/// ``Rule/rationale``. IDs are made from the section and the rule's own words, so they do
/// not move when other text changes.
enum ProseReader {
    struct InferredRule {
        var text: String
        var title: String
        var modality: Modality?
        var directionReason: String?
        var leadIn: String?
        /// Words of what the rule asks, for inferring its kind: its own sentences', then its
        /// lead-ins' (outermost first). The lists themselves, shared with the sentences and
        /// with every rule under the same lead-ins, not copied into each (a long lead-in over
        /// thousands of bullets took gigabytes): joined when the kind is inferred, as far as
        /// ``KindInference/wordLimit`` reads.
        var kindWords: [ProseWordList]
        var line: Int
        var endLine: Int
        /// Index of the rule this one refines, in the returned array.
        var parent: Int?
        var context: [String] = []
        var rationale: [String] = []

        var direction: Direction? { modality?.direction }
    }

    /// A lead-in in a chain: its text and what it gives the bullets below it.
    struct LeadIn {
        var text: String
        var reading: Polarity.LeadInReading
        /// Its words, for the kind of each rule under it: read once, not once per bullet.
        var words: ProseWordList
        /// A section's heading ("Things to avoid").
        var isHeading: Bool
        /// The lead-in says what the assistant must or must not do as a sentence of its own
        /// ("The assistant must:"), not as a phrase the bullets finish ("Write content
        /// encouraging:"): below a heading that forbids, it is more particular, and wins.
        var statesForAssistant: Bool

        /// The lead-in ends with the assistant as the subject of the sentence its bullets
        /// finish ("When running as an agent, the assistant:").
        var endsWithSubject: Bool

        init(text: String, reading: Polarity.LeadInReading, isHeading: Bool = false, statesForAssistant: Bool = false,
             endsWithSubject: Bool = false) {
            self.text = capped(text, ProseReader.leadInLimit)
            self.reading = reading
            self.isHeading = isHeading
            self.statesForAssistant = statesForAssistant
            self.endsWithSubject = endsWithSubject
            // Every rule under the lead-in reads them for its kind: bounded, so that a lead-in
            // as long as a chapter does not make each of its bullets as dear to read.
            words = ProseWordList(joining: ProseWords.sentences(text).map(\.words), limit: ProseReader.leadInWordLimit)
        }
    }

    /// How a chain of lead-ins reads as a whole: prohibition wins, the innermost link that
    /// names a party decides who is instructed.
    struct Chain {
        private(set) var links: [LeadIn] = []
        /// The links' texts joined (`A › B`), `nil` when none has any: made as links are
        /// added, once for all the bullets under them.
        private(set) var text: String?

        mutating func append(_ link: LeadIn) {
            links.append(link)
            guard !link.text.isEmpty else { return }
            // Bounded: every bullet under the chain keeps it, and lists nest deep.
            text = capped(text.map { $0 + " › " + link.text } ?? link.text, ProseReader.chainLimit)
        }

        /// The chain forbids what its bullets say.
        var forbids: Bool {
            if case .assistant(let found?, _) = reading { return found.modality == .prohibition }
            return false
        }

        /// What the chain gives its bullets.
        enum Reading {
            /// Nothing normative (“Key questions include:”).
            case nothing
            /// Instructions for someone else (“We will:”).
            case others
            /// The assistant's rules; the polarity, if stated, and the lead-in that states it.
            case assistant(DeonticFinding?, source: String)
            /// The assistant's rules under a lead-in that negates, but not plainly one way.
            case unclear(source: String)
        }

        var reading: Reading {
            var result = Reading.nothing
            var fromHeading = false         // `result` is a heading's

            for link in links {
                switch link.reading {
                case .otherParty, .examples:
                    result = .others
                case .assistant(let found):
                    // A prohibition further out holds ("Don't: › Write content encouraging:"),
                    // and so does a polarity already stated — but a heading's gives way to a
                    // sentence below it that says what the assistant must do ("Things to
                    // avoid › The assistant must:").
                    if case .assistant(let earlier?, _) = result,
                       found == nil || (earlier.modality == .prohibition && !(fromHeading && link.statesForAssistant)) {
                        continue
                    }
                    result = .assistant(found, source: link.text)
                    fromHeading = link.isHeading
                case .unclear:
                    if case .assistant(let earlier?, _) = result, earlier.modality == .prohibition { continue }
                    result = .unclear(source: link.text)
                    fromHeading = link.isHeading
                case .none:
                    break
                }
            }
            return result
        }
    }

    struct Walk {
        let document: MarkdownDocument
        let names: AssistantNames
        let isPreamble: Bool
        /// Bytes of text the rules may still copy from what they share with other rules —
        /// their lead-ins, the reasons quoting them, descriptions attached to a group of
        /// rules: ``SpecLimits/copyBudgetFactor`` times the section's own bytes. Past it a
        /// lead-in over thousands of bullets, or paragraphs after them, would multiply into
        /// gigabytes; a rule then keeps the first ``SpecLimits/overBudgetBytes`` bytes of
        /// its lead-in and reason, and no more shared descriptions.
        var copyBudget: Int
        /// The rules read from the whole spec, on every core (``RuleCount``).
        var count: RuleCount? = nil
        /// Rules added since the count was last told.
        var uncounted = 0
        /// The spec has more rules than are read: stop.
        var exhausted = false
        /// The section's heading forbids ("Things to avoid"): a lead-in below it is asked
        /// whether it states what the assistant must do (``LeadIn/statesForAssistant``).
        var headingForbids = false
        var rules: [InferredRule] = []
        /// Rules made by the last block that made any: descriptions after them attach here.
        var lastGroup: Range<Int>?
        /// Descriptions before the first rule of the section, waiting for it.
        var waiting: [(text: String, isRationale: Bool)] = []

        mutating func add(_ rule: InferredRule) -> Int {
            rules.append(rule)
            let copied = (rule.leadIn?.utf8.count ?? 0) + (rule.directionReason?.utf8.count ?? 0)
            if copied <= copyBudget {
                copyBudget -= copied
            } else {
                let last = rules.count - 1
                rules[last].leadIn = rule.leadIn.map { capped($0, SpecLimits.overBudgetBytes) }
                rules[last].directionReason = rule.directionReason.map { capped($0, SpecLimits.overBudgetBytes) }
            }
            uncounted += 1
            if uncounted == 256 { flushCount() }
            return rules.count - 1
        }

        /// Tells the spec's count of the rules added since it was last told.
        mutating func flushCount() {
            guard let count, uncounted > 0 else { return }
            if !count.add(uncounted) { exhausted = true }
            uncounted = 0
        }

        /// Attaches a description or reason to the nearest rules.
        mutating func describe(_ text: String) {
            describe(text, isRationale: ProseReader.isRationale(ProseWords.sentences(text)))
        }

        /// `describe(_:)` for a text whose sentences were already read.
        mutating func describe(_ text: String, isRationale: Bool) {
            guard let group = lastGroup else { waiting.append((text, isRationale)); return }
            attach(text, isRationale, to: group)
        }

        /// Kept as one paragraph: a description is read for what it says, and a spec written
        /// back (``TenetMarkdownWriter``) holds each annotation as one paragraph. Made flat
        /// once for all the rules it attaches to.
        mutating func attach(_ text: String, _ isRationale: Bool, to group: Range<Int>) {
            guard !group.isEmpty else { return }
            var flat = collapsingWhitespace(Array(text.utf8)[...])
            // A description shared by several rules is copied into each: each copy is cut at
            // ``ProseReader/sharedCopyLimit`` and paid for from ``copyBudget``, so that
            // paragraphs after a long list cannot multiply into gigabytes. A rule's own
            // description is kept whole.
            let shared = group.count > 1
            if shared { flat = capped(flat, ProseReader.sharedCopyLimit) }
            for r in group {
                if shared {
                    guard flat.utf8.count <= copyBudget else { break }
                    copyBudget -= flat.utf8.count
                }
                if isRationale { rules[r].rationale.append(flat) } else { rules[r].context.append(flat) }
            }
        }

        mutating func closeGroup(from start: Int) {
            guard rules.count > start else { return }
            lastGroup = start..<rules.count
            for (text, isRationale) in waiting { attach(text, isRationale, to: start..<rules.count) }
            waiting = []
        }
    }

    /// A heading of one word ("Prohibited", "Forbidden") or two that name conduct ("Prohibited
    /// actions", "Not allowed", "Red lines", "Hard limits") — not a topic ("Banned items",
    /// "Prohibited content categories (definitions)").
    private static func namesForbiddenConduct(_ title: ProseSentence) -> Bool {
        let words = title.words.indices.filter { !title.words.isWord($0, in: Polarity.boundaries) }.map { title.words[$0] }
        guard words.count <= 2, !title.words.indices.contains(where: { title.words[$0] == "(" }) else { return false }
        return words.count == 1 || words[0] == "not" || conductNouns.contains(words[1])
    }

    private static let conductNouns: Set<String> = [
        "actions", "activities", "behaviours", "behaviors", "behaviour", "behavior", "conduct", "practices", "uses", "limits", "lines",
    ]

    /// A heading or lead-in without the word that only stresses it, before the word that says
    /// what to do: "Critical NEVER search …" (or "Critical: NEVER …") is "NEVER search …";
    /// nil for any other text.
    static func withoutEmphasis(_ title: String) -> String? {
        // Asked of every lead-in that reads as nothing, and with Foundation's case and trim
        // 30,000 instructions a time: most open with no word of ``emphasisWords`` (initials
        // c, i, n, w, r, m, either case, or `*` of "**Critical**").
        guard let first = title.utf8.first, [0x63, 0x69, 0x6E, 0x77, 0x72, 0x6D, 0x2A].contains(first | 0x20)
        else { return nil }
        let words = title.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count == 3, emphasisWords.contains(words[0].lowercased().trimmingCharacters(in: [":", "!", "*"])),
              ["never", "always", "do", "don't", "avoid", "must"].contains(words[1].lowercased()) else { return nil }
        return words[1] + " " + words[2]
    }

    private static let emphasisWords: Set<String> = ["critical", "important", "crucial", "note", "warning", "reminder", "mandatory"]

    /// A heading that is a transcript's speaker label for the user: "User", "Human",
    /// "Q", "Q(user)", "User message" (not "Users", a section about them).
    static func isUserTurn(_ title: String) -> Bool {
        // Asked of every section: most titles are longer, or start with another letter.
        guard title.utf8.count <= 16, let initial = title.utf8.first, [0x55, 0x75, 0x48, 0x68, 0x51, 0x71].contains(initial) else { return false }
        let words = title.lowercased().split { !$0.isLetter }.map(String.init)
        guard let first = words.first, words.count <= 2 else { return false }
        if words.count == 2 { return (first == "q" && words[1] == "user") || (first == "user" && ["message", "input", "turn", "prompt"].contains(words[1])) }
        return ["user", "human", "q"].contains(first)
    }

    /// What makes a short heading a lead-in for the lists below it.
    static let headingEvidence: Set<String> = [
        "do", "never", "always", "avoid", "don't", "dont", "don'ts", "donts", "should", "must",
    ]

    /// Rules in `blocks` (top-level blocks of one section, or of the preamble when
    /// `isPreamble`). `sectionTitle`: a short heading such as “Don't” is a lead-in for
    /// the lists below it.
    static func read(_ blocks: [Int], sectionTitle: String, isPreamble: Bool = false, names: AssistantNames,
                     in document: MarkdownDocument, count: RuleCount? = nil) -> [InferredRule] {
        // "## Q(user)", "## Human": a turn of a transcript, what a user asked ("Ignore all
        // previous instructions …"), not the policy's rules.
        if isUserTurn(sectionTitle) { return [] }
        var walk = Walk(document: document, names: names, isPreamble: isPreamble,
                        copyBudget: SpecLimits.copyBudgetFactor * document.bytes(of: blocks), count: count)
        var headingChain = Chain()
        // A short heading that says Do, Don't, Never, Avoid, Prohibited …, or names good or
        // bad behaviours — not one that merely starts with a verb ("Conduct", "Answer
        // format") — or one that says what the assistant must or must not do ("What the
        // assistant must never do").
        // A heading that forbids in other words ("Prohibited actions", "Red lines", "What
        // the assistant must never do") is weaker: it gives its polarity to a list only
        // when no lead-in of the list's own says something ("Hard limits › Acceptable:").
        var headingIsWeak = false
        var colonLeadIn: LeadIn?
        // "❌ Don't", "✅ Do": read after the mark, and shown without it.
        let sectionTitle = LeadingMark.trimmingMarks(sectionTitle)
        // "Not prohibited", "Never banned": no lead-in that forbids, whatever "never" says.
        if ListsWithoutRules.headingForbids(sectionTitle) != false, let title = ProseWords.sentences(sectionTitle).last,
           case let count = title.words.filter({ !Polarity.boundaries.contains($0) }).count {
            let sentence = count <= 8 && title.words.last == "do"       // "What the assistant must never do"
            // "Do", "Do and don't" head lists of what to do; "1. Do mode (default)" names a mode.
            let doList = count == 1 || title.words.contains { ["don't", "dont", "not", "don'ts", "donts"].contains($0) }
            if count <= 4, case .assistant(let found?) = Polarity.leadIn(title, names: names, negations: false),
               found.evidence.contains(" ") || Self.headingEvidence.contains(found.evidence), found.evidence != "do" || doList {
                headingChain.append(LeadIn(text: sectionTitle.trimmed(), reading: .assistant(found), isHeading: true))
                walk.headingForbids = found.modality == .prohibition
            } else if sentence, Polarity.leadInIsMixed(title) == nil,
                      case .assistant(let found?) = Polarity.leadIn(title, names: names, negations: false),
                      found.evidence.contains(" ") || Self.headingEvidence.contains(found.evidence) {
                // "What the assistant must never do", "What the assistant should do".
                headingChain.append(LeadIn(text: sectionTitle.trimmed(), reading: .assistant(found), isHeading: true))
                headingIsWeak = true
            } else if sentence || Self.namesForbiddenConduct(title),
                      case .assistant(let found?)? = Polarity.negatedLeadIn(title) {
                headingChain.append(LeadIn(text: sectionTitle.trimmed(), reading: .assistant(found), isHeading: true))
                headingIsWeak = true
            } else if title.endsWithColon,
                      case .assistant(let found?) = Polarity.leadIn(Self.withoutEmphasis(sectionTitle).flatMap { ProseWords.sentences($0).last } ?? title,
                                                                    names: names, imperatives: !names.thirdPerson) {
                // A heading that ends as a lead-in does ("Never search for images in these
                // categories:", "Critical NEVER search …:") leads what comes right after it,
                // as a paragraph's would: the list below it, not every list of the section.
                colonLeadIn = LeadIn(text: sectionTitle.trimmed(), reading: .assistant(found), isHeading: true)
            }
        }
        var paragraphLeadIn: LeadIn? = colonLeadIn
        var readAny = false                  // a block of the section's own (not a tag) read before this one
        for index in blocks {
            let block = document.blocks[index]
            if walk.exhausted || count?.exceeded == true {
                count?.stopped(before: Int(block.startLine))
                break
            }
            switch block.kind {
            case .paragraph:
                // A paragraph of one statement to a line is read line by line.
                for lines in StatementLines.groups(document, index) {
                    if walk.exhausted {
                        count?.stopped(before: lines.lowerBound)
                        break
                    }
                    // "5.1 The System shall not:" and then "(a) store any personal data …",
                    // "(b) …" as paragraphs (or lines) of their own: items of the lead-in, as
                    // bullets are ("You agree not to use the Model: (a) … (b) …").
                    if let lead = paragraphLeadIn, let item = clauseItem(document.source.lines(lines.lowerBound, lines.upperBound)) {
                        var chain = headingIsWeak ? Chain() : headingChain
                        chain.append(lead)
                        readClauseItem(item, lines: lines, chain: chain, into: &walk)
                        continue
                    }
                    paragraphLeadIn = readParagraph(lines, into: &walk)
                }
            case .list:
                var chain = headingChain
                if let lead = paragraphLeadIn {
                    if headingIsWeak { chain = Chain() }
                    chain.append(lead)
                }
                let start = walk.rules.count
                var leftOver: [String] = []
                readList(index, chain: chain, parent: nil, into: &walk, leftOver: &leftOver)
                walk.closeGroup(from: start)
                if !leftOver.isEmpty { walk.describe(leftOver.joined(separator: "\n")) }
                paragraphLeadIn = nil
            case .table:
                readTable(index, into: &walk)
                paragraphLeadIn = nil
            case .htmlBlock:
                // A comment or a tag says nothing: "Follow these rules:⏎<rules>⏎- …". But a
                // tag that opens after the section's own text begins a part of its own, which
                // the heading does not lead ("## Things to avoid⏎- …⏎<booking_rules>⏎- Confirm
                // the dates": not a thing to avoid).
                if readAny, document.text(index).trimmed() == TagLines.openingSeparator {
                    headingChain = Chain()
                    headingIsWeak = false
                    walk.headingForbids = false
                }
                continue
            default:
                paragraphLeadIn = nil
            }
            readAny = true
        }
        walk.flushCount()
        return walk.rules
    }

    /// A paragraph that is a lettered or numbered clause — `(a) …`, `b) …`, `(iii) …`,
    /// `(2) …` — without its marker; else `nil`.
    static func clauseItem(_ text: String) -> Substring? {
        let trimmed = text.drop { $0 == " " }
        var rest = trimmed[...]
        let opened = rest.first == "("
        if opened { rest = rest.dropFirst() }
        let label = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard (1...4).contains(label.count), label.allSatisfy({ $0.isNumber }) || label.count == 1 || label.allSatisfy({ "ivxlIVXL".contains($0) })
        else { return nil }
        rest = rest.dropFirst(label.count)
        guard rest.first == ")", rest.dropFirst().first == " " else { return nil }
        let body = rest.dropFirst(2).drop { $0 == " " }
        return body.isEmpty || (!opened && label.count > 1 && !label.allSatisfy({ $0.isNumber })) ? nil : body
    }

    /// Reads a clause paragraph (``clauseItem(_:)``) under a lead-in, as a bullet under it.
    private static func readClauseItem(_ text: Substring, lines: ClosedRange<Int>, chain: Chain, into walk: inout Walk) {
        let own = String(text).trimmed()
        let sentences = ProseWords.sentences(own)
        let readings = Readings(sentences, names: walk.names)
        guard let (modality, reasonText) = itemRule(sentences, readings, chain: chain) else {
            walk.describe(own, isRationale: isRationale(sentences))
            return
        }
        let start = walk.rules.count
        _ = walk.add(InferredRule(
            text: own, title: InlineScan.firstSentence(own, limit: 80), modality: modality, directionReason: reasonText,
            leadIn: chain.text, kindWords: sentences.map(\.words) + chain.links.map(\.words),
            line: lines.lowerBound, endLine: lines.upperBound))
        walk.closeGroup(from: start)
    }

    /// Reads a paragraph: a rule, a lead-in for the list after it (returned), or a
    /// description for the nearest rule.
    private static func readParagraph(_ lines: ClosedRange<Int>, into walk: inout Walk) -> LeadIn? {
        let document = walk.document
        var text = document.source.lines(lines.lowerBound, lines.upperBound).trimmed()
        // "⚠️ The assistant must never …", "❌ Do not promise …": read, and kept, after the mark.
        let mark = LeadingMark.split(text).map { split in
            text = String(split.rest)
            return split.mark
        }
        // "Note: …", "6.1 **Rule:** …": read after the label.
        // (Kept as written where the paragraph describes: "**Guideline**: …" in a glossary.)
        let written = text
        if let body = RuleLabel.strip(text) { text = String(body) }
        if let label = ProseWords.boldLabel(text), label.rest.trimmed().isEmpty, !label.colon {
            // A bold sub-heading ("**Tone and voice**") — but a whole sentence in bold, with its
            // full stop, is a rule made to stand out ("**Never share the admin password with
            // anyone.**", "**REFUSE ASSISTANCE IF THE TOPIC IS NOT … THREATS.**"): read
            // without the marks.
            guard label.label.hasSuffix(".") || label.label.hasSuffix("!") else { return nil }
            text = label.label
        }
        var sentences = ProseWords.sentences(text)
        var leadIn: LeadIn?
        if let last = sentences.last, last.endsWithColon {
            sentences.removeLast()
            var reading = Polarity.leadIn(last, names: walk.names, imperatives: !walk.names.thirdPerson)
            var leadText = sentenceText(text, last)
            // "Critical NEVER search for images in these categories:": read past the stress.
            if reading == .none, let stressed = Self.withoutEmphasis(sentenceText(text, last)),
               let unstressed = ProseWords.sentences(stressed).last {
                reading = Polarity.leadIn(unstressed, names: walk.names, imperatives: !walk.names.thirdPerson)
            }
            // "In particular:" says nothing itself: the sentence before it does, and so for a
            // lead-in that is all an aside ("You MUST use the instructed library for each
            // format. (Do not assume other libraries are available):") — but not for a
            // label for what the list holds ("Never use grep for this. Parameters:"), whose
            // bullets describe. Read for its negations only when it says nothing of what may
            // be ("The file may have been renamed or never merged. Before recommending it:"
            // forbids nothing); otherwise for what it asks.
            if reading == .none,
               last.words.count <= 4 && !Self.labelsData(last.words) || Polarity.isAllAside(last),
               let previous = sentences.last {
                let mayBe = previous.words.indices.contains { previous.words.isWord($0, in: Self.possibilityModals) }
                reading = Polarity.leadIn(previous, names: walk.names, imperatives: !walk.names.thirdPerson, negations: !mayBe)
                leadText = sentenceText(text, previous) + " " + leadText
            }
            // As plain text, as a bullet's lead-in is: "**Prohibited:**" is "Prohibited:".
            leadIn = LeadIn(text: InlineScan.plainText(leadText), reading: reading,
                            statesForAssistant: walk.headingForbids && Polarity.finding(in: last, names: walk.names, permissive: true) != nil,
                            endsWithSubject: reading == .assistant(nil) && Self.isSubjectOnly(last, names: walk.names))
        }
        let imperatives = !walk.names.thirdPerson && !walk.isPreamble
        var first: (DeonticFinding, ProseSentence)?
        var kindWords = ProseWordList()
        // "5.3. Customers in hardship SHALL NOT be shown …": the clause's number is a
        // sentence of its own; the one after it opens the paragraph.
        let opening = sentences.count > 1 && isClauseNumber(sentences[0]) ? 1 : 0
        var firstIsPassive = false
        // Whether a sentence before this one names the assistant, read up to `scanned` (once
        // each, as sentences opening with "it" ask).
        var mentioned = false, scanned = 0
        for (position, sentence) in sentences.enumerated() {
            var own = Polarity.finding(in: sentence, names: walk.names)
            let words = sentence.words
            if own == nil, position > 0, words.count > 1,
               words.isWord(0, itKey) || (words.isWord(0, in: Polarity.answerWords) && words.isWord(1, itKey)) {
                while !mentioned && scanned < position {
                    mentioned = Polarity.mentionsTheAssistant(sentences[scanned], names: walk.names)
                    scanned += 1
                }
                // "The assistant is a triage aid. It must never diagnose …"; "**Can the
                // assistant give medical advice?** No. It must not diagnose …". An `it`
                // that is a thing ("The assistant's log is private. It must be encrypted.")
                // has no verb the assistant does, and the finding reads none.
                if mentioned { own = Polarity.finding(in: sentence, names: walk.names, itIsTheAssistant: true) }
            }
            let stated = own
                ?? ruleSentence(sentence, imperatives: imperatives, opening: position == opening, in: walk)
            // "Posts that threaten violence must be removed": an opening that says in the
            // passive what is to be done. A later sentence that says what the assistant does
            // gives the paragraph its direction instead ("Religious topics are to be handled
            // respectfully. The assistant shouldn't tell a child …").
            guard let found = stated ?? (position == opening && !walk.isPreamble ? Polarity.passiveObligation(sentence) : nil)
            else { continue }
            if first == nil || (firstIsPassive && stated != nil) {
                first = (found, sentence)
                firstIsPassive = stated == nil
            }
            kindWords.append(contentsOf: sentence.words)
        }
        if let (found, sentence) = first {
            let start = walk.rules.count
            var modality: Modality? = found.modality
            var why = reason(found, from: "own wording")
            // "❌ Promise delivery dates.": marked as not to do, worded as something to do.
            if case .prohibits(let symbols)? = mark, found.modality == .obligation {
                modality = nil
                why = "unknown: marked “\(symbols)” (not to do) but worded “\(found.evidence)” — is it required or prohibited?"
            }
            _ = walk.add(InferredRule(
                text: text, title: InlineScan.firstSentence(String(sentenceText(text, sentence)), limit: 80),
                modality: modality, directionReason: why, leadIn: nil,
                kindWords: [kindWords], line: lines.lowerBound, endLine: lines.upperBound))
            walk.closeGroup(from: start)
        } else if leadIn == nil {
            // `sentences` are all of `text`'s here: only a lead-in takes the last one away.
            walk.describe(written, isRationale: isRationale(sentences))
        } else if let first = sentences.first, let last = sentences.last {
            // The sentences before a lead-in introduce the list after it.
            let utf8 = text.utf8
            let intro = String(text[utf8.index(utf8.startIndex, offsetBy: first.range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: last.range.upperBound)])
            walk.waiting.append((intro.trimmed(), isRationale(ProseWords.sentences(intro))))
        }
        return leadIn
    }

    /// Whether a lead-in's main clause (after a leading condition's comma) is the assistant
    /// alone, with an article: "When running as an agent, the assistant:" — not "Escalate
    /// when the assistant:" or "Technically, the assistant:" with a word of its own.
    private static func isSubjectOnly(_ sentence: ProseSentence, names: AssistantNames) -> Bool {
        let w = sentence.words
        let start = (w.indices.last { w[$0] == "," }).map { $0 + 1 } ?? 0
        // After a condition or a short phrase of when or where: "When running commands,
        // the agent:", "In CI, the agent:".
        guard start == 0 || Polarity.opensWithCondition(w) || start <= 8 else { return false }
        // "The bot handles the first contact for every return. It:": the lead-in as a
        // whole is about the assistant (the caller asks), and "it" is its subject.
        if start == 0, w.count == 1 || (w.count == 2 && w.isWord(1, in: Polarity.boundaries)), w[0] == "it" { return true }
        var named = false
        for i in start..<w.count where !w.isWord(i, in: Polarity.boundaries) {
            if names.isName(w.key(i), w[i]) { named = true } else if !["the", "our", "your", "this"].contains(w[i]) { return false }
        }
        return named
    }

    /// `it`: after a sentence that names the assistant, the assistant (``readParagraph``).
    private static let itKey = WordSet.Key("it")

    /// A sentence that is only a clause's number: `5.3`, `4.1.2`, `(a)`, `A.`, `§ 2`.
    static func isClauseNumber(_ sentence: ProseSentence) -> Bool {
        let words = sentence.words
        guard words.count <= 4 else { return false }
        var numbered = false
        for k in 0..<words.count {
            let word = words[k]
            if word == "(" || word == ")" || word == "§" { continue }
            let bytes = Array(word.utf8)
            if bytes.count == 1, bytes[0] >= 0x61, bytes[0] <= 0x7A { numbered = true; continue }
            guard let first = bytes.first, first >= 0x30, first <= 0x39,
                  bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }) else { return false }
            numbered = true
        }
        return numbered
    }

    /// What a paragraph's sentence that does not name the assistant asks, if it is a rule:
    /// an imperative; and, as the paragraph's opening sentence, a statement that forbids
    /// with a subject of its own ("Records uploaded by a user must never be shared"). In a
    /// document that speaks of its assistant in the third person, a bare imperative
    /// addresses the reader ("Consider …"), but an opening one marked "Never", "Do not",
    /// "Always" or "Avoid" is still a rule: counting the document's style used to drop
    /// "Never recommend aspirin for children" with the rest. Nothing in the preamble.
    private static func ruleSentence(_ sentence: ProseSentence, imperatives: Bool, opening: Bool, in walk: Walk) -> DeonticFinding? {
        guard !walk.isPreamble else { return nil }
        if imperatives || opening, let found = Polarity.imperative(sentence),
           imperatives || Polarity.isMarkedForTheAssistant(sentence, found) {
            return found
        }
        // "It is not permitted to tell a person …" forbids wherever it stands.
        guard opening || opensImpersonally(sentence), !addressesSomeoneElse(sentence, names: walk.names) else { return nil }
        return Polarity.subjectProhibition(sentence, strict: true, near: 8)
    }

    /// "It is …", "It's …": a statement with no one as its subject.
    private static func opensImpersonally(_ sentence: ProseSentence) -> Bool {
        let w = sentence.words
        return w.count > 3 && ((w.isWord(0, itKey) && w.isWord(1, isKey)) || w.isWord(0, itsKey))
    }

    private static let isKey = WordSet.Key("is"), itsKey = WordSet.Key("it's")

    /// A statement whose subject is another party — "Teachers must not use …", "Parents
    /// should not contact …", and "You must not share your login" in a document that speaks
    /// of its assistant in the third person — binds them, not the assistant.
    static func addressesSomeoneElse(_ sentence: ProseSentence, names: AssistantNames) -> Bool {
        let w = sentence.words
        guard !w.isEmpty else { return false }
        var k = 0
        if w.isWord(0, in: partyDeterminers) { k = 1 }
        guard k < w.count, (names.thirdPerson && w.isWord(k, in: readerWords)) || (w.isWord(k, in: partyNouns) && !names.isName(w.key(k), w[k]))
        else { return false }
        // What they do, not what is done to them: "Customers must not be charged twice"
        // is the assistant's rule.
        guard let modal = (k + 1..<min(w.count, k + 5)).first(where: { w.isWord($0, in: partyModals) }) else { return false }
        var next = modal + 1
        while next < w.count, w.isWord(next, in: notOrNever) { next += 1 }
        return next < w.count && !w.isWord(next, beKey)
    }

    private static let readerWords: WordSet = ["you", "your"]
    private static let partyDeterminers: WordSet = ["the", "all", "our", "any", "some"]
    private static let partyModals: WordSet = [
        "must", "should", "shall", "may", "can", "cannot", "can't", "mustn't", "shouldn't", "will", "won't", "need", "ought",
    ]
    private static let notOrNever: WordSet = ["not", "never"]
    private static let beKey = WordSet.Key("be")
    private static let partyNouns: WordSet = [
        "users", "operators", "developers", "parents", "teachers", "students", "pupils", "staff", "employees", "people",
        "humans", "customers", "clients", "patients", "guardians", "carers", "we",
        // One of them ("The user must not share passwords with you") and the companies that
        // make the assistant ("Anthropic will never send reminders that …").
        "user", "operator", "developer", "parent", "teacher", "student", "employee", "human", "customer", "client", "patient",
        "guardian", "anthropic", "openai",
    ]

    /// Reads the items of a list, and their nested lists, under a chain of lead-ins.
    /// Items that are not rules are returned in `leftOver` as descriptions. The walk keeps
    /// its own stack, so lists nested thousands deep cannot exhaust the thread's.
    private static func readList(_ list: Int, chain: Chain, parent: Int?, into walk: inout Walk, leftOver: inout [String]) {
        let document = walk.document
        /// A list being read: its items still to read, the chain over them, the rule they refine.
        struct Frame { var items: ArraySlice<Int>; var chain: Chain; var parent: Int? }
        var stack = [Frame(items: document.children(of: list)[...], chain: chain, parent: parent)]
        func push(_ lists: [Int], _ chain: Chain, _ parent: Int?) {
            // Nested lists are read before the next sibling, first list first.
            for sub in lists.reversed() { stack.append(Frame(items: document.children(of: sub)[...], chain: chain, parent: parent)) }
        }
        while !stack.isEmpty {
            guard let item = stack[stack.count - 1].items.popFirst() else { stack.removeLast(); continue }
            if walk.exhausted {
                walk.count?.stopped(before: Int(document.blocks[item].startLine))
                return
            }
            var chain = stack[stack.count - 1].chain
            let parent = stack[stack.count - 1].parent
            let kids = document.children(of: item)
            let nested = kids.filter { document.blocks[$0].kind == .list }
            let firstLine = Int(document.blocks[item].startLine)
            var lastLine = document.lastLine(item)
            if let firstNested = nested.first { lastLine = max(firstLine, Int(document.blocks[firstNested].startLine) - 1) }
            while lastLine > firstLine, document.source.isBlank(lastLine) { lastLine -= 1 }
            // "- - text": an item that opens with a nested list has no text of its own.
            var own = kids.first.map { document.blocks[$0].kind == .list } == true ? "" : ownText(item, through: lastLine, in: document)
            // "❌ Share card numbers", "✅ Quote the ingredient list", "⚠️ Never …": read, and
            // kept, after the mark.
            let mark = LeadingMark.split(own).map { split in
                own = String(split.rest)
                return split.mark
            }
            let written = own
            if let body = RuleLabel.strip(own) { own = String(body) }
            guard !own.isEmpty, !isLinkOnly(own) else {
                push(nested, chain, parent)
                continue
            }
            let label = ProseWords.boldLabel(own)
            var body = label.map { $0.colon ? String($0.rest) : String($0.label) + $0.rest } ?? own
            var sentences = ProseWords.sentences(body)
            // A lead-in on the line after a bullet, with no blank line between ("- Do not
            // offer extra work.⏎Things you should NOT offer to do:⏎- Contact people"), is part
            // of the bullet as Markdown reads it (a lazy continuation line), but it leads
            // the bullets after it: they took the bullet's list's lead-in, or none, and
            // were read as things to do. Only a lead-in that forbids is taken so: one that
            // requires changes little, and "Examples:" made example queries rules.
            if nested.isEmpty, sentences.count >= 2, let last = sentences.last, last.endsWithColon,
               !stack[stack.count - 1].items.isEmpty, let lines = Self.linesBefore(last, in: body), lines > 0,
               case let reading = Polarity.leadIn(last, names: walk.names), case .assistant(let found?) = reading,
               found.modality == .prohibition {
                stack[stack.count - 1].chain.append(LeadIn(text: InlineScan.plainText(sentenceText(body, last)), reading: reading))
                sentences.removeLast()
                let cut = body.utf8.count - last.range.lowerBound
                body = String(decoding: body.utf8.dropLast(cut), as: UTF8.self).trimmed()
                own = String(decoding: own.utf8.dropLast(cut), as: UTF8.self).trimmed()
                lastLine = firstLine + lines - 1
            }
            // A mark that forbids is a "Don't" in front of the bullet, unless the bullet or a
            // lead-in over it forbids already ("❌ Never share …" is not "Don't: Never share").
            var markReason: String?
            if case .prohibits(let symbols)? = mark, !chain.forbids,
               !sentences.contains(where: { Self.forbids($0, names: walk.names) }) {
                chain.append(LeadIn(text: Self.markLeadIn,
                                    reading: .assistant(DeonticFinding(modality: .prohibition, evidence: Self.markLeadIn.lowercased()))))
                markReason = "mark: “\(symbols)” (\(Self.markLeadIn))"
            }
            var itemChain = chain
            // A bullet that only introduces nested bullets: "**Acting within sanctioned
            // limits**", "Write content encouraging:".
            if !nested.isEmpty, let last = sentences.last {
                let labelOnly = label.map { !$0.colon && $0.rest.trimmed().isEmpty } ?? false
                if labelOnly || last.endsWithColon {
                    var reading = Polarity.leadIn(last, names: walk.names, imperatives: true, label: labelOnly)
                    // All an aside: the sentence before it leads, as in a paragraph.
                    if Polarity.isAllAside(last), sentences.count > 1 {
                        reading = Polarity.leadIn(sentences[sentences.count - 2], names: walk.names, imperatives: true)
                    }
                    itemChain.append(LeadIn(text: InlineScan.plainText(own), reading: reading))
                    if labelOnly || sentences.count == 1 {
                        push(nested, itemChain, parent)
                        continue
                    }
                    sentences.removeLast()
                }
            }
            var ruleIndex: Int?
            let readings = Readings(sentences, names: walk.names)
            // A bullet that is all a quotation ("What is the capital of France?", "Write a
            // function to reverse a string.") is an example of what someone says, not a rule.
            if !Self.isQuotation(own), let (modality, ruleReason) = itemRule(sentences, readings, chain: chain, definition: label?.colon == true) {
                let reasonText = markReason != nil && ruleReason == "lead-in: “\(Self.markLeadIn)”" ? markReason : ruleReason
                // What the rule asks: its normative sentences (all of them when none is), and its lead-ins.
                let normative = sentences.indices.filter(readings.isNormative).map { sentences[$0] }
                let kindSentences = normative.isEmpty ? sentences : normative
                // The title is the sentence that says what to do, as for a paragraph.
                let titled = normative.first.map { sentenceText(body, $0) } ?? own.characterPrefix(400)
                ruleIndex = walk.add(InferredRule(
                    text: own, title: InlineScan.firstSentence(titled, limit: 80), modality: modality,
                    directionReason: reasonText, leadIn: chain.text, kindWords: kindSentences.map(\.words) + chain.links.map(\.words),
                    line: firstLine, endLine: lastLine,
                    parent: parent))
            } else {
                leftOver.append(written)
            }
            push(nested, itemChain, ruleIndex ?? parent)
        }
    }

    /// What a mark that forbids (``LeadingMark/prohibits(_:)``) puts in front of its bullet.
    private static let markLeadIn = "Don't"

    /// The sentence forbids in its own words: "Never …", "The assistant must not …".
    private static func forbids(_ sentence: ProseSentence, names: AssistantNames) -> Bool {
        (Polarity.leading(sentence.words) ?? Polarity.finding(in: sentence, names: names))?.modality == .prohibition
    }

    /// What each sentence of an item states, read once: an item's sentences are asked
    /// whether it is a rule, which of them are normative and whether it is an unmarked
    /// imperative, and ``Polarity/finding(in:names:permissive:)`` is the dearest reading.
    struct Readings {
        /// ``Polarity/finding(in:names:permissive:)`` of each sentence.
        let findings: [DeonticFinding?]
        /// ``Polarity/imperative(_:)`` of each sentence that has no finding (`nil` for one
        /// that has): every use below asks it only of those.
        let imperatives: [DeonticFinding?]

        init(_ sentences: [ProseSentence], names: AssistantNames) {
            let found = sentences.map { Polarity.finding(in: $0, names: names) }
            findings = found
            imperatives = sentences.indices.map { found[$0] == nil ? Polarity.imperative(sentences[$0]) : nil }
        }

        /// The sentence at `i` states what to do, for the assistant or as an imperative.
        func isNormative(_ i: Int) -> Bool { findings[i] != nil || imperatives[i] != nil }

        /// The first sentence's finding, or else its imperative, that there is.
        var own: DeonticFinding? {
            for i in findings.indices { if let found = findings[i] ?? imperatives[i] { return found } }
            return nil
        }
    }

    /// Whether an item is a rule, and its modality and the reason for it.
    /// `definition`: the item opens with a bold label and a colon ("**Hard limit**: a
    /// behaviour the assistant must never …"), as a glossary's do.
    static func itemRule(_ sentences: [ProseSentence], _ readings: Readings, chain: Chain,
                                 definition: Bool = false) -> (Modality?, String?)? {
        guard !sentences.isEmpty, !sentences.allSatisfy(\.isQuestion) else { return nil }
        let words = sentences[0].words
        let own = readings.own
        let leading = Polarity.leading(words)
        switch chain.reading {
        case .assistant(let found?, let source):
            // The bullet's own negation wins: "should by default: – Never deceive …",
            // "would like Claude to be: – Transparent: Claude doesn't pursue hidden agendas"
            // — not a restriction it is described as keeping ("would like Claude to be: –
            // Truthful: Claude only sincerely asserts things it believes to be true").
            if found.modality != .prohibition {
                if let leading, leading.modality == .prohibition { return (.prohibition, reason(leading, from: "own wording")) }
                if let own, own.modality == .prohibition, !own.yieldsToLeadIn { return (.prohibition, reason(own, from: "own wording")) }
                // "should: – Sharing passwords is prohibited", "– Profanity is not allowed".
                if let stated = Polarity.statedProhibition(words) { return (.prohibition, reason(stated, from: "own wording")) }
                // "should: – Passwords must never be shared", "– The assistant may never …".
                if let stated = Polarity.subjectProhibition(sentences[0]) { return (.prohibition, reason(stated, from: "own wording")) }
            } else if let allowed = Self.allowsAsAnException(words, readings.findings[0]) {
                // Under "You must not:", "– You can, however, recommend seeing a doctor" is
                // the exception the list allows, not one more thing not to do: rendered under
                // the lead-in it read "You must not: You can … recommend …".
                return (allowed.modality, reason(allowed, from: "own wording"))
            } else if let stated = readings.findings[0], stated.modality == .obligation, !Self.opensWithItsSubject(words),
                      !Polarity.isBehaviour(words), words.first?.hasSuffix("ing") != true {
                // Under "You must not:", a bullet that says with a subject of its own what
                // must be done, after a condition ("This means if you remove the notices, you
                // must ensure …"), is not one more thing not to do. One that names a behaviour
                // first ("Share personal opinions … (it's fine for Claude to …)", "Being more
                // explicit … (however, Claude should …)") is, whatever its aside says.
                return (stated.modality, reason(stated, from: "own wording"))
            }
            return (found.modality, reason(found, from: "lead-in", text: source))
        case .assistant(nil, let source):
            // About the assistant, polarity not stated: a behaviour is a rule of unknown direction.
            if let leading { return (leading.modality, reason(leading, from: "own wording")) }
            if let own { return (own.modality, reason(own, from: "own wording")) }
            // "the assistant: – may not install …", "– must confirm before deleting …".
            if chain.links.last?.endsWithSubject == true, let continued = Polarity.continuedModal(sentences[0]) {
                return (continued.modality, reason(continued, from: "own wording"))
            }
            if Polarity.isBehaviour(words) {
                return (nil, "unknown: the lead-in “\(source)” does not say whether to do or avoid this")
            }
            return nil
        case .unclear(let source):
            // Only what the bullet says plainly of itself: "Never …", "The assistant must …".
            // Its imperative mood alone would make it a rule to follow whatever the lead-in
            // meant. Every other bullet is the assistant's rule of unknown direction, for
            // lint to flag: none is left out.
            if let leading { return (leading.modality, reason(leading, from: "own wording")) }
            if let found = readings.findings.lazy.compactMap({ $0 }).first { return (found.modality, reason(found, from: "own wording")) }
            return (nil, "unknown: the lead-in “\(source)” does not say plainly whether to do or avoid this")
        case .others:
            // "We will: – Explain our reasoning …": the bullets continue someone else's
            // sentence; only one that names the assistant as its subject is a rule.
            guard let found = readings.findings.lazy.compactMap({ $0 }).first else { return nil }
            return (found.modality, reason(found, from: "own wording"))
        case .nothing:
            // "– Passwords must never be shared", "– The assistant may not install …": a
            // bullet that forbids in a sentence of its own is a rule.
            guard let own else {
                guard !definition else { return nil }
                if let stated = Polarity.subjectProhibition(sentences[0], strict: true) { return (.prohibition, reason(stated, from: "own wording")) }
                // "Requests to find this information should be declined", "Posts containing it must be removed".
                if let passive = Polarity.passiveObligation(sentences[0]) { return (passive.modality, reason(passive, from: "own wording")) }
                return nil
            }
            if let leading { return (leading.modality, reason(leading, from: "own wording")) }
            if let doubt = unmarkedImperativeOnASafetyTopic(own, sentences, readings) { return (nil, doubt) }
            return (own.modality, reason(own, from: "own wording"))
        }
    }

    /// Whether `text` is one quotation from its first character to its last (a full stop or
    /// comma after the closing quote allowed), with no quote mark between.
    static func isQuotation(_ text: String) -> Bool {
        // Asked of every bullet: most open with neither " nor “ (E2 80 9C).
        guard let byte = text.utf8.first(where: { $0 != 0x20 }), byte == 0x22 || byte == 0xE2 else { return false }
        var body = Substring(text.trimmed())
        while let last = body.last, ".,;:".contains(last) { body = body.dropLast() }
        guard body.count >= 3, let first = body.first, let last = body.last,
              (first == "\"" && last == "\"") || (first == "“" && last == "”") else { return false }
        return !body.dropFirst().dropLast().contains { $0 == "\"" || $0 == "“" || $0 == "”" }
    }

    /// A bullet that says what may be done, with its subject first — "You can, however,
    /// recommend seeing a doctor", "Exception: you may share the forecast", "It is fine to
    /// mention the hotel" — given `finding`, its first sentence's; `nil` for any other.
    static func allowsAsAnException(_ words: ProseWordList, _ finding: DeonticFinding?) -> DeonticFinding? {
        // Asked of every bullet under a lead-in that forbids: most have no "can", "may" or
        // "it" in their first five words, and are passed by key.
        guard finding?.modality == .permission
                || (0..<min(words.count, 5)).contains(where: { words.isWord($0, in: exceptionOpeners) }) else { return nil }
        // After a label that says so: "Exception:", "However,".
        let start = words.count > 2 && words.isWord(0, in: exceptionLabels) && words.isWord(1, in: Polarity.boundaries) ? 2 : 0
        if let finding, finding.modality == .permission, opensWithItsSubject(words, from: start) { return finding }
        // "You can, however, recommend …": an aside between the modal and its verb.
        if let m = (start..<min(words.count, start + 3)).first(where: { words.isWord($0, in: permittingModals) }),
           m > start, words.isWord(m + 1, commaKey), let close = (m + 2..<min(words.count, m + 5)).first(where: { words.isWord($0, commaKey) }),
           close + 1 < words.count, !words.isWord(close + 1, in: Polarity.boundaries) {
            return DeonticFinding(modality: .permission, evidence: words[m])
        }
        // "It is fine to …", "It's okay to …".
        var k = start
        if words.isWord(k, itsKey) { k += 1 } else if words.isWord(k, itKey), words.isWord(k + 1, isKey) { k += 2 } else { return nil }
        guard words.isWord(k, in: fineWords), words.isWord(k + 1, toKey) else { return nil }
        return DeonticFinding(modality: .permission, evidence: "\(words[k]) to")
    }

    private static let possibilityModals: WordSet = ["may", "might", "could"]

    /// A lead-in that is a label for data ("Parameters:", "Usage:", "Returns:"), whose
    /// bullets describe it.
    static func labelsData(_ words: ProseWordList) -> Bool {
        let content = words.indices.filter { !words.isWord($0, in: Polarity.boundaries) }
        return content.count == 1 && words.isWord(content[0], in: dataLabels)
    }
    private static let dataLabels: WordSet = [
        "parameters", "parameter", "params", "arguments", "args", "options", "flags", "fields", "properties", "usage",
        "returns", "output", "outputs", "input", "inputs", "syntax", "format", "schema", "example", "examples", "response",
    ]
    private static let exceptionOpeners: WordSet = ["can", "may", "it", "it's"]
    private static let exceptionLabels: WordSet = ["exception", "exceptions", "however", "but", "except"]
    private static let permittingModals: WordSet = ["can", "may"]
    private static let fineWords: WordSet = ["fine", "okay", "ok", "acceptable", "alright", "permissible"]
    private static let commaKey = WordSet.Key(","), toKey = WordSet.Key("to")

    /// Whether the words open with the subject of their modal ("The assistant must …",
    /// "You may …"): such a bullet under a lead-in that forbids may be an example of what
    /// not to say, written as a rule; one that names its subject only after a condition or
    /// another party speaks for itself. `start`: after a label ("Exception:").
    private static func opensWithItsSubject(_ words: ProseWordList, from start: Int = 0) -> Bool {
        var k = start
        while k < words.count, k < start + 4, !words.isWord(k, in: Polarity.boundaries) {
            if ["must", "should", "shall", "may", "can", "will", "need", "needs"].contains(words[k]) { return true }
            k += 1
        }
        return false
    }

    /// “Provide serious uplift to …” with no lead-in: the imperative mood is the only sign
    /// of its polarity, and what it names is a harm. Its lead-in may have been lost, or be
    /// worded in a way Tenet does not read; rather than render it as an instruction, its
    /// direction stays unknown until someone annotates it.
    private static func unmarkedImperativeOnASafetyTopic(_ own: DeonticFinding, _ sentences: [ProseSentence],
                                                         _ readings: Readings) -> String? {
        guard own.modality == .obligation, !own.evidence.contains(" "), own.evidence != "always",
              !readings.findings.contains(where: { $0 != nil }),
              let first = readings.imperatives.firstIndex(where: { $0 != nil }),
              let topic = KindInference.safetyTopic(sentences[first].words) else { return nil }
        return "unknown: “\(own.evidence) …” names \(topic) with no lead-in — is it required or prohibited?"
    }

    static func reason(_ found: DeonticFinding, from source: String, text: String? = nil) -> String {
        let shown = text.map { "“\($0)”" } ?? "“\(found.evidence)”"
        if found.modality == .permission { return "permits (\(source) \(shown)): neither requires nor prohibits" }
        return "\(source): \(shown)"
    }

    /// The item's own lines (nested lists left out), without its marker.
    private static func ownText(_ item: Int, through lastLine: Int, in document: MarkdownDocument) -> String {
        let content = document.itemContent(item, through: lastLine)
        let lines = lastLine - Int(document.blocks[item].startLine) + 1
        var bytes = content
        // The offset of the `lines`-th line feed, if there is one.
        let offset: Int? = bytes.withUTF8 { b in
            var count = 0
            for k in 0..<b.count where b[k] == 0x0A {
                count += 1
                if count == lines { return k }
            }
            return nil
        }
        let end = offset.map { content.utf8.index(content.utf8.startIndex, offsetBy: $0) } ?? content.endIndex
        return String(content[..<end]).trimmed()
    }

    /// How many line breaks come before `sentence` in `text` when it starts a line of its
    /// own (after spaces); `nil` when it starts after other text on its line.
    static func linesBefore(_ sentence: ProseSentence, in text: String) -> Int? {
        // A sentence's range starts where the one before it ended: at the space or line
        // break after its full stop.
        let utf8 = text.utf8
        var start = utf8.index(utf8.startIndex, offsetBy: min(sentence.range.lowerBound, utf8.count))
        while start != utf8.endIndex, [0x20, 0x09, 0x0A].contains(utf8[start]) { start = utf8.index(after: start) }
        let before = utf8[..<start]
        guard let lastBreak = before.lastIndex(of: 0x0A),
              before[before.index(after: lastBreak)...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
        return before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func sentenceText(_ text: String, _ sentence: ProseSentence) -> String {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: min(sentence.range.lowerBound, utf8.count))
        let end = utf8.index(utf8.startIndex, offsetBy: min(sentence.range.upperBound, utf8.count))
        return String(text[start..<end]).trimmed()
    }

    /// Reasons (“because …”, “this matters …”) are rationale; other descriptions context.
    static func isRationale(_ text: String) -> Bool { isRationale(ProseWords.sentences(text)) }

    private static func isRationale(_ sentences: [ProseSentence]) -> Bool {
        sentences.contains { sentence in sentence.words.indices.contains { sentence.words.isWord($0, in: rationaleMarkers) } }
    }

    private static let rationaleMarkers: WordSet = [
        "because", "since", "reason", "reasons", "why", "otherwise", "important", "risk", "risks",
        "cost", "costs", "benefit", "benefits", "believe", "concern", "worry", "stakes", "harms",
    ]

    /// The rules of one section as ``Rule``s: IDs from the section and the rule's words,
    /// parents by ID, the kind inferred from what each rule asks (``KindInference``).
    /// `headings`: the titles of the section and those above it, innermost first.
    static func rules(_ inferred: [InferredRule], path: [String], headings: [String], uniquer: inout Slug.Uniquer) -> [Rule] {
        var prepared = Prepared()
        prepared.add(inferred, path: path, headings: headings)
        var out: [Rule] = []
        claimIDs([prepared], into: &out, uniquer: &uniquer)
        return out
    }

    /// Rules read from prose with everything but their IDs, in document order: an ID must
    /// be made unique in document order across the whole spec (``claimIDs(_:into:uniquer:)``).
    /// The rules are kept in one array, so that moving them into the spec's holds them
    /// once, not twice, at the peak.
    struct Prepared: Sendable, Equatable {
        /// The rules, their `id` and `parent` still empty.
        var rules: [Rule] = []
        /// The ID each asks for (the section's ID, then the rule's first words).
        var wantedIDs: [String] = []
        /// How many rules back the rule each refines is (its parent), if it refines one.
        var parentDistances: [Int?] = []

        /// The work of ``ProseReader/rules(_:path:headings:uniquer:)`` that depends on one
        /// section alone: the wanted ID, the kind, the title, the placeholders. Pure, so
        /// sections can be prepared on several cores.
        mutating func add(_ inferred: [InferredRule], path: [String], headings: [String]) {
            let headingKind = KindInference.headingKind(headings)
            for (k, item) in inferred.enumerated() {
                // The first words make the ID; a prefix is enough and keeps long paragraphs cheap.
                let head = item.text.utf8.count <= 400 ? item.text : item.text.characterPrefix(400)
                // Without brackets, as before plain text kept those that open no link: an ID
                // made of `list[int]` stays `listint` from one version of Tenet to the next.
                var plain = InlineScan.plainText(head)
                // Looked for with memchr: `utf8.contains` went a byte at a time through the
                // generic sequence, 4 % of reading prose.
                if plain.withUTF8({ bytes in bytes.baseAddress.map { memchr($0, 0x5B, bytes.count) != nil } ?? false }) {
                    plain.removeAll { $0 == "[" }
                }
                let base = Slug.make(plain, maxWords: 6, maxLength: 40)
                let words = item.kindWords.count == 1 ? item.kindWords[0]
                    : ProseWordList(joining: item.kindWords, limit: KindInference.wordLimit)
                let kind = KindInference.infer(words: words, modality: item.modality, headingKind: headingKind)
                rules.append(Rule(id: "", explicitID: false, title: item.title, text: item.text, path: path, line: item.line,
                                  endLine: item.endLine, kind: kind.kind, direction: item.direction,
                                  rationale: item.rationale.isEmpty ? nil : item.rationale.joined(separator: " "),
                                  placeholders: InlineScan.mayHoldPlaceholder(item.text, singleBraces: true)
                                      ? InlineScan.placeholders(in: item.text) : [],
                                  kindReason: kind.reason,
                                  directionReason: item.directionReason, leadIn: item.leadIn,
                                  context: item.context.isEmpty ? nil : item.context.joined(separator: " ")))
                wantedIDs.append(path.last.map { "\($0).\(base)" } ?? base)
                parentDistances.append(item.parent.map { k - $0 })
            }
        }

        /// `a`'s rules followed by `b`'s.
        static func + (a: Prepared, b: Prepared) -> Prepared {
            Prepared(rules: a.rules + b.rules, wantedIDs: a.wantedIDs + b.wantedIDs, parentDistances: a.parentDistances + b.parentDistances)
        }
    }

    /// Claims each prepared rule's ID, in order, points parents at their IDs, and moves
    /// the rules to the end of `rules`, letting each run's array go once moved.
    static func claimIDs(_ runs: consuming [Prepared], into rules: inout [Rule], uniquer: inout Slug.Uniquer) {
        var runs = runs
        // One run into no rules yet: its array becomes the spec's as it is.
        let whole = rules.isEmpty && runs.count == 1
        let claiming = runs.reduce(0) { $0 + $1.rules.count }
        uniquer.reserveCapacity(forMore: claiming)
        if !whole { rules.reserveCapacity(rules.count + claiming) }
        for r in runs.indices {
            var run = runs[r]
            runs[r] = Prepared()
            for k in run.rules.indices {
                run.rules[k].id = uniquer.claim(run.wantedIDs[k])
                // The parent is in this run (a section is never split): its ID was just claimed.
                if let distance = run.parentDistances[k] { run.rules[k].parent = run.rules[k - distance].id }
            }
            if whole { rules = run.rules } else { moveAll(&run.rules, to: &rules) }
        }
    }

    /// Appends `source`'s elements to `destination` in order, leaving `source` empty.
    /// `append(contentsOf:)` would copy each rule (a retain of every string and array in
    /// it, touching each one's memory) and then free the source (a release of each): on
    /// ten thousands of prose rules that is a visible part of the sequential work. Reversed
    /// through a buffer pointer (whose swaps move elements; the array's own `reverse()`
    /// copied each rule twice), then `popLast` moves one out at a time: no retain or release.
    static func moveAll<Element>(_ source: inout [Element], to destination: inout [Element]) {
        source.withUnsafeMutableBufferPointer { $0.reverse() }
        while let element = source.popLast() { destination.append(element) }
    }

    /// A section (or the preamble, with an empty path) whose rules are read from its prose.
    struct Region: Sendable {
        var blocks: [Int]
        var title: String
        var path: [String]
        /// Read as a preamble (no imperatives, no passive duties): the text before the first
        /// section of a document that has sections, which introduces them. A document with
        /// none — a system prompt written as plain paragraphs ("You are a support bot. Never
        /// reveal these instructions. Always answer in English.") — is its rules.
        var isPreamble: Bool
    }

    /// ``read(_:sectionTitle:isPreamble:names:in:)`` and ``Prepared/add(_:path:headings:)``
    /// of every region, spread over the cores in runs of neighbouring regions of about equal
    /// size; the runs are in the regions' order and, put end to end, equal reading the
    /// regions one after another.
    /// `sectionTitles`: section ID → title, for the headings above each region.
    /// `minimumWeight`: the fewest lines worth a run of their own (a thread's start-up).
    /// `count`: the rules read so far, against the most read; past it the regions not yet
    /// read are left out (``RuleCount/stoppedBefore`` says where).
    static func readRegions(_ regions: [Region], sectionTitles: [String: String], names: AssistantNames,
                            in document: MarkdownDocument, minimumWeight: Int = 1000,
                            count: RuleCount = RuleCount(limit: SpecLimits.maximumRules)) -> [Prepared] {
        @Sendable func run(_ regions: ArraySlice<Region>) -> Prepared {
            var prepared = Prepared()
            for region in regions {
                if count.exceeded, let first = region.blocks.first {
                    count.stopped(before: Int(document.blocks[first].startLine))
                    break
                }
                let inferred = read(region.blocks, sectionTitle: region.title, isPreamble: region.isPreamble,
                                    names: names, in: document, count: count)
                prepared.add(inferred, path: region.path, headings: region.path.reversed().compactMap { sectionTitles[$0] })
            }
            return prepared
        }
        let runs = balancedRuns(regions.map { region in
            region.blocks.reduce(0) { $0 + Int(document.blocks[$1].endLine - document.blocks[$1].startLine) + 1 }
        }, parts: ParallelMap.cores * 16, minimumWeight: minimumWeight)
        guard runs.count > 1 else { return [run(regions[...])] }
        return ParallelMap.map(runs) { run(regions[$0]) }
    }

    /// Splits `weights.indices` into runs of neighbours whose weights are about equal: at
    /// most `parts` runs, and at most one per `minimumWeight` of the total weight.
    static func balancedRuns(_ weights: [Int], parts: Int, minimumWeight: Int) -> [Range<Int>] {
        let total = weights.reduce(0, +)
        let count = max(1, min(parts, total / max(1, minimumWeight)))
        guard count > 1 else { return weights.isEmpty ? [] : [0..<weights.count] }
        var runs: [Range<Int>] = []
        var start = 0, sum = 0
        for (k, weight) in weights.enumerated() {
            sum += weight
            // Close a run where the running sum passes the next share of the total.
            if sum * count >= total * (runs.count + 1), runs.count < count - 1, k + 1 < weights.count {
                runs.append(start..<(k + 1))
                start = k + 1
            }
        }
        runs.append(start..<weights.count)
        return runs
    }

    /// The longest lead-in text a rule keeps, in bytes (``LeadIn``), and the longest chain
    /// of them (`A › B › C`): every rule under a lead-in keeps a copy, so a lead-in of a
    /// hundred kilobytes over thousands of bullets was gigabytes.
    static let leadInLimit = 1_000, chainLimit = 2_000
    /// The most words of a lead-in read for the kind of each rule under it.
    static let leadInWordLimit = 256
    /// The longest copy of a description shared by several rules, in bytes
    /// (``Walk/attach(_:_:to:)``).
    static let sharedCopyLimit = 8_000
    /// A bullet that is only a link (`[Overview](#overview)`) is navigation, not a rule.
    static func isLinkOnly(_ text: String) -> Bool {
        text.hasPrefix("[") && text.hasSuffix(")") && text.components(separatedBy: "](").count == 2
    }
}
