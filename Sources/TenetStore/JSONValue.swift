import Foundation

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
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
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
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// Converts back to a Decodable value.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
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
        guard case .object(let fields) = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return [:] }
        return fields
    }

    /// Fields whose values differ between two snapshots (a missing field counts as null).
    static func changedFields(_ old: Snapshot, _ new: Snapshot) -> [String] {
        Set(old.keys).union(new.keys).filter { (old[$0] ?? .null) != (new[$0] ?? .null) }.sorted()
    }
}
