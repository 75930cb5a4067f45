/// What every offer carried in one time slice: the per-hour figures the hourly table and the charts draw.
public struct SliceUse: Sendable, Equatable {
  public var slice: TimeSlice
  /// Load on each offer (index into `PlanAnalysis.offers`), unit-hours per hour, latency headroom
  /// (utilisation cap) included; 0 for APIs.
  public var load: [Double]
  /// Tokens per hour served by each offer (index into `PlanAnalysis.offers`).
  public var tokens: [Double]
  /// Tokens per hour served by reserved offers (baseload), and by every other offer (peaks). Derivable from
  /// `tokens`, but summed pair by pair as the load-duration chart always has, so its bytes stay the same.
  public var reservedTokens: Double
  public var otherTokens: Double
}

/// How the plan was solved, as the reports state it.
public struct SolveSummary: Sendable {
  public var status: PlanStatus
  /// The path taken and why; nil for a solve that did not go through `SolveStrategy`.
  public var strategy: SolveStrategy?
  /// TotalCost of the model: invoice plus human cost of failures, $.
  public var objective: Double
  /// Relative MIP gap at the end (nil for a pure LP or a certified decomposition).
  public var mipGap: Double?
  /// Lower and upper bounds on the optimum when the plan is certified rather than proved.
  public var certificate: Certificate?
  /// Resolution of the model's time slices.
  public var resolution: Resolution
  /// Time slices in the model.
  public var sliceCount: Int
  /// Compatible workload/offer pairs.
  public var pairCount: Int
}

extension PlanAnalysis {
  /// Every slice's load and tokens per offer, from the solution's calls per pair and slice.
  static func sliceUses(_ result: PlacementResult) -> [SliceUse] {
    let d = result.data
    return d.slices.slices.map { s in
      var load = [Double](repeating: 0, count: d.offers.count)
      var tokens = [Double](repeating: 0, count: d.offers.count)
      var reserved = 0.0
      var other = 0.0
      for (pi, p) in d.pairs.enumerated() {
        let calls = result.flows[pi][s.index]
        let t = calls * d.workloads[p.workload].tokensPerCall
        load[p.offer] += calls * p.load
        tokens[p.offer] += t
        if d.offers[p.offer].isReserved { reserved += t } else { other += t }
      }
      return SliceUse(
        slice: s, load: load, tokens: tokens, reservedTokens: reserved, otherTokens: other)
    }
  }

  /// The solve as the reports state it.
  static func solveSummary(_ result: PlacementResult) -> SolveSummary {
    SolveSummary(
      status: result.status, strategy: result.strategy, objective: result.objective,
      mipGap: result.mipGap, certificate: result.certificate,
      resolution: result.data.slices.resolution, sliceCount: result.data.slices.slices.count,
      pairCount: result.data.pairs.count)
  }

  /// The sheets the plan was made from.
  public var input: PlanInput { data.input }
  /// plan.csv's settings.
  public var settings: PlanSettings { data.input.settings }
  /// The months of the horizon.
  public var months: [Month] { data.months }
  /// Every offer, APIs and capacity, in the order `SliceUse` indexes them.
  public var offers: [OfferRef] { data.offers }
  /// Reserved units active per offer id and month index, units.
  public var reservedUnits: [String: [Double]] { result.units }
  /// Reserved units bought at the start of each month per offer id, units.
  public var unitsBought: [String: [Double]] { result.bought }
  /// Commitment level bought at the start of each month per commitment id, $/h.
  public var levelsBought: [String: [Double]] { result.levelBought }
  /// The model data the plan was solved from (`placement.dat`, GNU MathProg).
  public var modelData: String { data.mathProgData() }
  /// Slices of month `mi`.
  public func slices(inMonth mi: Int) -> [SliceUse] { slices.filter { $0.slice.monthIndex == mi } }
}
