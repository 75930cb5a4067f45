/// A JSON value, parsed from UTF-8 bytes by `JSONValue.parse` — several times faster than Foundation's
/// `JSONSerialization` on Linux, which matters for a million spans.
indirect enum JSONValue: Sendable, Equatable {
  /// Members in order; objects are small, so lookup is a linear scan.
  case object([JSONMember])
  case array([JSONValue])
  case string(String)
  /// A number written without fraction or exponent that fits 64 bits.
  case int(Int64)
  case double(Double)
  case bool(Bool)
  case null

  static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case (.array(let x), .array(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.null, .null): return true
    default: return false
    }
  }

  /// The member `key` of an object, or nil.
  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    for m in members where m.key == key { return m.value }
    return nil
  }

  var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  var isObject: Bool {
    if case .object = self { return true }
    return false
  }

  var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// An integer from an integral number or a decimal string (proto3 JSON writes int64 as strings).
  var int64: Int64? {
    switch self {
    case .int(let i): return i
    case .double(let d): return d == d.rounded() && abs(d) < 9.2e18 ? Int64(d) : nil
    case .string(let s): return Int64(s)
    default: return nil
    }
  }

  /// A number from a number or a decimal string.
  /// The value when it is a JSON number (never a string of digits), else nil.
  var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }

  /// The members of an object by key (a repeated key keeps its last value), else nil.
  var members: [String: JSONValue]? {
    guard case .object(let list) = self else { return nil }
    return Dictionary(list.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
  }

  /// The value as written, short, for messages: `"free"`, `true`, `-1`.
  var echo: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return "\(i)"
    case .double(let d): return Format.plain(d)
    case .string(let s): return "\"\(s.prefix(40))\""
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  var double: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    case .string(let s): return Double(s)
    default: return nil
    }
  }

  /// Parses one whole document (white space around it allowed), or nil when it is not JSON.
  static func parse<C: Collection<UInt8>>(_ bytes: C) -> JSONValue? {
    bytes.withContiguousStorageIfAvailable { buffer -> JSONValue? in
      var p = JSONParser(buffer)
      return p.document()
    }
      ?? Array(bytes).withUnsafeBufferPointer { buffer -> JSONValue? in
        var p = JSONParser(buffer)
        return p.document()
      }
  }
}

/// One member of a JSON object (a struct, not a tuple: arrays of tuples cost a generic metadata lookup each).
struct JSONMember: Sendable {
  var key: String
  var value: JSONValue
}

/// A recursive-descent JSON parser (RFC 8259) over a byte buffer.
struct JSONParser {
  let b: UnsafeBufferPointer<UInt8>
  var i = 0
  var depth = 0
  static let maxDepth = 512

  init(_ buffer: UnsafeBufferPointer<UInt8>) { b = buffer }

  mutating func document() -> JSONValue? {
    skipSpace()
    guard let v = value() else { return nil }
    skipSpace()
    return i == b.count ? v : nil
  }

  mutating func skipSpace() {
    while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
  }

  mutating func literal(_ word: StaticString, _ v: JSONValue) -> JSONValue? {
    let n = word.utf8CodeUnitCount
    guard i + n <= b.count else { return nil }
    for k in 0..<n where b[i + k] != word.utf8Start[k] { return nil }
    i += n
    return v
  }

  mutating func value() -> JSONValue? {
    guard i < b.count else { return nil }
    switch b[i] {
    case UInt8(ascii: "{"): return object()
    case UInt8(ascii: "["): return array()
    case UInt8(ascii: "\""): return string().map(JSONValue.string)
    case UInt8(ascii: "t"): return literal("true", .bool(true))
    case UInt8(ascii: "f"): return literal("false", .bool(false))
    case UInt8(ascii: "n"): return literal("null", .null)
    default: return number()
    }
  }

  mutating func object() -> JSONValue? {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else { return nil }
    i += 1
    var members: [JSONMember] = []
    skipSpace()
    if i < b.count, b[i] == UInt8(ascii: "}") {
      i += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard i < b.count, b[i] == UInt8(ascii: "\""), let key = string() else { return nil }
      skipSpace()
      guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
      i += 1
      skipSpace()
      guard let v = value() else { return nil }
      members.append(JSONMember(key: key, value: v))
      skipSpace()
      guard i < b.count else { return nil }
      if b[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      guard b[i] == UInt8(ascii: "}") else { return nil }
      i += 1
      return .object(members)
    }
  }

  mutating func array() -> JSONValue? {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else { return nil }
    i += 1
    var items: [JSONValue] = []
    skipSpace()
    if i < b.count, b[i] == UInt8(ascii: "]") {
      i += 1
      return .array(items)
    }
    while true {
      skipSpace()
      guard let v = value() else { return nil }
      items.append(v)
      skipSpace()
      guard i < b.count else { return nil }
      if b[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      guard b[i] == UInt8(ascii: "]") else { return nil }
      i += 1
      return .array(items)
    }
  }

  /// A string starting at the opening quote; escapes decoded, invalid UTF-8 and control characters refused.
  mutating func string() -> String? {
    i += 1
    let start = i
    while i < b.count {
      let c = b[i]
      if c == UInt8(ascii: "\"") {
        // Invalid UTF-8 is repaired (U+FFFD), as Foundation's parser does for text it can read.
        let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        i += 1
        return s
      }
      if c == UInt8(ascii: "\\") { return escapedString(from: start) }
      if c < 0x20 { return nil }
      i += 1
    }
    return nil
  }

  /// The slow path: a string with escapes.
  mutating func escapedString(from start: Int) -> String? {
    var out = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
    while i < b.count {
      let c = b[i]
      if c == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      if c < 0x20 { return nil }
      if c != UInt8(ascii: "\\") {
        out.append(c)
        i += 1
        continue
      }
      i += 1
      guard i < b.count else { return nil }
      let e = b[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        guard var scalar = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(scalar) {
          guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
            return nil
          }
          i += 2
          guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let u = Unicode.Scalar(scalar) else { return nil }
        out.append(contentsOf: Array(String(Character(u)).utf8))
      default: return nil
      }
    }
    return nil
  }

  mutating func hex4() -> UInt32? {
    guard i + 4 <= b.count else { return nil }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = b[i]
      let d: UInt8
      switch c {
      case 0x30...0x39: d = c - 0x30
      case 0x41...0x46: d = c - 0x41 + 10
      case 0x61...0x66: d = c - 0x61 + 10
      default: return nil
      }
      v = v * 16 + UInt32(d)
      i += 1
    }
    return v
  }

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
  mutating func number() -> JSONValue? {
    let start = i
    if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
    func digits() -> Int {
      let s = i
      while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
      return i - s
    }
    let intStart = i
    let n = digits()
    guard n > 0, !(n > 1 && b[intStart] == 0x30) else { return nil }
    var integral = true
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { return nil }
      integral = false
    }
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return nil }
      integral = false
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
    if integral, let v = Int64(text) { return .int(v) }
    guard let v = Double(text) else { return nil }
    // A nonzero literal below the smallest double (`1e-400`) is not zero: it reads as the smallest double of its
    // sign, so that a reader's "too small" rule sees it (a price import took 1e-400 as a free model, silently).
    if v == 0, PlainDecimal.hasNonzeroDigit(text) {
      return .double(
        text.hasPrefix("-") ? -Double.leastNonzeroMagnitude : Double.leastNonzeroMagnitude)
    }
    return .double(v)
  }
}
