/// What every offer shares: who sells it and which workloads it may serve.
public protocol OfferTerms: Sendable {
  var id: String { get }
  var vendor: String { get }
  var model: String { get }
  /// Tiers served; `*` = any.
  var tiers: [String] { get }
  /// Regions served; `*` = any.
  var regions: [String] { get }
  /// Latency classes served.
  var latencies: Set<LatencyClass> { get }
}

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

/// `commitments.csv`: a savings-plan style spend commitment.
public struct Commitment: Sendable, Equatable {
  public var id: String
  public var vendor: String
  /// Offer ids whose usage it covers.
  public var appliesTo: [String]
  public var discountPct: Double
  public var termMonths: Int
  public var line: Int = 0
}

/// `contracts.csv`: capacity or commitment already signed.
public struct Contract: Sendable, Equatable {
  /// Capacity offer id or commitment id.
  public var offer: String
  /// Units (capacity offers).
  public var units: Double
  /// Committed USD per hour (commitments).
  public var usdPerHour: Double
  public var start: Month
  /// Last month billed, inclusive.
  public var end: Month
  public var line: Int = 0

  /// Whether the contract holds in month `m`.
  public func covers(_ m: Month) -> Bool { m >= start && m <= end }
}

/// `quality.csv`: a per-offer success rate.
public struct QualityOverride: Sendable, Equatable {
  public var workload: String
  public var offer: String
  public var successRate: Double
  /// Line in quality.csv (for messages).
  public var line: Int = 0
}

/// `current.csv`: today's routing share of a workload on an offer.
public struct CurrentShare: Sendable, Equatable {
  public var workload: String
  public var offer: String
  public var share: Double
}

/// How a scenario changes a field.
public enum ScenarioOp: String, Sendable {
  case set, scale, add
}

/// `scenarios.csv`: one change of a what-if scenario.
public struct ScenarioChange: Sendable, Equatable {
  public var scenario: String
  /// Workload id, offer id or `*`.
  public var target: String
  public var field: String
  public var op: ScenarioOp
  public var value: Double
  public var line: Int = 0
  public var targetColumn: Int = 1
  public var fieldColumn: Int = 1
  public var valueColumn: Int = 1
}
