/// A piece of the author's text as a message quotes it: whole up to ``longest``
/// characters, else its start and `…`. A diagnostic names what it did not understand,
/// and an unknown verdict or kind can be as long as the line it sits on (a 2,000-character
/// word filled a screen with one warning).
enum QuotedInMessage {
    /// The most characters of the text a message shows.
    static let longest = 40

    static func shown(_ text: some StringProtocol) -> String {
        // At most `longest` bytes is at most `longest` characters: most words are not counted.
        guard text.utf8.count > longest, text.count > longest else { return String(text) }
        return String(text.prefix(longest - 1)) + "…"
    }
}
