/// The latency class of a workload: how much headroom its calls need on capacity.
public enum LatencyClass: String, Sendable, CaseIterable, Comparable {
  case interactive, standard, batch

  static let byName: [String: LatencyClass] = Dictionary(
    uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

  public static func < (a: LatencyClass, b: LatencyClass) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// How finely time is modelled.
public enum Resolution: String, Sendable {
  /// One representative week per month, each hour-of-week weighted by how often it occurs (exact).
  case week
  /// Every calendar hour of the horizon.
  case hour
  /// Hour-of-week slices clustered per month, refined until the certified gap (lower bound from the clustered
  /// model, upper bound from dispatching every hour with its capacity) is within `optimality_gap`.
  case cluster
  /// The exact week model when it is small, the certified decomposition when it is not
  /// (`SolveStrategy.choose(for:)`).
  case auto
}

/// Where each hour's demand comes from (`demand_shape` in plan.csv).
public enum DemandShape: String, Sendable {
  /// The workload's hour-of-week profile × its monthly level (users, growth).
  case profile
  /// The observed tasks of `usage.csv`: the same hour a year earlier, else the same hour of week of the most
  /// recent observed weeks, scaled by growth.
  case replay
}

/// `plan.csv`: the horizon and solver settings.
/// How `resolution,cluster` finds the capacity to buy (`decomposition` in plan.csv).
public enum Decomposition: String, Sendable {
  /// Benders cuts where the plan allows it, else clusters.
  case auto
  /// Cluster the hours and solve the clustered MIP, doubling the clusters until the gap is met.
  case clusters
  /// A capacity master with Benders cuts from the dispatch LPs of every slice.
  case benders
}

public struct PlanSettings: Sendable {
  public var name: String
  public var start: Month
  /// Horizon length, calendar months (1...36).
  public var months: Int
  public var currency: String = "USD"
  /// How the reports write money in `currency`.
  public var currencyStyle: Currency { Currency(currency) }
  public var resolution: Resolution = .auto
  /// Solver time limit, seconds.
  public var timeLimitSeconds: Double = 60
  /// Relative MIP gap at which the solver may stop.
  public var mipGap: Double = 0.0001
  /// Whether `plan` also prices every quote (standalone solves and break-even prices; slower).
  public var quotes = false
  /// Certified optimality gap for clustered solves (relative).
  public var optimalityGap: Double = 0.001
  /// How a clustered solve finds the capacity: Benders cuts (`auto`, `benders`) or a refined clustered MIP.
  public var decomposition: Decomposition = .auto
  /// How the futures of `outlook.csv` (or the growth range) are weighed.
  public var outlook = OutlookSettings()
  /// Profile × level, or observed hours replayed (`usage.csv`).
  public var demandShape: DemandShape = .profile
  /// Utilisation cap per latency class, fraction of capacity (0, 1].
  public var utilisationCap: [LatencyClass: Double] = [
    .interactive: 0.6, .standard: 0.8, .batch: 0.95,
  ]

  public init(name: String, start: Month, months: Int) {
    self.name = name
    self.start = start
    self.months = months
  }

  /// The months of the horizon in order.
  public var horizon: [Month] { (0..<months).map { start.adding($0) } }

  /// Horizon end (exclusive).
  public var end: Month { start.adding(months) }
}
