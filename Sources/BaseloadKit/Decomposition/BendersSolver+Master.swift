import Foundation
import GLPK

extension BendersSolver {
  /// Builds and solves the capacity master: the capacity part of `Models/placement.mod` (UnitsActive,
  /// MinUnitsWhenActive, ActiveWhenUsed, LevelActive) plus one θ per slice group bounded by `cuts`.
  /// Returns the capacity chosen and a lower bound on the master's optimum, $; nil when the time limit passed
  /// before an integer master had a solution.
  func master(
    _ cuts: [Cut], groupMonth: [Int], bounds: CapacityBounds, integer: Bool,
    timeLimit: Double? = nil
  ) throws -> (capacity: Capacity, bound: Double)? {
    let reserved = data.reservedOffers
    let commitments = data.input.commitments
    let months = data.months
    var lp = LinearProgram(name: "capacity-master")
    var unitsCol = [[Int]]()
    var buyCol = [[Int]]()
    var levelCol = [[Int]]()
    var spentCol = [[Int]]()
    for (r, c) in reserved.enumerated() {
      unitsCol.append(
        months.indices.map { m in
          lp.addColumn(
            "units[\(r),\(m)]",
            bounds: .range(0, max(bounds.units[r][m], data.contractUnits[c.id]?[m] ?? 0)),
            objective: c.usdPerUnitHour * data.priceFactor(c.id, month: m) * Double(months[m].hours)
          )
        })
      buyCol.append(
        months.indices.map { m in
          lp.addColumn(
            "buy[\(r),\(m)]", kind: integer ? .integer : .continuous,
            bounds: .range(0, bounds.buySteps[r][m]))
        })
      for m in months.indices {
        let window = data.purchaseWindow(month: m, term: c.termMonths)
        lp.addRow(
          "UnitsActive[\(r),\(m)]", bounds: .fixed(data.contractUnits[c.id]?[m] ?? 0),
          coefficients: [(unitsCol[r][m], 1)] + window.map { (buyCol[r][$0], -c.unitStep) })
        if c.minUnits > 0 {
          let active = lp.addColumn(
            "active[\(r),\(m)]", kind: integer ? .binary : .continuous, bounds: .range(0, 1))
          lp.addRow(
            "MinUnitsWhenActive[\(r),\(m)]", bounds: .lower(0),
            coefficients: [(unitsCol[r][m], 1), (active, -c.minUnits)])
          lp.addRow(
            "ActiveWhenUsed[\(r),\(m)]", bounds: .upper(0),
            coefficients: [(unitsCol[r][m], 1), (active, -max(1, bounds.units[r][m]))])
        }
      }
    }
    for (k, c) in commitments.enumerated() {
      levelCol.append(
        months.indices.map { m in
          lp.addColumn(
            "level[\(k),\(m)]", bounds: .range(0, bounds.levels[k][m]),
            objective: Double(months[m].hours))
        })
      spentCol.append(
        months.indices.map { m in
          lp.addColumn(
            "spent[\(k),\(m)]",
            bounds: data.allowNewCommitments ? .range(0, bounds.spent[k]) : .fixed(0))
        })
      for m in months.indices {
        let window = data.purchaseWindow(month: m, term: c.termMonths)
        lp.addRow(
          "LevelActive[\(k),\(m)]", bounds: .fixed(data.contractUSD[c.id]?[m] ?? 0),
          coefficients: [(levelCol[k][m], 1)] + window.map { (spentCol[k][$0], -1) })
      }
    }
    let theta = groupMonth.indices.map { lp.addColumn("theta[\($0)]", bounds: .free, objective: 1) }
    for (i, cut) in cuts.enumerated() {
      let m = groupMonth[cut.group]
      var row: [(column: Int, value: Double)] = [(theta[cut.group], 1)]
      for (r, s) in cut.unitSlope.enumerated() where s != 0 { row.append((unitsCol[r][m], -s)) }
      for (k, s) in cut.levelSlope.enumerated() where s != 0 { row.append((levelCol[k][m], -s)) }
      lp.addRow("Cut[\(i)]", bounds: .lower(cut.constant), coefficients: row)
    }
    var options = SolverOptions()
    options.presolve = true
    // GLPK's MIP presolver scales what it keeps; the relaxed master (an LP) is scaled here.
    options.scale = !integer
    options.cuts = true
    options.pseudocostBranching = true
    // The master's bound is what the certificate uses: half the target gap leaves the other half to the cuts.
    options.mipGap = data.input.settings.optimalityGap / 2
    options.timeLimitSeconds = timeLimit ?? data.input.settings.timeLimitSeconds
    var s = try GLPKSolver.solve(lp, options: options)
    if s.status != .optimal && s.status != .feasible {
      // GLPK's presolver can give up on a nearly degenerate master; solve it without.
      options.presolve = false
      s = try GLPKSolver.solve(lp, options: options)
    }
    if s.stop == .timeLimit && s.status != .optimal && s.status != .feasible { return nil }
    guard s.status == .optimal || s.status == .feasible else {
      throw PlanError.solver(
        "the capacity master ended with status \(s.status)\n\(s.terminalOutput)")
    }
    func value(_ j: Int) -> Double { s.columnValues[j] }
    let point = Capacity(
      units: unitsCol.map { row in row.map { integer ? value($0).rounded() : value($0) } },
      levels: levelCol.map { $0.map(value) },
      bought: zip(reserved, buyCol).map { c, row in
        row.map { (integer ? value($0).rounded() : value($0)) * c.unitStep }
      },
      spent: spentCol.map { $0.map(value) })
    return (point, PlacementSolver.lowerBound(s, gapLimit: options.mipGap ?? 0))
  }

  /// `p` with every reserved purchase rounded up to whole steps (and to `min_units` in a month where the offer
  /// is active): an integer capacity at least as large as the relaxed one, so every slice stays servable.
  func roundedUp(_ p: Capacity) -> Capacity {
    var out = p
    for (r, c) in data.reservedOffers.enumerated() {
      var steps = p.bought[r].map { ($0 / c.unitStep - 1e-7).rounded(.up) }
      func units(_ m: Int) -> Double {
        let window = data.purchaseWindow(month: m, term: c.termMonths)
        return (data.contractUnits[c.id]?[m] ?? 0) + c.unitStep
          * window.reduce(0) { $0 + steps[$1] }
      }
      for m in data.months.indices {
        while units(m) > 0 && units(m) < c.minUnits { steps[m] += 1 }
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
