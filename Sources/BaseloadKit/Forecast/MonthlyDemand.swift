/// Totals of one workload in one month.
public struct MonthlyDemand: Sendable, Equatable {
  public var workload: String
  public var month: Month
  /// Totals over the month's calendar hours.
  public var totals: DemandRates
  /// Peak and mean tokens per hour over the month's calendar hours.
  public var peakTokensPerHour: Double
  public var meanTokensPerHour: Double
  public var peakToMean: Double {
    meanTokensPerHour > 0 ? peakTokensPerHour / meanTokensPerHour : 0
  }
}

extension Forecast {
  /// Monthly totals per workload, summed over the slices (any resolution gives the same totals).
  public func monthly(_ slices: SliceSet) -> [MonthlyDemand] {
    var out: [MonthlyDemand] = []
    for (wi, w) in workloads.enumerated() {
      for (mi, month) in months.enumerated() {
        var total = DemandRates.zero
        var peak = 0.0
        var hours = 0.0
        for s in slices.slices(inMonth: mi) {
          let r = DemandRates(calls: calls(wi, s), workload: w)
          total = total + r.times(s.weight)
          if s.weight > 0 { peak = max(peak, r.tokens) }
          hours += s.weight
        }
        out.append(
          MonthlyDemand(
            workload: w.id, month: month, totals: total, peakTokensPerHour: peak,
            meanTokensPerHour: hours > 0 ? total.tokens / hours : 0))
      }
    }
    return out
  }
}
