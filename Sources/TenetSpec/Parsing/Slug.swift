/// Readable, stable identifiers made from text.
enum Slug {
    /// `"Respect the User's Time!"` → `"respect-the-users-time"`; at most `maxWords` words
    /// and about `maxLength` bytes. Letters of any script are kept, lower-cased.
    static func make(_ text: String, maxWords: Int = 8, maxLength: Int = 48) -> String {
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current); current = "" }
        }
        for scalar in text.unicodeScalars {
            if words.count >= maxWords { break }
            if scalar == "'" || scalar == "’" { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        var slug = ""
        for word in words.prefix(maxWords) {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.utf8.count > maxLength && !slug.isEmpty { break }
            slug = next
        }
        return slug.isEmpty ? "untitled" : slug
    }

    /// The anchor GitHub gives a heading: lower case, spaces to `-`, other punctuation
    /// dropped (`"Don't panic: a guide"` → `dont-panic-a-guide`). Not shortened.
    static func githubAnchor(_ title: String) -> String {
        var out = ""
        for character in title.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" { out.append(character) }
            else if character == " " { out.append("-") }
        }
        return out
    }

    /// Makes IDs unique in document order: the second `x` becomes `x-2`, and so on.
    struct Uniquer {
        private var used: Set<String> = []
        /// The next suffix to try for each base, so that many equal bases stay linear.
        private var nextSuffix: [String: Int] = [:]

        init(reserved: some Sequence<String> = []) { used = Set(reserved) }

        mutating func claim(_ base: String) -> String {
            var candidate = base
            var n = nextSuffix[base] ?? 2
            while used.contains(candidate) {
                candidate = "\(base)-\(n)"
                n += 1
            }
            nextSuffix[base] = n
            used.insert(candidate)
            return candidate
        }

        mutating func reserve(_ id: String) { used.insert(id) }
    }
}
