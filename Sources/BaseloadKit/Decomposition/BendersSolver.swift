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
  /// Most master solves in each phase.
  var maxIterations = (relaxed: 60, integer: 25)

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
    var best: (outcome: HourlyDispatch.Outcome, capacity: Capacity)?
    var steps: [Certificate.Step] = []

    func addCuts(_ o: HourlyDispatch.Outcome, at point: Capacity, groups: [[Int]]) {
      for (g, slices) in groups.enumerated() {
        let m = groupMonth[g]
        var cost = 0.0
        var us = [Double](repeating: 0, count: reserved.count)
        var ls = [Double](repeating: 0, count: commitments.count)
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
        cuts.append(Cut(group: g, constant: constant, unitSlope: us, levelSlope: ls))
      }
    }
    let identity = grouped.slices.slices.indices.map { [$0] }

    // Phase 1: the master's integrality relaxed; cuts first from each group's mean demand (cheap, valid by
    // convexity), then from every real slice, until the relaxed master is within a quarter of the target gap of
    // the real cost of its own (fractional) capacity. Its bound is then the LP relaxation's, and the integer
    // phase starts from cuts that already describe the real hours.
    var point = Capacity(
      units: reserved.map { c in data.months.indices.map { data.contractUnits[c.id]?[$0] ?? 0 } },
      levels: commitments.map { k in data.months.indices.map { data.contractUSD[k.id]?[$0] ?? 0 } },
      bought: [], spent: [])
    var exactCuts = byDay
    for i in 0..<maxIterations.relaxed {
      let o = try dispatch(exactCuts ? data : grouped, point, penalty)
      // Unserved calls are priced; what can still make a slice infeasible is a rate limit or on-demand cap.
      guard o.feasible else { throw BendersUnavailable() }
      addCuts(o, at: point, groups: exactCuts ? members : identity)
      let upper = o.cost
      guard let solved = try master(cuts, groupMonth: groupMonth, bounds: bounds, integer: false)
      else { throw BendersUnavailable() }
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
    }

    // Phase 2: integer capacity, every real slice dispatched, cuts per group from the real slices. The first
    // candidate is the relaxed master's capacity rounded up to whole steps (often within the gap already);
    // then the integer master, within what is left of the time limit.
    var status = PlanStatus.optimal
    var masterFailure: String?
    for i in 0...maxIterations.integer {
      let next: Capacity
      if i == 0 {
        // Rounding up can leave the master's box (max_units, a purchase larger than any term can use): then
        // only the integer master proposes capacity.
        let rounded = roundedUp(point)
        guard within(rounded, bounds) else { continue }
        next = rounded
      } else {
        let left = data.input.settings.timeLimitSeconds - Date().timeIntervalSince(start)
        let attempt: (capacity: Capacity, bound: Double)?
        do {
          attempt =
            left > 0
            ? try master(
              cuts, groupMonth: groupMonth, bounds: bounds, integer: true,
              timeLimit: max(1, left / 2)) : nil
        } catch let e as PlanError where best != nil {
          // A numerical failure of the integer master with a plan in hand: report that plan with the bounds
          // proven so far rather than none.
          progress?("the integer capacity master failed (\(e)); keeping the best plan found")
          masterFailure = "\(e)".split(separator: "\n").first.map(String.init)
          status = .masterFailure
          break
        }
        guard let solved = attempt else {
          status = .timeLimit
          break
        }
        lower = max(lower, solved.bound)
        next = solved.capacity
      }
      let o = try dispatch(data, next, penalty)
      // A plan serves every call; a capacity that leaves calls unserved still yields cuts.
      let served = o.feasible && o.shortfall <= 1e-9 * max(1, totalCalls)
      if served && o.cost < (best?.outcome.cost ?? .infinity) { best = (o, next) }
      if o.feasible { addCuts(o, at: next, groups: members) }
      let upper = best?.outcome.cost ?? .infinity
      steps.append(
        .init(
          slices: cuts.count, lowerBound: lower, upperBound: upper))
      let gap = upper.isFinite ? (upper - lower) / max(abs(upper), 1e-9) : .infinity
      progress?(
        "capacity \(i == 0 ? "rounded up" : "master \(i)"): \(cuts.count) cuts, bounds \(Format.money(lower)) … \(Format.money(upper)), gap \(gap.isFinite ? Format.percent(gap, 3) : "∞")"
      )
      if gap <= target { break }
      if Date().timeIntervalSince(start) > data.input.settings.timeLimitSeconds {
        status = .timeLimit
        break
      }
      if i == maxIterations.integer {
        status = .iterationLimit
        break
      }
    }
    guard let best else { throw BendersUnavailable() }
    // However the loop ended, a plan outside the target gap is not reported as optimal.
    if status == .optimal
      && (best.outcome.cost - lower) / max(abs(best.outcome.cost), 1e-9) > target
    {
      status = .iterationLimit
    }
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
      "Capacity by Benders decomposition: \(identity.count) groups of slices, \(cuts.count) cuts from the dispatch duals; every one of the \(data.slices.slices.count) slices dispatched exactly."
      + (masterFailure.map {
        " The integer capacity master then failed (\($0)); the best plan found is reported with the bounds proven so far."
      } ?? "")
    return PlacementResult(
      data: data, status: status, objective: best.outcome.cost, mipGap: nil,
      flows: best.outcome.flows, units: units, bought: bought, levels: levels,
      levelBought: levelBought, covered: best.outcome.covered, certificate: certificate)
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

  /// Whether capacity `p` is inside the master's box: units within `max_units` and the unit caps, purchases
  /// within their caps. Capacity outside it is not a plan the model allows.
  func within(_ p: Capacity, _ b: CapacityBounds) -> Bool {
    for (r, c) in data.reservedOffers.enumerated() {
      for m in data.months.indices {
        if p.units[r][m] > max(b.units[r][m], data.contractUnits[c.id]?[m] ?? 0) + 1e-9 {
          return false
        }
        if p.bought[r][m] / c.unitStep > b.buySteps[r][m] + 1e-9 { return false }
      }
    }
    return true
  }

  /// Dispatches every slice of `d` with the capacity of `p`, unserved calls priced at `penalty`.
  func dispatch(_ d: PlacementData, _ p: Capacity, _ penalty: [Double]) throws
    -> HourlyDispatch.Outcome
  {
    var units: [String: [Double]] = [:]
    for (r, c) in data.reservedOffers.enumerated() { units[c.id] = p.units[r] }
    var levels: [String: [Double]] = [:]
    for (k, c) in data.input.commitments.enumerated() { levels[c.id] = p.levels[k] }
    return try HourlyDispatch(data: d, units: units, levels: levels, shortfallPenalty: penalty)
      .run(threads: 2)
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
