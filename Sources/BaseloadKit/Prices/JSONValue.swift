import Foundation

/// A JSON value read with its type kept (a `true` is never a price of 1, a `"0.1"` never a number).
enum JSONValue: Decodable, Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let o = try? c.decode([String: JSONValue].self) {
      self = .object(o)
    } else {
      self = .array(try c.decode([JSONValue].self))
    }
  }

  /// The value as written, short, for messages: `"free"`, `true`, `-1`.
  var echo: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let d): return Format.plain(d)
    case .string(let s): return "\"\(s.prefix(40))\""
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}
