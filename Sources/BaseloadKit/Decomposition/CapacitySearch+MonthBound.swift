import Foundation
import GLPK

extension CapacitySearch {
  /// Recomputes each month's floor (`monthBound`) when `force`d or once the pool has grown by a quarter (and at
  /// least 50 cuts) since it was last computed, keeping the higher of old and new (each is a bound on its own);
  /// whether the month-by-month bound now certifies the best plan within the target gap.
  /// The `final` refresh, after the search, runs past the deadline (each month's MIP within its own limit) for
  /// the certificate, and prices no plan.
  @discardableResult
  func refreshMonthBound(force: Bool = false, final: Bool = false) -> Bool {
    if force || pool.count >= monthPool + max(50, monthPool / 4) {
      monthPool = pool.count
      let least = monthBound(secondsPerMonth: secondsPerMonth, final: final)
      for (m, l) in least.enumerated() {
        if let l { monthFloor[m] = max(monthFloor[m], l.bound) }
      }
      // The months' own least capacities, bought so that every month has at least its own: a plan near the
      // floors where terms are short (and priced like any other capacity).
      let choices = least.compactMap { $0?.choice }
      if !final, Date() < deadline, choices.count == least.count {
        evaluate(covering(choices))
      }
    }
    return certifiedByMonths
  }

  /// Month by month before any branching: each round prices every month's least capacity under the cuts (the
  /// floors, and the plan covering each month's choice), then searches the best plan's neighbourhood; the plans
  /// dispatched add exact cuts where the months' choices were, so the next round's floors rise and its choices
  /// move. Ends when the floors certify the best plan (true), after `rounds`, at the deadline, or when a round
  /// neither raises the floors nor lowers the plan by a tenth of the target gap.
  func monthByMonth(rounds: Int) -> Bool {
    let target = solver.data.input.settings.optimalityGap
    for round in 1...rounds {
      let before = (lower: monthLower, upper: best?.outcome.cost ?? .infinity)
      if refreshMonthBound(force: true) { return true }
      // A month without a floor (a group without a cut, a MIP that failed): the rounds have nothing to raise.
      guard monthLower.isFinite else { return false }
      improveBest(months: 4 * solver.data.months.count)
      let upper = best?.outcome.cost ?? .infinity
      solver.progress?(
        "month by month \(round): bounds \(Format.money(monthLower)) … \(upper.isFinite ? Format.money(upper) : "no plan yet")"
      )
      let step = target / 10 * max(1, abs(upper))
      guard Date() < deadline, failure == nil,
        monthLower - before.lower > step || before.upper - upper > step
      else { return certifiedByMonths }
    }
    return certifiedByMonths
  }

  /// The month-by-month bound: the sum of the months' floors, $ (−∞ until every month has one).
  var monthLower: Double {
    monthFloor.allSatisfy(\.isFinite) ? monthFloor.reduce(0, +) : -.infinity
  }

  /// Month `m`'s floor as a row of the master: the master's objective terms of month `m` (its units' and levels'
  /// prices and its groups' θ) at least the floor. Every plan, with each θ at its group's real cost, holds it
  /// (`monthBound`), so it is a valid cut; with it the master's relaxation starts at the month-by-month bound
  /// instead of proving each month's whole steps again by branching.
  func floorRow(_ m: Int) -> LinearProgram.Row {
    var row: [(column: Int, value: Double)] = []
    for j in columns.units.map({ $0[m] }) + columns.level.map({ $0[m] })
    where program.columns[j].objective != 0 {
      row.append((j, program.columns[j].objective))
    }
    for g in monthGroups[m] { row.append((columns.theta[g], 1)) }
    return LinearProgram.Row(
      name: "MonthFloor[\(m)]", bounds: .lower(monthFloor[m]), coefficients: row)
  }

  /// How far master solution `x` falls below month `m`'s floor, $, when by more than round-off (a millionth of
  /// the floor); nil when it holds or the month has no floor yet.
  func floorExcess(_ m: Int, at x: [Double]) -> Double? {
    guard monthFloor[m].isFinite else { return nil }
    let row = floorRow(m)
    let lhs = row.coefficients.reduce(0) { $0 + $1.value * x[$1.column] }
    let by = monthFloor[m] - lhs
    return by > 1e-6 * max(1, abs(monthFloor[m])) ? by : nil
  }

  /// Whether the month-by-month bound alone certifies the best plan within `optimality_gap` (never after a
  /// failure: a plan the master excludes means its rows, and so the floors, are not proven).
  var certifiedByMonths: Bool {
    guard failure == nil, let best, monthLower.isFinite else { return false }
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
  /// proven bound. Returns each month's least price (its floor), $, or nil for a month not priced (and, but for
  /// the `final` refresh, for every month left when the deadline passes).
  func monthBound(secondsPerMonth: Double, final: Bool = false) -> [MonthLeast?] {
    solver.data.months.indices.map { m in
      final || Date() < deadline ? monthLeast(m, seconds: secondsPerMonth) : nil
    }
  }

  /// A month's least price under the cut model (a proven bound, $) and the capacity of the best month found, when
  /// one was.
  struct MonthLeast {
    var bound: Double
    var choice: MonthChoice?
  }

  /// Units per reserved offer and commitment levels, $/h, chosen for one month.
  struct MonthChoice {
    var units: [Double]
    var levels: [Double]
  }

  /// A capacity with at least each month's chosen units and levels: months in order, each buying (in whole
  /// steps, or dollars of level) what the purchases still active fall short of; raised to `min_units` where units
  /// are bought (`rounded`). Units bought for a longer term stay beyond their month, so a later month may have
  /// more than it chose.
  func covering(_ choices: [MonthChoice]) -> BendersSolver.Capacity {
    let data = solver.data
    let months = data.months.indices
    var p = BendersSolver.Capacity(units: [], levels: [], bought: [], spent: [])
    for (r, c) in data.reservedOffers.enumerated() {
      var bought = [Double](repeating: 0, count: months.count)
      for m in months {
        let active = solver.active(bought, month: m, term: c.termMonths)
        let short = choices[m].units[r] - (data.contractUnits[c.id]?[m] ?? 0) - active
        if short > 1e-9 { bought[m] = c.unitStep * (short / c.unitStep - 1e-7).rounded(.up) }
      }
      p.bought.append(bought)
      p.units.append(
        months.map { m in
          (data.contractUnits[c.id]?[m] ?? 0) + solver.active(bought, month: m, term: c.termMonths)
        })
    }
    for (k, c) in data.input.commitments.enumerated() {
      var spent = [Double](repeating: 0, count: months.count)
      for m in months where data.allowNewCommitments {
        let active = solver.active(spent, month: m, term: c.termMonths)
        spent[m] = max(0, choices[m].levels[k] - (data.contractUSD[c.id]?[m] ?? 0) - active)
      }
      p.spent.append(spent)
      p.levels.append(
        months.map { m in
          (data.contractUSD[c.id]?[m] ?? 0) + solver.active(spent, month: m, term: c.termMonths)
        })
    }
    return solver.rounded(p, .up)
  }

  /// The least the cut model prices month `m` at with its units whole (`monthBound`); nil when unknown.
  private func monthLeast(_ m: Int, seconds: Double) -> MonthLeast? {
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
    for g in monthGroups[m] {
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
    options.timeLimitSeconds = max(0.05, seconds)
    guard let s = try? GLPKSolver.solve(lp, options: options) else { return nil }
    let found = s.status == .optimal || s.status == .feasible
    let choice =
      found
      ? MonthChoice(
        units: units.map { s.columnValues[$0] }, levels: levels.map { s.columnValues[$0] }) : nil
    if !lp.isMIP {
      return s.status == .optimal ? MonthLeast(bound: s.objective, choice: choice) : nil
    }
    let bound = PlacementSolver.lowerBound(s, gapLimit: 1e-6)
    return bound.isFinite ? MonthLeast(bound: bound, choice: choice) : nil
  }
}
