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
    var k = 6
    var lower = -Double.infinity
    var best: (outcome: HourlyDispatch.Outcome, result: PlacementResult)?
    var steps: [Certificate.Step] = []
    while true {
      let (clustered, _) = SliceClustering.cluster(data, perMonth: k)
      let r = try PlacementSolver.exact(clustered, model: modelPath, progress: nil)
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
      let gap = upper.isFinite && upper > 0 ? (upper - lower) / upper : .infinity
      progress?(
        "clustered \(clustered.slices.slices.count) slices: bounds \(Format.money(lower)) … \(Format.money(upper)), gap \(gap.isFinite ? Format.percent(gap, 3) : "∞")"
      )
      if gap <= target || k >= 168 { break }
      k = min(168, k * 2)
    }
    guard let best else { throw PlanError.solver("no clustered capacity could serve every hour") }
    var result = best.result
    result.data = data
    result.flows = best.outcome.flows
    result.covered = best.outcome.covered
    result.objective = best.outcome.cost
    result.mipGap = nil
    result.certificate = Certificate(
      resolution: .cluster, slices: steps.last?.slices ?? 0, lowerBound: lower,
      upperBound: best.outcome.cost, steps: steps)
    return result
  }
}
