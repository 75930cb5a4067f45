/// `quality.csv`: a per-offer success rate.
public struct QualityOverride: Sendable, Equatable {
  public var workload: String
  public var offer: String
  public var successRate: Double
  /// Line in quality.csv (for messages).
  public var line: Int = 0
}
