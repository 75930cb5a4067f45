/// The bill of a plan: every line, sorted by month, provider, offer and charge.
public struct Invoice: Sendable {
  public var lines: [InvoiceLine]
  public var months: [Month]

  /// Sum of billed cost, $.
  public var total: Double { lines.reduce(0) { $0 + $1.billedCost } }

  /// Billed cost per month, $.
  public func total(in month: Month) -> Double {
    lines.filter { $0.month == month }.reduce(0) { $0 + $1.billedCost }
  }

  /// Billed cost grouped by a key, in first-seen order.
  public func totals(by key: (InvoiceLine) -> String) -> [(key: String, cost: Double)] {
    var order: [String] = []
    var sums: [String: Double] = [:]
    for l in lines {
      let k = key(l)
      if sums[k] == nil { order.append(k) }
      sums[k, default: 0] += l.billedCost
    }
    return order.map { ($0, sums[$0]!) }
  }

  /// Orders lines deterministically.
  static func sorted(_ lines: [InvoiceLine]) -> [InvoiceLine] {
    lines.sorted { a, b in
      (a.month, a.provider, a.offer, a.kind, a.variant) < (
        b.month, b.provider, b.offer, b.kind, b.variant
      )
    }
  }
}
