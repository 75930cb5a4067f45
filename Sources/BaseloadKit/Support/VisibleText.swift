/// Control characters shown as text, so that names from sheets and folder names can neither drive a terminal
/// (escape sequences) nor hide inside a report: ESC becomes `\x1b`, NUL `\x00`, a C1 control `\u{9b}`.
public enum VisibleText {
  /// C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
  static func isControl(_ u: Unicode.Scalar) -> Bool {
    u.value < 0x20 || (0x7F...0x9F).contains(u.value)
  }

  /// The visible form of one control character.
  static func escape(_ u: Unicode.Scalar) -> String {
    let hex = String(u.value, radix: 16)
    return u.value < 0x80
      ? "\\x" + (hex.count < 2 ? "0" : "") + hex : "\\u{" + hex + "}"
  }

  /// Every control character escaped, newlines and tabs included: for a name inside a line.
  public static func name(_ s: String) -> String { escaped(s, keep: []) }

  /// Control characters escaped except newline and tab: for whole text written to a terminal or a file.
  public static func terminal(_ s: String) -> String { escaped(s, keep: ["\n", "\t"]) }

  /// Control characters escaped except the line breaks and tab that CSV quoting carries (`\n`, `\r`, `\t`):
  /// for CSV text cells, which spreadsheets read back as written.
  public static func csvCell(_ s: String) -> String { escaped(s, keep: ["\n", "\r", "\t"]) }

  static func escaped(_ s: String, keep: Set<Unicode.Scalar>) -> String {
    guard s.unicodeScalars.contains(where: { isControl($0) && !keep.contains($0) }) else {
      return s
    }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      if isControl(u) && !keep.contains(u) {
        out.append(contentsOf: escape(u).unicodeScalars)
      } else {
        out.append(u)
      }
    }
    return String(out)
  }
}
