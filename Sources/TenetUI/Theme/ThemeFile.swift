/// Reads theme files. Pure: it is handed the text and a file name for messages, and never
/// touches the disk.
///
/// The format is line based; `#` starts a comment (at the start of a line or after a
/// blank), blank lines are ignored:
///
/// ```
/// # Tenet dark theme
/// name = dark
/// text = default
/// title = 231/bright-white on 24/blue bold
/// selection = 231/white on 31/blue bold
/// safety = 203/bright-red bold
/// muted = 245/bright-black
/// ```
///
/// Each line is `ROLE = [FG] [on BG] [ATTRIBUTE]…` where `ROLE` is a ``Role`` raw value,
/// the attributes are `bold`, `dim`, `underline`, `reverse`, `italic`, and a colour is
/// - `default`: the terminal's own colour;
/// - a name: `black red green yellow blue magenta cyan white`, the same with `bright-`
///   in front, and `grey`/`gray` for `bright-black`; used on every terminal;
/// - a number 0–255: 0–15 are the 16 ANSI colours, used on every terminal; 16–255 are
///   xterm 256-colour values, shown on 16-colour terminals as the nearest ANSI colour;
/// - `N/NAME`: `N` on 256-colour terminals, `NAME` (a name or 0–15) on the others.
///
/// `name = …` is optional; without it the theme is named after the file.
public enum ThemeFile {
    /// Reads a theme, or the first mistake in it.
    ///
    /// - Parameters:
    ///   - text: the whole file.
    ///   - file: the file's path or name, for messages and the default theme name
    ///     (`themes/dark.theme` → `dark`).
    public static func parse(_ text: String, file: String) -> Result<Theme, ConfigError> {
        var name: String?
        var nameLine = 0
        var entries: [Role: ThemeEntry] = [:]
        var definedOn: [Role: Int] = [:]
        for line in ConfigSyntax.lines(text) {
            func failure(_ message: String) -> Result<Theme, ConfigError> {
                .failure(ConfigError(file: file, line: line.number, message: message))
            }
            guard let (rawKey, value) = ConfigSyntax.splitAssignment(line.text) else {
                return failure("missing \"=\": write ROLE = STYLE, e.g. title = 231/bright-white on 24/blue bold")
            }
            let key = rawKey.lowercased()
            if key.isEmpty {
                return failure("missing role before \"=\"; write ROLE = STYLE, e.g. title = 231/bright-white on 24/blue bold")
            }
            if key == "name" {
                if name != nil { return failure("name is already set on line \(nameLine); keep one of them") }
                if value.isEmpty { return failure("name needs a value, e.g. name = dark") }
                name = String(value)
                nameLine = line.number
                continue
            }
            guard let role = Role(rawValue: key) else {
                let known = Role.allCases.map(\.rawValue)
                return failure("unknown role \"\(rawKey)\"\(ConfigSyntax.didYouMean(key, in: known)); known roles: "
                    + known.joined(separator: ", "))
            }
            if let previous = definedOn[role] {
                return failure("\(key) is already set on line \(previous); keep one of them")
            }
            do throws(StyleProblem) {
                entries[role] = try parseStyle(value)
                definedOn[role] = line.number
            } catch {
                return failure("\(key): \(error.message)")
            }
        }
        return .success(Theme(name: name ?? defaultName(for: file), entries: entries))
    }

    // MARK: - Styles

    /// Why a style or colour could not be read: the message, without the file and line.
    struct StyleProblem: Error {
        var message: String
        /// The token is no colour at all (as opposed to a number out of range).
        var unknownWord = false
    }

    /// The attribute words, in the order the messages list them.
    static let attributeNames: [(name: String, attribute: Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]

    private static let attributeList = attributeNames.map(\.name).joined(separator: ", ")

    /// Reads `[FG] [on BG] [ATTRIBUTE]…`.
    static func parseStyle(_ value: Substring) throws(StyleProblem) -> ThemeEntry {
        let tokens = value.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !tokens.isEmpty else {
            throw StyleProblem(message: "needs a style, e.g. 231/bright-white on 24/blue bold, or just reverse")
        }
        var entry = ThemeEntry()
        var hasForeground = false, hasBackground = false
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if let attribute = attributeNames.first(where: { $0.name == token })?.attribute {
                entry.attributes.insert(attribute)
                continue
            }
            if token == "on" {
                if hasBackground { throw StyleProblem(message: "only one background is allowed: write FG on BG, then attributes") }
                guard index < tokens.count else {
                    throw StyleProblem(message: "\"on\" needs a background colour after it, e.g. on 24/blue")
                }
                let background = try parseColor(tokens[index])
                index += 1
                entry.background256 = background.full
                entry.background16 = background.sixteen
                hasBackground = true
                continue
            }
            if hasForeground || hasBackground || !entry.attributes.isEmpty {
                if (try? parseColor(token)) != nil {
                    throw StyleProblem(message: "unexpected colour \"\(token)\": write FG first, then on BG, then attributes")
                }
                throw StyleProblem(message: "unknown attribute \"\(token)\""
                    + ConfigSyntax.didYouMean(token, in: attributeNames.map(\.name)) + "; attributes: \(attributeList)")
            }
            do throws(StyleProblem) {
                let foreground = try parseColor(token)
                entry.foreground256 = foreground.full
                entry.foreground16 = foreground.sixteen
                hasForeground = true
            } catch where error.unknownWord {
                let hint = ConfigSyntax.didYouMean(token, in: attributeNames.map(\.name))
                if hint.isEmpty { throw error }
                throw StyleProblem(message: "unknown colour or attribute \"\(token)\"\(hint); attributes: \(attributeList)")
            }
        }
        return entry
    }

    // MARK: - Colours

    /// The 16 ANSI colour names; the index is the colour number.
    static let colorNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// The number for a colour name, including `grey`/`gray` for `bright-black`.
    static func colorIndex(named name: String) -> Int? {
        if name == "grey" || name == "gray" { return 8 }
        return colorNames.firstIndex(of: name)
    }

    private static let colorHelp = "use default, a colour name (black, red, green, yellow, blue, magenta, cyan, white, "
        + "bright-black … bright-white, grey), a number 0–255, or 256-colour/16-colour such as 31/blue"

    /// Reads a colour token: its value on 256-colour terminals and on 16-colour ones.
    static func parseColor(_ token: String) throws(StyleProblem) -> (full: Color, sixteen: Color) {
        if token.contains("/") {
            let parts = token.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw StyleProblem(message: "\"\(token)\": write one 256-colour value and one 16-colour value, e.g. 31/blue")
            }
            let full = try parseColor(String(parts[0])).full
            let sixteenWord = String(parts[1])
            let sixteen: (full: Color, sixteen: Color)
            do throws(StyleProblem) {
                sixteen = try parseColor(sixteenWord)
            } catch where !error.unknownWord {
                throw StyleProblem(message: "after \"/\" comes the 16-colour value, a name or 0–15; \(sixteenWord) is too large")
            }
            guard sixteen.full == sixteen.sixteen else {
                throw StyleProblem(message: "after \"/\" comes the 16-colour value, a name or 0–15; \(sixteenWord) is too large")
            }
            return (full, sixteen.sixteen)
        }
        if token == "default" { return (.terminalDefault, .terminalDefault) }
        if let index = colorIndex(named: token) { return (.index(index), .index(index)) }
        if !token.isEmpty, token.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let number = Int(token), number <= 255 else {
                throw StyleProblem(message: "colour \(token) is out of range; use 0–255")
            }
            return (.index(number), .index(nearestANSI(to: number)))
        }
        throw StyleProblem(message: "unknown colour \"\(token)\"" + ConfigSyntax.didYouMean(token, in: colorNames + ["default"])
            + "; " + colorHelp, unknownWord: true)
    }

    /// xterm's default RGB values for the 16 ANSI colours.
    static let ansiRGB: [(r: Int, g: Int, b: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of an xterm 256-colour index: the 16 ANSI colours, the 6×6×6 cube
    /// (levels 0, 95, 135, 175, 215, 255) at 16–231, and 24 greys (8 + 10k) at 232–255.
    /// Indices outside 0–255 are clamped.
    static func rgb(of index: Int) -> (r: Int, g: Int, b: Int) {
        let index = min(max(index, 0), 255)
        if index < 16 { return ansiRGB[index] }
        if index < 232 {
            let levels = [0, 95, 135, 175, 215, 255]
            let cube = index - 16
            return (levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
        }
        let grey = 8 + 10 * (index - 232)
        return (grey, grey, grey)
    }

    /// The ANSI colour (0–15) closest to a 256-colour index, by RGB distance in xterm's
    /// palette; 0–15 map to themselves. Ties go to the lower number.
    static func nearestANSI(to index: Int) -> Int {
        if (0..<16).contains(index) { return index }
        let target = rgb(of: index)
        var best = 0, bestDistance = Int.max
        for (candidate, color) in ansiRGB.enumerated() {
            let dr = color.r - target.r, dg = color.g - target.g, db = color.b - target.b
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance { best = candidate; bestDistance = distance }
        }
        return best
    }

    /// The file's last path component without its extension: `themes/dark.theme` → `dark`.
    static func defaultName(for file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { return String(base[..<dot]) }
        return base
    }
}
