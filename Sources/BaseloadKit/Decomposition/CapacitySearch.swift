import Foundation
import GLPK

/// The integer phase of `BendersSolver` as one branch and cut (a single search tree) instead of an integer
/// master re-solved from scratch after every round of cuts.
///
/// GLPK searches the capacity master once. Wherever a node's LP relaxation is integral, its capacity is
/// dispatched over every real slice: that gives a plan (the upper bound when it is the cheapest so far) and exact
/// cuts at that capacity, which are returned as lazy rows, so the node is re-solved and accepted only when every
/// θ carries its group's true cost. GLPK keeps a lazy row only below the node that added it, so every cut lives
/// in `pool` and any node whose relaxation violates one gets it back. The search's incumbent is therefore always
/// a dispatched plan at its real cost, and its proven bound a lower bound on the hourly optimum (every cut
/// under-estimates the dispatch cost; the master's box keeps an optimal plan). Stopping at the target gap of the
/// search is stopping at the certificate's gap.
final class CapacitySearch: BranchAndCut {
  let solver: BendersSolver
  /// The integer master the search starts from (its rows include the first `baseCuts` cuts).
  let program: LinearProgram
  let columns: BendersSolver.MasterColumns
  let groupMonth: [Int]
  let members: [[Int]]
  let bounds: BendersSolver.CapacityBounds
  let penalty: [Double]
  /// Calls over the horizon; a dispatch leaving more than a billionth of them unserved is not a plan.
  let totalCalls: Double
  /// Number of `pool` cuts that are rows of the program the search started from.
  let baseCuts: Int
  let deadline: Date
  /// Most capacities to dispatch; the search stops there (`dispatchLimitReached`).
  let maxDispatches: Int

  /// Every cut found so far, the first `baseCuts` already in the program.
  private(set) var pool: [BendersSolver.Cut]
  /// The cheapest plan dispatched: its outcome, capacity and cost per slice group, $.
  private(set) var best: (outcome: HourlyDispatch.Outcome, capacity: BendersSolver.Capacity)?
  private var bestGroupCost: [Double] = []
  /// Whether `best` has been handed to GLPK as a heuristic solution.
  private var bestHanded = false
  /// Capacities already priced (their months' `monthKey`s, joined).
  private var dispatched: Set<[Double]> = []
  /// The slices of each month index.
  private let monthSlices: [[Int]]
  /// The slice groups (θ) of each month index.
  let monthGroups: [[Int]]
  /// What each month's dispatch gave at the capacity it had (keyed by `monthKey`): a month's hours depend
  /// only on that month's units and levels, so a capacity that differs from earlier ones in a few months is
  /// dispatched in those months only, and the others' costs (and cuts, already in the pool) are reused.
  private var monthDispatch: [[Double]: MonthOutcome] = [:]
  /// Months dispatched in all (each capacity dispatches only the months it changes).
  private(set) var monthsDispatched = 0
  /// Capacities priced in all.
  var priced: Int { dispatched.count }

  /// One month's dispatch: the weighted cost and shortfall of each of its slices (in `monthSlices` order).
  struct MonthOutcome {
    var sliceCost: [Double]
    var sliceShortfall: [Double]
  }
  /// The node of the last call and the cuts and month floors already added there: a row its LP satisfies only
  /// within the LP's tolerance is not added again (it would come back forever).
  private var added: (node: Int, cuts: Set<Int>, floors: Set<Int>) = (0, [], [])
  /// Months dispatched by the node heuristic (`heuristic(near:)`).
  private var heuristicMonths = 0
  /// Node LPs the search has solved (calls of `lazyRows`).
  private(set) var nodeLPs = 0
  /// Each month's floor (`monthBound`): the least any plan's month can cost, $ (−∞ until computed); and the
  /// pool's size when last computed.
  var monthFloor: [Double]
  var monthPool = 0
  /// Time limit of each month's MIP in `monthBound`, s.
  var secondsPerMonth = 0.05
  private(set) var dispatches = 0
  /// Whether some capacity priced left calls unserved (or an hour unservable).
  private(set) var sawShortfall = false
  /// A dispatch that failed; the search stops and the caller rethrows it.
  private(set) var failure: (any Error)?
  /// Bounds after each new plan, for the certificate.
  private(set) var steps: [Certificate.Step] = []
  /// The search's best bound as last reported by GLPK, $.
  let bound: SharedBound

  /// The search's bound, written from GLPK's progress callback and read when a plan is found.
  final class SharedBound: @unchecked Sendable {
    private let lock = NSLock()
    private var value = -Double.infinity
    private var reported = Date()
    var current: Double { lock.withLock { value } }
    func raise(to v: Double) { lock.withLock { value = max(value, v) } }
    /// Whether `seconds` have passed since it last said yes (progress lines at that pace).
    func due(every seconds: Double) -> Bool {
      lock.withLock {
        guard Date().timeIntervalSince(reported) >= seconds else { return false }
        reported = Date()
        return true
      }
    }
  }

  init(
    solver: BendersSolver, program: LinearProgram, columns: BendersSolver.MasterColumns,
    groupMonth: [Int],
    members: [[Int]], bounds: BendersSolver.CapacityBounds, penalty: [Double], totalCalls: Double,
    cuts: [BendersSolver.Cut], deadline: Date, maxDispatches: Int, lower: Double
  ) {
    self.solver = solver
    self.program = program
    self.columns = columns
    self.groupMonth = groupMonth
    self.members = members
    self.bounds = bounds
    self.penalty = penalty
    self.totalCalls = totalCalls
    self.pool = cuts
    self.baseCuts = cuts.count
    self.deadline = deadline
    self.maxDispatches = maxDispatches
    self.bound = SharedBound()
    var monthSlices = [[Int]](repeating: [], count: solver.data.months.count)
    for s in solver.data.slices.slices { monthSlices[s.monthIndex].append(s.index) }
    self.monthSlices = monthSlices
    self.monthGroups = solver.data.months.indices.map { m in
      groupMonth.indices.filter { groupMonth[$0] == m }
    }
    self.monthFloor = [Double](repeating: -.infinity, count: solver.data.months.count)
    bound.raise(to: lower)
  }

  var dispatchLimitReached: Bool { dispatches >= maxDispatches }
  /// Whether the search was ended by this object (a failure, the deadline, the dispatch limit).
  private(set) var stopped = false
  var shouldStop: Bool {
    if failure != nil || Date() > deadline || dispatchLimitReached || certifiedByMonths {
      stopped = true
    }
    return stopped
  }

  func lazyRows(at x: [Double], integral: Bool, node: Int) -> [LinearProgram.Row] {
    nodeLPs += 1
    guard failure == nil else { return [] }
    if integral { evaluate(solver.capacity(from: x, columns, integer: true)) }
    if added.node != node { added = (node, [], []) }
    return violated(at: x)
  }

  func observe(bound b: Double) { bound.raise(to: b) }

  func heuristic(near x: [Double]) -> [Double]? {
    guard failure == nil else { return nil }
    // The node's relaxation rounded to the nearest and up to whole steps, then a local search from the best
    // plan, within 30% of the search's work. Work is counted, not timed, so that a search ending within its time
    // limit takes the same path on every run: months dispatched plus node LPs, three node LPs for a month (as
    // long as each on P60; at 30% of its wall time P60's heuristic had dispatched 842 months to 5,880 node LPs).
    // (A time share of 30% plus five seconds made the heuristic the whole of a short search: rounded nodes'
    // dispatches took P50-terms to 6.3 s of CPU against 2.7 s without, for a dearer plan.)
    let work = Double(monthsDispatched) + Double(nodeLPs) / 3
    let allowance = Int(0.3 * work) - heuristicMonths
    if allowance > 0 {
      let before = monthsDispatched
      evaluateRoundings(of: solver.capacity(from: x, columns, integer: false))
      improveBest(months: allowance - (monthsDispatched - before))
      heuristicMonths += monthsDispatched - before
    }
    refreshMonthBound()
    guard !bestHanded, let best else { return nil }
    bestHanded = true
    return solution(best.capacity, groupCost: bestGroupCost)
  }

  /// Dispatches relaxed capacity `p` rounded to the nearest and up to whole steps.
  func evaluateRoundings(of p: BendersSolver.Capacity) {
    for rule in [FloatingPointRoundingRule.toNearestOrAwayFromZero, .up] {
      evaluate(solver.rounded(p, rule))
    }
  }

  /// Prices capacity `p` (once per capacity) and keeps it when it is the cheapest plan. A capacity outside the
  /// master's box is not priced (the box holds `max_units`, and caps derived from demand that keep an optimum). Returns false when `p` had been
  /// priced before or is outside the box.
  @discardableResult
  func evaluate(_ p: BendersSolver.Capacity) -> Bool {
    guard solver.within(p, bounds) else { return false }
    let key = solver.data.months.indices.flatMap { monthKey(p, $0) }
    guard dispatched.insert(key).inserted else { return false }
    do {
      if let o = try price(p) { consider(o, p) } else { sawShortfall = true }
    } catch {
      failure = error
    }
    return true
  }

  /// The dispatch of capacity `p` over every real slice: the months whose units and levels no earlier capacity
  /// had are dispatched, and their exact cuts added to the pool; the other months' slices cost what they cost
  /// when dispatched before. Flows are left out unless every month was dispatched; nil when an hour cannot be
  /// served (a rate limit or an on-demand cap no capacity relieves).
  func price(_ p: BendersSolver.Capacity) throws -> HourlyDispatch.Outcome? {
    let months = solver.data.months.indices
    let keys = months.map { monthKey(p, $0) }
    let fresh = Set(months.filter { monthDispatch[keys[$0]] == nil })
    if !fresh.isEmpty {
      let o = try solver.dispatch(solver.data, p, penalty, months: fresh, warm: true)
      dispatches += 1
      monthsDispatched += fresh.count
      guard o.feasible else { return nil }
      pool += solver.cuts(
        from: o, at: p, groups: members, groupMonth: groupMonth, bounds: bounds
      ).filter { fresh.contains(groupMonth[$0.group]) }
      for m in fresh {
        monthDispatch[keys[m]] = MonthOutcome(
          sliceCost: monthSlices[m].map { o.sliceCost[$0] },
          sliceShortfall: monthSlices[m].map { o.sliceShortfall[$0] })
      }
      // Every month dispatched: the outcome is whole (but for its flows, which `completeBest` adds to the plan
      // kept).
      if fresh.count == months.count { return o }
    }
    // The whole horizon from its months, summed in slice order (as a full dispatch sums it).
    var sliceCost = [Double](repeating: 0, count: solver.data.slices.slices.count)
    var sliceShortfall = sliceCost
    for m in months {
      guard let month = monthDispatch[keys[m]] else { return nil }
      for (i, t) in monthSlices[m].enumerated() {
        sliceCost[t] = month.sliceCost[i]
        sliceShortfall[t] = month.sliceShortfall[i]
      }
    }
    return HourlyDispatch.Outcome(
      flows: [], covered: [:],
      cost: solver.dispatcher(solver.data, p, penalty).fixedCost + sliceCost.reduce(0, +),
      feasible: true, sliceCost: sliceCost, shortfall: sliceShortfall.reduce(0, +),
      sliceShortfall: sliceShortfall)
  }

  /// Month index `m` with the units and levels `p` has in it, to a millionth.
  private func monthKey(_ p: BendersSolver.Capacity, _ m: Int) -> [Double] {
    [Double(m)] + (p.units.map { $0[m] } + p.levels.map { $0[m] }).map { ($0 * 1e6).rounded() }
  }

  /// The best plan with its flows: the search's dispatches keep none, so the plan is dispatched whole once more
  /// (the same LPs at the same capacity, so the same cost).
  func completeBest() throws {
    guard let b = best, b.outcome.flows.isEmpty else { return }
    let o = try solver.dispatch(solver.data, b.capacity, penalty, flows: true)
    dispatches += 1
    // The same capacity dispatched again must cost what it was priced at; anything else is a failed dispatch.
    guard o.feasible, abs(o.cost - b.outcome.cost) <= 1e-6 * max(1, abs(b.outcome.cost)) else {
      throw PlanError.solver(
        "the plan's capacity dispatched again cost \(Format.money(o.cost)), not the \(Format.money(b.outcome.cost)) it was priced at"
      )
    }
    best = (o, b.capacity)
  }

  /// Keeps `o` when it serves every call more cheaply than the best plan so far.
  private func consider(_ o: HourlyDispatch.Outcome, _ p: BendersSolver.Capacity) {
    let served = o.feasible && o.shortfall <= 1e-9 * max(1, totalCalls)
    if !served { sawShortfall = true }
    guard served, o.cost < (best?.outcome.cost ?? .infinity) else { return }
    let groupCost = members.map { $0.reduce(0) { $0 + o.sliceCost[$1] } }
    if let broken = outsideMaster(p, groupCost: groupCost) {
      // The bound is only a bound if the master holds every plan in its box (`evaluate` prices no other): one
      // it excludes means a wrong row or cut.
      failure = PlanError.solver(
        "the capacity master excludes a plan it dispatched (\(broken.name) off by \(broken.by)), so its bound is not proven"
      )
      return
    }
    best = (o, p)
    bestGroupCost = groupCost
    bestHanded = false
    let lower = bound.current
    steps.append(.init(slices: pool.count, lowerBound: lower, upperBound: o.cost))
    let gap = (o.cost - lower) / max(abs(o.cost), 1e-9)
    solver.progress?(
      "capacity search: plan \(Format.money(o.cost)) after \(dispatches) dispatches, \(pool.count) cuts, bound \(Format.money(lower)), gap \(lower.isFinite ? Format.percent(gap, 3) : "∞")"
    )
  }

  /// The pool's cuts that `x` violates, the most violated per slice group (base cuts are rows already).
  private func violated(at x: [Double]) -> [LinearProgram.Row] {
    var worst: [Int: (cut: Int, by: Double)] = [:]
    for i in baseCuts..<pool.count where !added.cuts.contains(i) {
      guard let by = excess(of: i, at: x) else { continue }
      let g = pool[i].group
      if by > (worst[g]?.by ?? 0) { worst[g] = (i, by) }
    }
    let chosen = worst.values.map(\.cut).sorted()
    added.cuts.formUnion(chosen)
    let floors = solver.data.months.indices.filter {
      !added.floors.contains($0) && floorExcess($0, at: x) != nil
    }
    added.floors.formUnion(floors)
    return chosen.map {
      solver.cutRow(pool[$0], columns, groupMonth: groupMonth, name: "Cut[\($0)]")
    } + floors.map(floorRow)
  }

  /// The first master row, column bound or cut that capacity `p`, with each θ at its group's real cost
  /// `groupCost`, breaks beyond round-off; nil when the master holds the plan. Every cut under-estimates a
  /// group's real cost, and the master's box keeps every plan, so this is nil unless a row or cut is wrong.
  func outsideMaster(_ p: BendersSolver.Capacity, groupCost: [Double]) -> (
    name: String, by: Double
  )? {
    let x = solution(p, groupCost: groupCost)
    if let broken = program.violation(at: x, tolerance: 1e-6) { return broken }
    for i in baseCuts..<pool.count {
      if let by = excess(of: i, at: x) { return ("Cut[\(i)]", by) }
    }
    for m in solver.data.months.indices {
      if let by = floorExcess(m, at: x) { return ("MonthFloor[\(m)]", by) }
    }
    return nil
  }

  /// How far master solution `x` breaks pool cut `i` (its bound on θ less θ, $), when by more than round-off (a
  /// millionth of the bound); nil when it holds.
  private func excess(of i: Int, at x: [Double]) -> Double? {
    let cut = pool[i]
    let m = groupMonth[cut.group]
    let rhs = cut.value(units: { x[columns.units[$0][m]] }, level: { x[columns.level[$0][m]] })
    let by = rhs - x[columns.theta[cut.group]]
    return by > 1e-6 * max(1, abs(rhs)) ? by : nil
  }

  /// Every master column's value for capacity `p` with each θ at its group's true cost.
  private func solution(_ p: BendersSolver.Capacity, groupCost: [Double]) -> [Double] {
    var x = [Double](repeating: 0, count: columns.count)
    for (r, c) in solver.data.reservedOffers.enumerated() {
      for m in solver.data.months.indices {
        x[columns.units[r][m]] = p.units[r][m]
        x[columns.buy[r][m]] = (p.bought[r][m] / c.unitStep).rounded()
        // Active where units beyond those signed are in use (signed units alone may sit below `min_units`).
        if let a = columns.active[r][m] {
          x[a] = p.units[r][m] > (solver.data.contractUnits[c.id]?[m] ?? 0) + 1e-9 ? 1 : 0
        }
      }
    }
    for k in columns.level.indices {
      for m in solver.data.months.indices {
        x[columns.level[k][m]] = p.levels[k][m]
        x[columns.spent[k][m]] = p.spent[k][m]
      }
    }
    for (g, j) in columns.theta.enumerated() { x[j] = groupCost[g] }
    return x
  }
}
