import CGLPK

/// The status of a solution, as GLPK reports it.
public enum SolutionStatus: Sendable, Equatable, CustomStringConvertible {
  /// Optimal (GLP_OPT).
  case optimal
  /// Feasible, not proven optimal (GLP_FEAS).
  case feasible
  /// Infeasible (GLP_INFEAS).
  case infeasible
  /// No feasible solution exists (GLP_NOFEAS).
  case noFeasible
  /// Unbounded (GLP_UNBND).
  case unbounded
  /// Undefined (GLP_UNDEF): the solver did not get that far.
  case undefined

  init(glpk code: Int32) {
    switch code {
    case GLP_OPT: self = .optimal
    case GLP_FEAS: self = .feasible
    case GLP_INFEAS: self = .infeasible
    case GLP_NOFEAS: self = .noFeasible
    case GLP_UNBND: self = .unbounded
    default: self = .undefined
    }
  }

  public var description: String {
    switch self {
    case .optimal: return "optimal"
    case .feasible: return "feasible"
    case .infeasible: return "infeasible"
    case .noFeasible: return "no feasible solution"
    case .unbounded: return "unbounded"
    case .undefined: return "undefined"
    }
  }
}

/// How a solver call returned (glp_simplex / glp_intopt return codes).
public enum SolverStop: Sendable, Equatable, CustomStringConvertible {
  /// Ran to completion (0).
  case completed
  /// Time limit reached (GLP_ETMLIM).
  case timeLimit
  /// Relative MIP gap reached (GLP_EMIPGAP).
  case mipGapReached
  /// Presolver found no primal feasible solution (GLP_ENOPFS).
  case noPrimalFeasible
  /// Presolver found no dual feasible solution (GLP_ENODFS).
  case noDualFeasible
  /// Any other return code.
  case other(Int32)

  init(glpk code: Int32) {
    switch code {
    case 0: self = .completed
    case GLP_ETMLIM: self = .timeLimit
    case GLP_EMIPGAP: self = .mipGapReached
    case GLP_ENOPFS: self = .noPrimalFeasible
    case GLP_ENODFS: self = .noDualFeasible
    default: self = .other(code)
    }
  }

  public var description: String {
    switch self {
    case .completed: return "completed"
    case .timeLimit: return "time limit reached"
    case .mipGapReached: return "MIP gap reached"
    case .noPrimalFeasible: return "no primal feasible solution (presolve)"
    case .noDualFeasible: return "no dual feasible solution (presolve)"
    case .other(let c): return "GLPK return code \(c)"
    }
  }
}
