import CGLPK
import Foundation

/// Solves `LinearProgram`s with GLPK; each call creates, solves, reads and deletes its problem in one scope.
public enum GLPKSolver {
  /// Solves `lp`: simplex for an LP, glp_intopt for a MIP. GLPK's output is captured into the solution.
  /// With `hooks`, a MIP is solved by branch and cut with the caller's lazy rows and heuristic (see
  /// `BranchAndCut`); the solution then also lists the lazy rows GLPK kept at the root.
  public static func solve(
    _ lp: LinearProgram, options: SolverOptions = SolverOptions(),
    hooks: (any BranchAndCut)? = nil
  ) throws(GLPKError) -> Solution {
    try lp.validate()
    return TerminalCapture.withBuffer { buffer in
      Problem.with { p in
        p.load(lp)
        let start = Date()
        let r = p.solve(options, hooks: hooks)
        return p.read(r, output: buffer.text, seconds: Date().timeIntervalSince(start))
      }
    }
  }

  /// Writes `lp` in free MPS format (for HiGHS, CBC or glpsol --freemps).
  public static func writeMPS(_ lp: LinearProgram, to path: String) throws(GLPKError) {
    try lp.validate()
    let (rc, out) = TerminalCapture.capture {
      Problem.with { p in
        p.load(lp)
        return glp_write_mps(p.pointer, GLP_MPS_FILE, nil, path)
      }
    }
    if rc != 0 { throw .solverFailed(stop: .other(rc), output: out) }
  }
}
