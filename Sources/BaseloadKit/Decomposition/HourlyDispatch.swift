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
    /// Calls left unserved in each slice times its weight (the parts of `shortfall`).
    public var sliceShortfall: [Double] = []
    /// Dispatch units not solved again because their last optimum still held (`run(memos:)`).
    public var reused = 0
  }

  /// Price of an unserved call, $/call, per workload; nil = every call must be served (a slice that cannot be
  /// served makes the outcome infeasible). With a price, the dispatch is always feasible and its cost and
  /// slopes tell a capacity master how much a shortfall costs (Benders on plans that need capacity to serve).
  public var shortfallPenalty: [Double]?
  /// Whether the outcome carries flows and coverage (false: costs, slopes and shortfall only, for a search
  /// that prices many capacities and keeps the flows of none).
  public var keepsFlows = true

  public init(
    data: PlacementData, units: [String: [Double]], levels: [String: [Double]],
    shortfallPenalty: [Double]? = nil
  ) {
    self.data = data
    self.units = units
    self.levels = levels
    self.shortfallPenalty = shortfallPenalty
  }

  /// Row and column positions of the template: one dispatch unit of `hours` slices (one slice, or the hours
  /// of one day when batch work may be deferred within it), indexed `[hour]` then by pair, workload or id.
  struct Template {
    var lp: LinearProgram
    var hours: Int
    var x: [[Int]]
    /// Serve rows (workloads that do not defer), fixed at the hour's demand.
    var demandRow: [[Int?]]
    /// NoServeBeforeArrival rows (deferring workloads): served so far ≤ arrived so far.
    var arrivedRow: [[Int?]]
    /// ServeWithinWindow rows (deferring workloads): served or short so far ≥ arrived `defer` hours ago.
    var windowRow: [[Int?]]
    /// ServeByEndOfDay rows (deferring workloads): the day's work is done within the day.
    var dayRow: [Int?]
    var reservedRow: [[String: Int]]
    var levelRow: [[String: Int]]
    var usageRow: [[String: Int]]
    var coveredColumn: [[String: Int]]
    /// Unserved calls per hour and workload (only with a shortfall penalty).
    var shortfallColumn: [[Int]]
    /// Per hour, the rows whose upper bounds the capacity sets, in the order `HourlyDispatch.capacityBounds`
    /// gives them: each reserved offer's (`PlacementData.reservedOffers` order), then each commitment's level and
    /// usage rows.
    var capacityRows: [[Int]] = []
  }

  /// The dispatch units: each slice alone, or (with deferral) the slices of each day in hour order.
  func dispatchUnits() -> [[TimeSlice]] {
    guard data.defersWork else { return data.slices.slices.map { [$0] } }
    var days: [Int: [TimeSlice]] = [:]
    var order: [Int] = []
    for s in data.slices.slices {
      if days[s.dayKey] == nil { order.append(s.dayKey) }
      days[s.dayKey, default: []].append(s)
    }
    return order.map { days[$0]!.sorted { $0.hourOfDay < $1.hourOfDay } }
  }

  /// The dispatch LP of `hours` hours of month index `month`: usage is priced at that month's prices
  /// (`PlacementData.priceFactor`, a negotiated discount in force).
  func template(hours: Int = 1, month: Int = 0) -> Template {
    var lp = LinearProgram(name: "dispatch")
    let pairs = data.pairs
    let workloads = data.workloads
    var t = Template(
      lp: lp, hours: hours, x: [], demandRow: [], arrivedRow: [], windowRow: [],
      dayRow: [], reservedRow: [], levelRow: [], usageRow: [], coveredColumn: [],
      shortfallColumn: [])
    // Usage cost per call at the month's price: list × price_factor[o, month[t]].
    let usage = pairs.map {
      $0.usageCost * data.priceFactor(data.offers[$0.offer].id, month: month)
    }
    for k in 0..<hours {
      let x = pairs.indices.map {
        lp.addColumn("x\($0)_\(k)", objective: usage[$0] + pairs[$0].failCost)
      }
      t.x.append(x)
      t.shortfallColumn.append(
        shortfallPenalty.map { penalty in
          workloads.indices.map { lp.addColumn("s\($0)_\(k)", objective: penalty[$0]) }
        } ?? [])
      // Serve: calls served (and priced shortfall) meet the hour's demand, for work that cannot wait.
      t.demandRow.append(
        workloads.indices.map { wi in
          guard workloads[wi].deferHours == 0 || hours == 1 else { return nil }
          let short = t.shortfallColumn[k].isEmpty ? [] : [(t.shortfallColumn[k][wi], 1.0)]
          return lp.addRow(
            "d\(wi)_\(k)", bounds: .fixed(0),
            coefficients: pairs.indices.filter { pairs[$0].workload == wi }.map { (x[$0], 1) }
              + short)
        })
      var reserved: [String: Int] = [:]
      for (oi, o) in data.offers.enumerated() {
        let cols = pairs.indices.filter { pairs[$0].offer == oi }
        switch o {
        case .capacity(let c):
          // ReservedCapacity / OnDemandCapacity: load within the units.
          let coefficients = cols.map { (x[$0], pairs[$0].load) }
          if c.billing == .reserved {
            reserved[c.id] = lp.addRow("r\(oi)_\(k)", bounds: .upper(0), coefficients: coefficients)
          } else {
            lp.addRow(
              "o\(oi)_\(k)", bounds: .upper(data.maxUnits[c.id] ?? 0), coefficients: coefficients)
          }
        case .api(let a):
          // RateLimit: tokens per minute through the API.
          if let tpm = a.rateLimitTPM {
            lp.addRow(
              "t\(oi)_\(k)", bounds: .upper(tpm),
              coefficients: cols.map { (x[$0], workloads[pairs[$0].workload].tokensPerCall / 60) })
          }
        }
      }
      t.reservedRow.append(reserved)
      var levelRow: [String: Int] = [:]
      var usageRow: [String: Int] = [:]
      var coveredColumn: [String: Int] = [:]
      for (ki, c) in data.input.commitments.enumerated() {
        let d = c.discountPct / 100
        let col = lp.addColumn("c\(ki)_\(k)", objective: -1 / (1 - d))
        coveredColumn[c.id] = col
        // CoverWithinLevel and CoverWithinUsage.
        levelRow[c.id] = lp.addRow("l\(ki)_\(k)", bounds: .upper(0), coefficients: [(col, 1)])
        let eligible = pairs.indices.filter {
          c.appliesTo.contains(data.offers[pairs[$0].offer].id) && pairs[$0].usageCost > 0
        }
        usageRow[c.id] = lp.addRow(
          "u\(ki)_\(k)", bounds: .upper(0),
          coefficients: [(col, 1)] + eligible.map { (x[$0], -(1 - d) * usage[$0]) })
      }
      t.levelRow.append(levelRow)
      t.usageRow.append(usageRow)
      t.coveredColumn.append(coveredColumn)
    }
    // Deferrable work within the day: NoServeBeforeArrival, ServeWithinWindow, ServeByEndOfDay.
    let none = [Int?](repeating: nil, count: workloads.count)
    t.arrivedRow = [[Int?]](repeating: none, count: hours)
    t.windowRow = t.arrivedRow
    t.dayRow = none
    if hours > 1 {
      for (wi, w) in workloads.enumerated() where w.deferHours > 0 {
        let own = pairs.indices.filter { pairs[$0].workload == wi }
        func served(upTo k: Int, short: Bool) -> [(Int, Double)] {
          (0...k).flatMap { h in
            own.map { (t.x[h][$0], 1.0) }
              + (short && !t.shortfallColumn[h].isEmpty ? [(t.shortfallColumn[h][wi], 1.0)] : [])
          }
        }
        for k in 0..<hours {
          t.arrivedRow[k][wi] = lp.addRow(
            "a\(wi)_\(k)", bounds: .upper(0), coefficients: served(upTo: k, short: false))
          t.windowRow[k][wi] = lp.addRow(
            "v\(wi)_\(k)", bounds: .lower(0), coefficients: served(upTo: k, short: true))
        }
        t.dayRow[wi] = lp.addRow(
          "e\(wi)", bounds: .fixed(0), coefficients: served(upTo: hours - 1, short: true))
      }
    }
    t.lp = lp
    t.capacityRows = (0..<hours).map { k in
      data.reservedOffers.map { t.reservedRow[k][$0.id]! }
        + data.input.commitments.flatMap { [t.levelRow[k][$0.id]!, t.usageRow[k][$0.id]!] }
    }
    return t
  }

  /// The upper bounds of a month's capacity rows (`Template.capacityRows` order): reserved units, then per
  /// commitment its level and the discounted reserved spend it covers, $/h.
  func capacityBounds(month: Int) -> [Double] {
    let reservedPrice = Dictionary(
      uniqueKeysWithValues: data.input.capacity.map { ($0.id, $0.usdPerUnitHour) })
    return data.reservedOffers.map { units[$0.id]?[month] ?? 0 }
      + data.input.commitments.flatMap { c -> [Double] in
        let reservedSpend = c.appliesTo.reduce(0.0) { sum, id in
          sum + (units[id]?[month] ?? 0) * (reservedPrice[id] ?? 0)
            * data.priceFactor(id, month: month)
        }
        return [levels[c.id]?[month] ?? 0, (1 - c.discountPct / 100) * reservedSpend]
      }
  }

  /// Per reserved offer, the commitments covering it with the factor that turns their usage row's dual into a
  /// slope per unit in month `month`: (1 − discount) × the unit's price that month.
  func coverFactors(month: Int) -> [[(commitment: Int, factor: Double)]] {
    data.reservedOffers.map { c in
      data.input.commitments.enumerated().compactMap { ki, kc in
        kc.appliesTo.contains(c.id)
          ? (
            ki, (1 - kc.discountPct / 100) * c.usdPerUnitHour * data.priceFactor(c.id, month: month)
          )
          : nil
      }
    }
  }

  /// Fixed charges: reserved units for every hour of their months, commitment levels, $.
  public var fixedCost: Double {
    var cost = 0.0
    for c in data.input.capacity where c.billing == .reserved {
      for (mi, m) in data.months.enumerated() {
        cost +=
          (units[c.id]?[mi] ?? 0) * c.usdPerUnitHour * data.priceFactor(c.id, month: mi)
          * Double(m.hours)
      }
    }
    for k in data.input.commitments {
      for (mi, m) in data.months.enumerated() { cost += (levels[k.id]?[mi] ?? 0) * Double(m.hours) }
    }
    return cost
  }

  /// Solves every slice, split across `threads` threads; with `months`, only the slices of those month indices
  /// (the others' costs, slopes and flows are left at 0; the fixed charges are the whole horizon's).
  public func run(threads: Int = 2, months: Set<Int>? = nil) throws -> Outcome {
    try run(threads: threads, months: months, memos: nil)
  }

  /// `run(threads:months:)` with `memos`: a dispatch unit whose last optimum (kept there) is still optimal at this
  /// capacity is not solved again (`DispatchMemo.holds`), and each unit solved leaves its optimum there. Internal:
  /// a store is right for one data set and shortfall penalty only, which one decomposition keeps.
  func run(threads: Int = 2, months: Set<Int>? = nil, memos: DispatchMemos?) throws -> Outcome {
    let all = dispatchUnits().filter { months?.contains($0[0].monthIndex) ?? true }
    let hours = all.map(\.count).max() ?? 1
    let slices = data.slices.slices
    let box = ResultBox(
      pairs: keepsFlows ? data.pairs.count : 0, slices: slices.count,
      commitments: data.input.commitments.map(\.id), reserved: data.reservedOffers.count)
    // One template per set of months priced alike (all months, unless a negotiated discount starts or ends
    // inside the horizon).
    for units in priceGroups(all) {
      let t = template(hours: hours, month: units[0][0].monthIndex)
      let chunks = max(1, min(threads, units.count))
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let lo = chunk * units.count / chunks
        let hi = (chunk + 1) * units.count / chunks
        do {
          try solve(t, units[lo..<hi], into: box, memos: memos)
        } catch {
          box.fail()
        }
      }
    }
    // Summed in slice order, so the cost does not depend on which thread finished first.
    return Outcome(
      flows: box.flows, covered: keepsFlows ? box.covered : [:],
      cost: fixedCost + box.sliceCost.reduce(0, +), feasible: box.feasible,
      sliceCost: box.sliceCost, unitSlope: box.unitSlope,
      levelSlope: box.levelSlope, shortfall: box.sliceShortfall.reduce(0, +),
      sliceShortfall: box.sliceShortfall, reused: box.reused)
  }

  /// The dispatch units grouped by the prices of their month (`PlacementData.priceFactor` of every offer), in
  /// order of first appearance: one group when no negotiated discount starts or ends inside the horizon.
  func priceGroups(_ units: [[TimeSlice]]) -> [[[TimeSlice]]] {
    var groups: [[[TimeSlice]]] = []
    var index: [[Double]: Int] = [:]
    // Prices change by month only: one key per month index.
    let keys = data.months.indices.map { m in data.offers.map { data.priceFactor($0.id, month: m) }
    }
    for unit in units {
      let key = keys[unit[0].monthIndex]
      if let g = index[key] {
        groups[g].append(unit)
      } else {
        index[key] = groups.count
        groups.append([unit])
      }
    }
    return groups
  }

  /// Solves each dispatch unit with the template: right-hand sides set from the unit's demand and the
  /// capacity of its month. A unit's cost and slopes are booked on its first slice (a day's are the day's).
  func solve(
    _ t: Template, _ units: ArraySlice<[TimeSlice]>, into box: ResultBox,
    memos: DispatchMemos? = nil
  ) throws {
    let reservedCount = data.reservedOffers.count
    let commitmentCount = data.input.commitments.count
    let workloadCount = data.workloads.count
    let deferHours = data.workloads.map(\.deferHours)
    // Per month (computed once each): the capacity rows' upper bounds and the commitments' share of the slopes.
    var bounds: [Int: [Double]] = [:]
    var covers: [Int: [[(commitment: Int, factor: Double)]]] = [:]
    try LPHandle.with(t.lp) { h in
      var local: [SliceOutcome] = []
      var feasible = true
      var reused = 0
      for unit in units {
        // Every slice of a unit stands for the same number of calendar hours (a day of a representative
        // week, or of the calendar); its cost is that weight times the unit's.
        guard let weight = unit.first?.weight, unit.allSatisfy({ $0.weight == weight }),
          unit.count == t.hours || t.hours == 1
        else {
          feasible = false
          break
        }
        let month = unit[0].monthIndex
        // The capacity rows' upper bounds: reserved units, commitment levels, and the discounted usage a commitment
        // covers. Where the unit's last optimum still holds at them, it is this capacity's optimum too.
        var rows: [Int] = []
        var upper: [Double] = []
        for k in 0..<t.hours {
          let m = unit[k].monthIndex
          if bounds[m] == nil { bounds[m] = capacityBounds(month: m) }
          rows += t.capacityRows[k]
          upper += bounds[m]!
        }
        if let memo = memos?[unit[0].index], memo.withFlows == keepsFlows,
          memo.holds(rows: rows, upper: upper)
        {
          local += memo.outcomes
          reused += 1
          continue
        }
        for (row, u) in zip(rows, upper) { h.setRowBounds(row, .upper(u)) }
        // Calls arrived by the end of each hour of the unit, per workload (the deferral rows' right-hand sides).
        let arrived: [[Double]] =
          t.hours == 1
          ? []
          : (0..<workloadCount).map { wi in
            unit.reduce(into: []) { sums, s in sums.append((sums.last ?? 0) + data.demand(wi, s)) }
          }
        for k in 0..<t.hours {
          let s = unit[k]
          for wi in 0..<workloadCount {
            if let row = t.demandRow[k][wi] { h.setRowBounds(row, .fixed(data.demand(wi, s))) }
            guard t.hours > 1, deferHours[wi] > 0 else { continue }
            let due = k - deferHours[wi] >= 0 ? arrived[wi][k - deferHours[wi]] : 0
            h.setRowBounds(t.arrivedRow[k][wi]!, .upper(arrived[wi][k]))
            h.setRowBounds(t.windowRow[k][wi]!, .lower(due))
            if k == t.hours - 1 { h.setRowBounds(t.dayRow[wi]!, .fixed(arrived[wi][k])) }
          }
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
        // Sensitivities of the unit's cost to the capacity bought: duals of the rows whose right-hand sides
        // the units and levels set (Benders cuts for the capacity master). A reserved offer a commitment covers
        // also loosens that commitment's usage row.
        if covers[month] == nil { covers[month] = coverFactors(month: month) }
        let cover = covers[month]!
        var unitSlope = [Double](repeating: 0, count: reservedCount)
        var levelSlope = [Double](repeating: 0, count: commitmentCount)
        for k in 0..<t.hours {
          let r = t.capacityRows[k]
          let usageDual = (0..<commitmentCount).map { h.rowDual(r[reservedCount + 2 * $0 + 1]) }
          for i in 0..<reservedCount {
            var d = h.rowDual(r[i])
            for (ki, factor) in cover[i] { d += usageDual[ki] * factor }
            unitSlope[i] += weight * d
          }
          for ki in 0..<commitmentCount {
            levelSlope[ki] += weight * h.rowDual(r[reservedCount + 2 * ki])
          }
        }
        let solved = local.count
        for (k, s) in unit.enumerated() {
          let short = t.shortfallColumn[k].reduce(0.0) { $0 + h.columnValue($1) }
          let first = k == 0
          local.append(
            SliceOutcome(
              slice: s.index,
              x: keepsFlows ? t.x[k].map { h.columnValue($0) } : [],
              covered: keepsFlows
                ? data.input.commitments.map { h.columnValue(t.coveredColumn[k][$0.id]!) } : [],
              cost: first ? weight * h.objective : 0,
              unitSlope: first ? unitSlope : unitSlope.map { _ in 0 },
              levelSlope: first ? levelSlope : levelSlope.map { _ in 0 },
              shortfall: s.weight * short))
        }
        memos?[unit[0].index] = DispatchMemo(
          rows: rows, upper: upper, basic: rows.map { h.rowIsBasic($0) },
          activity: rows.map { h.rowValue($0) }, outcomes: Array(local[solved...]),
          withFlows: keepsFlows)
      }
      box.merge(local, feasible: feasible, reused: reused)
    }
  }
}

/// One slice's dispatch: calls per pair, coverage per commitment, weighted cost and its slopes.
struct SliceOutcome {
  var slice: Int
  /// Calls per hour per pair, and coverage per commitment (in `PlanInput.commitments` order); empty when the
  /// dispatch keeps no flows (`HourlyDispatch.keepsFlows`).
  var x: [Double]
  var covered: [Double]
  var cost: Double
  var unitSlope: [Double]
  var levelSlope: [Double]
  var shortfall: Double
}

/// A dispatch unit's last optimum: its capacity rows (in the order `HourlyDispatch.solve` lists them) with their
/// upper bounds, which of the rows were basic there, their activities, and the unit's outcome.
struct DispatchMemo {
  var rows: [Int]
  var upper: [Double]
  var basic: [Bool]
  var activity: [Double]
  var outcomes: [SliceOutcome]
  /// Whether the outcomes carry flows (a dispatch reuses only a memo that keeps flows as it does).
  var withFlows: Bool

  /// Whether the optimum is still optimal with capacity rows `rows` (the same) at `upper`: only bounds of basic
  /// rows changed, and each such row's activity stays within its new bound. The basis then stays primal feasible
  /// with every value as it was (only a nonbasic row's bound moves the basic values), and dual feasible (only
  /// bounds changed): the same flows, cost and duals are the optimum at the new capacity, as a warm-started
  /// simplex would find them without a pivot. (Demand rows are the unit's own and never change.)
  func holds(rows: [Int], upper: [Double]) -> Bool {
    guard rows == self.rows, upper.count == self.upper.count else { return false }
    for i in upper.indices where upper[i] != self.upper[i] {
      guard basic[i], activity[i] <= upper[i] + 1e-9 * max(1, abs(upper[i])) else { return false }
    }
    return true
  }
}

/// The last optimum of each dispatch unit (by its first slice's index), shared by the threads of a dispatch and
/// kept across the dispatches of one decomposition (`HourlyDispatch.run(memos:)`), whose demand and prices
/// stay the same while its capacity moves.
final class DispatchMemos: @unchecked Sendable {
  private let lock = NSLock()
  private var memos: [Int: DispatchMemo] = [:]

  init() {}

  subscript(slice: Int) -> DispatchMemo? {
    get { lock.withLock { memos[slice] } }
    set { lock.withLock { memos[slice] = newValue } }
  }
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
  var sliceShortfall: [Double]
  var reused = 0

  /// Commitment ids, in `PlanInput.commitments` order.
  let commitments: [String]

  /// `pairs` 0 keeps no flows.
  init(pairs: Int, slices: Int, commitments: [String], reserved: Int) {
    self.commitments = commitments
    flows = [[Double]](repeating: [Double](repeating: 0, count: slices), count: pairs)
    covered = Dictionary(
      uniqueKeysWithValues: commitments.map { ($0, [Double](repeating: 0, count: slices)) })
    sliceCost = [Double](repeating: 0, count: slices)
    sliceShortfall = sliceCost
    unitSlope = [[Double]](repeating: [Double](repeating: 0, count: reserved), count: slices)
    levelSlope = [[Double]](
      repeating: [Double](repeating: 0, count: commitments.count), count: slices)
  }

  func merge(_ items: [SliceOutcome], feasible ok: Bool, reused: Int = 0) {
    lock.withLock {
      self.reused += reused
      for item in items {
        for (p, v) in item.x.enumerated() { flows[p][item.slice] = v }
        for (k, v) in item.covered.enumerated() { covered[commitments[k]]?[item.slice] = v }
        sliceCost[item.slice] = item.cost
        unitSlope[item.slice] = item.unitSlope
        levelSlope[item.slice] = item.levelSlope
        sliceShortfall[item.slice] = item.shortfall
      }
      feasible = feasible && ok
    }
  }

  func fail() { lock.withLock { feasible = false } }
}
