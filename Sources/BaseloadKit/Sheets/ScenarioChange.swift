/// How a scenario changes a field.
public enum ScenarioOp: String, Sendable {
  case set, scale, add
}

/// `scenarios.csv`: one change of a what-if scenario.
public struct ScenarioChange: Sendable, Equatable {
  public var scenario: String
  /// Workload id, offer id or `*`.
  public var target: String
  public var field: String
  public var op: ScenarioOp
  public var value: Double
  public var line: Int = 0
  /// Column of the value cell in scenarios.csv (for messages).
  public var valueColumn: Int = 1
}
