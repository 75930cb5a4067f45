/// How a capacity offer is billed.
public enum Billing: String, Sendable {
  /// Paid for every hour of the term, used or not.
  case reserved
  /// Paid per unit-hour used.
  case onDemand = "on_demand"
}

extension CapacityOffer {
  /// After a scenario changed field `kp`: an output rate given as a weight follows a new input rate; an output
  /// rate changed itself is given from then on (the weight no longer applies).
  mutating func followOutputRate(changed kp: PartialKeyPath<CapacityOffer>) {
    if kp == \CapacityOffer.inputTokPerSecPerUnit, let w = outputTokenWeight {
      outputTokPerSecPerUnit = inputTokPerSecPerUnit / w
    } else if kp == \CapacityOffer.outputTokPerSecPerUnit {
      outputTokenWeight = nil
    }
  }
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
  /// When the sheet gave the output rate as `output_token_weight` (an output token counts as this many input
  /// tokens): output rate = input rate ÷ weight, so a scenario that changes the input rate changes the output
  /// rate with it. Nil when the output rate was given itself.
  public var outputTokenWeight: Double? = nil
  /// Capacity cost of a cached input token relative to an uncached one, 0...1.
  public var cachedInputWeight: Double
  public var line: Int = 0
}
