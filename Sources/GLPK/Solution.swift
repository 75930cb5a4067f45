/// A solved problem read back from GLPK.
public struct Solution: Sendable {
  public var status: SolutionStatus
  /// How the solver call returned.
  public var stop: SolverStop
  public var isMIP: Bool
  /// Objective value (incumbent for a MIP).
  public var objective: Double
  /// Column values (MIP values for a MIP).
  public var columnValues: [Double]
  /// Row activities Σ a_j x_j.
  public var rowActivities: [Double]
  /// Row duals (LP only; empty for a MIP).
  public var rowDuals: [Double]
  /// Reduced costs (LP only; empty for a MIP).
  public var reducedCosts: [Double]
  /// Relative MIP gap when the search ended (0 when proved optimal; nil for an LP).
  public var mipGap: Double?
  /// Best bound seen on a MIP's optimum.
  public var bound: Double?
  public var columnNames: [String]
  public var rowNames: [String]
  /// Everything GLPK printed.
  public var terminalOutput: String
  /// Wall-clock seconds of the solve.
  public var seconds: Double
  /// The basis the simplex ended on (an LP only), to start a later solve from.
  public var basis: Basis? = nil

  /// Value of the column named `name`.
  public func value(ofColumn name: String) -> Double? {
    columnNames.firstIndex(of: name).map { columnValues[$0] }
  }
}
