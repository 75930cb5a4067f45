import Foundation

/// Computes quotes and break-even prices by re-solving the placement model.
public struct QuoteEngine: Sendable {
  public var input: PlanInput
  public var plan: PlanAnalysis
  public var modelPath: String?

  public init(input: PlanInput, plan: PlanAnalysis, modelPath: String? = nil) {
    self.input = input
    self.plan = plan
    self.modelPath = modelPath
  }

  /// Quotes of every compatible workload/offer pair (narrowed by `workload` and `offer`), sorted by workload, then standalone $/Mtok.
  public func quotes(workload: String? = nil, offer: String? = nil) throws -> [Quote] {
    var out: [Quote] = []
    let forecast = plan.data.forecast
    let monthly = forecast.monthly(plan.data.slices)
    for (wi, w) in input.workloads.enumerated() where workload == nil || w.id == workload {
      let mine = monthly.filter { $0.workload == w.id }
      let hours = plan.data.months.reduce(0.0) { $0 + Double($1.hours) }
      let mean = mine.reduce(0.0) { $0 + $1.totals.tokens } / max(hours, 1)
      let peak = mine.map(\.peakTokensPerHour).max() ?? 0
      for p in plan.data.pairs where p.workload == wi {
        let o = plan.data.offers[p.offer]
        guard offer == nil || o.id == offer else { continue }
        out.append(try quote(w, o, p, peakToMean: mean > 0 ? peak / mean : 0))
      }
    }
    return out.sorted { a, b in
      if a.workload != b.workload {
        return input.workloads.firstIndex { $0.id == a.workload }! < input.workloads.firstIndex {
          $0.id == b.workload
        }!
      }
      return (a.standalonePerMtok ?? .infinity, a.offer) < (
        b.standalonePerMtok ?? .infinity, b.offer
      )
    }
  }

  func quote(_ w: Workload, _ o: OfferRef, _ p: PlacementPair, peakToMean: Double) throws -> Quote {
    let success = input.successRate(w, on: o.id)
    let perTask = { (perCall: Double) -> Double? in
      success > 0 ? perCall * w.callsPerTask / success : nil
    }
    let listPerCall: Double
    let billing: String
    switch o {
    case .api:
      listPerCall = p.usageCost
      billing = "token API"
    case .capacity(let c):
      listPerCall = p.load * c.usdPerUnitHour
      billing = c.billing == .reserved ? "reserved" : "on-demand"
    }
    var q = Quote(
      workload: w.id, offer: o.id, billing: billing,
      listPerMtok: listPerCall / w.tokensPerCall * 1e6,
      listPerCompletedTask: perTask(listPerCall), standalonePerMtok: nil,
      standalonePerCompletedTask: nil,
      standaloneUtilisation: nil, inPlanPerMtok: nil, inPlanPerCompletedTask: nil, inPlanShare: 0,
      inPlanUtilisation: nil, peakToMean: peakToMean)
    // Standalone: this workload on this offer alone, new purchases only.
    var alone = input
    alone.workloads = [w]
    alone.apis = input.apis.filter { $0.id == o.id }
    alone.capacity = input.capacity.filter { $0.id == o.id }
    alone.commitments = []
    alone.contracts = []
    alone.current = []
    alone.scenarios = []
    alone.quality = input.quality.filter { $0.workload == w.id && $0.offer == o.id }
    do {
      let a = PlanAnalysis(
        try PlacementSolver.solve(PlacementData(input: alone), modelPath: modelPath))
      if let t = a.workloads.first, t.tokens > 0 {
        q.standalonePerMtok = a.invoice.total / t.tokens * 1e6
        q.standalonePerCompletedTask =
          t.completedTasks > 0 ? a.invoice.total / t.completedTasks : nil
      }
      let uses = a.capacityUse.filter { $0.offer == o.id }
      let paid = uses.reduce(0) { $0 + $1.paidUnitHours }
      if o.capacity != nil && paid > 0 {
        q.standaloneUtilisation = uses.reduce(0) { $0 + $1.usedUnitHours } / paid
      }
    } catch PlanError.infeasible {
      // The offer cannot carry the whole workload (max_units or rate limit): no standalone figure.
    }
    // In plan.
    let rows = plan.placement.filter { $0.workload == w.id && $0.offer == o.id }
    let tokens = rows.reduce(0) { $0 + $1.tokens }
    let all = plan.placement.filter { $0.workload == w.id }.reduce(0) { $0 + $1.tokens }
    // A billionth of the workload's tokens is the solver's round-off, not a share (an independent tester saw an
    // in-plan price beside a 0.000000 share).
    if tokens > 1e-9 * all {
      let cost = rows.reduce(0) { $0 + $1.cost }
      let done = rows.reduce(0) { $0 + $1.completedTasks }
      q.inPlanPerMtok = cost / tokens * 1e6
      q.inPlanPerCompletedTask = done > 0 ? cost / done : nil
      q.inPlanShare = all > 0 ? tokens / all : 0
    }
    if o.capacity != nil {
      let uses = plan.capacityUse.filter { $0.offer == o.id }
      let paid = uses.reduce(0) { $0 + $1.paidUnitHours }
      if paid > 1e-6 { q.inPlanUtilisation = uses.reduce(0) { $0 + $1.usedUnitHours } / paid }
    }
    return q
  }
}
