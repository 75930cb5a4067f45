/// A CSV cell to write: text is quoted as needed and neutralised; numbers stay plain.
public enum CSVValue: Sendable, Equatable, ExpressibleByStringLiteral {
  case text(String)
  /// Already formatted number (e.g. `Format.fixed`), written as is.
  case number(String)

  public init(stringLiteral value: String) { self = .text(value) }

  /// Money or quantity with fixed decimals.
  public static func fixed(_ v: Double, _ decimals: Int) -> CSVValue {
    .number(Format.fixed(v, decimals))
  }
}

/// Writes RFC 4180 CSV safely for spreadsheets.
public enum CSVWriter {
  /// Characters that make a spreadsheet treat a text cell as a formula.
  static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  /// One cell: text starting with `= + - @`, tab or CR gets a leading `'`; quotes when needed.
  public static func cell(_ value: CSVValue) -> String {
    switch value {
    case .number(let s):
      return s
    case .text(let raw):
      return isPlain(raw) ? raw : escapedText(raw)
    }
  }

  /// A text cell by the general rules (`cell`'s result for any text).
  static func escapedText(_ raw: String) -> String {
    // Control characters (ESC, NUL…) are shown as `\x1b`: `cat invoice.csv` must not drive the terminal.
    // Line breaks and tabs stay: quoting carries them and spreadsheets read them back.
    var s = VisibleText.csvCell(raw)
    // By scalar, not Character: "\r\n" is one Character that equals neither "\r" nor "\n".
    if let first = s.unicodeScalars.first, formulaStarts.contains(Character(first)) {
      s = "'" + s
    }
    if s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  /// Whether text needs nothing done: printable ASCII without `,` or `"`, not starting a formula (most ids and
  /// labels; checked byte by byte, far cheaper than `escapedText`, which returns such text unchanged).
  static func isPlain(_ s: String) -> Bool {
    var bytes = s.utf8.makeIterator()
    guard let first = bytes.next() else { return true }
    // = + - @
    if first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 { return false }
    var b: UInt8? = first
    while let c = b {
      guard c >= 0x20, c < 0x7F, c != 0x2C, c != 0x22 else { return false }
      b = bytes.next()
    }
    return true
  }

  /// A whole sheet: header then rows, LF line ends, trailing newline.
  public static func sheet(header: [String], rows: [[CSVValue]]) -> String {
    var out = header.map { cell(.text($0)) }.joined(separator: ",") + "\n"
    for row in rows { out += row.map(cell).joined(separator: ",") + "\n" }
    return out
  }
}
