/// `1 prompt`, `3 prompts`: a count and its noun in agreement, for every message that
/// counts something ("imported huge r1: 1 prompts" was one that did not).
/// `plural`: the noun's plural when it is not the noun with `s`.
public func counted(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
}
