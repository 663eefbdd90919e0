/// Whether an answer is a refusal, read from its opening: the gates use it to tell an
/// over-cautious refusal (the rejected answer of a safe-looking pair) from a violation,
/// and to catch pairs whose two answers both refuse.
///
/// An answer refuses when its first two sentences say the assistant cannot or will not
/// help ("I can't help with that", "I won't provide…", "Sorry, but I am unable to…"); a
/// decline that only comes after the help does not count. It is a text heuristic for the
/// gates that must not need a model; the judge reads the answers properly.
public enum Refusal {
    /// Lower-case ASCII, with ’ read as '.
    static let markers: [[UInt8]] = [
        "i can't", "i cannot", "i can not", "i won't", "i will not", "i'm not able to", "i am not able to",
        "i'm unable to", "i am unable to", "i must decline", "i have to decline", "i'm not going to", "i am not going to",
        "i do not feel comfortable", "i don't feel comfortable", "sorry, but", "i refuse", "not something i can help",
        "can't help with", "cannot help with", "can't assist", "cannot assist",
    ].map { Array($0.utf8) } + otherLanguages.map { Array($0.utf8) }

    /// The same openings in the languages specs are most often written in besides English:
    /// a spec's GOOD answer that refuses in Arabic or Hebrew was not read as a refusal, so
    /// a pair of two refusals passed as "not a second refusal". Lower case (ASCII letters
    /// are lowered in the answer; other scripts are matched as written, both cases listed
    /// where a refusal opens a sentence). Written in lower case where the script has one.
    static let otherLanguages: [String] = [
        // Spanish, Portuguese, Italian, French, German, Dutch
        "no puedo", "no voy a", "lo siento, pero", "não posso", "não vou", "desculpe, mas", "non posso", "mi dispiace, ma",
        "je ne peux pas", "je ne vais pas", "désolé, mais", "je suis désolé", "ich kann nicht", "ich kann dir dabei nicht",
        "ich kann ihnen dabei nicht", "kann ich nicht", "es tut mir leid, aber", "ik kan niet", "ik kan je daar niet",
        // Russian, Polish, Turkish
        "я не могу", "Я не могу", "извините, но", "Извините, но", "nie mogę", "maalesef", "yardımcı olamam",
        // Arabic, Hebrew, Persian
        "لا أستطيع", "لا يمكنني", "عذراً", "عذرا", "آسف", "אני לא יכול", "אני לא יכולה", "מצטער", "מצטערת", "نمی‌توانم",
        // Chinese, Japanese, Korean, Hindi
        "我不能", "我无法", "抱歉", "我無法", "できません", "申し訳", "죄송", "할 수 없습니다", "मैं नहीं कर सकता", "माफ़ कीजिए",
    ]

    /// The answer opens by refusing.
    public static func refuses(_ answer: String) -> Bool {
        let opening = opening(answer)
        return markers.contains { marker in
            guard opening.count >= marker.count else { return false }
            return (0...(opening.count - marker.count)).contains { start in opening[start..<(start + marker.count)].elementsEqual(marker) }
        }
    }

    /// The first two sentences (up to 400 bytes), lower-cased, with ’ as '.
    private static func opening(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var sentences = 0
        var bytes = text.utf8.makeIterator()
        while out.count < 400, let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte | 0x20)
            case 0xE2:
                // U+2019 (’) is E2 80 99 in UTF-8.
                let second = bytes.next(), third = bytes.next()
                if second == 0x80 && third == 0x99 { out.append(UInt8(ascii: "'")) } else { out.append(0x20) }
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"):
                sentences += 1
                if sentences == 2 { return out }
                out.append(byte)
            default: out.append(byte)
            }
        }
        return out
    }
}
