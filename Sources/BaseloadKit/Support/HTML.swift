/// HTML text escaping.
public enum HTML {
  /// Escapes `& < > " '` for text and attribute values; control characters are shown as `\x1b` (XML does
  /// not allow most of them).
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in VisibleText.terminal(s) {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }
}
