/// How the solve ended.
public enum PlanStatus: Sendable, Equatable {
  /// Proven optimal (within the MIP gap of plan.csv).
  case optimal
  /// The time limit stopped the solver; the best plan found is reported with its gap.
  case timeLimit
  /// The certified decomposition made its most capacity-master solves or dispatches, or its search ended, without
  /// reaching the target gap; the best plan found is reported with its gap.
  case iterationLimit
  /// The integer capacity search failed numerically with a plan in hand; that plan is reported with the
  /// bounds proven so far.
  case masterFailure

  /// Whether the solve stopped before proving its target (exit 4).
  public var stoppedShort: Bool { self != .optimal }

  /// What stopped the solve, in words, for a reader; nil when it finished.
  public var reason: String? {
    switch self {
    case .optimal: return nil
    case .timeLimit: return "time limit reached"
    case .iterationLimit:
      return
        "the capacity search stopped short of the gap (its most capacities dispatched, or it ended)"
    case .masterFailure: return "the integer capacity search failed numerically"
    }
  }

  /// The status as summary.json spells it.
  public var key: String {
    switch self {
    case .optimal: return "optimal"
    case .timeLimit: return "time_limit"
    case .iterationLimit: return "iteration_limit"
    case .masterFailure: return "master_failure"
    }
  }
}

/// The optimised plan as values: calls placed per pair and slice, units, commitment levels.
public struct PlacementResult: Sendable {
  public var data: PlacementData
  public var status: PlanStatus
  /// TotalCost of the model: invoice plus human cost of failures, $.
  public var objective: Double
  /// Relative MIP gap at the end (nil for a pure LP).
  public var mipGap: Double?
  /// Calls per hour, `[pair][slice]`.
  public var flows: [[Double]]
  /// Reserved units active, per offer id and month index.
  public var units: [String: [Double]]
  /// Reserved units bought at the start of each month (steps × step), per offer id and month index.
  public var bought: [String: [Double]]
  /// Commitment level active, $/h, per commitment id and month index.
  public var levels: [String: [Double]]
  /// Commitment level bought at the start of each month, $/h.
  public var levelBought: [String: [Double]]
  /// Discounted usage covered, $/h, per commitment id and slice.
  public var covered: [String: [Double]]
  /// Lower and upper bound on the optimum over every real hour.
  public var certificate: Certificate? = nil
  /// The solve path taken and why (`SolveStrategy.choose(for:)`, or the fallback that replaced it).
  public var strategy: SolveStrategy? = nil
}
