import Foundation

/// An attribute value of an OTLP span or resource (`{stringValue | intValue | doubleValue | boolValue}`).
enum AttributeValue: Sendable, Equatable {
  case string(String)
  case int(Int64)
  case double(Double)
  case bool(Bool)
  /// Arrays, maps, bytes: never read by calibrate.
  case other

  /// Parses the `value` object of an OTLP `KeyValue`.
  init(otlp v: Any?) {
    guard let o = v as? [String: Any] else {
      self = .other
      return
    }
    if let s = o["stringValue"] as? String {
      self = .string(s)
    } else if let i = JSONLine.int64(o["intValue"]) {
      self = .int(i)
    } else if let d = JSONLine.double(o["doubleValue"]) {
      self = .double(d)
    } else if let b = o["boolValue"] as? Bool {
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
  /// Unix time, nanoseconds (UTC).
  var start: Int64
  var end: Int64
  /// `status.code`: 0 unset, 1 ok, 2 error.
  var statusCode: Int
  var attributes: [String: AttributeValue]

  var isRoot: Bool { parentSpanId.isEmpty }
  var label: String { "\(spanId.isEmpty ? "?" : spanId) ('\(name)')" }

  /// OTLP `status.code` as JSON writes it: a number or the enum name.
  static func statusCode(_ v: Any?) -> Int {
    if let s = v as? String {
      switch s {
      case "STATUS_CODE_ERROR": return 2
      case "STATUS_CODE_OK": return 1
      default: return Int(s) ?? 0
      }
    }
    return JSONLine.int64(v).map { Int($0) } ?? 0
  }

  /// The attributes of an OTLP `attributes` array whose keys are in `wanted`.
  static func attributes(_ list: Any?, wanted: Set<String>) -> [String: AttributeValue] {
    guard let list = list as? [Any] else { return [:] }
    var out: [String: AttributeValue] = [:]
    for item in list {
      guard let kv = item as? [String: Any], let key = kv["key"] as? String, wanted.contains(key)
      else { continue }
      out[key] = AttributeValue(otlp: kv["value"])
    }
    return out
  }

  /// A span of an OTLP JSON document; nil when it has no trace id.
  init?(json o: [String: Any], wanted: Set<String>) {
    guard let trace = o["traceId"] as? String, !trace.isEmpty else { return nil }
    traceId = trace
    spanId = o["spanId"] as? String ?? ""
    parentSpanId = o["parentSpanId"] as? String ?? ""
    name = o["name"] as? String ?? ""
    start = JSONLine.int64(o["startTimeUnixNano"]) ?? 0
    end = JSONLine.int64(o["endTimeUnixNano"]) ?? start
    statusCode = Self.statusCode((o["status"] as? [String: Any])?["code"])
    attributes = Self.attributes(o["attributes"], wanted: wanted)
  }
}
