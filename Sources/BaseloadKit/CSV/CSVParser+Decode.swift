import Foundation

extension CSVParser {
  /// The text of a sheet's bytes, which must be UTF-8 (a byte-order mark is allowed).
  /// UTF-16 is named as such; any other byte that is not UTF-8 is located at its line and
  /// character column, counted as the parser counts them.
  public static func decode(_ data: Data, fileName: String) throws(DiagnosticList) -> String {
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      throw DiagnosticList([
        Diagnostic(
          file: fileName, line: 1, column: 1,
          message: "the sheet is UTF-16 text; save it as UTF-8 (CSV UTF-8)")
      ])
    }
    if let text = String(validating: data, as: UTF8.self) { return text }
    var line = 1
    var column = 1
    var iterator = data.makeIterator()
    var decoder = UTF8()
    var first = true
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let s):
        defer { first = false }
        if first && s == "\u{FEFF}" { continue }
        if s == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput:
        return String(decoding: data, as: UTF8.self)
      case .error:
        throw DiagnosticList([
          Diagnostic(
            file: fileName, line: line, column: column,
            message: "a byte here is not UTF-8 text; save the sheet as UTF-8 (CSV UTF-8)")
        ])
      }
    }
  }

  /// Words for a control character found in a sheet, or nil for an allowed character.
  /// Tab, line feed and carriage return before a line feed are allowed; every other C0 control,
  /// DEL and the C1 controls are not (they end numbers early in C libraries and drive terminals).
  static func controlWords(_ c: Unicode.Scalar) -> String? {
    let v = c.value
    guard v < 0x20 || (0x7F...0x9F).contains(v) else { return nil }
    if c == "\t" || c == "\n" || c == "\r" { return nil }
    let hex = String(v, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    let name: String
    switch v {
    case 0: name = " (NUL)"
    case 0x1B: name = " (ESC)"
    case 0x7F: name = " (DEL)"
    default: name = ""
    }
    return "control character \(code)\(name) in the sheet; cells hold plain text"
  }
}
