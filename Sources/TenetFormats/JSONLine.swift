import TenetSpec

/// A JSON value written compactly with sorted keys — one line of a JSONL export. Written
/// by hand (strings through ``JSONString``, as the store's snapshots are): Foundation's
/// writer sorting keys through NSString was most of an export's time.
indirect enum JSONLine {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONLine])
    case object([String: JSONLine])

    var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .string(let value): Self.write(value, into: &out)
        case .int(let value): out += String(value).utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .array(let values):
            out.append(0x5B)
            for (k, value) in values.enumerated() {
                if k > 0 { out.append(0x2C) }
                value.write(into: &out)
            }
            out.append(0x5D)
        case .object(let fields):
            out.append(0x7B)
            // Keys compare by their UTF-8 bytes, as the pair IDs and rule IDs do.
            for (k, key) in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if k > 0 { out.append(0x2C) }
                Self.write(key, into: &out)
                out.append(0x3A)
                fields[key]?.write(into: &out)
            }
            out.append(0x7D)
        }
    }

    private static func write(_ string: String, into out: inout [UInt8]) {
        JSONString.append(string, to: &out)
    }
}
