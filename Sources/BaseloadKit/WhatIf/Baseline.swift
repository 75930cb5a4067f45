/// What the plan is compared with.
public enum BaselineKind: String, Sendable {
  /// Today's routing from current.csv, reserved capacity sized to it, signed commitments only.
  case current
  /// No current.csv: the cheapest placement on token APIs alone (for workloads an API can serve), signed contracts kept.
  case allAPI = "all-API"

  /// Words for the report.
  public var description: String {
    switch self {
    case .current:
      return
        "today's routing (current.csv), with reserved capacity sized to it and signed commitments only"
    case .allAPI:
      return
        "the cheapest all-API placement (no current.csv was given): every workload a token API can serve runs on token APIs; signed contracts are still billed"
    }
  }
}

/// The baseline plan and how it was made.
public struct Baseline: Sendable {
  public var kind: BaselineKind
  public var analysis: PlanAnalysis

  /// The baseline's placement data for an input: fixed routing, or APIs only.
  public static func data(for input: PlanInput) -> (BaselineKind, PlacementData) {
    var data = PlacementData(input: input)
    data.allowNewCommitments = false
    if input.current.isEmpty {
      data.restrictToAPIs()
      return (.allAPI, data)
    }
    for row in input.current { data.routing[row.workload, default: [:]][row.offer] = row.share }
    return (.current, data)
  }

  /// Solves the baseline.
  public static func solve(_ input: PlanInput, modelPath: String? = nil) throws -> Baseline {
    let (kind, data) = Self.data(for: input)
    return Baseline(
      kind: kind, analysis: PlanAnalysis(try PlacementSolver.solve(data, modelPath: modelPath)))
  }
}
