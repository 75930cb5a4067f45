import CGLPK

/// A simplex basis: whether each row and column of a problem is basic, or non-basic at which bound. An LP solve
/// returns the basis it ended on (`Solution.basis`); given back (`SolverOptions.startBasis`) for the same
/// problem with rows appended, such as cuts, the dual simplex starts there instead of from scratch. The appended
/// rows start basic, which keeps the basis square and, when it was optimal, dual feasible.
public struct Basis: Sendable, Equatable {
  /// GLPK's status of each row and column (GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS); read only here.
  let rows: [Int32]
  let columns: [Int32]

  /// Rows in the problem the basis was read from.
  public var rowCount: Int { rows.count }
}

extension Problem {
  /// The current basis.
  func basis() -> Basis {
    let p = pointer
    return Basis(
      rows: (0..<Int(glp_get_num_rows(p))).map { glp_get_row_stat(p, Int32($0 + 1)) },
      columns: (0..<Int(glp_get_num_cols(p))).map { glp_get_col_stat(p, Int32($0 + 1)) })
  }

  /// Starts from `b`: its rows' and columns' statuses, rows beyond it basic. Used only when the columns are the
  /// same in number (otherwise the standard basis stays). GLPK replaces a status its bound type cannot have with
  /// the one it can (a free row's "at lower bound" with "free").
  func use(_ b: Basis) {
    let p = pointer
    let m = Int(glp_get_num_rows(p))
    guard Int(glp_get_num_cols(p)) == b.columns.count, b.rows.count <= m else { return }
    for (i, s) in b.rows.enumerated() { glp_set_row_stat(p, Int32(i + 1), s) }
    for i in b.rows.count..<m { glp_set_row_stat(p, Int32(i + 1), GLP_BS) }
    for (j, s) in b.columns.enumerated() { glp_set_col_stat(p, Int32(j + 1), s) }
  }
}
