import CGLPK
import Foundation

/// A GLPK problem object owned for one synchronous scope.
struct Problem {
  let pointer: OpaquePointer

  /// Creates an empty problem, runs `body`, deletes the problem.
  static func with<R>(_ body: (Problem) throws -> R) rethrows -> R {
    let p = glp_create_prob()!
    defer { glp_delete_prob(p) }
    return try body(Problem(pointer: p))
  }

  /// Loads a validated `LinearProgram`.
  func load(_ lp: LinearProgram) {
    let p = pointer
    glp_set_prob_name(p, lp.name)
    glp_set_obj_dir(p, lp.sense == .minimize ? GLP_MIN : GLP_MAX)
    glp_set_obj_coef(p, 0, lp.objectiveConstant)
    if lp.columnCount > 0 { glp_add_cols(p, Int32(lp.columnCount)) }
    if lp.rowCount > 0 { glp_add_rows(p, Int32(lp.rowCount)) }
    for (j, c) in lp.columns.enumerated() {
      let jj = Int32(j + 1)
      glp_set_col_name(p, jj, c.name)
      let (t, lb, ub) = Self.glpkBounds(c.bounds)
      glp_set_col_bnds(p, jj, t, lb, ub)
      glp_set_obj_coef(p, jj, c.objective)
      switch c.kind {
      case .continuous: break
      case .integer: glp_set_col_kind(p, jj, GLP_IV)
      case .binary: glp_set_col_kind(p, jj, GLP_BV)
      }
    }
    var ia: [Int32] = [0]
    var ja: [Int32] = [0]
    var ar: [Double] = [0]
    for (i, r) in lp.rows.enumerated() {
      let ii = Int32(i + 1)
      glp_set_row_name(p, ii, r.name)
      let (t, lb, ub) = Self.glpkBounds(r.bounds)
      glp_set_row_bnds(p, ii, t, lb, ub)
      for (j, v) in r.coefficients where v != 0 {
        ia.append(ii)
        ja.append(Int32(j + 1))
        ar.append(v)
      }
    }
    glp_load_matrix(p, Int32(ar.count - 1), ia, ja, ar)
  }

  static func glpkBounds(_ b: Bounds) -> (Int32, Double, Double) {
    switch b {
    case .free: return (GLP_FR, 0, 0)
    case .lower(let l): return (GLP_LO, l, 0)
    case .upper(let u): return (GLP_UP, 0, u)
    case .range(let l, let u): return l == u ? (GLP_FX, l, u) : (GLP_DB, l, u)
    case .fixed(let v): return (GLP_FX, v, v)
    }
  }

  static func bounds(type: Int32, lb: Double, ub: Double) -> Bounds {
    switch type {
    case GLP_LO: return .lower(lb)
    case GLP_UP: return .upper(ub)
    case GLP_DB: return .range(lb, ub)
    case GLP_FX: return .fixed(lb)
    default: return .free
    }
  }

  var isMIP: Bool { glp_get_num_int(pointer) > 0 }

  /// Solves: simplex for an LP; for a MIP glp_intopt (with its own presolve) or simplex then intopt.
  /// With the presolver, the solution is then polished on the problem as stated (`polish`).
  func solve(_ options: SolverOptions, hooks: (any BranchAndCut)? = nil) -> SolveOutcome {
    var smcp = glp_smcp()
    glp_init_smcp(&smcp)
    smcp.msg_lev = options.messageLevel.glpk
    smcp.tm_lim = options.timeLimitMilliseconds
    smcp.meth = options.useDualSimplex ? GLP_DUALP : GLP_PRIMAL
    if options.scale { glp_scale_prob(pointer, GLP_SF_AUTO) }
    let start = Date()
    if !isMIP {
      smcp.presolve = options.presolve ? GLP_ON : GLP_OFF
      if let b = options.startBasis, !options.presolve {
        use(b)
        smcp.meth = GLP_DUALP
      }
      let stop = SolverStop(glpk: simplexRecovering(&smcp, options, since: start))
      let polished =
        options.presolve && stop == .completed
        && polish(smcp, timeLimitMilliseconds: remaining(options, since: start))
      return SolveOutcome(stop: stop, polished: polished)
    }
    // With hooks the search runs on the problem as built (rows added by `lazyRows` refer to its columns).
    let presolve = options.presolve && hooks == nil
    if !presolve {
      let rc = simplexRecovering(&smcp, options, since: start)
      if rc != 0 { return SolveOutcome(stop: SolverStop(glpk: rc)) }
      switch glp_get_status(pointer) {
      case GLP_OPT: break
      // No point satisfies the relaxation, so none the MIP: what the MIP presolver reports as GLP_ENOPFS.
      case GLP_NOFEAS: return SolveOutcome(stop: .noPrimalFeasible)
      case GLP_UNBND: return SolveOutcome(stop: .noDualFeasible)
      default: return SolveOutcome(stop: .completed)
      }
    }
    var iocp = glp_iocp()
    glp_init_iocp(&iocp)
    iocp.msg_lev = options.messageLevel.glpk
    iocp.presolve = presolve ? GLP_ON : GLP_OFF
    if hooks != nil {
      // An integer solution found by GLPK's own heuristics would skip the lazy rows.
      iocp.sr_heur = GLP_OFF
      iocp.fp_heur = GLP_OFF
      iocp.ps_heur = GLP_OFF
    }
    iocp.tm_lim = remaining(options, since: start)
    if let g = options.mipGap { iocp.mip_gap = g }
    if let t = options.integerTolerance { iocp.tol_int = t }
    if options.pseudocostBranching { iocp.br_tech = GLP_BR_PCH }
    if options.cuts {
      iocp.mir_cuts = GLP_ON
      iocp.gmi_cuts = GLP_ON
      iocp.cov_cuts = GLP_ON
      iocp.clq_cuts = GLP_ON
    }
    let tracker = MIPTracker(progress: options.progress, start: start)
    let integerColumns = (0..<Int(glp_get_num_cols(pointer))).filter {
      glp_get_col_kind(pointer, Int32($0 + 1)) != GLP_CV
    }
    let context = SearchContext(tracker: tracker, hooks: hooks, integerColumns: integerColumns)
    let info = Unmanaged.passRetained(context)
    defer { info.release() }
    iocp.cb_info = info.toOpaque()
    iocp.cb_func = { tree, info in
      guard let tree, let info else { return }
      Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue().callback(tree)
    }
    var rc = glp_intopt(pointer, &iocp)
    if rc == GLP_EFAIL && presolve {
      // GLPK's presolved LP relaxation can fail to factorize a nearly singular basis ("unable to factorize the
      // basis matrix", soak seed 6532, a valid plan). Solve the relaxation again from a scaled problem and an
      // advanced basis with the simplex, then search without the presolver, in the time left.
      glp_scale_prob(pointer, GLP_SF_AUTO)
      glp_adv_basis(pointer, 0)
      smcp.presolve = GLP_OFF
      let relaxed = simplexRecovering(&smcp, options, since: start)
      if relaxed != 0 { return SolveOutcome(stop: SolverStop(glpk: relaxed)) }
      if glp_get_status(pointer) != GLP_OPT { return SolveOutcome(stop: .completed) }
      iocp.presolve = GLP_OFF
      iocp.tm_lim = remaining(options, since: start)
      rc = glp_intopt(pointer, &iocp)
    }
    let stop = SolverStop(glpk: rc)
    let gap: Double? = stop == .completed && glp_mip_status(pointer) == GLP_OPT ? 0 : tracker.gap
    let polished = presolve && polish(smcp, timeLimitMilliseconds: remaining(options, since: start))
    return SolveOutcome(stop: stop, gap: gap, bound: tracker.bound, polished: polished)
  }

  /// `glp_simplex`, started again when it stops on a basis it cannot use — invalid, singular, ill-conditioned, or
  /// not factorizable: from a fresh advanced basis, then unscaled from the standard basis (soak seed 23520:
  /// "unable to factorize the basis matrix" after phase 1 on a valid 1-month plan, which exited 6), the
  /// problem's scaling restored after. And when it stalls: a solve with no iteration limit of its own gets
  /// `stallIterations`, past which it goes on with the other simplex from where it stands (soak seed 25859: the
  /// primal simplex turned 85,000 degenerate iterations at the optimum of a 2-month plan's relaxation that the
  /// dual solves in 2,300, so the exact model found no plan in 30 s; glpsol 0.8 s). Each try gets the time
  /// `timeLeft` gives (milliseconds, nil for none). The one restart rule of every simplex solve here.
  func simplexRecovering(_ smcp: inout glp_smcp, timeLeft: () -> Int32? = { nil }) -> Int32 {
    if let t = timeLeft() { smcp.tm_lim = t }
    let guardStall = smcp.it_lim == Int32.max
    if guardStall { smcp.it_lim = stallIterations }
    var rc = glp_simplex(pointer, &smcp)
    if guardStall {
      smcp.it_lim = Int32.max
      if rc == GLP_EITLIM {
        smcp.meth = smcp.meth == GLP_PRIMAL ? GLP_DUALP : GLP_PRIMAL
        if let t = timeLeft() { smcp.tm_lim = t }
        rc = glp_simplex(pointer, &smcp)
      }
    }
    let numerical: Set<Int32> = [GLP_EBADB, GLP_EFAIL, GLP_ESING, GLP_ECOND]
    for restart in 0..<2 where numerical.contains(rc) {
      if let t = timeLeft() { smcp.tm_lim = t }
      if restart == 0 {
        glp_adv_basis(pointer, 0)
        rc = glp_simplex(pointer, &smcp)
      } else {
        let scaled = isScaled
        glp_unscale_prob(pointer)
        glp_std_basis(pointer)
        rc = glp_simplex(pointer, &smcp)
        // A long-lived problem (the dispatch handle) solves its later hours scaled again.
        if scaled { glp_scale_prob(pointer, GLP_SF_AUTO) }
      }
    }
    return rc
  }

  /// Iterations a simplex solve takes before it is deemed stalled: four times the rows and columns, and at
  /// least 5,000 (a solve from scratch here takes well under one per row and column).
  var stallIterations: Int32 {
    Int32(clamping: 4 * (Int(glp_get_num_rows(pointer)) + Int(glp_get_num_cols(pointer))) + 5_000)
  }

  /// Whether GLPK holds scale factors for the problem (`glp_scale_prob` found some other than 1).
  var isScaled: Bool {
    let p = pointer
    for i in stride(from: Int32(1), through: glp_get_num_rows(p), by: 1)
    where glp_get_rii(p, i) != 1 {
      return true
    }
    for j in stride(from: Int32(1), through: glp_get_num_cols(p), by: 1)
    where glp_get_sjj(p, j) != 1 {
      return true
    }
    return false
  }

  /// `simplexRecovering` within `options`' time limit counted from `start`.
  func simplexRecovering(_ smcp: inout glp_smcp, _ options: SolverOptions, since start: Date)
    -> Int32
  {
    simplexRecovering(&smcp) { remaining(options, since: start) }
  }

  /// Milliseconds of `options`' time limit left since `start` (at least 1), for GLPK's tm_lim.
  func remaining(_ options: SolverOptions, since start: Date) -> Int32 {
    options.timeLimitSeconds == nil
      ? Int32.max
      : max(1, options.timeLimitMilliseconds - Int32(Date().timeIntervalSince(start) * 1000))
  }

  /// Reads the solution into values: a MIP's status, gap and bound with its values, or with the polished LP's
  /// values (the integer columns fixed at the MIP's) when `outcome.polished`.
  func read(_ outcome: SolveOutcome, output: String, seconds: Double) -> Solution {
    let p = pointer
    let n = Int(glp_get_num_cols(p))
    let m = Int(glp_get_num_rows(p))
    let mip = isMIP
    let cols = (0..<n).map { String(cString: glp_get_col_name(p, Int32($0 + 1))) }
    let rows = (0..<m).map { String(cString: glp_get_row_name(p, Int32($0 + 1))) }
    let stop = outcome.stop
    if mip {
      let lp = outcome.polished
      return Solution(
        status: SolutionStatus(glpk: glp_mip_status(p)), stop: stop, isMIP: true,
        objective: lp ? glp_get_obj_val(p) : glp_mip_obj_val(p),
        columnValues: (0..<n).map {
          lp ? glp_get_col_prim(p, Int32($0 + 1)) : glp_mip_col_val(p, Int32($0 + 1))
        },
        rowActivities: (0..<m).map {
          lp ? glp_get_row_prim(p, Int32($0 + 1)) : glp_mip_row_val(p, Int32($0 + 1))
        }, rowDuals: [],
        reducedCosts: [],
        mipGap: outcome.gap, bound: outcome.bound, columnNames: cols, rowNames: rows,
        terminalOutput: output, seconds: seconds)
    }
    return Solution(
      status: SolutionStatus(glpk: glp_get_status(p)), stop: stop, isMIP: false,
      objective: glp_get_obj_val(p),
      columnValues: (0..<n).map { glp_get_col_prim(p, Int32($0 + 1)) },
      rowActivities: (0..<m).map { glp_get_row_prim(p, Int32($0 + 1)) },
      rowDuals: (0..<m).map { glp_get_row_dual(p, Int32($0 + 1)) },
      reducedCosts: (0..<n).map { glp_get_col_dual(p, Int32($0 + 1)) }, mipGap: nil, bound: nil,
      columnNames: cols,
      rowNames: rows, terminalOutput: output, seconds: seconds, basis: basis())
  }

  /// The problem as values (names, bounds, kinds, matrix, objective).
  func linearProgram() -> LinearProgram {
    let p = pointer
    var lp = LinearProgram(
      name: glp_get_prob_name(p).map { String(cString: $0) } ?? "lp",
      sense: glp_get_obj_dir(p) == GLP_MAX ? .maximize : .minimize)
    lp.objectiveConstant = glp_get_obj_coef(p, 0)
    let n = Int(glp_get_num_cols(p))
    for j in 1...max(n, 1) where j <= n {
      let jj = Int32(j)
      let kind: ColumnKind =
        glp_get_col_kind(p, jj) == GLP_BV
        ? .binary : glp_get_col_kind(p, jj) == GLP_IV ? .integer : .continuous
      lp.addColumn(
        glp_get_col_name(p, jj).map { String(cString: $0) } ?? "c\(j)", kind: kind,
        bounds: Self.bounds(
          type: glp_get_col_type(p, jj), lb: glp_get_col_lb(p, jj), ub: glp_get_col_ub(p, jj)),
        objective: glp_get_obj_coef(p, jj))
    }
    let m = Int(glp_get_num_rows(p))
    var ind = [Int32](repeating: 0, count: n + 1)
    var val = [Double](repeating: 0, count: n + 1)
    for i in 1...max(m, 1) where i <= m {
      let ii = Int32(i)
      let len = Int(glp_get_mat_row(p, ii, &ind, &val))
      lp.addRow(
        glp_get_row_name(p, ii).map { String(cString: $0) } ?? "r\(i)",
        bounds: Self.bounds(
          type: glp_get_row_type(p, ii), lb: glp_get_row_lb(p, ii), ub: glp_get_row_ub(p, ii)),
        coefficients: (1...max(len, 1)).compactMap { k in k <= len ? (Int(ind[k]) - 1, val[k]) : nil
        })
    }
    return lp
  }
}

/// How a solve ended: GLPK's return, a MIP's gap and best bound when the search reported them, and whether the
/// values were polished on the problem as stated (`Problem.polish`).
struct SolveOutcome {
  var stop: SolverStop
  var gap: Double? = nil
  var bound: Double? = nil
  var polished = false
}

/// Follows a MIP search from glp_intopt's callback: best bound, gap, progress reports.
final class MIPTracker {
  let progress: (@Sendable (MIPProgress) -> Void)?
  let start: Date
  var last = Date.distantPast
  var gap: Double?
  var bound: Double?

  init(progress: (@Sendable (MIPProgress) -> Void)?, start: Date) {
    self.progress = progress
    self.start = start
  }

  func observe(_ tree: OpaquePointer) {
    let reason = glp_ios_reason(tree)
    let best = glp_ios_best_node(tree)
    if best != 0 { bound = glp_ios_node_bound(tree, best) }
    let prob = glp_ios_get_prob(tree)!
    let hasIncumbent = glp_mip_status(prob) == GLP_FEAS || glp_mip_status(prob) == GLP_OPT
    if hasIncumbent && best != 0 { gap = glp_ios_mip_gap(tree) }
    guard let progress else { return }
    let now = Date()
    guard reason == GLP_IBINGO || now.timeIntervalSince(last) >= 1 else { return }
    last = now
    progress(
      MIPProgress(
        incumbent: hasIncumbent ? glp_mip_obj_val(prob) : nil, bound: bound,
        gap: hasIncumbent ? gap : nil,
        elapsedSeconds: now.timeIntervalSince(start)))
  }
}
