import Dispatch
import Foundation
import GLPK

/// Every slice dispatched with capacity fixed: one small LP built once and re-solved per slice with a
/// warm-started dual simplex, on several threads (one GLPK problem per thread).
public struct HourlyDispatch: Sendable {
  public var data: PlacementData
  /// Reserved units per offer id and month index.
  public var units: [String: [Double]]
  /// Commitment levels per commitment id and month index, $/h.
  public var levels: [String: [Double]]

  /// Calls per hour per pair and slice, discounted usage covered per commitment and slice, and the total cost.
  public struct Outcome: Sendable {
    public var flows: [[Double]]
    public var covered: [String: [Double]]
    /// Usage, human and commitment-credit cost of every slice times its weight, plus fixed charges, $.
    public var cost: Double
    public var feasible: Bool
    /// Weighted dispatch cost of each slice (usage, human cost, commitment credit), $.
    public var sliceCost: [Double] = []
    /// Weighted change of each slice's cost per reserved unit, `[slice][reserved offer]` in the order of
    /// `PlacementData.reservedOffers`, $/unit (≤ 0): the capacity rows' duals, plus the commitment usage
    /// rows' share where the offer is covered.
    public var unitSlope: [[Double]] = []
    /// Weighted change of each slice's cost per $/h of commitment level, `[slice][commitment]`.
    public var levelSlope: [[Double]] = []
    /// Calls left unserved over the horizon (only with a shortfall penalty; its cost is in `cost`).
    public var shortfall = 0.0
  }

  /// Price of an unserved call, $/call, per workload; nil = every call must be served (a slice that cannot be
  /// served makes the outcome infeasible). With a price, the dispatch is always feasible and its cost and
  /// slopes tell a capacity master how much a shortfall costs (Benders on plans that need capacity to serve).
  public var shortfallPenalty: [Double]?

  public init(
    data: PlacementData, units: [String: [Double]], levels: [String: [Double]],
    shortfallPenalty: [Double]? = nil
  ) {
    self.data = data
    self.units = units
    self.levels = levels
    self.shortfallPenalty = shortfallPenalty
  }

  /// Row and column positions of the per-slice template.
  struct Template {
    var lp: LinearProgram
    var demandRow: [Int]
    var reservedRow: [String: Int]
    var levelRow: [String: Int]
    var usageRow: [String: Int]
    var coveredColumn: [String: Int]
    /// Unserved calls per workload (only with a shortfall penalty).
    var shortfallColumn: [Int]
  }

  func template() -> Template {
    var lp = LinearProgram(name: "dispatch")
    let pairs = data.pairs
    for (i, p) in pairs.enumerated() { lp.addColumn("x\(i)", objective: p.usageCost + p.failCost) }
    let shortfallColumn = shortfallPenalty.map { penalty in
      data.workloads.indices.map { lp.addColumn("s\($0)", objective: penalty[$0]) }
    }
    var demandRow: [Int] = []
    for wi in data.workloads.indices {
      let cols = pairs.indices.filter { pairs[$0].workload == wi }
      let short = shortfallColumn.map { [($0[wi], 1.0)] } ?? []
      demandRow.append(
        lp.addRow("d\(wi)", bounds: .fixed(0), coefficients: cols.map { ($0, 1) } + short))
    }
    var reservedRow: [String: Int] = [:]
    for (oi, o) in data.offers.enumerated() {
      let cols = pairs.indices.filter { pairs[$0].offer == oi }
      switch o {
      case .capacity(let c):
        let coefficients = cols.map { ($0, pairs[$0].load) }
        if c.billing == .reserved {
          reservedRow[c.id] = lp.addRow("r\(oi)", bounds: .upper(0), coefficients: coefficients)
        } else {
          lp.addRow("o\(oi)", bounds: .upper(data.maxUnits[c.id] ?? 0), coefficients: coefficients)
        }
      case .api(let a):
        if let tpm = a.rateLimitTPM {
          lp.addRow(
            "t\(oi)", bounds: .upper(tpm),
            coefficients: cols.map { ($0, data.workloads[pairs[$0].workload].tokensPerCall / 60) })
        }
      }
    }
    var levelRow: [String: Int] = [:]
    var usageRow: [String: Int] = [:]
    var coveredColumn: [String: Int] = [:]
    for (ki, k) in data.input.commitments.enumerated() {
      let d = k.discountPct / 100
      let col = lp.addColumn("c\(ki)", objective: -1 / (1 - d))
      coveredColumn[k.id] = col
      levelRow[k.id] = lp.addRow("l\(ki)", bounds: .upper(0), coefficients: [(col, 1)])
      let eligible = pairs.indices.filter {
        k.appliesTo.contains(data.offers[pairs[$0].offer].id) && pairs[$0].usageCost > 0
      }
      usageRow[k.id] = lp.addRow(
        "u\(ki)", bounds: .upper(0),
        coefficients: [(col, 1)] + eligible.map { ($0, -(1 - d) * pairs[$0].usageCost) })
    }
    return Template(
      lp: lp, demandRow: demandRow, reservedRow: reservedRow, levelRow: levelRow,
      usageRow: usageRow, coveredColumn: coveredColumn, shortfallColumn: shortfallColumn ?? [])
  }

  /// Fixed charges: reserved units for every hour of their months, commitment levels, $.
  public var fixedCost: Double {
    var cost = 0.0
    for c in data.input.capacity where c.billing == .reserved {
      for (mi, m) in data.months.enumerated() {
        cost += (units[c.id]?[mi] ?? 0) * c.usdPerUnitHour * Double(m.hours)
      }
    }
    for k in data.input.commitments {
      for (mi, m) in data.months.enumerated() { cost += (levels[k.id]?[mi] ?? 0) * Double(m.hours) }
    }
    return cost
  }

  /// Solves every slice, split across `threads` threads.
  public func run(threads: Int = 2) throws -> Outcome {
    let t = template()
    let slices = data.slices.slices
    let chunks = max(1, min(threads, slices.count))
    let box = ResultBox(
      pairs: data.pairs.count, slices: slices.count, commitments: data.input.commitments.map(\.id),
      reserved: data.reservedOffers.count)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let lo = chunk * slices.count / chunks
      let hi = (chunk + 1) * slices.count / chunks
      do {
        try solve(t, slices[lo..<hi], into: box)
      } catch {
        box.fail()
      }
    }
    // Summed in slice order, so the cost does not depend on which thread finished first.
    return Outcome(
      flows: box.flows, covered: box.covered,
      cost: fixedCost + box.sliceCost.reduce(0, +), feasible: box.feasible,
      sliceCost: box.sliceCost, unitSlope: box.unitSlope,
      levelSlope: box.levelSlope, shortfall: box.shortfall)
  }

  func solve(_ t: Template, _ slices: ArraySlice<TimeSlice>, into box: ResultBox) throws {
    let reservedPrice = Dictionary(
      uniqueKeysWithValues: data.input.capacity.map { ($0.id, $0.usdPerUnitHour) })
    let reserved = data.reservedOffers
    let commitments = data.input.commitments
    try LPHandle.with(t.lp) { h in
      var local: [SliceOutcome] = []
      var feasible = true
      for s in slices {
        for (wi, row) in t.demandRow.enumerated() {
          h.setRowBounds(row, .fixed(data.demand(wi, s)))
        }
        for (id, row) in t.reservedRow {
          h.setRowBounds(row, .upper(units[id]?[s.monthIndex] ?? 0))
        }
        for k in data.input.commitments {
          let level = levels[k.id]?[s.monthIndex] ?? 0
          h.setRowBounds(t.levelRow[k.id]!, .upper(level))
          let reservedSpend = k.appliesTo.reduce(0.0) { sum, id in
            sum + (units[id]?[s.monthIndex] ?? 0) * (reservedPrice[id] ?? 0)
          }
          h.setRowBounds(t.usageRow[k.id]!, .upper((1 - k.discountPct / 100) * reservedSpend))
        }
        var status = try h.solveSimplex(dual: true, iterationLimit: 20 * t.lp.rowCount + 1000)
        if status != .optimal {
          // A warm start can stall on a degenerate basis; confirm from scratch before calling it infeasible.
          status = try h.solveSimplex(dual: false, presolve: true)
        }
        guard status == .optimal else {
          feasible = false
          break
        }
        let x = (0..<data.pairs.count).map { h.columnValue($0) }
        let short = t.shortfallColumn.reduce(0.0) { $0 + h.columnValue($1) }
        var cov: [String: Double] = [:]
        for (id, col) in t.coveredColumn { cov[id] = h.columnValue(col) }
        // Sensitivities of the slice's cost to the capacity bought: duals of the rows whose right-hand sides
        // the units and levels set (Benders cuts for the capacity master).
        let unitSlope = reserved.map { c -> Double in
          var d = t.reservedRow[c.id].map { h.rowDual($0) } ?? 0
          for k in commitments where k.appliesTo.contains(c.id) {
            d += h.rowDual(t.usageRow[k.id]!) * (1 - k.discountPct / 100) * c.usdPerUnitHour
          }
          return s.weight * d
        }
        let levelSlope = commitments.map { s.weight * h.rowDual(t.levelRow[$0.id]!) }
        local.append(
          SliceOutcome(
            slice: s.index, x: x, covered: cov, cost: s.weight * h.objective, unitSlope: unitSlope,
            levelSlope: levelSlope, shortfall: s.weight * short))
      }
      box.merge(local, feasible: feasible)
    }
  }
}

/// One slice's dispatch: calls per pair, coverage per commitment, weighted cost and its slopes.
struct SliceOutcome {
  var slice: Int
  var x: [Double]
  var covered: [String: Double]
  var cost: Double
  var unitSlope: [Double]
  var levelSlope: [Double]
  var shortfall: Double
}

/// Collects per-thread dispatch results.
final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  var flows: [[Double]]
  var covered: [String: [Double]]
  var feasible = true
  var sliceCost: [Double]
  var unitSlope: [[Double]]
  var levelSlope: [[Double]]
  var shortfall = 0.0

  init(pairs: Int, slices: Int, commitments: [String], reserved: Int) {
    flows = [[Double]](repeating: [Double](repeating: 0, count: slices), count: pairs)
    covered = Dictionary(
      uniqueKeysWithValues: commitments.map { ($0, [Double](repeating: 0, count: slices)) })
    sliceCost = [Double](repeating: 0, count: slices)
    unitSlope = [[Double]](repeating: [Double](repeating: 0, count: reserved), count: slices)
    levelSlope = [[Double]](
      repeating: [Double](repeating: 0, count: commitments.count), count: slices)
  }

  func merge(_ items: [SliceOutcome], feasible ok: Bool) {
    lock.withLock {
      for item in items {
        for (p, v) in item.x.enumerated() { flows[p][item.slice] = v }
        for (k, v) in item.covered { covered[k]?[item.slice] = v }
        sliceCost[item.slice] = item.cost
        unitSlope[item.slice] = item.unitSlope
        levelSlope[item.slice] = item.levelSlope
        shortfall += item.shortfall
      }
      feasible = feasible && ok
    }
  }

  func fail() { lock.withLock { feasible = false } }
}
