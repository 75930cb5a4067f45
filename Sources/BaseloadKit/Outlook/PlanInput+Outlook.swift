import Foundation

extension PlanInput {
  /// The futures of a stochastic plan with their probabilities: outlook.csv, else the growth range's low / base /
  /// high at 0.25 / 0.5 / 0.25; empty for a deterministic plan.
  public var outlookFutures: [(name: String, probability: Double)] {
    if !outlook.isEmpty { return outlook.map { ($0.scenario, $0.probability) } }
    if settings.outlook.hasGrowthRange {
      return OutlookSettings.growthRangeFutures.map { ($0.0, $0.1) }
    }
    return []
  }

  /// The sheets of future `name`: a scenario of scenarios.csv with its changes applied, the growth range's `low`
  /// or `high` (every workload's monthly growth offset), or `base` (the sheets as they are). Scenarios are
  /// dropped: a future is planned, not compared.
  public func future(_ name: String) -> PlanInput {
    if scenarioNames.contains(name) { return applying(scenario: name) }
    var copy = self
    copy.scenarios = []
    copy.outlook = []
    let o = settings.outlook
    let offset: Double? =
      name == "low" ? o.growthLowPct : name == "high" ? o.growthHighPct : nil
    if let offset {
      for i in copy.workloads.indices { copy.workloads[i].userGrowthPctPerMonth += offset }
    }
    return copy
  }

  /// The fields a future of outlook.csv may change: demand volumes (the stacked model shares every other
  /// parameter across futures).
  static let outlookVolumeFields: Set<String> = [
    "users", "user_growth_pct_per_month", "sessions_per_user_per_day", "prompts_per_session",
  ]

  /// The problem of future `name` changing `field`, a field outside `outlookVolumeFields`.
  static func outlookFieldProblem(future name: String, field: String) -> String {
    "outlook future '\(Diagnostic.echo(name))' changes \(field), which changes the cost, load or tokens of a call; a future of outlook.csv may change demand volumes only (\(outlookVolumeFields.sorted().joined(separator: ", ")))"
  }

  /// Futures that change what a call costs, loads or weighs (token counts, prices, throughput, success rates):
  /// the stacked model shares those parameters across futures, so a future may change demand volumes only.
  /// Each problem is located at the change that causes it (or the future's outlook.csv row).
  func outlookProblems() -> DiagnosticList {
    var out = DiagnosticList()
    let futures = outlookFutures
    guard !futures.isEmpty else { return out }
    let base = PlacementData(input: future("base"))
    for (name, _) in futures {
      let f = future(name)
      let data = PlacementData(input: f)
      let sameCalls = zip(f.workloads, workloads).allSatisfy {
        $0.tokensPerCall == $1.tokensPerCall && $0.deferHours == $1.deferHours
      }
      guard data.pairs != base.pairs || !sameCalls || f.apis != apis || f.capacity != capacity
      else { continue }
      let changes = scenarios.filter { $0.scenario == name }
      let row = outlook.first { $0.scenario == name }
      if let c = changes.first(where: { !Self.outlookVolumeFields.contains($0.field) })
        ?? changes.first
      {
        out.add("scenarios.csv", c.line, 1, Self.outlookFieldProblem(future: name, field: c.field))
      } else {
        out.add(
          "outlook.csv", row?.line ?? 1, 1,
          "outlook future '\(Diagnostic.echo(name))' changes the cost, load or tokens of a call; a future may change demand volumes only"
        )
      }
    }
    return out
  }
}
