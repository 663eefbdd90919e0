/// Readable, stable identifiers made from text.
enum Slug {
    /// `"Respect the User's Time!"` → `"respect-the-users-time"`; at most `maxWords` words
    /// and about `maxLength` bytes. Letters of any script are kept, lower-cased.
    static func make(_ text: String, maxWords: Int = 8, maxLength: Int = 48) -> String {
        // ASCII text (nearly all) by bytes; the same slug as ``makeByScalars``.
        var text = text
        if let slug = text.withUTF8({ ascii($0, maxWords: maxWords, maxLength: maxLength) }) { return slug }
        return makeByScalars(text, maxWords: maxWords, maxLength: maxLength)
    }

    /// ``make(_:maxWords:maxLength:)`` for ASCII text, one pass over its bytes; `nil` when
    /// a byte that counts is not ASCII.
    static func ascii(_ b: UnsafeBufferPointer<UInt8>, maxWords: Int, maxLength: Int) -> String? {
        guard maxWords > 0 else { return nil }
        var slug: [UInt8] = []
        slug.reserveCapacity(min(b.count, maxLength + 16))
        var words = 0
        /// Where the word being read starts in `slug`; `full`: a word did not fit, the slug is done.
        var start = 0
        var inWord = false
        var full = false
        func flush() -> Bool {
            guard inWord else { return true }
            inWord = false
            words += 1
            // The first word always; a later one only if the slug stays within `maxLength`.
            if start > 0, slug.count > maxLength { slug.removeSubrange((start - 1)...); full = true }
            return words < maxWords
        }
        for byte in b {
            if byte >= 0x80 { return nil }
            if byte == 0x27 { continue }
            let lower: UInt8
            switch byte {
            case 0x41...0x5A: lower = byte + 0x20
            case 0x61...0x7A, 0x30...0x39: lower = byte
            default:
                if !flush() || full { return finish(slug) }
                continue
            }
            if !inWord {
                inWord = true
                if !slug.isEmpty { slug.append(0x2D) }
                start = slug.count
            }
            slug.append(lower)
        }
        _ = flush()
        return finish(slug)
    }

    private static func finish(_ slug: [UInt8]) -> String {
        slug.isEmpty ? "untitled" : String(decoding: slug, as: UTF8.self)
    }

    /// ``make(_:maxWords:maxLength:)`` scalar by scalar, for any text.
    static func makeByScalars(_ text: String, maxWords: Int = 8, maxLength: Int = 48) -> String {
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current); current = "" }
        }
        for scalar in text.unicodeScalars {
            if words.count >= maxWords { break }
            // An apostrophe joins a word's parts; an invisible character is not there.
            if scalar == "'" || scalar == "’" || HiddenText.isInvisible(scalar) { continue }
            if scalar.isASCII {
                // ASCII without the Unicode tables: letters lower-cased, digits kept.
                switch scalar.value {
                case 0x41...0x5A: current.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
                case 0x61...0x7A, 0x30...0x39: current.unicodeScalars.append(scalar)
                default: flush()
                }
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
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
        // ASCII titles (nearly all) byte by byte; others through Characters.
        var text = title
        let ascii: String? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // Written straight into the string: never longer than the title.
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var inLinkTarget = false
                var previous: UInt8 = 0
                for byte in bytes {
                    defer { previous = byte }
                    if inLinkTarget { if byte == 0x29 { inLinkTarget = false }; continue }
                    if byte == 0x28, previous == 0x5D { inLinkTarget = true; continue }     // ](url)
                    switch byte {
                    case 0x41...0x5A: out[count] = byte + 0x20; count += 1
                    case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: out[count] = byte; count += 1
                    case 0x20: out[count] = 0x2D; count += 1
                    default: break
                    }
                }
                return count
            }
        }
        if let ascii { return ascii }
        var out = ""
        for character in InlineScan.plainText(title).lowercased() {
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
            // Most bases are new: one hash of the base claims it. `nextSuffix` is only
            // written once a base needed a suffix; a base absent from it starts at 2.
            if used.insert(base).inserted { return base }
            var n = nextSuffix[base] ?? 2
            var candidate = "\(base)-\(n)"
            n += 1
            while !used.insert(candidate).inserted {
                candidate = "\(base)-\(n)"
                n += 1
            }
            nextSuffix[base] = n
            return candidate
        }

        mutating func reserve(_ id: String) { used.insert(id) }

        /// Room for `count` more IDs, so that claiming them does not grow (and rehash) the set.
        mutating func reserveCapacity(forMore count: Int) { used.reserveCapacity(used.count + count) }
    }
}
