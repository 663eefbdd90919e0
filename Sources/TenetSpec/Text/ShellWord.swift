/// A word as a shell reads it back, for a command a message suggests: as it is when it
/// holds only letters, digits and `. _ - / : + , @ %`, else in single quotes ("mkdir -p my
/// proj" made two folders; `mkdir -p 'my proj'` makes one).
public enum ShellWord {
    public static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-/:+,@%".unicodeScalars.contains($0)
        }
        guard !plain else { return word }
        var out = "'"
        for character in word { out += character == "'" ? "'\\''" : String(character) }
        return out + "'"
    }
}
