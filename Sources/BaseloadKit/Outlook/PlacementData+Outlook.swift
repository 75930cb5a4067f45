import Foundation

/// The futures of a stacked placement: the model's sets S, probability, scenario{T}, risk_weight and risk_alpha.
public struct OutlookStack: Sendable, Equatable {
  /// Future names in outlook order.
  public var names: [String]
  /// Probability of each future, fraction; they sum to 1.
  public var probabilities: [Double]
  /// Future index of each slice of the stacked data.
  public var sliceFuture: [Int]
  /// λ, fraction 0…1.
  public var riskWeight: Double
  /// α, fraction 0…<1.
  public var riskAlpha: Double
}

extension PlacementData {
  /// The extensive form of the two-stage plan: every future's slices (and days), each with its own demand, one
  /// set of capacity decisions for all. Slices are ordered month by month (each month: every future's slices),
  /// so that a month's slices stay together for the decomposition (`SliceSet.slices(inMonth:)`). The futures share the per-call parameters
  /// (`PlanInput.outlookProblems` refuses any that do not); derived unit bounds are the largest any future
  /// needs.
  public static func stacked(
    _ futures: [PlacementData], names: [String], probabilities: [Double], settings: OutlookSettings
  ) -> PlacementData {
    var out = futures[0]
    var slices: [TimeSlice] = []
    var owner: [Int] = []
    var demand = [[Double]](repeating: [], count: out.workloads.count)
    // Day keys are below 40 per month × 36 months; a future's days start past every day of the one before.
    let dayStride = 40 * (out.months.count + 1)
    for mi in out.months.indices {
      for (fi, f) in futures.enumerated() {
        for s in f.slices.slices(inMonth: mi) {
          var copy = s
          copy.index = slices.count
          copy.dayKey = fi * dayStride + s.dayKey
          slices.append(copy)
          owner.append(fi)
          for w in demand.indices { demand[w].append(f.demand(w, s)) }
        }
      }
    }
    out.slices = SliceSet(months: out.months, resolution: out.slices.resolution, slices: slices)
    out.sliceDemand = demand
    for c in out.input.capacity where c.maxUnits == nil {
      out.maxUnits[c.id] = futures.map { $0.maxUnits[c.id] ?? 0 }.max() ?? 0
    }
    out.outlook = OutlookStack(
      names: names, probabilities: probabilities, sliceFuture: owner,
      riskWeight: settings.riskWeight, riskAlpha: settings.riskAlpha)
    return out
  }

  /// The mean-value problem: the base future's slices with the probability-weighted mean demand of the futures.
  public static func meanValue(_ futures: [PlacementData], probabilities: [Double])
    -> PlacementData
  {
    var out = futures[0]
    var demand = [[Double]](
      repeating: [Double](repeating: 0, count: out.slices.slices.count), count: out.workloads.count)
    for (f, p) in zip(futures, probabilities) {
      for s in f.slices.slices {
        for w in demand.indices { demand[w][s.index] += p * f.demand(w, s) }
      }
    }
    out.sliceDemand = demand
    for (oi, o) in out.offers.enumerated() {
      guard let c = o.capacity, c.maxUnits == nil else { continue }
      out.maxUnits[c.id] = max(
        out.boundUnits(offer: oi, c), futures.map { $0.maxUnits[c.id] ?? 0 }.max() ?? 0)
    }
    return out
  }

  /// The expected-cost form of a stacked plan (risk_weight 0): each slice weighs its calendar hours times its
  /// future's probability, and the futures are otherwise forgotten. Its optimum is the stacked model's — the
  /// objective's usage terms are exactly probability × weight — so the decomposition solves it as any plan: the
  /// futures' dispatch problems are independent once capacity is fixed, and every cut carries the probability
  /// in its slices' weights (the L-shaped method).
  public func expectedCostForm() -> PlacementData {
    guard let o = outlook else { return self }
    var out = self
    out.slices.slices = slices.slices.map { s in
      var copy = s
      copy.weight = s.weight * o.probabilities[o.sliceFuture[s.index]]
      return copy
    }
    out.outlook = nil
    return out
  }
}
