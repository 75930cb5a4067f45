/// `profiles.csv`: relative arrivals by hour of week.
public struct Profile: Sendable, Equatable {
  public var id: String
  /// 168 weights, index = day × 24 + hour, day 0 = Monday.
  public var weights: [Double]
  public var line: Int = 0

  /// Share of a week's arrivals in each hour of week (sums to 1).
  public var shares: [Double] {
    let total = weights.reduce(0, +)
    return weights.map { $0 / total }
  }
}
