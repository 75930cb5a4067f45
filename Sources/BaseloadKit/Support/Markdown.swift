/// Small Markdown builders for reports.
public enum Markdown {
  /// A pipe table; `right` marks right-aligned (numeric) columns. Cells have `|` escaped.
  public static func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) -> String {
    func esc(_ s: String) -> String {
      s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
    var out = "| " + header.map(esc).joined(separator: " | ") + " |\n"
    out += "|" + header.indices.map { right.contains($0) ? "---:|" : "---|" }.joined() + "\n"
    for r in rows { out += "| " + r.map(esc).joined(separator: " | ") + " |\n" }
    return out
  }
}
