/// Verbs a policy writes its behaviours with, for telling a behaviour ("Provide …",
/// "Refuses …", "Avoiding …") from a description ("Operators …", "Key questions …").
enum VerbLexicon {
    /// Base forms.
    static let verbs: WordSet = [
        "accept", "access", "accommodate", "acknowledge", "acquire", "act", "adapt", "add", "address", "adhere",
        "adjust", "admit", "adopt", "advise", "advocate", "abstain", "aid", "aim", "alert", "align", "allow", "alter",
        "analyze", "analyse", "answer", "anticipate", "apologize", "apologise", "appear", "append", "apply", "approach", "argue",
        "ask", "assess", "assign", "assist", "assume", "attach", "attempt", "attend", "attribute", "avoid",
        "back", "balance", "base", "be", "become", "begin", "behave", "believe", "block", "break", "bring",
        "build", "calculate", "call", "care", "carry", "cause", "challenge", "change", "check", "choose",
        "cite", "claim", "clarify", "classify", "close", "collect", "collude", "comment", "commit",
        "communicate", "compare", "complete", "comply", "compose", "conceal", "conclude", "condone",
        "conduct", "confirm", "connect", "consider", "consult", "contact", "contain", "continue",
        "contribute", "convey", "cooperate", "copy", "correct", "craft", "create", "criticize", "criticise",
        "curate", "deceive", "decide", "decline", "default", "defer", "define", "delete", "deliver",
        "demean", "demonstrate", "deny", "depict", "describe", "design", "detect", "determine", "develop",
        "disallow", "disclose", "discourage", "discuss", "display", "dispute", "distinguish", "do", "dodge", "draft",
        "draw", "edit", "educate", "elaborate", "emphasize", "emphasise", "employ", "enable", "encourage",
        "end", "endorse", "enforce", "engage", "entice", "enhance", "ensure", "enter", "escalate", "escape", "establish",
        "evaluate", "evade", "exaggerate", "examine", "exclude", "execute", "exercise", "exfiltrate", "exhibit",
        "expand", "explain", "exploit", "express", "facilitate", "fail", "fabricate", "feature", "fill",
        "find", "fix", "flag", "flatter", "focus", "follow", "forbid", "forge", "format", "foster", "frame", "gather",
        "generate", "get", "give", "glorify", "go", "grant", "guarantee", "guess", "guide", "handle", "harass", "harm", "have",
        "help", "hide", "highlight", "hold", "honor", "honour", "identify", "ignore", "illustrate", "imitate",
        "impersonate", "imply", "impose", "include", "incorporate", "indicate", "infer", "influence",
        "inform", "insert", "insist", "instruct", "integrate", "interpret", "interrupt", "introduce",
        "invent", "investigate", "invite", "involve", "judge", "justify", "keep", "kill", "label", "lead",
        "learn", "leave", "lecture", "let", "limit", "link", "list", "listen", "look", "lie", "maintain",
        "make", "manipulate", "mark", "match", "mention", "mislead", "misrepresent", "mock", "modify",
        "moralize", "moralise", "monitor", "name", "navigate", "negotiate", "normalize", "normalise",
        "note", "notice", "obey", "obfuscate", "observe", "obtain", "offer", "omit", "open", "operate",
        "organize", "organise", "output", "overload", "override", "participate", "pay", "penalize",
        "penalise", "perform", "persuade", "pick", "place", "plan", "play", "playact", "point", "populate", "praise",
        "preach", "prefer", "prepare", "present", "preserve", "pretend", "prevent", "prioritize",
        "prioritise", "proceed", "produce", "promise", "promote", "prompt", "propose", "protect", "provide",
        "publish", "pursue", "push", "put", "question", "quote", "raise", "rank", "rate", "reach", "read",
        "recall", "receive", "recognize", "recognise", "recommend", "redirect", "refer", "reflect", "refrain",
        "refuse", "reject", "relate", "release", "rely", "remain", "remember", "remind", "remove", "render",
        "reply", "report", "represent", "request", "require", "research", "resist", "resolve", "respect",
        "respond", "restate", "restrict", "retain", "return", "reveal", "review", "rewrite", "run",
        "sabotage", "say", "search", "secure", "seek", "select", "sell", "send", "separate", "serve", "set",
        "share", "show", "sign", "simulate", "skip", "solicit", "solve", "speak", "specify", "speculate", "spend",
        "start", "state", "stay", "steer", "stick", "stop", "store", "stress", "structure", "submit",
        "suggest", "summarize", "summarise", "supply", "support", "suppress", "surface", "synthesize",
        "synthesise", "take", "talk", "teach", "tell", "test", "thank", "think", "threaten", "track",
        "train", "translate", "treat", "trust", "try", "turn", "undermine", "understand", "update",
        "uphold", "urge", "use", "validate", "value", "verify", "violate", "volunteer", "vote", "wait",
        "warn", "weigh", "welcome", "withhold", "work", "write", "yield",
        // Verbs of coding agents' and tools' prompts (a second audit of real documents lost
        // "Install any commands the repo relies on", "Save the file before …").
        "annotate", "combine", "configure", "debug", "deploy", "download", "favor", "favour", "fetch", "finish", "greet",
        "inspect", "install", "invoke", "merge", "move", "notify", "prepend", "print", "rebuild", "refactor", "rename",
        "restart", "retry", "save", "upgrade", "upload", "wrap",
    ]

    /// The base form when `word` is a verb: `refuses` → `refuse`, `giving` → `give`,
    /// `stopping` → `stop`, `misidentifies` → `misidentify`.
    static func base(_ word: String) -> String? {
        if verbs.contains(word) { return word }
        let n = word.utf8.count
        guard n > 3 else { return nil }
        if word.hasSuffix("ing") {
            let stem = String(word.dropLast(3))
            if verbs.contains(stem) { return stem }
            if verbs.contains(stem + "e") { return stem + "e" }
            if let last = stem.last, stem.dropLast().last == last, verbs.contains(String(stem.dropLast())) { return String(stem.dropLast()) }
            if stem.hasSuffix("y") || stem.hasSuffix("k") { return verbs.contains(stem) ? stem : nil }
            return nil
        }
        if word.hasSuffix("ies") {
            let stem = String(word.dropLast(3)) + "y"
            return verbs.contains(stem) || stem.hasSuffix("ify") ? stem : nil
        }
        if word.hasSuffix("es"), verbs.contains(String(word.dropLast(2))) { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), verbs.contains(String(word.dropLast())) { return String(word.dropLast()) }
        return nil
    }

    /// `word` is a verb form a behaviour can start with: base, third person or gerund.
    static func isVerbForm(_ word: String) -> Bool {
        if base(word) != nil { return true }
        // Verbs outside the list: most -ify / -ize / -ise words are verbs.
        for suffix in ["ify", "ifies", "ifying", "ize", "izes", "izing"] where word.hasSuffix(suffix) {
            return word.utf8.count > suffix.utf8.count + 2
        }
        return false
    }
}
