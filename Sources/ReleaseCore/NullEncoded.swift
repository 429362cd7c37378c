import Foundation

/// An optional property that is encoded as `null` when it is nil, where synthesized `Codable`
/// leaves the key out. Scripts read `"next": null` rather than a missing key, and a template's
/// `{{#url}}` never picks up a value of the same name from an outer scope. A model marks its
/// optionals with it and keeps the synthesized encoding, so a field added later is encoded too.
@propertyWrapper
public struct NullEncoded<Value> {
  public var wrappedValue: Value?

  public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
}

extension NullEncoded: Encodable where Value: Encodable {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let wrappedValue {
      try container.encode(wrappedValue)
    } else {
      try container.encodeNil()
    }
  }
}

extension NullEncoded: Decodable where Value: Decodable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
  }
}

extension KeyedDecodingContainer {
  /// A missing key reads as nil, as it does for a plain optional.
  public func decode<Value: Decodable>(_ type: NullEncoded<Value>.Type, forKey key: Key) throws
    -> NullEncoded<Value>
  {
    NullEncoded(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
  }
}

extension NullEncoded: Equatable where Value: Equatable {}
extension NullEncoded: Hashable where Value: Hashable {}
extension NullEncoded: Sendable where Value: Sendable {}
