/// `outlook.csv`: one future the plan is made for, and how likely it is.
public struct OutlookEntry: Sendable, Equatable {
  /// A scenario of `scenarios.csv`, `base` (the sheets as they are), or `low` / `high` of the growth range.
  public var scenario: String
  /// Probability of this future, fraction in (0, 1]; the sheet's probabilities sum to 1.
  public var probability: Double
  /// Line in outlook.csv (for messages).
  public var line: Int = 0
}

/// How a plan weighs its futures (`plan.csv` keys `risk_weight`, `risk_alpha`, `growth_low_pct`, `growth_high_pct`).
public struct OutlookSettings: Sendable, Equatable {
  /// λ: weight of CVaR against the expected cost in the objective, fraction 0…1.
  public var riskWeight: Double = 0
  /// α: CVaR is the mean cost of the worst 1 − α of the futures, fraction 0…<1.
  public var riskAlpha: Double = 0.9
  /// Offset to every workload's `user_growth_pct_per_month` in the `low` future, % per month.
  public var growthLowPct: Double?
  /// Offset to every workload's `user_growth_pct_per_month` in the `high` future, % per month.
  public var growthHighPct: Double?
  /// Where plan.csv gives `growth_low_pct` (line, column of its value), for messages.
  public var growthLowLine = 1
  public var growthLowColumn = 1
  /// Where plan.csv gives `growth_high_pct`.
  public var growthHighLine = 1
  public var growthHighColumn = 1

  public init() {}

  /// The problem of a scenario of scenarios.csv named like the growth range's future `name` (`low`, `high`): one
  /// message whether outlook.csv names the future or the growth range implies it.
  static func futureNameClash(_ name: String) -> String {
    "'\(name)' is the growth range's future (growth_\(name)_pct in plan.csv), and scenarios.csv also defines a scenario '\(name)'; rename that scenario or drop the growth range"
  }

  /// Whether plan.csv gives a growth range (both keys).
  public var hasGrowthRange: Bool { growthLowPct != nil && growthHighPct != nil }

  /// The futures a growth range stands for when outlook.csv gives none: low / base / high at 0.25 / 0.5 / 0.25.
  public static let growthRangeFutures: [(String, Double)] = [
    ("low", 0.25), ("base", 0.5), ("high", 0.25),
  ]
}
