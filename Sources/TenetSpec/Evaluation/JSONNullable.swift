/// An optional property that JSON shows as `null` when it is `nil`, where a synthesized
/// `Codable` would leave its key out: a figure over nothing (a SAR with no response
/// scored) reads `"sar": null`, so a script sees the key and that it has no value.
/// Decoding takes `null` or a missing key as `nil`.
@propertyWrapper
public struct JSONNullable<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key is `nil`, as for a plain optional.
    public func decode<Value>(_ type: JSONNullable<Value>.Type, forKey key: Key) throws -> JSONNullable<Value> {
        try decodeIfPresent(type, forKey: key) ?? JSONNullable(wrappedValue: nil)
    }
}
