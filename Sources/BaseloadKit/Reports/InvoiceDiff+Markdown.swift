extension InvoiceDiff {
  /// The diff's lines as a Markdown table (lines that are zero on both sides left out), money in `currency`;
  /// `before` and `after` name the two columns of amounts.
  func markdownTable(before: String, after: String, currency: Currency) -> String {
    let money = { currency.money($0) }
    let rows = lines.filter {
      abs($0.before) > Format.halfCentUSD || abs($0.after) > Format.halfCentUSD
    }.map { d in
      [
        d.month.description, d.provider, d.description, money(d.before), money(d.after),
        money(d.delta), d.statusText(in: currency),
      ]
    }
    return Markdown.table(
      ["month", "provider", "line", before, after, "delta", "status"], rows, right: [3, 4, 5])
  }
}
