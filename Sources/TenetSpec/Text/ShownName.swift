/// A short name shown on its own in listings — a conversation role (`user`,
/// `assistant`, a tool's name), a speaker's name — checked where it enters Tenet:
/// 1 to 64 characters with nothing a terminal would act on and no line break or tab
/// (``SafeText`` would have to show them as placeholders); and, with a longer bound, an
/// identifier from a file or an option. People's names have their
/// stricter rule, `PersonName` in TenetStore.
public enum ShownName {
    /// The longest name accepted, in characters.
    public static let maximumLength = 64

    /// Why `name` cannot be used, or `nil` when it can. `maximumLength`: a longer bound
    /// for identifiers made elsewhere (a pair's or a prompt's ID from a file, a model's
    /// name), which are still one line of text a terminal shows as it is.
    public static func problem(_ name: String, maximumLength: Int = maximumLength) -> String? {
        let count = name.count
        guard (1...maximumLength).contains(count) else { return "is 1 to \(maximumLength) characters; got \(count)" }
        guard SafeText.visible(name) == name else {
            return "holds control characters, a line break or bidi controls (shown as \(SafeText.visible(name)))"
        }
        return nil
    }
}
