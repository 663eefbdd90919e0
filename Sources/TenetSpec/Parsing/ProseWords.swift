/// One sentence of prose as lower-case words, for reading what a sentence asks of the
/// assistant (``Polarity``). Markdown is read through: emphasis, code marks, link targets,
/// footnote markers and HTML tags are dropped, link text kept.
struct ProseSentence: Sendable, Equatable {
    /// Lower-case words and the punctuation that separates clauses (`,` `;` `:` `(` `)`
    /// and `—` for dashes). Apostrophes are straight; hyphenated words stay one word.
    /// Kept as keys, made from the bytes as each word is read: the word lists ask about
    /// every word, some of them several times, and look at the text of few.
    var words: ProseWordList
    /// Byte offsets of the sentence in the text it was read from.
    var range: Range<Int>
    /// The sentence ends in `:` — a lead-in to what follows.
    var endsWithColon: Bool
    var isQuestion: Bool
}

/// Splits Markdown prose into ``ProseSentence``s, one pass over its UTF-8 bytes.
enum ProseWords {
    /// Words that end in `.` without ending a sentence.
    private static let abbreviations: Set<String> = ["e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "st", "no", "approx", "incl"]

    /// Whether the word's first character is a letter or a digit. `Character` answers from
    /// its first scalar, so an ASCII first byte answers alone: `A-Z a-z 0-9`.
    static func startsWithLetterOrDigit(_ word: String) -> Bool {
        guard let byte = word.utf8.first else { return false }
        if byte < 0x80 { return (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
        return word.first.map { $0.isLetter || $0.isNumber } ?? false
    }

    /// The sentences of `text`. `limit`: the first sentences only, as many as that (each
    /// is read as it would be in the whole text: where one ends never depends on text after
    /// the next).
    static func sentences(_ text: String, limit: Int = .max) -> [ProseSentence] {
        var text = text
        return text.withUTF8 { sentences($0, limit: limit) }
    }

    private static let abbreviationSet = WordSet(abbreviations)
    /// The punctuation words and their keys, made once (a dash's is not packed: it is not ASCII).
    private static let dash = (word: "—", key: WordSet.Key("—"))
    private static let comma = (word: ",", key: WordSet.Key(","))
    private static let semicolon = (word: ";", key: WordSet.Key(";"))
    private static let colon = (word: ":", key: WordSet.Key(":"))
    private static let open = (word: "(", key: WordSet.Key("("))
    private static let close = (word: ")", key: WordSet.Key(")"))

    /// The sentences read so far and the word being read: its bytes (lower case, apostrophes
    /// straight) in a buffer that holds any word of the text, packed for ``WordSet`` from
    /// that buffer when the word ends (``packed``). A struct with mutating methods, not
    /// closures over local variables: those would be boxed and every access to them checked
    /// at run time.
    ///
    /// The keys of the sentence being read are kept in a buffer the builder owns and reuses
    /// for every sentence, and are copied, as bytes, into the sentence's array when it ends:
    /// appending each to an array checked the array's uniqueness and capacity. Only a word
    /// whose key is not packed gets a `String` (``ProseWordList``). ``release()`` frees the
    /// buffers.
    private struct Builder {
        var out: [ProseSentence] = []
        /// The sentence's keys so far: the first `count` are initialized; there is room for
        /// `capacity`.
        var keys: UnsafeMutablePointer<WordSet.Key>
        var count = 0
        var capacity: Int
        /// The sentence's words whose keys are not packed, and where each is.
        var unpacked: [String] = []
        var unpackedPositions: [Int] = []
        /// The word's bytes: the first `length` are the word. Sixteen bytes longer than the
        /// text, all initialized (to zero at first): a word's first sixteen bytes are read in
        /// two loads, and eight bytes at a time are written past the word (``LetterRun``).
        let word: UnsafeMutablePointer<UInt8>
        var length = 0
        var ascii = true
        /// Whether a word of the sentence starts with a letter or a digit (punctuation never does).
        var hasLetterOrDigit = false
        var sentenceStart = 0

        init(capacity: Int) {
            word = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 16)
            word.initialize(repeating: 0, count: capacity + 16)
            // About a sentence's words (a word and its space are about six bytes); grown
            // when a sentence has more.
            self.capacity = min(max(capacity / 6, 4), 64)
            keys = .allocate(capacity: self.capacity)
        }

        /// Frees the buffers; the builder is not used after.
        func release() {
            keys.deinitialize(count: count)
            keys.deallocate()
            word.deallocate()
        }

        /// Adds a word's key to the sentence, and its text when the key is not packed.
        @inline(__always) mutating func push(_ key: WordSet.Key, _ text: @autoclosure () -> String) {
            if count == capacity { grow() }
            if !key.isPacked {
                unpackedPositions.append(count)
                unpacked.append(text())
            }
            (keys + count).initialize(to: key)
            count += 1
        }

        /// Twice the room, the keys moved over.
        mutating func grow() {
            let larger = capacity * 2
            let newKeys = UnsafeMutablePointer<WordSet.Key>.allocate(capacity: larger)
            newKeys.moveInitialize(from: keys, count: count)
            keys.deallocate()
            keys = newKeys
            capacity = larger
        }

        @inline(__always) mutating func append(_ c: UInt8) {
            word[length] = c
            if c >= 0x80 { ascii = false }
            length += 1
        }

        /// Appends the run of ASCII letters and digits from `start` (lower case); returns the
        /// index after it. Eight bytes at a time (``LetterRun``) while eight are left, then a
        /// byte at a time.
        @inline(__always) mutating func appendLettersAndDigits(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var i = start, count = length
            if let base = b.baseAddress {
                // Each byte of a word comes from a byte of the text, so `count <= i`, and the
                // word buffer (sixteen bytes longer than the text) holds the eight stored.
                while i &+ 8 <= b.count {
                    let (run, lower) = LetterRun.of(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                    UnsafeMutableRawPointer(word + count).storeBytes(of: lower.littleEndian, as: UInt64.self)
                    count &+= run
                    i &+= run
                    if run < 8 { break }
                }
            }
            while i < b.count {
                let c = b[i], lower = c | 0x20
                let isLetter = lower >= 0x61 && lower <= 0x7A
                guard isLetter || (c >= 0x30 && c <= 0x39) else { break }
                word[count] = isLetter ? lower : c
                count &+= 1
                i &+= 1
            }
            length = count
            return i
        }

        /// The word's first sixteen bytes in two integers, as ``WordSet`` packs them (byte
        /// `k` in bits `8k ..< 8k + 8`, none after the word): its key when it is ASCII and at
        /// most sixteen bytes long.
        @inline(__always) var packed: (UInt64, UInt64) {
            let raw = UnsafeRawPointer(word)
            var a = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            var b = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if length < 8 { a &= (1 &<< UInt64(8 &* length)) &- 1 }
            if length < 16 { b = length <= 8 ? 0 : b & ((1 &<< UInt64(8 &* (length &- 8))) &- 1) }
            return (a, b)
        }

        var hasWord: Bool { length > 0 }

        mutating func flushWord() {
            guard length > 0 else { return }
            // No word byte is NUL: an ASCII word of up to 16 bytes is what `WordSet` packs,
            // and its key is all that is kept of it.
            let isPacked = ascii && length <= 16
            if !hasLetterOrDigit {
                let first = word[0]
                hasLetterOrDigit = first < 0x80 ? (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) || (first >= 0x30 && first <= 0x39)
                    : startsWithLetterOrDigit(String(decoding: UnsafeBufferPointer(start: word, count: length), as: UTF8.self))
            }
            if isPacked {
                push(WordSet.Key(packed: packed), "")
            } else {
                let text = String(decoding: UnsafeBufferPointer(start: word, count: length), as: UTF8.self)
                push(WordSet.Key(packed: nil), text)
            }
            length = 0
            ascii = true
        }

        mutating func punct(_ p: (word: String, key: WordSet.Key)) {
            flushWord()
            push(p.key, p.word)
        }

        /// A dash: dashes in a row are one. (Only a dash makes the word `—`, the one
        /// punctuation word whose key is not packed, so only dashes compare it.)
        mutating func dashPunct() {
            flushWord()
            if count == 0 || unpackedPositions.last != count - 1 || unpacked.last != dash.word { push(dash.key, dash.word) }
        }

        mutating func endSentence(at end: Int, colon: Bool, question: Bool) {
            flushWord()
            if hasLetterOrDigit {
                // Copied into an array of its size: a key is two integers, so the copy is of
                // bytes (appending them one by one checked the array's capacity for each).
                let sentenceKeys = Array(UnsafeBufferPointer(start: keys, count: count))
                out.append(ProseSentence(words: ProseWordList(keys: sentenceKeys, unpacked: unpacked, at: unpackedPositions),
                                         range: sentenceStart..<end, endsWithColon: colon, isQuestion: question))
            } else {
                keys.deinitialize(count: count)
            }
            unpacked = []
            unpackedPositions = []
            count = 0
            hasLetterOrDigit = false
            sentenceStart = end
        }

        /// The word is "etc".
        func isEtc() -> Bool { length == 3 && word[0] | 0x20 == 0x65 && word[1] == 0x74 && word[2] == 0x63 }

        /// A single lower-case letter or an abbreviation (none is longer than six bytes): the
        /// word before a full stop that does not end the sentence.
        func isAbbreviation() -> Bool {
            if length == 1 && word[0] >= 0x61 && word[0] < 0x80 { return true }
            guard length > 0, length <= 6 else { return false }
            let (a, b) = packed
            return ascii ? abbreviationSet.contains(packed: a, b)
                : abbreviations.contains(String(decoding: UnsafeBufferPointer(start: word, count: length), as: UTF8.self))
        }
    }

    static func sentences(_ b: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> [ProseSentence] {
        let n = b.count
        var s = Builder(capacity: n)
        defer { s.release() }
        var i = 0

        func isWordByte(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c >= 0x80
        }
        /// The text after `j` goes on in lower case: the sentence has not ended.
        func continuesLowerCase(_ j: Int) -> Bool {
            var k = j
            while k < n {
                let c = b[k]
                if c == 0xE2, k + 2 < n, b[k + 1] == 0x80 { k += 3; continue }               // curly quotes, dashes
                if c == 0x20 || c == 0x0A || c == 0x22 || c == 0x27 || c == 0x2A || c == 0x5F || c == 0x29 || c == 0x28 { k += 1; continue }
                return c >= 0x61 && c <= 0x7A
            }
            return false
        }
        /// A closing quote or bracket right at `j`: what ended there was quoted.
        func quoteCloses(_ j: Int) -> Bool {
            guard j < n else { return false }
            if b[j] == 0x22 || b[j] == 0x27 || b[j] == 0x29 { return true }
            return b[j] == 0xE2 && j + 2 < n && b[j + 1] == 0x80 && (b[j + 2] == 0x9D || b[j + 2] == 0x99)
        }
        /// The next byte that is not a space, quote or closing bracket, from `j`.
        func nextSignificant(_ j: Int) -> Int {
            var k = j
            while k < n, b[k] == 0x20 || b[k] == 0x0A || b[k] == 0x09 || b[k] == 0x22 || b[k] == 0x2A || b[k] == 0x5F
                    || b[k] == 0x29 || b[k] == 0x27 { k += 1 }
            return k
        }

        while i < n, s.out.count < limit {
            let c = b[i]
            // A space between words, the most common byte after a letter.
            if c == 0x20 { s.flushWord(); i += 1; continue }
            if c < 0x80, isWordByte(c) {
                i = s.appendLettersAndDigits(b, from: i)
                continue
            }
            if isWordByte(c) {
                // An invisible character — a zero-width space in "ne\u{200B}ver", a tag — is
                // read through: the word is the one a person sees (``HiddenText``).
                let hidden = HiddenText.invisibleLength(b, at: i)
                if hidden > 0 { i += hidden; continue }
                // Curly quotes and dashes are punctuation, not letters.
                if c == 0xE2, i + 2 < n, b[i + 1] == 0x80 {
                    let third = b[i + 2]
                    if third == 0x99 || third == 0x98 {          // ’ ‘
                        if third == 0x99, s.hasWord, i + 3 < n, isWordByte(b[i + 3]) { s.append(0x27) }
                        i += 3
                        continue
                    }
                    if third == 0x9C || third == 0x9D { s.flushWord(); i += 3; continue }    // “ ”
                    if third == 0x93 || third == 0x94 { s.dashPunct(); i += 3; continue }    // – —
                    if third == 0xA6 { s.flushWord(); i += 3; continue }                     // …
                }
                s.append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c)
                i += 1
                continue
            }
            switch c {
            case 0x27:                                                   // '
                if s.hasWord, i + 1 < n, isWordByte(b[i + 1]) { s.append(c) } else { s.flushWord() }
                i += 1
            case 0x2D:                                                   // -
                if s.hasWord, i + 1 < n, isWordByte(b[i + 1]) { s.append(c); i += 1 }
                else if i + 1 < n, b[i + 1] == 0x2D { s.dashPunct(); i += 2 }
                else if !s.hasWord, i > 0, b[i - 1] == 0x20, i + 1 < n, b[i + 1] == 0x20 { s.dashPunct(); i += 1 }
                else { s.flushWord(); i += 1 }
            case 0x5F:                                                   // _ inside a word is part of it
                if s.hasWord, i + 1 < n, isWordByte(b[i + 1]) { s.append(c) } else { s.flushWord() }
                i += 1
            case 0x2E:                                                   // .
                if s.hasWord, i + 1 < n, isWordByte(b[i + 1]) { s.append(c); i += 1; continue }
                let next = nextSignificant(i + 1)
                // "etc." before a capital ends its sentence ("… slang etc. Avoid slang."): a list
                // ends with it. Other abbreviations go on ("e.g. Claude", "Dr. Lee").
                if s.isAbbreviation(), !(s.isEtc() && next < n && b[next] >= 0x41 && b[next] <= 0x5A) { s.flushWord(); i += 1; continue }
                i += 1
                if next >= n || b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x22 || b[i] == 0x2A || b[i] == 0x29 || b[i] == 0xE2
                    || HiddenText.invisibleLength(b, at: i) > 0,
                   !continuesLowerCase(i) {
                    s.endSentence(at: i, colon: false, question: false)
                }
            case 0x3F, 0x21:                                             // ? !
                i += 1
                // A quoted question inside a sentence ("asks, “How?” then …", "(e.g., "how?")")
                // neither ends it nor makes it a question.
                if continuesLowerCase(i) || quoteCloses(i) { s.punct(comma); continue }
                s.endSentence(at: i, colon: false, question: c == 0x3F)
            case 0x3A:                                                   // :
                i += 1
                if nextSignificant(i) >= n { s.punct(colon); s.endSentence(at: i, colon: true, question: false) }
                else { s.punct(colon) }
            case 0x2C: s.punct(comma); i += 1
            case 0x3B: s.punct(semicolon); i += 1
            case 0x28: s.punct(open); i += 1
            case 0x29: s.punct(close); i += 1
            case 0x5D:                                                   // ](target): skip the target
                s.flushWord()
                i += 1
                if i < n, b[i] == 0x28 {
                    var depth = 0
                    while i < n {
                        if b[i] == 0x28 { depth += 1 } else if b[i] == 0x29 { depth -= 1; if depth == 0 { i += 1; break } }
                        else if b[i] == 0x0A { break }
                        i += 1
                    }
                }
            case 0x5B:                                                   // [^footnote]
                s.flushWord()
                if i + 1 < n, b[i + 1] == 0x5E {
                    while i < n, b[i] != 0x5D, b[i] != 0x0A { i += 1 }
                }
                i += 1
            case 0x3C:                                                   // <tag>, <!-- -->
                s.flushWord()
                if i + 1 < n, isWordByte(b[i + 1]) || b[i + 1] == 0x2F || b[i + 1] == 0x21 {
                    while i < n, b[i] != 0x3E { i += 1 }
                }
                i += 1
            case 0x2F, 0x0A, 0x09, 0x0D: s.flushWord(); i += 1
            default: s.flushWord(); i += 1
            }
        }
        if s.out.count < limit { s.endSentence(at: n, colon: false, question: false) }
        return s.out
    }

    /// A leading bold label (`**Autonomy**: …`, `**Never deceive users**, …`): its text
    /// and whether a colon follows it. `nil` when the text does not start with `**`.
    static func boldLabel(_ text: String) -> (label: String, colon: Bool, rest: Substring)? {
        // A text whose first byte is neither `*` nor `_` starts with neither character (a
        // character's first scalar starts at its first byte): `hasPrefix` compares
        // characters, and did so for every paragraph and bullet.
        guard let first = text.utf8.first, first == 0x2A || first == 0x5F else { return nil }
        guard text.hasPrefix("**") || text.hasPrefix("__") else { return nil }
        let body = text.dropFirst(2)
        guard let close = closingMarker(body, first) else { return nil }
        var label = body[..<close.lowerBound]
        var rest = body[close.upperBound...]
        var colon = false
        if label.hasSuffix(":") { label = label.dropLast(); colon = true }
        if rest.hasPrefix(":") { rest = rest.dropFirst(); colon = true }
        return (String(label), colon, rest)
    }

    /// `body.range(of:)` the two `marker` bytes. In text that is all ASCII without a CR
    /// every byte is a character, so the first two marker bytes in a row are the match, found
    /// by bytes; other text is searched by Foundation as before (which compares characters).
    static func closingMarker(_ body: Substring, _ marker: UInt8) -> Range<Substring.Index>? {
        // The substring's own bytes when they are contiguous (a native string's are), else a copy.
        func search(_ b: UnsafeBufferPointer<UInt8>) -> Int?? {
            guard PlainTextBytes.isASCIIWithoutCR(b) else { return .none }
            var i = 0
            while i + 1 < b.count {
                if b[i] == marker && b[i + 1] == marker { return .some(i) }
                i += 1
            }
            return .some(nil)
        }
        let offset: Int?? = body.utf8.withContiguousStorageIfAvailable(search) ?? {
            var text = String(body)
            return text.withUTF8(search)
        }()
        guard let found = offset else { return body.range(of: marker == 0x2A ? "**" : "__") }
        guard let at = found else { return nil }
        let start = body.utf8.index(body.startIndex, offsetBy: at)
        return start..<body.utf8.index(start, offsetBy: 2)
    }
}
