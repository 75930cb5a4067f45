import CGLPK

/// How much GLPK says while it works (captured, never printed).
public enum MessageLevel: Sendable {
  case off, errors, normal, all

  var glpk: Int32 {
    switch self {
    case .off: return GLP_MSG_OFF
    case .errors: return GLP_MSG_ERR
    case .normal: return GLP_MSG_ON
    case .all: return GLP_MSG_ALL
    }
  }
}

/// Where a MIP search stands, reported during `glp_intopt`.
public struct MIPProgress: Sendable {
  /// Best integer objective found so far.
  public var incumbent: Double?
  /// Best bound on the optimum.
  public var bound: Double?
  /// Relative gap between them.
  public var gap: Double?
  /// Seconds since the solve started.
  public var elapsedSeconds: Double
}

/// Solver settings.
public struct SolverOptions: Sendable {
  /// Use GLPK's presolver.
  public var presolve: Bool
  /// Stop after this many seconds (nil = no limit).
  public var timeLimitSeconds: Double?
  /// Stop a MIP when the relative gap is at most this (nil = GLPK's default, 0).
  public var mipGap: Double?
  /// Terminal output level (captured into `Solution.terminalOutput`).
  public var messageLevel: MessageLevel
  /// Use the dual simplex for LPs.
  public var useDualSimplex: Bool
  /// Equilibrate the matrix (glp_scale_prob, GLP_SF_AUTO) before solving: for rows whose coefficients span
  /// many orders of magnitude, such as cuts in dollars against units.
  public var scale = false
  /// Generate MIR, Gomory, cover and clique cuts in the MIP search (GLPK's `--cuts`): slower per node, far
  /// fewer nodes on problems with integer steps of capacity.
  public var cuts = false
  /// GLPK's integrality tolerance (`tol_int`): how far from a whole number an integer column of an LP
  /// relaxation may be and still count as whole (nil = GLPK's default, 1e-5).
  public var integerTolerance: Double?
  /// Branch on the hybrid pseudocost rule (GLPK's `--pcost`) instead of Driebeck–Tomlin.
  public var pseudocostBranching = false
  /// For an LP: the basis to start the simplex from (`Solution.basis` of an earlier solve of the same problem,
  /// perhaps with rows appended), solved by the dual simplex; ignored by the presolver and by a MIP.
  public var startBasis: Basis?
  /// Called during a MIP search, at most about once a second and at each new incumbent.
  public var progress: (@Sendable (MIPProgress) -> Void)?

  public init(
    presolve: Bool = true, timeLimitSeconds: Double? = nil, mipGap: Double? = nil,
    messageLevel: MessageLevel = .normal,
    useDualSimplex: Bool = false, progress: (@Sendable (MIPProgress) -> Void)? = nil
  ) {
    self.presolve = presolve
    self.timeLimitSeconds = timeLimitSeconds
    self.mipGap = mipGap
    self.messageLevel = messageLevel
    self.useDualSimplex = useDualSimplex
    self.progress = progress
  }

  /// Milliseconds for GLPK's tm_lim.
  var timeLimitMilliseconds: Int32 {
    guard let s = timeLimitSeconds else { return Int32.max }
    return Int32(max(1, min(Double(Int32.max), (s * 1000).rounded())))
  }
}
