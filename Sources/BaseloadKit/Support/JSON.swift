/// A JSON value with ordered objects, serialised deterministically.
public indirect enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number already formatted (e.g. `Format.fixed`), written as is.
  case number(String)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  /// A number with fixed decimals.
  public static func fixed(_ v: Double, _ decimals: Int) -> JSON {
    .number(Format.fixed(v, decimals))
  }
  public static func int(_ v: Int) -> JSON { .number(String(v)) }
  /// A number with fixed decimals, or `null` when there is none.
  public static func fixed(_ v: Double?, _ decimals: Int) -> JSON {
    v.map { .number(Format.fixed($0, decimals)) } ?? .null
  }

  public static func == (a: JSON, b: JSON) -> Bool { a.render() == b.render() }

  /// Pretty-printed with two-space indents and a trailing newline at top level.
  public func render(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent + 1)
    let close = String(repeating: "  ", count: indent)
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let s): return s
    case .string(let s): return Self.quote(s)
    case .array(let items):
      if items.isEmpty { return "[]" }
      return "[\n" + items.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n")
        + "\n" + close + "]"
    case .object(let fields):
      if fields.isEmpty { return "{}" }
      return "{\n"
        + fields.map { pad + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(
          separator: ",\n") + "\n" + close + "}"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
