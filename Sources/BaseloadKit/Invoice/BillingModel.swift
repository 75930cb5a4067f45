/// How a charge is billed, as the reports group spend: token APIs, on-demand capacity, reserved capacity,
/// spend commitments.
public enum BillingModel: Sendable, Equatable, CaseIterable {
  case tokenAPI
  case onDemandCapacity
  case reservedCapacity
  case spendCommitments

  /// The billing model of a kind of charge.
  public init(_ kind: ChargeKind) {
    switch kind {
    case .inputTokens, .cachedInputTokens, .outputTokens: self = .tokenAPI
    case .onDemandUnits: self = .onDemandCapacity
    case .reservedUnits: self = .reservedCapacity
    case .commitmentFee, .commitmentCoverage: self = .spendCommitments
    }
  }

  /// The name in report.md and summary.json, e.g. `token API`.
  public var title: String {
    switch self {
    case .tokenAPI: return "token API"
    case .onDemandCapacity: return "on-demand capacity"
    case .reservedCapacity: return "reserved capacity"
    case .spendCommitments: return "spend commitments"
    }
  }
}
