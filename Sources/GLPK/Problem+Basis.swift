import CGLPK

extension Problem {
  /// Marks exactly the columns in `basicColumns` (0-based) and the rows in `basicRows` basic and every other
  /// column and row non-basic at its bound: a starting basis given by hand, which may be invalid (the wrong
  /// count) or singular — what `simplexRecovering` must start again from.
  func setBasis(basicColumns: Set<Int>, basicRows: Set<Int>) {
    let p = pointer
    for i in 0..<Int(glp_get_num_rows(p)) {
      glp_set_row_stat(p, Int32(i + 1), basicRows.contains(i) ? GLP_BS : GLP_NF)
    }
    for j in 0..<Int(glp_get_num_cols(p)) {
      glp_set_col_stat(p, Int32(j + 1), basicColumns.contains(j) ? GLP_BS : GLP_NL)
    }
  }

  /// The primal simplex, silent, from the basis as set, restarted as `simplexRecovering` says: GLPK's return code
  /// and the objective it reached.
  func simplexFromBasis() -> (code: Int32, objective: Double) {
    var smcp = glp_smcp()
    glp_init_smcp(&smcp)
    smcp.msg_lev = GLP_MSG_OFF
    let rc = simplexRecovering(&smcp)
    return (rc, glp_get_obj_val(pointer))
  }
}
