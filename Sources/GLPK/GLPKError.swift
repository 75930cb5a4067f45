/// Errors from the GLPK layer, with GLPK's own words attached.
public enum GLPKError: Error, Sendable, CustomStringConvertible {
  /// The problem would make GLPK abort (bad bounds, index, name); caught in Swift first.
  case invalidModel(String)
  /// The MathProg model section could not be read: GLPK's message and the model line.
  case translation(message: String, line: Int?, output: String)
  /// A data section could not be read.
  case data(message: String, line: Int?, output: String)
  /// The model could not be generated (e.g. a `check` statement failed).
  case generation(message: String, output: String)
  /// The solver stopped with an error.
  case solverFailed(stop: SolverStop, output: String)
  /// Postsolve (display/printf statements) failed.
  case postsolve(message: String, output: String)

  public var description: String {
    switch self {
    case .invalidModel(let m): return "invalid model: \(m)"
    case .translation(let m, let line, _):
      return "model error\(line.map { " at line \($0)" } ?? ""): \(m)"
    case .data(let m, let line, _): return "data error\(line.map { " at line \($0)" } ?? ""): \(m)"
    case .generation(let m, _): return "model generation failed: \(m)"
    case .solverFailed(let stop, _): return "solver failed: \(stop)"
    case .postsolve(let m, _): return "postsolve failed: \(m)"
    }
  }

  /// Everything GLPK printed before the error.
  public var output: String {
    switch self {
    case .invalidModel: return ""
    case .translation(_, _, let o), .data(_, _, let o), .generation(_, let o),
      .solverFailed(_, let o), .postsolve(_, let o):
      return o
    }
  }
}
