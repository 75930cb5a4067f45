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
  /// The extensive form of the two-stage plan: every future's slices (and days) one after the other, each with
  /// its own demand, one set of capacity decisions for all. The futures share the per-call parameters
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
    for (fi, f) in futures.enumerated() {
      for s in f.slices.slices {
        var copy = s
        copy.index = slices.count
        copy.dayKey = fi * dayStride + s.dayKey
        slices.append(copy)
        owner.append(fi)
        for w in demand.indices { demand[w].append(f.demand(w, s)) }
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

  /// The future each slice belongs to, and the weight probability × calendar hours of each slice.
  public func probabilityWeight(_ s: TimeSlice) -> Double {
    guard let o = outlook else { return s.weight }
    return o.probabilities[o.sliceFuture[s.index]] * s.weight
  }
}
