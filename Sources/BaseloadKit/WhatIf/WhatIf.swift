/// How a what-if treats capacity already bought.
public enum WhatIfMode: String, Sendable, CaseIterable {
  /// Every reserved unit and commitment of the baseline plan stays as bought; only usage re-optimises.
  case locked
  /// Signed contracts stay until their end; everything else re-optimises.
  case renewal = "at renewal"
}

/// One scenario solved in one mode, compared with the baseline plan.
public struct ScenarioOutcome: Sendable {
  public var scenario: String
  public var mode: WhatIfMode
  public var analysis: PlanAnalysis
  public var diff: InvoiceDiff
}

/// Runs scenarios against a baseline plan.
public enum WhatIf {
  /// Solves `scenario` of `input` in `mode` against the solved baseline `plan`.
  public static func run(
    _ input: PlanInput, scenario: String, mode: WhatIfMode, plan: PlanAnalysis,
    modelPath: String? = nil
  )
    throws -> ScenarioOutcome
  {
    var data = PlacementData(input: input.applying(scenario: scenario))
    if mode == .locked {
      data.hold(units: plan.result.units, levels: plan.result.levels)
    }
    let analysis = PlanAnalysis(try PlacementSolver.solve(data, modelPath: modelPath))
    return ScenarioOutcome(
      scenario: scenario, mode: mode, analysis: analysis,
      diff: InvoiceDiff(before: plan, after: analysis))
  }
}

extension WhatIfMode {
  /// `Locked`, `At renewal`.
  public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
