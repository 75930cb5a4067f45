import Foundation
import GLPK

/// Capacity planning by Benders decomposition, for plans too large to solve as one clustered MIP.
///
/// Given the capacity bought (reserved units and commitment levels per month), the hours are independent
/// dispatch LPs, and each slice's dispatch cost is a convex, piecewise-linear function of that capacity. The
/// master problem keeps only the capacity decisions of `Models/placement.mod` (units, steps bought for whole
/// terms, `min_units`, commitment levels) and one variable θ per group of slices standing for the groups'
/// dispatch cost, bounded below by cuts built from the dispatch LPs' duals:
///
///     θ_g ≥ cost_g(u*) + Σ_c slope_gc · (u_c − u*_c) + Σ_k slope_gk · (l_k − l*_k)
///
/// Every cut underestimates the true group cost, so the master's optimum is a lower bound on the hourly
/// optimum; dispatching every real slice with the master's integer capacity is a plan, and its cost the upper
/// bound. Cuts come first from the groups' mean demand (cheap, valid by convexity, with the master's
/// integrality relaxed), then from every real slice (exact), until the gap is within `optimality_gap`.
struct BendersSolver {
  let data: PlacementData
  let progress: PlacementSolver.Progress?
  /// Slice groups per month: each group gets its own θ (more groups, more cuts, fewer iterations).
  var groupsPerMonth = 12
  /// Most relaxed master solves, and most capacities dispatched by the integer search.
  var maxIterations = (relaxed: 60, integer: 2000)
  /// Each real slice's last dispatch optimum, kept while the capacity moves (`DispatchMemo`).
  let memos = DispatchMemos()

  /// A point in capacity space: units per reserved offer and month, commitment level per month ($/h).
  struct Capacity {
    var units: [[Double]]
    var levels: [[Double]]
    var bought: [[Double]]
    var spent: [[Double]]
  }

  /// Bounds on the master's capacity, computed once per solve, each one kept by some optimal plan (see
  /// `PlacementData.purchaseCaps`): units per reserved offer and month, steps bought per month, and the
  /// commitment level and purchase per commitment and month, $/h.
  struct CapacityBounds {
    var units: [[Double]]
    var buySteps: [[Double]]
    var levels: [[Double]]
    var spent: [Double]
  }

  /// One cut: θ_g ≥ constant + Σ unitSlope·units[·][month] + Σ levelSlope·level[·][month].
  struct Cut {
    var group: Int
    var constant: Double
    var unitSlope: [Double]
    var levelSlope: [Double]

    /// The cut as a row θ − Σ slope · capacity ≥ constant, over the columns `theta` and `units(r)`, `level(k)` of
    /// the group's month (the master's, or a month problem's).
    func row(name: String, theta: Int, units: (Int) -> Int, level: (Int) -> Int)
      -> LinearProgram.Row
    {
      var row: [(column: Int, value: Double)] = [(theta, 1)]
      for (r, s) in unitSlope.enumerated() where s != 0 { row.append((units(r), -s)) }
      for (k, s) in levelSlope.enumerated() where s != 0 { row.append((level(k), -s)) }
      return LinearProgram.Row(name: name, bounds: .lower(constant), coefficients: row)
    }

    /// The cut's bound on θ, $, at `units(r)` of each reserved offer and `level(k)` of each commitment in the
    /// group's month.
    func value(units: (Int) -> Double, level: (Int) -> Double) -> Double {
      var v = constant
      for (r, s) in unitSlope.enumerated() where s != 0 { v += s * units(r) }
      for (k, s) in levelSlope.enumerated() where s != 0 { v += s * level(k) }
      return v
    }
  }

  func solve() throws -> PlacementResult {
    let start = Date()
    let target = data.input.settings.optimalityGap
    // With deferrable work a day is dispatched whole, so its slices group by weekday (whole days, one θ each
    // per month) and cuts come from the real days from the start (group means have no days).
    let byDay = data.defersWork
    var (grouped, members) = SliceClustering.cluster(data, perMonth: groupsPerMonth)
    var groupMonth = grouped.slices.slices.map(\.monthIndex)
    if byDay {
      var keys: [[Int]: Int] = [:]
      members = []
      groupMonth = []
      for sl in data.slices.slices {
        let key = [sl.monthIndex, sl.weekday]
        if keys[key] == nil {
          keys[key] = members.count
          members.append([])
          groupMonth.append(sl.monthIndex)
        }
        members[keys[key]!].append(sl.index)
      }
      grouped = data
    }
    let reserved = data.reservedOffers
    let commitments = data.input.commitments
    let bounds = capacityBounds()
    let penalty = shortfallPenalty()
    let totalCalls = data.slices.slices.reduce(0.0) { sum, s in
      sum + s.weight * data.workloads.indices.reduce(0.0) { $0 + data.demand($1, s) }
    }
    var cuts: [Cut] = []
    var lower = -Double.infinity

    func addCuts(_ o: HourlyDispatch.Outcome, at point: Capacity, groups: [[Int]]) {
      cuts += self.cuts(from: o, at: point, groups: groups, groupMonth: groupMonth, bounds: bounds)
    }
    let identity = grouped.slices.slices.indices.map { [$0] }

    // Phase 1: the master's integrality relaxed; cuts first from each group's mean demand (cheap, valid by
    // convexity), then from every real slice, until the relaxed master is within a quarter of the target gap of
    // the real cost of its own (fractional) capacity, or half the time limit has passed. Its bound is then the
    // LP relaxation's (or the last relaxed master's), and the integer phase starts from cuts that already
    // describe the real hours. (Without the time share, a 12-month plan of deferrable work spent 128 s of a 30 s
    // limit here and had no time left to find a plan.)
    let limit = data.input.settings.timeLimitSeconds
    let phaseOneEnds = start + 0.5 * limit
    var point = Capacity(
      units: reserved.map { c in data.months.indices.map { data.contractUnits[c.id]?[$0] ?? 0 } },
      levels: commitments.map { k in data.months.indices.map { data.contractUSD[k.id]?[$0] ?? 0 } },
      bought: [], spent: [])
    var exactCuts = byDay
    var basis: Basis?
    for i in 0..<maxIterations.relaxed {
      let o = try dispatch(exactCuts ? data : grouped, point, penalty, warm: exactCuts)
      // Unserved calls are priced; what can still make a slice infeasible is a rate limit or on-demand cap.
      guard o.feasible else { throw BendersUnavailable() }
      addCuts(o, at: point, groups: exactCuts ? members : identity)
      let upper = o.cost
      guard
        let solved = try relaxedMaster(cuts, groupMonth: groupMonth, bounds: bounds, basis: basis)
      else { throw BendersUnavailable() }
      basis = solved.basis
      let bound = solved.bound
      lower = max(lower, bound)
      point = solved.capacity
      let gap = (upper - bound) / max(abs(upper), 1e-9)
      progress?(
        "capacity master (relaxed, \(exactCuts ? "every slice" : "group means")) \(i + 1): bounds \(Format.money(bound)) … \(Format.money(upper)), gap \(Format.percent(gap, 3))"
      )
      if gap <= target / 4 {
        if exactCuts { break }
        exactCuts = true
      }
      if Date() > phaseOneEnds {
        progress?(
          "capacity master (relaxed): half the time limit spent; the integer phase starts from the cuts so far"
        )
        break
      }
    }

    // Phase 2: integer capacity in one branch and cut over the master (`CapacitySearch`), from every cut so far;
    // its first plan is the relaxed capacity rounded up to whole steps (when that stays in the master's box).
    let (program, columns) = masterProgram(
      cuts, groupMonth: groupMonth, bounds: bounds, integer: true)
    let search = CapacitySearch(
      solver: self, program: program, columns: columns, groupMonth: groupMonth, members: members,
      bounds: bounds,
      penalty: penalty, totalCalls: totalCalls, cuts: cuts, deadline: start + limit,
      maxDispatches: maxIterations.integer, lower: lower)
    search.evaluateRoundings(of: point)
    // Rounded down, the relaxed capacity stays in the master's box where rounded up it may leave it: a first plan
    // wherever the APIs can take the rest (a search cut short by the time limit has one to report).
    if search.best == nil { search.evaluate(rounded(point, .down)) }
    search.improveBest(budget: 0.1 * (limit - Date().timeIntervalSince(start)))
    if let failure = search.failure { throw failure }
    var options = SolverOptions()
    options.scale = true
    // GLPK's generic cuts (MIR, Gomory, cover, clique) off: with the lazy rows they cost more than they close
    // (same load, one run each: P60 0.288% → 0.226% at 120 s, 12 months 0.357% → 0.284%, P50 5.0 s → 4.6 s).
    options.cuts = false
    options.pseudocostBranching = true
    // The search's incumbent is a dispatched plan at its real cost, so its gap is the certificate's; a tenth of
    // the target is left for the tolerance within which a node's θ may sit below its exact cut.
    options.mipGap = 0.9 * target
    // As in the exact model: a fraction of a coarse step is never taken for a whole one.
    options.integerTolerance = data.integerTolerance
    let shared = search.bound
    let report = progress
    options.progress = { p in
      guard let report, shared.due(every: 5), let b = p.bound, let i = p.incumbent else { return }
      report(
        "capacity search \(Format.plain(p.elapsedSeconds.rounded())) s: bounds \(Format.money(b)) … \(Format.money(i)), gap \(Format.percent((i - b) / max(abs(i), 1e-9), 3))"
      )
    }
    var masterFailure: String?
    var proven = -Double.infinity
    search.secondsPerMonth = max(0.05, 0.02 * limit / Double(data.months.count))
    let certifiedByMonths = search.monthByMonth(rounds: 10)
    // A plan the master excludes, or a dispatch that failed, in the rounds: the bound is not proven.
    if let failure = search.failure { throw failure }
    // What the rounds took is not the search's to spend.
    options.timeLimitSeconds = max(1, limit - Date().timeIntervalSince(start))
    if certifiedByMonths {
      // The plans found so far are certified month by month: no branch and bound is needed.
    } else if !program.isMIP {
      // Nothing to buy in whole steps (commitment levels only): GLPK runs no search and calls no hook, so the
      // cuts are iterated here — the master LP (a relaxation with valid cuts: its optimum is a lower bound),
      // its capacity dispatched, the cuts it violates added — until its capacity is priced exactly or the gap
      // is met (soak seed 9954 stopped after one dispatch at 0.117%).
      var lp = program
      var round = 0
      while Date() < search.deadline, round < maxIterations.relaxed {
        round += 1
        let s = try GLPKSolver.solve(lp, options: SolverOptions(presolve: false))
        guard s.status == .optimal else { break }
        proven = max(proven, s.objective)
        let rows = search.lazyRows(at: s.columnValues, integral: true, node: round)
        if let failure = search.failure { throw failure }
        let upper = search.best?.outcome.cost ?? .infinity
        if rows.isEmpty || (upper - proven) / max(abs(upper), 1e-9) <= target { break }
        for r in rows { lp.addRow(r.name, bounds: r.bounds, coefficients: r.coefficients) }
      }
    } else {
      do {
        let s = try GLPKSolver.solve(program, options: options, hooks: search)
        if let failure = search.failure { throw failure }
        if s.status == .optimal || s.status == .feasible {
          proven = PlacementSolver.lowerBound(s, gapLimit: options.mipGap ?? 0)
        } else if s.stop == .completed {
          // The search ended without an incumbent of its own: every integer capacity it reached is dearer than
          // the plan it was given, or none exists.
          proven = s.bound ?? -.infinity
        } else {
          proven = s.bound ?? -.infinity
          if s.stop != .timeLimit && !search.stopped {
            masterFailure = "the capacity search ended with \(s.stop), status \(s.status)"
          }
        }
      } catch let e as GLPKError where search.best != nil {
        // A numerical failure of the search with a plan in hand: report that plan with the bounds proven so far.
        progress?("the capacity search failed (\(e)); keeping the best plan found")
        masterFailure = "\(e)".split(separator: "\n").first.map(String.init)
      }
    }
    // Whether the search ran out of time (decided before the last floors, which may cross the deadline).
    let timedOut = Date() >= search.deadline
    if !certifiedByMonths { search.refreshMonthBound(force: true, final: true) }
    if let failure = search.failure { throw failure }
    lower = max(lower, proven, search.monthLower)
    try search.completeBest()
    guard let best = search.best else {
      // No plan by the deadline is the time limit, not a failure of the decomposition — unless every capacity
      // priced left calls unserved, which more time would not change (the clustered solve then locates it).
      if timedOut && !search.sawShortfall {
        throw PlanError.timeLimit(
          "the time limit (\(Format.plain(limit)) s) passed before the decomposition found a plan; raise time_limit_s in plan.csv"
        )
      }
      throw BendersUnavailable()
    }
    var steps = search.steps
    steps.append(.init(slices: search.pool.count, lowerBound: lower, upperBound: best.outcome.cost))
    let finalGap = (best.outcome.cost - lower) / max(abs(best.outcome.cost), 1e-9)
    progress?(
      "capacity search: \(search.priced) capacities priced (\(search.monthsDispatched) months dispatched), \(search.pool.count) cuts, bounds \(Format.money(lower)) … \(Format.money(best.outcome.cost)), gap \(Format.percent(finalGap, 3))"
    )
    // However the search ended, a plan outside the target gap is not reported as optimal.
    let status: PlanStatus =
      Certificate.meets(lower: lower, upper: best.outcome.cost, target: target)
      ? .optimal
      : masterFailure != nil
        ? .masterFailure
        : Date() >= search.deadline ? .timeLimit : .iterationLimit
    var units: [String: [Double]] = [:]
    var bought: [String: [Double]] = [:]
    for (r, c) in reserved.enumerated() {
      units[c.id] = best.capacity.units[r]
      bought[c.id] = best.capacity.bought[r]
    }
    var levels: [String: [Double]] = [:]
    var levelBought: [String: [Double]] = [:]
    for (k, c) in commitments.enumerated() {
      levels[c.id] = best.capacity.levels[k]
      levelBought[c.id] = best.capacity.spent[k]
    }
    var certificate = Certificate(
      resolution: .cluster, slices: data.slices.slices.count, lowerBound: lower,
      upperBound: best.outcome.cost, steps: steps)
    certificate.stepCounts = .cuts
    certificate.note =
      "Capacity by Benders decomposition: \(members.count) groups of slices, \(search.pool.count) cuts from the dispatch duals, integer capacity by one branch and cut over the master (\(search.priced) capacities priced, \(search.monthsDispatched) months dispatched); every one of the \(data.slices.slices.count) slices dispatched exactly."
      + (masterFailure.map {
        " The capacity search then failed (\($0)); the best plan found is reported with the bounds proven so far."
      } ?? "")
    return PlacementResult(
      data: data, status: status, objective: best.outcome.cost, mipGap: nil,
      flows: best.outcome.flows, units: units, bought: bought, levels: levels,
      levelBought: levelBought, covered: best.outcome.covered, certificate: certificate)
  }

  /// Cuts from dispatch `o` at capacity `point`, one per group of slices (`groups[g]`, in month
  /// `groupMonth[g]`): θ_g ≥ cost_g(point) + Σ slope · (capacity − point).
  func cuts(
    from o: HourlyDispatch.Outcome, at point: Capacity, groups: [[Int]], groupMonth: [Int],
    bounds: CapacityBounds
  ) -> [Cut] {
    let reserved = data.reservedOffers.count
    let commitments = data.input.commitments.count
    var out: [Cut] = []
    for (g, slices) in groups.enumerated() {
      let m = groupMonth[g]
      var cost = 0.0
      var us = [Double](repeating: 0, count: reserved)
      var ls = [Double](repeating: 0, count: commitments)
      for t in slices {
        cost += o.sliceCost[t]
        for r in us.indices { us[r] += o.unitSlope[t][r] }
        for k in ls.indices { ls[k] += o.levelSlope[t][k] }
      }
      // A slope whose largest possible effect is below a millionth of a cent is round-off in the duals; kept,
      // it would wreck the master's conditioning. Dropping it lowers the constant by that largest effect, so
      // the cut still under-estimates the cost everywhere in the master's box.
      var constant = cost
      for r in us.indices where abs(us[r]) * max(1, bounds.units[r][m]) < 1e-8 {
        constant -= abs(us[r]) * max(1, bounds.units[r][m])
        us[r] = 0
      }
      for k in ls.indices where abs(ls[k]) * max(1, bounds.levels[k][m]) < 1e-8 {
        constant -= abs(ls[k]) * max(1, bounds.levels[k][m])
        ls[k] = 0
      }
      for r in us.indices { constant -= us[r] * point.units[r][m] }
      for k in ls.indices { constant -= ls[k] * point.levels[k][m] }
      out.append(Cut(group: g, constant: constant, unitSlope: us, levelSlope: ls))
    }
    return out
  }

  /// The master's box: reserved units and purchases from `PlacementData.unitCaps`/`purchaseCaps`; commitment
  /// purchases at most the most level that could ever be used (`levelBound`), levels signed plus every purchase
  /// still active.
  func capacityBounds() -> CapacityBounds {
    let commitments = data.input.commitments
    let spent = commitments.map(levelBound)
    let caps = data.reservedOffers.map { data.purchaseCaps($0) }
    return CapacityBounds(
      units: zip(data.reservedOffers, caps).map { data.unitCaps($0, purchaseCaps: $1) },
      buySteps: zip(data.reservedOffers, caps).map { c, caps in caps.map { $0 / c.unitStep } },
      levels: commitments.enumerated().map { k, c in
        data.months.indices.map { m in
          (data.contractUSD[c.id]?[m] ?? 0) + spent[k]
            * Double(data.purchaseWindow(month: m, term: c.termMonths).count)
        }
      },
      spent: spent)
  }

  /// Whether capacity `p` is inside the master's box: units within the unit caps (`max_units` and what demand
  /// can use), purchases within their caps and none negative, commitment levels and purchases within theirs.
  /// The search prices no capacity outside it.
  func within(_ p: Capacity, _ b: CapacityBounds) -> Bool {
    for (r, c) in data.reservedOffers.enumerated() {
      for m in data.months.indices {
        if p.units[r][m] > max(b.units[r][m], data.contractUnits[c.id]?[m] ?? 0) + 1e-9 {
          return false
        }
        let steps = p.bought[r][m] / c.unitStep
        if steps < -1e-9 || steps > b.buySteps[r][m] + 1e-9 { return false }
      }
    }
    for k in data.input.commitments.indices {
      let most = data.allowNewCommitments ? b.spent[k] : 0
      for m in data.months.indices {
        // Relative round-off, as the master's own check of a plan allows (a millionth).
        if p.levels[k][m] > b.levels[k][m] * (1 + 1e-9) + 1e-9 { return false }
        if p.spent[k][m] < -1e-9 || p.spent[k][m] > most * (1 + 1e-9) + 1e-9 { return false }
      }
    }
    return true
  }

  /// The dispatch of `d` with the capacity of `p`, unserved calls priced at `penalty`.
  func dispatcher(_ d: PlacementData, _ p: Capacity, _ penalty: [Double]) -> HourlyDispatch {
    var units: [String: [Double]] = [:]
    for (r, c) in data.reservedOffers.enumerated() { units[c.id] = p.units[r] }
    var levels: [String: [Double]] = [:]
    for (k, c) in data.input.commitments.enumerated() { levels[c.id] = p.levels[k] }
    return HourlyDispatch(data: d, units: units, levels: levels, shortfallPenalty: penalty)
  }

  /// Dispatches every slice of `d` (or those of `months`) with the capacity of `p`, unserved calls priced at
  /// `penalty`; `warm`: a real slice whose last optimum (`memos`) still holds is not solved again (`d` must be
  /// `data`). Flows and coverage only with `flows` (the plan reported); cuts and prices need none.
  func dispatch(
    _ d: PlacementData, _ p: Capacity, _ penalty: [Double], months: Set<Int>? = nil,
    warm: Bool = false, flows: Bool = false
  ) throws -> HourlyDispatch.Outcome {
    var dispatcher = dispatcher(d, p, penalty)
    dispatcher.keepsFlows = flows
    return try dispatcher.run(threads: 2, months: months, memos: warm ? memos : nil)
  }

  /// Price of an unserved call per workload, $/call: above the dearest way to serve it — its dearest
  /// usage-billed offer, or a reserved unit bought for a whole term just for that call's hour — so that
  /// shortfall never pays and the cuts push capacity up where only capacity can serve (exact penalty).
  func shortfallPenalty() -> [Double] {
    var most = [Double](repeating: 0, count: data.workloads.count)
    for p in data.pairs {
      var cost = p.usageCost + p.failCost
      if let c = data.offers[p.offer].capacity, c.billing == .reserved {
        cost += p.load * c.usdPerUnitHour * Month.longestHours * Double(c.termMonths)
      }
      most[p.workload] = max(most[p.workload], cost)
    }
    return most.map { 2 * $0 + 1 }
  }
}

/// The plan has a feature the decomposition does not cover (or a slice cannot be served); the caller solves
/// the clustered model instead.
struct BendersUnavailable: Error {}
