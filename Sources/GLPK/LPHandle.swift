import CGLPK

/// A problem kept alive for many small re-solves (e.g. per-hour dispatch with warm starts).
/// Lives only inside `LPHandle.with`, on one thread; never store or share it.
public final class LPHandle {
  let problem: Problem
  let buffer: TerminalBuffer

  init(_ problem: Problem, _ buffer: TerminalBuffer) {
    self.problem = problem
    self.buffer = buffer
  }

  /// Builds `lp` in GLPK, runs `body`, then deletes the problem.
  public static func with<R>(_ lp: LinearProgram, _ body: (LPHandle) throws -> R) throws -> R {
    try lp.validate()
    return try TerminalCapture.withBuffer { buffer in
      try Problem.with { p in
        p.load(lp)
        // Equilibrate once: dispatch rows mix loads of 1e-5 unit-hours per call with token counts per minute.
        glp_scale_prob(p.pointer, GLP_SF_AUTO)
        return try body(LPHandle(p, buffer))
      }
    }
  }

  /// Changes row `row`'s bounds.
  public func setRowBounds(_ row: Int, _ bounds: Bounds) {
    let (t, lb, ub) = Problem.glpkBounds(bounds)
    glp_set_row_bnds(problem.pointer, Int32(row + 1), t, lb, ub)
  }

  /// Re-solves from the current basis (warm start); dual simplex by default. `iterationLimit` stops a stalling
  /// warm start (the status is then not optimal, and the caller can re-solve from scratch).
  public func solveSimplex(dual: Bool = true, presolve: Bool = false, iterationLimit: Int? = nil)
    throws(GLPKError) -> SolutionStatus
  {
    var smcp = glp_smcp()
    glp_init_smcp(&smcp)
    if let iterationLimit { smcp.it_lim = Int32(clamping: iterationLimit) }
    smcp.msg_lev = GLP_MSG_ERR
    smcp.meth = dual ? GLP_DUALP : GLP_PRIMAL
    smcp.presolve = presolve ? GLP_ON : GLP_OFF
    var rc = problem.simplexRecovering(&smcp)
    if presolve && rc == 0 && glp_get_status(problem.pointer) == GLP_OPT {
      // The presolver's recovered values can break a row of the problem as stated (see `Problem.polish`): the
      // simplex again without it, from the recovered basis, gives values that satisfy every row.
      rc = problem.simplexWithoutPresolver(smcp)
    }
    let stop = SolverStop(glpk: rc)
    if rc == GLP_EITLIM { return .undefined }
    if rc != 0 && stop != .noPrimalFeasible && stop != .noDualFeasible {
      throw .solverFailed(stop: stop, output: buffer.text)
    }
    return SolutionStatus(glpk: glp_get_status(problem.pointer))
  }

  public var objective: Double { glp_get_obj_val(problem.pointer) }
  public func columnValue(_ column: Int) -> Double {
    glp_get_col_prim(problem.pointer, Int32(column + 1))
  }
  public func rowDual(_ row: Int) -> Double { glp_get_row_dual(problem.pointer, Int32(row + 1)) }
  /// Row `row`'s activity (the value of its linear form).
  public func rowValue(_ row: Int) -> Double { glp_get_row_prim(problem.pointer, Int32(row + 1)) }
  /// Whether row `row` is basic in the current basis (its bound is not binding).
  public func rowIsBasic(_ row: Int) -> Bool {
    glp_get_row_stat(problem.pointer, Int32(row + 1)) == GLP_BS
  }
}
