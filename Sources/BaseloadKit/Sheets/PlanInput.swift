import Foundation

/// Every sheet of one input folder, typed and validated.
public struct PlanInput: Sendable {
  public var folder: String
  public var settings: PlanSettings
  public var workloads: [Workload]
  public var profiles: [String: Profile]
  public var apis: [APIOffer]
  public var capacity: [CapacityOffer]
  public var commitments: [Commitment] = []
  public var contracts: [Contract] = []
  public var quality: [QualityOverride] = []
  public var current: [CurrentShare] = []
  public var scenarios: [ScenarioChange] = []
  /// `discounts.csv`: negotiated discounts off the list prices above, applied month by month through
  /// `PlacementData.priceFactor` (the offers keep their list prices).
  public var discounts: [Discount] = []
  /// `outlook.csv`: the futures of a stochastic plan (empty: none, unless plan.csv gives a growth range).
  public var outlook: [OutlookEntry] = []
  /// `usage.csv`: observed tasks per workload and UTC hour (hours since 1970-01-01).
  public var usage: [String: [Int64: Double]] = [:]

  /// All offer ids, APIs first, in sheet order.
  public var offerIDs: [String] { apis.map(\.id) + capacity.map(\.id) }

  /// Success rate of workload `w` on offer `o`: quality.csv override, else the workload's own.
  public func successRate(_ w: Workload, on offer: String) -> Double {
    quality.first { $0.workload == w.id && $0.offer == offer }?.successRate ?? w.successRate
  }

  /// Names of the scenarios in sheet order.
  public var scenarioNames: [String] {
    var seen: [String] = []
    for s in scenarios where !seen.contains(s.scenario) { seen.append(s.scenario) }
    return seen
  }
}
