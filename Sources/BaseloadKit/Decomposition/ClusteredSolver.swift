import Foundation

/// Clustered capacity planning with a certificate: the clustered MIP is a lower bound (dispatch cost is convex in
/// demand), its capacity dispatched over every real hour an upper bound; clusters are refined until the gap is
/// within `optimality_gap`, or every hour-of-week is its own slice (exact).
struct ClusteredSolver {
  let data: PlacementData
  let modelPath: String
  let progress: PlacementSolver.Progress?

  func solve() throws -> PlacementResult {
    let target = data.input.settings.optimalityGap
    let limit = data.input.settings.timeLimitSeconds
    let start = Date()
    var k = 6
    var lower = -Double.infinity
    var best: (outcome: HourlyDispatch.Outcome, result: PlacementResult)?
    var steps: [Certificate.Step] = []
    var solvedSlices = 0
    var timedOut = false
    // The certificate's gap after the last step (the refinement stops, and the plan is optimal, once it is met).
    var gap = Double.infinity
    while true {
      let (clustered, _) = SliceClustering.cluster(data, perMonth: k)
      // Demand with fewer distinct levels than k clusters the same way again: nothing new to bound.
      if clustered.slices.slices.count == solvedSlices && k < 168 {
        k = min(168, k * 2)
        continue
      }
      solvedSlices = clustered.slices.slices.count
      // Each clustered MIP gets what is left of the plan's time limit, not the whole limit again.
      var budgeted = clustered
      budgeted.input.settings.timeLimitSeconds = max(1, limit - Date().timeIntervalSince(start))
      let r: PlacementResult
      do {
        r = try PlacementSolver.exact(budgeted, model: modelPath, progress: nil)
      } catch PlanError.timeLimit(let why) {
        guard best != nil else { throw PlanError.timeLimit(why) }
        timedOut = true
        break
      }
      lower = max(lower, r.certificate?.lowerBound ?? r.objective)
      let dispatch = try HourlyDispatch(data: data, units: r.units, levels: r.levels).run(
        threads: 2)
      if dispatch.feasible && dispatch.cost < (best?.outcome.cost ?? .infinity) {
        best = (dispatch, r)
      }
      let upper = best?.outcome.cost ?? .infinity
      steps.append(
        .init(
          slices: clustered.slices.slices.count, lowerBound: lower, upperBound: upper))
      gap = upper.isFinite && upper > 0 ? (upper - lower) / upper : .infinity
      progress?(
        "clustered \(clustered.slices.slices.count) slices: bounds \(Format.money(lower)) … \(Format.money(upper)), gap \(gap.isFinite ? Format.percent(gap, 3) : "∞")"
      )
      if Certificate.meets(lower: lower, upper: upper, target: target) || k >= 168 { break }
      if Date().timeIntervalSince(start) >= limit {
        timedOut = true
        break
      }
      k = min(168, k * 2)
    }
    guard let best else { throw PlanError.solver("no clustered capacity could serve every hour") }
    var result = best.result
    result.data = data
    result.flows = best.outcome.flows
    result.covered = best.outcome.covered
    result.objective = best.outcome.cost
    result.mipGap = nil
    if Certificate.meets(lower: lower, upper: best.outcome.cost, target: target) {
      result.status = .optimal
    } else if timedOut {
      result.status = .timeLimit
    }
    result.certificate = Certificate(
      resolution: .cluster, slices: steps.last?.slices ?? 0, lowerBound: lower,
      upperBound: best.outcome.cost, steps: steps)
    return result
  }
}
