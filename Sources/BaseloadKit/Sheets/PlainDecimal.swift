/// The only number syntax sheets accept: an optional sign, digits with at most one decimal point,
/// and an optional exponent (`12`, `-0.5`, `.25`, `3.`, `2.5e6`, `1E-3`).
/// Hex (`0x10`, `0x1p4`), digit separators (`1_000`, `1,000`), `inf`, `nan`, percent signs and
/// anything a C library would read only in part are not numbers.
enum PlainDecimal {
  /// The value of `text`, or nil when it is not a plain decimal. Overflow gives ±infinity.
  static func value(_ text: String) -> Double? {
    guard isPlain(text) else { return nil }
    return Double(text)
  }

  /// Whether the digits before the exponent hold one that is not 0 (`1e-400` reads as 0, too small).
  static func hasNonzeroDigit(_ text: String) -> Bool {
    text.utf8.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
      .contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
  }

  /// Whether `text` is a plain decimal.
  static func isPlain(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
      bytes = bytes.dropFirst()
    }
    var digits = 0
    var point = false
    while let b = bytes.first {
      if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
        digits += 1
      } else if b == UInt8(ascii: "."), !point {
        point = true
      } else {
        break
      }
      bytes = bytes.dropFirst()
    }
    guard digits > 0 else { return false }
    guard let e = bytes.first else { return true }
    guard e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return false }
    bytes = bytes.dropFirst()
    if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      bytes = bytes.dropFirst()
    }
    guard !bytes.isEmpty else { return false }
    return bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }
}
