import Foundation

extension Forecast {
  /// Hours in an average month (365.25 × 24 / 12), for growth between an observed hour and a planned one.
  static let hoursPerMonth = 730.5
  /// Most recent observed weeks averaged when the history does not reach a year back.
  static let recentWeeks = 4

  /// Fills `replay` (and the per-month mean and peak by hour of week) for every workload with observed hours.
  mutating func applyReplay(_ input: PlanInput) {
    for (wi, w) in input.workloads.enumerated() {
      guard let observed = input.usage[w.id], !observed.isEmpty else { continue }
      let hours = Self.replayHours(
        observed, months: months, growthPctPerMonth: w.userGrowthPctPerMonth)
      let calls = hours.map { $0 * w.callsPerTask }
      replay[wi] = calls
      for (mi, m) in months.enumerated() {
        var sum = [Double](repeating: 0, count: 168)
        var count = [Double](repeating: 0, count: 168)
        var peak = [Double](repeating: 0, count: 168)
        for k in 0..<m.hours {
          let how = ((m.firstWeekday + k / 24) % 7) * 24 + k % 24
          let v = calls[monthStartHour[mi] + k]
          sum[how] += v
          count[how] += 1
          peak[how] = max(peak[how], v)
        }
        callsPerHour[wi][mi] = (0..<168).map { count[$0] > 0 ? sum[$0] / count[$0] : 0 }
        peakCallsPerHour[wi][mi] = peak
      }
    }
  }

  /// Tasks in every calendar hour of `months`: the observed tasks of the same hour one year earlier when the
  /// history covers it, else the mean of the same hour of week over the most recent observed weeks (up to
  /// four); each scaled by `growth` compounded over the months between the observed and the planned hour.
  /// Hours inside the observed range without a row count as 0 tasks.
  static func replayHours(
    _ observed: [Int64: Double], months: [Month], growthPctPerMonth growth: Double
  ) -> [Double] {
    let first = observed.keys.min()!
    let last = observed.keys.max()!
    let weeks = max(1, min(recentWeeks, Int((last - first + 1) / 168)))
    func grown(_ tasks: Double, from source: Int64, to hour: Int64) -> Double {
      tasks * pow(1 + growth / 100, Double(hour - source) / hoursPerMonth)
    }
    var out: [Double] = []
    for m in months {
      let start = Int64(m.daysSinceEpoch) * 24
      let yearAgo = Month(year: m.year - 1, month: m.month)
      for k in 0..<Int64(m.hours) {
        let hour = start + k
        let day = Int(k / 24)
        let sourceDay = min(day, yearAgo.days - 1)
        let source = Int64(yearAgo.daysSinceEpoch + sourceDay) * 24 + k % 24
        if source >= first && source <= last {
          out.append(grown(observed[source] ?? 0, from: source, to: hour))
          continue
        }
        // The latest observed hour with the same hour of week, then the weeks before it.
        let offset = ((hour - last) % 168 + 168) % 168
        let latest = offset == 0 ? last : last + offset - 168
        var sum = 0.0
        var n = 0.0
        for j in 0..<weeks {
          let s = latest - Int64(j) * 168
          guard s >= first else { break }
          sum += grown(observed[s] ?? 0, from: s, to: hour)
          n += 1
        }
        out.append(n > 0 ? sum / n : 0)
      }
    }
    return out
  }
}
