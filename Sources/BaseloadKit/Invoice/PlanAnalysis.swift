/// Use of one capacity offer in one month.
public struct CapacityUse: Sendable, Equatable {
  public var offer: String
  public var month: Month
  /// Units active (reserved) or mean units in use (on demand).
  public var units: Double
  /// Units bought at the start of the month (reserved).
  public var bought: Double
  /// Signed units from contracts.csv active this month.
  public var signed: Double
  /// Unit-hours paid.
  public var paidUnitHours: Double
  /// Unit-hours taken by the calls, utilisation cap included (what the units can give at their cap).
  public var usedUnitHours: Double
  /// Unit-hours the hardware is actually busy (no cap).
  public var busyUnitHours: Double
  /// Billed cost, $.
  public var cost: Double
  /// Peak load in any slice, units.
  public var peakLoad: Double
  /// Share of paid unit-hours used (cap included), 0...1.
  public var utilisation: Double { paidUnitHours > 0 ? usedUnitHours / paidUnitHours : 0 }
  /// Cost of unused unit-hours, $.
  public var idleCost: Double { paidUnitHours > 0 ? cost * max(0, 1 - utilisation) : 0 }
}

/// One workload's calls on one offer in one month.
public struct PlacementRow: Sendable, Equatable {
  public var workload: String
  public var offer: String
  public var month: Month
  public var calls: Double
  public var tokens: Double
  public var tasks: Double
  public var completedTasks: Double
  /// Share of the workload's calls in the month, 0...1.
  public var share: Double
  /// Cost allocated: usage directly, reserved and commitment charges by load share, $.
  public var cost: Double
  /// Human cost of failed tasks, $.
  public var humanCost: Double
}

/// Per-workload totals over the horizon.
public struct WorkloadTotals: Sendable, Equatable {
  public var workload: String
  public var cost: Double
  public var tokens: Double
  public var tasks: Double
  public var completedTasks: Double
  public var humanCost: Double
  /// Nil without tokens or tasks (a workload with no demand): shown as `—` and `null`, never as $0.
  public var costPerMtok: Double? { tokens > 0 ? cost / tokens * 1e6 : nil }
  public var costPerTask: Double? { tasks > 0 ? cost / tasks : nil }
  /// Cost per completed task, $; nil when no task completes (success rate 0), never $0 or infinity.
  public var costPerCompletedTask: Double? { completedTasks > 0 ? cost / completedTasks : nil }
}

/// Everything the reports say about a solved plan, computed once from the solution values.
public struct PlanAnalysis: Sendable {
  public var result: PlacementResult
  public var invoice: Invoice
  public var capacityUse: [CapacityUse]
  public var placement: [PlacementRow]
  public var workloads: [WorkloadTotals]
  /// Reserved and commitment charges no workload used (no load that month), $.
  public var unallocated: Double
  /// Every time slice's load and tokens per offer.
  public var slices: [SliceUse]
  /// How the plan was solved, read from the solution each time (so a path restated afterwards, as the outlook
  /// does for the sheets as they are, is what the reports say).
  public var solve: SolveSummary { Self.solveSummary(result) }
  /// Human cost of failed tasks over the horizon, $.
  public var humanCost: Double { workloads.reduce(0) { $0 + $1.humanCost } }

  public var data: PlacementData { result.data }

  /// Totals per team (the `workload` field holds the team name; empty = no team), in first-seen order.
  public var teams: [WorkloadTotals] {
    var order: [String] = []
    var sums: [String: WorkloadTotals] = [:]
    for w in workloads {
      let team = data.workloads.first { $0.id == w.workload }?.team ?? ""
      if sums[team] == nil {
        order.append(team)
        sums[team] = WorkloadTotals(
          workload: team, cost: 0, tokens: 0, tasks: 0, completedTasks: 0, humanCost: 0)
      }
      sums[team]!.cost += w.cost
      sums[team]!.tokens += w.tokens
      sums[team]!.tasks += w.tasks
      sums[team]!.completedTasks += w.completedTasks
      sums[team]!.humanCost += w.humanCost
    }
    return order.map { sums[$0]! }
  }
}
