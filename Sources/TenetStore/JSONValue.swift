import Foundation
import TenetSpec

/// A JSON value. Revisions store entity snapshots as flat objects of field → JSONValue,
/// so that history, blame, undo and diffs work the same way for every kind of entity.
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode(Double.self) {
            // JSONDecoder reads true/false as numbers too; Bool first would throw for most values.
            self = (try? container.decode(Bool.self)).map(JSONValue.bool) ?? .number(value)
            return
        }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode([JSONValue].self) { self = .array(value); return }
        self = .object(try container.decode([String: JSONValue].self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Compact JSON with sorted keys: equal values have equal text.
    public var description: String {
        (try? data()).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// The value as a person reads it: strings without quotes, `—` for null.
    public var display: String {
        switch self {
        case .null: return "—"
        case .string(let value): return value
        default: return description
        }
    }

    /// Converts any Encodable value.
    static func from<T: Encodable>(_ value: T) throws -> JSONValue {
        try parse(JSONEncoder().encode(value))
    }

    /// Converts back to a Decodable value.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: data())
    }

    /// Parses JSON text (RFC 8259, any value at the top); a problem is reported with its
    /// byte offset.
    public static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { raw in try JSONParser.parse(raw.bindMemory(to: UInt8.self)) }
    }

    /// Where `data` stops being JSON, and why; nil when it is JSON. For messages that
    /// name the line of a file's first problem.
    public static func syntaxError(in data: Data) -> (offset: Int, reason: String)? {
        do {
            _ = try parse(data)
            return nil
        } catch let failure as JSONParser.Failure {
            return (failure.offset, failure.reason)
        } catch {
            return (0, "\(error)")
        }
    }

    /// Parses JSON text without copying it.
    public static func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try JSONParser.parse($0) }
    }

    /// Compact JSON with sorted keys.
    func data() throws -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return Data(out)
    }

    /// Canonical JSON: compact, keys sorted, strings escaped as RFC 8259 requires. Written
    /// by hand because Foundation's writer was half of an annotation edit's time on Linux.
    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .number(let value): Self.writeNumber(value, into: &out)
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let values):
            out.append(0x5B)
            for (k, value) in values.enumerated() {
                if k > 0 { out.append(0x2C) }
                value.write(into: &out)
            }
            out.append(0x5D)
        case .object(let fields):
            out.append(0x7B)
            for (k, key) in fields.keys.sorted().enumerated() {
                if k > 0 { out.append(0x2C) }
                Self.writeString(key, into: &out)
                out.append(0x3A)
                fields[key]?.write(into: &out)
            }
            out.append(0x7D)
        }
    }

    /// A number as canonical JSON writes it: whole numbers below 10^15 without a fraction.
    static func writeNumber(_ value: Double, into out: inout [UInt8]) {
        if value.rounded() == value, abs(value) < 1e15 { out += String(Int64(value)).utf8 }
        else if value.isFinite { out += "\(value)".utf8 }
        else { out += "null".utf8 }
    }

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        JSONString.append(string, to: &out)
    }

    /// A value from `JSONSerialization`'s objects (the tests check ``JSONParser`` against it).
    init(foundation value: Any) {
        switch value {
        case is NSNull: self = .null
        case let number as NSNumber:
            // Booleans arrive as NSNumber of type `c`; `is Bool` is also true for 0 and 1.
            if String(cString: number.objCType) == "c" { self = .bool(number.boolValue) }
            else { self = .number(number.doubleValue) }
        case let string as String: self = .string(string)
        case let array as [Any]: self = .array(array.map(JSONValue.init(foundation:)))
        case let object as [String: Any]: self = .object(object.mapValues(JSONValue.init(foundation:)))
        default: self = .null
        }
    }
}

/// An entity's state at one revision: field name → value. Nested groups are flattened
/// one level with a dot (`source.text`, `annotations.kind`), so each field has its own
/// history and blame.
public typealias Snapshot = [String: JSONValue]

enum SnapshotCoding {
    /// Encodes a record, flattening the objects under `groups` into dotted fields.
    static func flatten<T: Encodable>(_ record: T, groups: Set<String>) throws -> Snapshot {
        guard case .object(let top) = try JSONValue.from(record) else { return [:] }
        var flat: Snapshot = [:]
        for (key, value) in top {
            if groups.contains(key), case .object(let inner) = value {
                for (field, fieldValue) in inner { flat[key + "." + field] = fieldValue }
            } else {
                flat[key] = value
            }
        }
        return flat
    }

    /// The inverse of ``flatten(_:groups:)``.
    static func unflatten<T: Decodable>(_ snapshot: Snapshot, as type: T.Type) throws -> T {
        var top: [String: JSONValue] = [:]
        var groups: [String: [String: JSONValue]] = [:]
        for (key, value) in snapshot {
            if let dot = key.firstIndex(of: ".") {
                groups[String(key[..<dot]), default: [:]][String(key[key.index(after: dot)...])] = value
            } else {
                top[key] = value
            }
        }
        for (group, fields) in groups { top[group] = .object(fields) }
        return try JSONValue.object(top).decode(T.self)
    }

    static func encode(_ snapshot: Snapshot) -> String { JSONValue.object(snapshot).description }

    static func decode(_ text: String) throws -> Snapshot {
        guard case .object(let fields) = try JSONValue.parse(text) else { return [:] }
        return fields
    }

    /// Fields whose values differ between two snapshots (a missing field counts as null).
    static func changedFields(_ old: Snapshot, _ new: Snapshot) -> [String] {
        Set(old.keys).union(new.keys).filter { (old[$0] ?? .null) != (new[$0] ?? .null) }.sorted()
    }
}
