/// `apis.csv`: a pay-per-token API.
public struct APIOffer: OfferTerms, Equatable {
  public var id: String
  public var vendor: String
  public var model: String
  public var tiers: [String]
  public var regions: [String]
  public var latencies: Set<LatencyClass>
  /// USD per million uncached input tokens.
  public var usdPerMtokInput: Double
  /// USD per million cached input tokens.
  public var usdPerMtokCachedInput: Double
  /// USD per million output tokens (reasoning included).
  public var usdPerMtokOutput: Double
  /// Percent off for batch-latency workloads.
  public var batchDiscountPct: Double
  /// Tokens per minute (input + output); nil = no limit.
  public var rateLimitTPM: Double?
  public var line: Int = 0
}
