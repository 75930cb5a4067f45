/// Why a plan could not be made.
public enum PlanError: Error, Sendable, CustomStringConvertible {
  /// `Models/placement.mod` was not found.
  case modelNotFound
  /// Demand cannot be met; the explanation says which workload, when and by how much.
  case infeasible(String)
  /// GLPK failed (model translation, data or solver), with its own words.
  case solver(String)
  /// The time limit passed before any plan was found.
  case timeLimit(String)

  public var description: String {
    switch self {
    case .modelNotFound:
      return
        "cannot find Models/placement.mod; run from the Baseload folder or set BASELOAD_MODELS to the folder holding it"
    case .infeasible(let why): return "no plan can meet the demand: \(why)"
    case .solver(let why): return "the solver failed: \(why)"
    case .timeLimit(let why): return "no plan yet: \(why)"
    }
  }

  /// The exit code for this error.
  public var exitCode: ExitCode {
    switch self {
    case .infeasible: return .infeasible
    case .timeLimit: return .solverLimit
    case .modelNotFound, .solver: return .internalError
    }
  }
}
