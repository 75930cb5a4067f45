extension PlanInput {
  /// Fraction of each offer's list price billed in each month of `months` (fraction, 0 < f ≤ 1): 1 − the
  /// negotiated discount in force that month (`discounts.csv`), per offer id, in month order. Offers that no
  /// discount reaches in any of the months are absent (billed at list throughout). Every discount goes through
  /// this one path, whether it holds for the whole horizon or starts or ends inside it: `apis.csv` and
  /// `capacity.csv` keep the list prices, the model multiplies them by `price_factor` month by month.
  public func priceFactors(_ months: [Month]) -> [String: [Double]] {
    guard !discounts.isEmpty else { return [:] }
    let offers: [any OfferTerms] = apis + capacity
    var out: [String: [Double]] = [:]
    for o in offers {
      let f = months.map { m -> Double in
        guard
          let d = discounts.first(where: { $0.applies(to: o.id, vendor: o.vendor) && $0.covers(m) })
        else { return 1 }
        return 1 - d.discountPct / 100
      }
      if f.contains(where: { $0 != 1 }) { out[o.id] = f }
    }
    return out
  }
}
