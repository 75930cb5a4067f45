/// How a capacity offer is billed.
public enum Billing: String, Sendable {
  /// Paid for every hour of the term, used or not.
  case reserved
  /// Paid per unit-hour used.
  case onDemand = "on_demand"
}

/// `capacity.csv`: GPUs, dedicated endpoints, provisioned throughput.
public struct CapacityOffer: OfferTerms, Equatable {
  public var id: String
  public var vendor: String
  public var model: String
  public var tiers: [String]
  public var regions: [String]
  public var latencies: Set<LatencyClass>
  /// Billing unit name: GPU, PTU, MU…
  public var unit: String
  public var usdPerUnitHour: Double
  public var billing: Billing
  /// Reserved term, months.
  public var termMonths: Int
  /// Fewest units when active.
  public var minUnits: Double
  /// Units come in multiples of this.
  public var unitStep: Double
  /// Most units; nil = no limit.
  public var maxUnits: Double?
  /// Input (prefill) tokens per second per unit.
  public var inputTokPerSecPerUnit: Double
  /// Output (decode) tokens per second per unit.
  public var outputTokPerSecPerUnit: Double
  /// Capacity cost of a cached input token relative to an uncached one, 0...1.
  public var cachedInputWeight: Double
  public var line: Int = 0
}
