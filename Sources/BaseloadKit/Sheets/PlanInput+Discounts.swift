extension PlanInput {
  /// The input with its negotiated discounts applied to the offers' prices: token prices and unit-hour prices
  /// become contracted prices, and `negotiated` keeps each discounted offer's fraction off list so the invoice
  /// can show the list price beside the contracted one. Idempotent: the discounts are consumed.
  public func contracted() -> PlanInput {
    guard !discounts.isEmpty else { return self }
    var copy = self
    copy.discounts = []
    for (i, a) in apis.enumerated() {
      guard let d = discounts.first(where: { $0.applies(to: a.id, vendor: a.vendor) }) else {
        continue
      }
      let f = 1 - d.discountPct / 100
      copy.apis[i].usdPerMtokInput *= f
      copy.apis[i].usdPerMtokCachedInput *= f
      copy.apis[i].usdPerMtokOutput *= f
      copy.negotiated[a.id] = d.discountPct / 100
    }
    for (i, c) in capacity.enumerated() {
      guard let d = discounts.first(where: { $0.applies(to: c.id, vendor: c.vendor) }) else {
        continue
      }
      copy.capacity[i].usdPerUnitHour *= 1 - d.discountPct / 100
      copy.negotiated[c.id] = d.discountPct / 100
    }
    return copy
  }

  /// List price of a contracted price `p` on offer `id`, $.
  public func listPrice(_ p: Double, offer id: String) -> Double {
    guard let d = negotiated[id] else { return p }
    return p / (1 - d)
  }
}
