/// Small Markdown builders for reports.
public enum Markdown {
  /// A pipe table; `right` marks right-aligned (numeric) columns. Cells have `|` escaped and line breaks
  /// turned into spaces.
  public static func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) -> String {
    func esc(_ s: String) -> String {
      s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        .replacingOccurrences(of: "\r", with: " ")
    }
    var out = "| " + header.map(esc).joined(separator: " | ") + " |\n"
    out += "|" + header.indices.map { right.contains($0) ? "---:|" : "---|" }.joined() + "\n"
    for r in rows { out += "| " + r.map(esc).joined(separator: " | ") + " |\n" }
    return out
  }

  /// A whole document made safe to hand to any Markdown renderer: `&`, `<` and `>` become entities, so that
  /// no id or name can carry raw HTML (`<script>`) into it, and control characters are shown as `\x1b`.
  /// Baseload's own Markdown uses none of the three characters.
  public static func safe(_ markdown: String) -> String {
    var out = ""
    out.reserveCapacity(markdown.utf8.count)
    for c in VisibleText.terminal(markdown) {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(c)
      }
    }
    return out
  }

  /// Undoes `safe`'s three entities, for a renderer that escapes text itself.
  static func unescapeEntities(_ s: String) -> String {
    guard s.contains("&") else { return s }
    return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
