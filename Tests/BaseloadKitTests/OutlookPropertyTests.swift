import BaseloadTestSupport
import Foundation
import Testing

@testable import BaseloadKit

/// Plans for several futures on seeded random instances (`RandomPlan`: every feature), with the futures its
/// scenarios already hold (users scaled down and up) at 0.25 / 0.5 / 0.25.
@Suite struct OutlookPropertyTests {
  static let outlook = "scenario,probability\ndown,0.25\nbase,0.5\nup,0.25\n"

  @Test(arguments: 1...16) func randomOutlookIsConsistent(seed: Int) throws {
    let p = RandomPlan(seed: UInt64(seed))
    var sheets = p.sheets
    sheets["outlook.csv"] = Self.outlook
    let input = try TestFolder.load(sheets)
    let model = TestFolder.modelPath
    if p.infeasibleByDesign {
      #expect(throws: PlanError.self) {
        try OutlookResult.solve(input, modelPath: model, say: nil, solverProgress: nil)
      }
      return
    }
    let o = try OutlookResult.solve(input, modelPath: model, say: nil, solverProgress: nil)
    let e = o.expectedCost
    // Every plan here is optimal within the MIP gap, or (resolution cluster, the decomposition) the certified gap.
    let relative = max(input.settings.mipGap, input.settings.optimalityGap)
    let gap = relative * abs(e) + 1e-6 * max(1, abs(e))
    // The extensive form's objective is the expected cost of its own capacity, every future dispatched again.
    #expect(
      abs(o.stochastic.objective - e) <= 1e-6 * max(1, abs(e)),
      "seed \(seed): model \(o.stochastic.objective) vs futures \(e)")
    // Knowing the future never costs more; the range-aware plan is never worse than the mean-value plan.
    #expect(o.evpi >= -gap, "seed \(seed): EVPI \(o.evpi)")
    for f in o.futures {
      #expect(f.regret >= -gap, "seed \(seed): regret of \(f.name) \(f.regret)")
    }
    if let vss = o.vss { #expect(vss >= -gap, "seed \(seed): VSS \(vss)") }
    // The L-shaped method brackets the extensive form's optimum.
    var stacked = o.stochastic.data
    stacked.input.settings.resolution = .cluster
    let l = try PlacementSolver.solve(stacked, modelPath: model)
    if l.strategy?.path == .benders, let c = l.certificate {
      #expect(c.lowerBound <= o.stochastic.objective + gap, "seed \(seed): lower \(c.lowerBound)")
      #expect(
        c.upperBound >= o.stochastic.objective - gap, "seed \(seed): upper \(c.upperBound)")
    }
  }
}
