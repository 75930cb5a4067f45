/// Plain aligned text tables for the terminal: first column left, the rest right-aligned.
public enum TextTable {
  public static func render(header: [String], rows: [[String]]) -> String {
    // A cell is one line: a newline or an escape sequence in a name must not break the table.
    let all = ([header] + rows).map { $0.map(VisibleText.name) }
    let widths = header.indices.map { i in
      all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
        return i == 0 ? c + pad : pad + c
      }.joined(separator: "  ")
    }
    var out = line(all[0]) + "\n"
    out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for r in all.dropFirst() { out += line(r) + "\n" }
    return out
  }
}
