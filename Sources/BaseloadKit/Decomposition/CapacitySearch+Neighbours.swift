import Foundation

extension CapacitySearch {
  /// A local search around the best plan, guided by the cuts: for every reserved offer and month, one step
  /// more or one step fewer bought. The cuts' model of the dispatch cost (the largest cut of each group) is exact
  /// at every dispatched capacity and below the real cost elsewhere, so a neighbour it prices above the best plan
  /// cannot be cheaper; the one it prices lowest is dispatched, which either gives a cheaper plan (the search
  /// moves there) or cuts that price it exactly (it is not proposed again). Ends when no neighbour is priced
  /// below the best plan, after `budget` seconds, once `months` months have been dispatched, or at the deadline.
  func improveBest(budget: Double = .infinity, months: Int = .max) {
    let began = Date()
    let first = monthsDispatched
    while monthsDispatched - first < months, Date().timeIntervalSince(began) < budget,
      Date() < deadline, failure == nil, !dispatchLimitReached,
      let best, let next = cheapestNeighbour(of: best.capacity, cost: best.outcome.cost),
      evaluate(next)
    {}
  }

  /// The neighbour of `b` the cuts price lowest, if that is below `cost` by more than a millionth.
  func cheapestNeighbour(of b: BendersSolver.Capacity, cost: Double) -> BendersSolver.Capacity? {
    let data = solver.data
    let months = data.months.indices
    // Each cut's value at b, by group.
    var values = [[(cut: Int, value: Double)]](repeating: [], count: groupMonth.count)
    for (i, cut) in pool.enumerated() {
      let m = groupMonth[cut.group]
      values[cut.group].append(
        (i, cut.value(units: { b.units[$0][m] }, level: { b.levels[$0][m] })))
    }
    let theta = values.map { $0.map(\.value).max() ?? -Double.infinity }
    let offers = data.reservedOffers
    // Moves of one offer's purchase in one month, in steps: one either way, and for an offer with a minimum the
    // steps that open it at its minimum or close it.
    func stepMoves(_ r: Int) -> [Double] {
      let c = offers[r]
      let toMinimum = (c.minUnits / c.unitStep).rounded(.up)
      return toMinimum > 1 ? [-1, 1, -toMinimum, toMinimum] : [-1, 1]
    }
    /// `b` with `change` steps more bought of offer r in month m, if that stays in the master's box.
    func moved(_ p: BendersSolver.Capacity, _ r: Int, _ m: Int, _ change: Double)
      -> BendersSolver.Capacity?
    {
      let c = offers[r]
      let steps = (p.bought[r][m] / c.unitStep).rounded() + change
      guard steps >= 0, steps <= bounds.buySteps[r][m] + 1e-9 else { return nil }
      var out = p
      out.bought[r][m] = steps * c.unitStep
      for t in months where data.purchaseWindow(month: t, term: c.termMonths).contains(m) {
        let u = p.units[r][t] + change * c.unitStep
        let signed = data.contractUnits[c.id]?[t] ?? 0
        let cap = max(bounds.units[r][t], signed)
        // Units bought make the offer active, and then it has at least min_units (signed ones included).
        if u < -1e-9 || u > cap + 1e-9 || (u - signed > 1e-9 && u < c.minUnits - 1e-9) {
          return nil
        }
        out.units[r][t] = u
      }
      return out
    }
    /// Change of the cuts' price from b to `p`, $ (only months where units differ).
    func delta(_ p: BendersSolver.Capacity) -> Double {
      var d = 0.0
      for t in months {
        let changed = offers.indices.filter { p.units[$0][t] != b.units[$0][t] }
        guard !changed.isEmpty else { continue }
        for r in changed {
          d +=
            (p.units[r][t] - b.units[r][t]) * offers[r].usdPerUnitHour
            * data.priceFactor(offers[r].id, month: t) * Double(data.months[t].hours)
        }
        for g in monthGroups[t] {
          var most = -Double.infinity
          for v in values[g] {
            var x = v.value
            for r in changed { x += pool[v.cut].unitSlope[r] * (p.units[r][t] - b.units[r][t]) }
            most = max(most, x)
          }
          d += most - theta[g]
        }
      }
      return d
    }
    var bestMove: (delta: Double, capacity: BendersSolver.Capacity)?
    func consider(_ p: BendersSolver.Capacity) {
      let d = delta(p)
      if d < -1e-6 * max(1, abs(cost)) && d < (bestMove?.delta ?? 0) { bestMove = (d, p) }
    }
    for r in offers.indices {
      for m in months {
        for change in stepMoves(r) {
          guard let one = moved(b, r, m, change) else { continue }
          consider(one)
          // One step fewer here and one more of another offer in the same month: capacity swapped.
          guard change == -1 else { continue }
          for r2 in offers.indices where r2 != r {
            if let two = moved(one, r2, m, 1) { consider(two) }
          }
        }
      }
    }
    return bestMove?.capacity
  }
}
