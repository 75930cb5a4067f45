import Testing

@testable import GLPK

/// The simplex starts again from a basis it can use when the one it is given is invalid or singular.
@Suite struct SimplexRestartTests {
  /// max 3x + 2y + 2z s.t. x + y + z ≤ 4, x + 3y + 3z ≤ 7, x ≤ 3 (y and z the same column): the optimum is 11
  /// (x = 3, y + z = 1), as in `handCheckableLP`.
  static func program() -> LinearProgram {
    var lp = LinearProgram(name: "restart", sense: .maximize)
    let x = lp.addColumn("x", objective: 3)
    let y = lp.addColumn("y", objective: 2)
    let z = lp.addColumn("z", objective: 2)
    lp.addRow("sum", bounds: .upper(4), coefficients: [(x, 1), (y, 1), (z, 1)])
    lp.addRow("mix", bounds: .upper(7), coefficients: [(x, 1), (y, 3), (z, 3)])
    lp.addRow("cap", bounds: .upper(3), coefficients: [(x, 1)])
    return lp
  }

  /// Solves `program()` from a basis of `basicColumns` and `basicRows`: GLPK's return code and the objective.
  static func solve(basicColumns: Set<Int>, basicRows: Set<Int>) throws -> (Int32, Double) {
    let lp = program()
    try lp.validate()
    return Problem.with { p in
      p.load(lp)
      p.setBasis(basicColumns: basicColumns, basicRows: basicRows)
      return p.simplexFromBasis()
    }
  }

  /// Four basic variables for three rows: GLPK returns GLP_EBADB without a restart.
  @Test func anInvalidBasisIsReplaced() throws {
    let (rc, objective) = try Self.solve(basicColumns: [0, 1, 2], basicRows: [0])
    #expect(rc == 0)
    #expect(abs(objective - 11) < 1e-9)
  }

  /// y and z basic together: their columns are equal, so the basis matrix is singular (GLP_ESING).
  @Test func aSingularBasisIsReplaced() throws {
    let (rc, objective) = try Self.solve(basicColumns: [1, 2], basicRows: [2])
    #expect(rc == 0)
    #expect(abs(objective - 11) < 1e-9)
  }
}
