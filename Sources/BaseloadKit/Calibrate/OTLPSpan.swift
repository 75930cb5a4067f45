import Foundation

/// An attribute value of an OTLP span or resource (`{stringValue | intValue | doubleValue | boolValue}`).
enum AttributeValue: Sendable, Equatable {
  case string(String)
  case int(Int64)
  case double(Double)
  case bool(Bool)
  /// An `intValue` that is no 64-bit integer (`"12x"`, 20 digits), as written.
  case badInteger(String)
  /// Arrays, maps, bytes: never read by calibrate.
  case other

  /// Parses the `value` object of an OTLP `KeyValue`.
  init(otlp o: JSONValue?) {
    guard let o, o.isObject else {
      self = .other
      return
    }
    if let s = o["stringValue"]?.string {
      self = .string(s)
    } else if let i = o["intValue"]?.int64 {
      self = .int(i)
    } else if let i = o["intValue"] {
      self = .badInteger(i.echo)
    } else if let d = o["doubleValue"]?.double {
      self = .double(d)
    } else if let b = o["boolValue"]?.bool {
      self = .bool(b)
    } else {
      self = .other
    }
  }

  /// The type's name for messages.
  var typeName: String {
    switch self {
    case .string: return "a string"
    case .int: return "an integer"
    case .double: return "a number"
    case .bool: return "a boolean"
    case .badInteger(let text): return "intValue \(text), which is no 64-bit integer"
    case .other: return "an array, map or bytes"
    }
  }
}

/// One OTLP span, with only the attributes calibrate reads.
struct OTLPSpan {
  var traceId: String
  var spanId: String
  /// Empty for a root span.
  var parentSpanId: String
  var name: String
  /// Unix time, nanoseconds (UTC); nil when the span has none or one that is not a count of nanoseconds.
  var start: Int64?
  var end: Int64?
  /// `status.code`: 0 unset, 1 ok, 2 error.
  var statusCode: Int
  var attributes: [String: AttributeValue]

  var isRoot: Bool { parentSpanId.isEmpty }
  var label: String { "\(spanId.isEmpty ? "?" : spanId) ('\(name)')" }

  /// OTLP `status.code` as JSON writes it: a number or the enum name.
  static func statusCode(_ v: JSONValue?) -> Int {
    if let s = v?.string {
      switch s {
      case "STATUS_CODE_ERROR": return 2
      case "STATUS_CODE_OK": return 1
      default: return Int(s) ?? 0
      }
    }
    return v?.int64.map { Int($0) } ?? 0
  }

  /// The attributes of an OTLP `attributes` array whose keys are in `wanted`.
  static func attributes(_ list: JSONValue?, wanted: Set<String>) -> [String: AttributeValue] {
    guard let list = list?.array else { return [:] }
    var out: [String: AttributeValue] = [:]
    for kv in list {
      guard let key = kv["key"]?.string, wanted.contains(key) else { continue }
      out[key] = AttributeValue(otlp: kv["value"])
    }
    return out
  }

  /// A span of an OTLP JSON document; nil when it has no trace id.
  init?(json o: JSONValue, wanted: Set<String>) {
    guard let trace = o["traceId"]?.string, !trace.isEmpty else { return nil }
    traceId = trace
    spanId = o["spanId"]?.string ?? ""
    parentSpanId = o["parentSpanId"]?.string ?? ""
    name = o["name"]?.string ?? ""
    // A time is a count of nanoseconds since 1970: a negative one is unreadable ("-1" stretched the period to 1969).
    start = o["startTimeUnixNano"]?.int64.flatMap { $0 >= 0 ? $0 : nil }
    end = o["endTimeUnixNano"]?.int64.flatMap { $0 >= 0 ? $0 : nil } ?? start
    statusCode = Self.statusCode(o["status"]?["code"])
    attributes = Self.attributes(o["attributes"], wanted: wanted)
  }
}
