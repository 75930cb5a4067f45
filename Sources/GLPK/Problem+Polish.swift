import CGLPK
import Foundation

extension Problem {
  /// Re-solves the solution GLPK's presolver recovered on the problem as stated, so that every value the caller
  /// reads satisfies the original rows to the simplex's own tolerance.
  ///
  /// The presolver's postsolve can return values that break an original row by more than that: soak seed 19228
  /// credited a commitment with $0.0011/h more than the usage it covers (3.2 parts in a million of the plan's
  /// cost), so the exact model reported $0.98 less than its own plan costs. For an LP the simplex is run again
  /// without the presolver from the recovered basis (usually no iteration); its outcome is then the LP's (a
  /// re-solve that fails leaves a status that says so). For a MIP every integer column is fixed at its rounded
  /// value and the continuous rest is solved as an LP; true when that LP is optimal (its values are then the
  /// solution), false leaves the MIP's own values to be read.
  func polish(_ smcp: glp_smcp, timeLimitMilliseconds: Int32) -> Bool {
    var smcp = smcp
    smcp.tm_lim = timeLimitMilliseconds
    let p = pointer
    guard isMIP else {
      return glp_get_status(p) == GLP_OPT && simplexWithoutPresolver(smcp) == 0
        && glp_get_status(p) == GLP_OPT
    }
    let status = glp_mip_status(p)
    guard status == GLP_OPT || status == GLP_FEAS else { return false }
    for j in stride(from: Int32(1), through: glp_get_num_cols(p), by: 1)
    where glp_get_col_kind(p, j) != GLP_CV {
      let v = glp_mip_col_val(p, j).rounded()
      glp_set_col_bnds(p, j, GLP_FX, v, v)
    }
    return simplexWithoutPresolver(smcp) == 0 && glp_get_status(p) == GLP_OPT
  }

  /// glp_simplex with `smcp` but without the presolver, from the current basis (after a presolved solve, the
  /// basis it recovered), restarted as `simplexRecovering` says: GLPK's return code.
  func simplexWithoutPresolver(_ smcp: glp_smcp) -> Int32 {
    var smcp = smcp
    smcp.presolve = GLP_OFF
    return simplexRecovering(&smcp)
  }
}
