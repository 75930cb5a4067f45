import CGLPK

/// Hooks into GLPK's branch and cut (`glp_intopt`'s callback): rows generated during the search and solutions
/// found by the caller's own heuristic. Called on the solving thread while the search runs, never after.
///
/// With hooks, GLPK's MIP presolver and its own rounding, feasibility-pump and proximity heuristics are off:
/// every integer solution the search accepts has passed `lazyRows` (or came from `heuristic`), so rows that
/// only `lazyRows` knows can never be bypassed.
public protocol BranchAndCut: AnyObject {
  /// Rows to add at node `node` (GLPK's reference number of the current subproblem) whose LP relaxation is
  /// solved, given every column's value (`integral`: every integer column is within 1e-4 of an integer). The rows must be valid for the whole problem (lazy
  /// constraints): the node is re-solved with them, and an integral solution is accepted only when none is
  /// returned. GLPK keeps a row only below the node that added it, so the caller keeps its own pool and
  /// returns whatever the node's solution violates.
  func lazyRows(at x: [Double], integral: Bool, node: Int) -> [LinearProgram.Row]
  /// An integer solution (every column's value, each row satisfied) better than any the search may have, at a
  /// node whose LP relaxation `x` is fractional; nil for none.
  func heuristic(near x: [Double]) -> [Double]?
  /// Whether to end the search now (the caller's own time limit or a failure it will report).
  var shouldStop: Bool { get }
  /// The search's best bound, at every call (not at a clock's pace, so what the caller records of it does not
  /// depend on the machine's speed).
  func observe(bound: Double)
}

extension BranchAndCut {
  public func observe(bound: Double) {}
}

/// What a search with hooks carries through the C callback.
final class SearchContext {
  let tracker: MIPTracker
  let hooks: (any BranchAndCut)?
  /// Indices (0-based) of the integer and binary columns.
  let integerColumns: [Int]

  init(tracker: MIPTracker, hooks: (any BranchAndCut)?, integerColumns: [Int]) {
    self.tracker = tracker
    self.hooks = hooks
    self.integerColumns = integerColumns
  }

  /// One callback from glp_intopt.
  func callback(_ tree: OpaquePointer) {
    tracker.observe(tree)
    guard let hooks else { return }
    if let b = tracker.bound { hooks.observe(bound: b) }
    let reason = glp_ios_reason(tree)
    if reason == GLP_IROWGEN || reason == GLP_IHEUR, let p = glp_ios_get_prob(tree) {
      let n = Int(glp_get_num_cols(p))
      let x = (0..<n).map { glp_get_col_prim(p, Int32($0 + 1)) }
      if reason == GLP_IROWGEN {
        let integral = integerColumns.allSatisfy { abs(x[$0] - x[$0].rounded()) <= 1e-4 }
        add(
          hooks.lazyRows(at: x, integral: integral, node: Int(glp_ios_curr_node(tree))), to: p)
      } else if let solution = hooks.heuristic(near: x), solution.count == n {
        var values = [0.0] + solution
        _ = glp_ios_heur_sol(tree, &values)
      }
    }
    if hooks.shouldStop { glp_ios_terminate(tree) }
  }

  /// Appends `rows` to the problem at the current node (GLPK then re-solves it).
  private func add(_ rows: [LinearProgram.Row], to p: OpaquePointer) {
    let n = Int(glp_get_num_cols(p))
    for r in rows where r.bounds.problem == nil {
      let valid = r.coefficients.filter { $0.column >= 0 && $0.column < n && $0.value.isFinite }
      // GLPK aborts on a column named twice in a row: such a row is not added.
      guard !valid.isEmpty, Set(valid.map(\.column)).count == valid.count else { continue }
      let i = glp_add_rows(p, 1)
      glp_set_row_name(p, i, String(r.name.prefix(255)))
      let (t, lb, ub) = Problem.glpkBounds(r.bounds)
      glp_set_row_bnds(p, i, t, lb, ub)
      var ind: [Int32] = [0] + valid.map { Int32($0.column + 1) }
      var val: [Double] = [0] + valid.map(\.value)
      glp_set_mat_row(p, i, Int32(valid.count), &ind, &val)
    }
  }
}
