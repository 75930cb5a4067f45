import Foundation
import GLPK

extension CapacitySearch {
  /// Recomputes `monthLower` (`monthBound`) when `force`d or once the pool has grown by a quarter (and at least 50
  /// cuts) since it was last computed; whether it now certifies the best plan within the target gap.
  @discardableResult
  func refreshMonthBound(force: Bool = false) -> Bool {
    if force || pool.count >= monthPool + max(50, monthPool / 4) {
      monthPool = pool.count
      if let b = monthBound(secondsPerMonth: secondsPerMonth) { monthLower = max(monthLower, b) }
    }
    return certifiedByMonths
  }

  /// Whether the month-by-month bound alone certifies the best plan within `optimality_gap`.
  var certifiedByMonths: Bool {
    guard let best, monthLower.isFinite else { return false }
    return Certificate.meets(
      lower: monthLower, upper: best.outcome.cost,
      target: solver.data.input.settings.optimalityGap)
  }

  /// A lower bound on every plan's cost, month by month: the sum over months of the least the cut model prices a
  /// month at, with that month's units whole (signed plus whole steps, within the master's box, at least
  /// `min_units` where any are bought) and its commitment levels within the box, but the months not linked by the
  /// purchases that span them.
  ///
  /// Every plan's units in month m are its signed units plus whole steps bought within their terms, and its month
  /// costs only what that month's units and levels set (their price, and the dispatch of the month's slices, which
  /// every cut of the month's groups under-estimates): so each month's least price is at most that plan's month,
  /// and the sum at most its cost. The master's branch and bound proves the same whole steps jointly over all
  /// months, which takes it exponentially long where months round independently (a 36-month plan of two offers
  /// stopped at a 12% gap after 100 s whose plan was optimal); month by month each is a small MIP. Nil when a
  /// month cannot be priced (a group without a cut) or a MIP fails; a MIP stopped at `secondsPerMonth` gives its
  /// proven bound.
  func monthBound(secondsPerMonth: Double) -> Double? {
    let data = solver.data
    var total = 0.0
    for m in data.months.indices {
      guard let b = monthLeast(m, seconds: secondsPerMonth) else { return nil }
      total += b
    }
    return total
  }

  /// The least the cut model prices month `m` at with its units whole (`monthBound`); nil when unknown.
  private func monthLeast(_ m: Int, seconds: Double) -> Double? {
    let data = solver.data
    let hours = Double(data.months[m].hours)
    var lp = LinearProgram(name: "capacity-month")
    var units: [Int] = []
    for (r, c) in data.reservedOffers.enumerated() {
      let signed = data.contractUnits[c.id]?[m] ?? 0
      let cap = max(bounds.units[r][m], signed)
      let u = lp.addColumn(
        "units[\(r)]", bounds: .range(0, cap),
        objective: c.usdPerUnitHour * data.priceFactor(c.id, month: m) * hours)
      units.append(u)
      // UnitsActive, its purchases summed over the month's window: signed units plus whole steps.
      let steps = lp.addColumn(
        "steps[\(r)]", kind: .integer,
        bounds: .range(0, max(0, ((cap - signed) / c.unitStep + 1e-9).rounded(.down))))
      lp.addRow(
        "UnitsActive[\(r)]", bounds: .fixed(signed),
        coefficients: [(u, 1), (steps, -c.unitStep)])
      guard c.minUnits > 0 else { continue }
      // MinUnitsWhenActive and ActiveWhenUsed, as in the master.
      let a = lp.addColumn("active[\(r)]", kind: .binary, bounds: .range(0, 1))
      lp.addRow(
        "MinUnitsWhenActive[\(r)]", bounds: .lower(0), coefficients: [(u, 1), (a, -c.minUnits)])
      lp.addRow(
        "ActiveWhenUsed[\(r)]", bounds: .upper(signed),
        coefficients: [(u, 1), (a, -max(1, bounds.units[r][m]))])
    }
    var levels: [Int] = []
    for (k, c) in data.input.commitments.enumerated() {
      let signed = data.contractUSD[c.id]?[m] ?? 0
      // LevelActive: the signed level plus purchases still active, within the master's box.
      levels.append(
        lp.addColumn(
          "level[\(k)]",
          bounds: data.allowNewCommitments
            ? .range(signed, max(signed, bounds.levels[k][m])) : .fixed(signed),
          objective: hours))
    }
    var theta: [Int: Int] = [:]
    for g in groupMonth.indices where groupMonth[g] == m {
      theta[g] = lp.addColumn("theta[\(g)]", bounds: .free, objective: 1)
    }
    var priced = Set<Int>()
    for (i, cut) in pool.enumerated() {
      guard let t = theta[cut.group] else { continue }
      priced.insert(cut.group)
      let row = cut.row(name: "Cut[\(i)]", theta: t, units: { units[$0] }, level: { levels[$0] })
      lp.addRow(row.name, bounds: row.bounds, coefficients: row.coefficients)
    }
    // A group without a cut leaves its θ unbounded below.
    guard priced.count == theta.count else { return nil }
    var options = SolverOptions()
    options.presolve = false
    options.scale = true
    options.mipGap = 1e-6
    options.integerTolerance = data.integerTolerance
    options.timeLimitSeconds = max(0.1, seconds)
    guard let s = try? GLPKSolver.solve(lp, options: options) else { return nil }
    if !lp.isMIP { return s.status == .optimal ? s.objective : nil }
    let bound = PlacementSolver.lowerBound(s, gapLimit: 1e-6)
    return bound.isFinite ? bound : nil
  }
}
