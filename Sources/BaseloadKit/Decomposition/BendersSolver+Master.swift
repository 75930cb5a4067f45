import Foundation
import GLPK

extension BendersSolver {
  /// Columns of the capacity master, by reserved offer (or commitment) and month; θ by slice group.
  struct MasterColumns {
    var units: [[Int]] = []
    var buy: [[Int]] = []
    /// The `min_units` switch, where the offer has a minimum.
    var active: [[Int?]] = []
    var level: [[Int]] = []
    var spent: [[Int]] = []
    var theta: [Int] = []
    /// Columns in all.
    var count = 0
  }

  /// The capacity master as a program: the capacity part of `Models/placement.mod` (UnitsActive,
  /// MinUnitsWhenActive, ActiveWhenUsed, LevelActive) plus one θ per slice group bounded by `cuts`.
  func masterProgram(
    _ cuts: [Cut], groupMonth: [Int], bounds: CapacityBounds, integer: Bool
  ) -> (program: LinearProgram, columns: MasterColumns) {
    let reserved = data.reservedOffers
    let commitments = data.input.commitments
    let months = data.months
    var lp = LinearProgram(name: "capacity-master")
    var cols = MasterColumns()
    for (r, c) in reserved.enumerated() {
      cols.units.append(
        months.indices.map { m in
          lp.addColumn(
            "units[\(r),\(m)]",
            bounds: .range(0, max(bounds.units[r][m], data.contractUnits[c.id]?[m] ?? 0)),
            objective: c.usdPerUnitHour * data.priceFactor(c.id, month: m) * Double(months[m].hours)
          )
        })
      cols.buy.append(
        months.indices.map { m in
          lp.addColumn(
            "buy[\(r),\(m)]", kind: integer ? .integer : .continuous,
            bounds: .range(0, bounds.buySteps[r][m]))
        })
      var active: [Int?] = []
      for m in months.indices {
        let window = data.purchaseWindow(month: m, term: c.termMonths)
        lp.addRow(
          "UnitsActive[\(r),\(m)]", bounds: .fixed(data.contractUnits[c.id]?[m] ?? 0),
          coefficients: [(cols.units[r][m], 1)] + window.map { (cols.buy[r][$0], -c.unitStep) })
        guard c.minUnits > 0 else {
          active.append(nil)
          continue
        }
        let a = lp.addColumn(
          "active[\(r),\(m)]", kind: integer ? .binary : .continuous, bounds: .range(0, 1))
        active.append(a)
        lp.addRow(
          "MinUnitsWhenActive[\(r),\(m)]", bounds: .lower(0),
          coefficients: [(cols.units[r][m], 1), (a, -c.minUnits)])
        // Units bought (beyond those signed) make the offer active.
        lp.addRow(
          "ActiveWhenUsed[\(r),\(m)]", bounds: .upper(data.contractUnits[c.id]?[m] ?? 0),
          coefficients: [(cols.units[r][m], 1), (a, -max(1, bounds.units[r][m]))])
      }
      cols.active.append(active)
    }
    for (k, c) in commitments.enumerated() {
      cols.level.append(
        months.indices.map { m in
          lp.addColumn(
            "level[\(k),\(m)]", bounds: .range(0, bounds.levels[k][m]),
            objective: Double(months[m].hours))
        })
      cols.spent.append(
        months.indices.map { m in
          lp.addColumn(
            "spent[\(k),\(m)]",
            bounds: data.allowNewCommitments ? .range(0, bounds.spent[k]) : .fixed(0))
        })
      for m in months.indices {
        let window = data.purchaseWindow(month: m, term: c.termMonths)
        lp.addRow(
          "LevelActive[\(k),\(m)]", bounds: .fixed(data.contractUSD[c.id]?[m] ?? 0),
          coefficients: [(cols.level[k][m], 1)] + window.map { (cols.spent[k][$0], -1) })
      }
    }
    cols.theta = groupMonth.indices.map {
      lp.addColumn("theta[\($0)]", bounds: .free, objective: 1)
    }
    cols.count = lp.columnCount
    for (i, cut) in cuts.enumerated() {
      let row = cutRow(cut, cols, groupMonth: groupMonth, name: "Cut[\(i)]")
      lp.addRow(row.name, bounds: row.bounds, coefficients: row.coefficients)
    }
    return (lp, cols)
  }

  /// `cut` as a row of the master: θ_g − Σ slope · capacity ≥ constant.
  func cutRow(_ cut: Cut, _ cols: MasterColumns, groupMonth: [Int], name: String)
    -> LinearProgram.Row
  {
    let m = groupMonth[cut.group]
    return cut.row(
      name: name, theta: cols.theta[cut.group], units: { cols.units[$0][m] },
      level: { cols.level[$0][m] })
  }

  /// The capacity in the master's solution `x` (integer purchases rounded to whole steps when `integer`).
  func capacity(from x: [Double], _ cols: MasterColumns, integer: Bool) -> Capacity {
    func value(_ j: Int) -> Double { integer ? x[j].rounded() : x[j] }
    return Capacity(
      units: cols.units.map { row in row.map(value) },
      levels: cols.level.map { $0.map { x[$0] } },
      bought: zip(data.reservedOffers, cols.buy).map { c, row in
        row.map { value($0) * c.unitStep }
      },
      spent: cols.spent.map { $0.map { x[$0] } })
  }

  /// Builds and solves the capacity master (`masterProgram`) with its integrality relaxed, by the dual simplex from
  /// `basis` when given (the basis of the previous round, whose cuts are the first rows of this one). Returns the
  /// capacity chosen, the master's optimum (a lower bound on the hourly optimum, $) and the basis it ended on;
  /// nil when the time limit passed.
  func relaxedMaster(_ cuts: [Cut], groupMonth: [Int], bounds: CapacityBounds, basis: Basis? = nil)
    throws -> (capacity: Capacity, bound: Double, basis: Basis?)?
  {
    let (lp, cols) = masterProgram(cuts, groupMonth: groupMonth, bounds: bounds, integer: false)
    var options = SolverOptions()
    // Not GLPK's LP presolver: its recovered solution's objective came out above the optimum ($1,014,431.45
    // where a feasible capacity of the same master costs $1,014,428.02, soak seed 14743), and a bound must not.
    options.presolve = false
    options.scale = true
    options.timeLimitSeconds = data.input.settings.timeLimitSeconds
    options.startBasis = basis
    let s = try GLPKSolver.solve(lp, options: options)
    if s.stop == .timeLimit && s.status != .optimal { return nil }
    guard s.status == .optimal else {
      throw PlanError.solver(
        "the capacity master ended with status \(s.status)\n\(s.terminalOutput)")
    }
    return (capacity(from: s.columnValues, cols, integer: false), s.objective, s.basis)
  }

  /// The purchases (one amount per month) still active in month `m` under a term of `term` months, summed: what
  /// UnitsActive and LevelActive add to the signed amount.
  func active(_ purchases: [Double], month m: Int, term: Int) -> Double {
    data.purchaseWindow(month: m, term: term).reduce(0) { $0 + purchases[$1] }
  }

  /// `p` with every reserved purchase rounded to whole steps by `rule`, then raised to `min_units` in a month
  /// where units bought are active (`.up` gives a capacity at least as large as the relaxed one, so every slice
  /// stays servable).
  func rounded(_ p: Capacity, _ rule: FloatingPointRoundingRule) -> Capacity {
    var out = p
    for (r, c) in data.reservedOffers.enumerated() {
      // Within 1e-7 of a step is that step (a relaxed purchase of −1e-12 is none, not −1 rounded down).
      var steps = p.bought[r].map { b in
        let x = b / c.unitStep
        let whole =
          switch rule {
          case .up: (x - 1e-7).rounded(.up)
          case .down: (x + 1e-7).rounded(.down)
          default: x.rounded(rule)
          }
        return max(0, whole)
      }
      func bought(_ m: Int) -> Double { c.unitStep * active(steps, month: m, term: c.termMonths) }
      func units(_ m: Int) -> Double { (data.contractUnits[c.id]?[m] ?? 0) + bought(m) }
      for m in data.months.indices {
        while bought(m) > 0 && units(m) < c.minUnits { steps[m] += 1 }
      }
      out.bought[r] = steps.map { $0 * c.unitStep }
      out.units[r] = data.months.indices.map(units)
    }
    return out
  }

  /// The most commitment level that could ever be used, $/h: all eligible usage of the largest demand at the
  /// dearest eligible price, plus every covered reserved unit at its price, at the discounted rate.
  func levelBound(_ k: Commitment) -> Double {
    var usage = 0.0
    for wi in data.workloads.indices {
      let costs = data.pairs.filter {
        $0.workload == wi && k.appliesTo.contains(data.offers[$0.offer].id)
      }.map(\.usageCost)
      guard let dearest = costs.max(), dearest > 0 else { continue }
      let peak = data.slices.slices.map { data.demand(wi, $0) }.max() ?? 0
      usage += peak * dearest
    }
    for c in data.reservedOffers where k.appliesTo.contains(c.id) {
      usage += c.usdPerUnitHour * (data.maxUnits[c.id] ?? 0)
    }
    return (1 - k.discountPct / 100) * usage + 1
  }
}
