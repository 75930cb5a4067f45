/// Bounds of a column or row.
public enum Bounds: Sendable, Equatable {
  /// −∞ < x < +∞
  case free
  /// x ≥ lower
  case lower(Double)
  /// x ≤ upper
  case upper(Double)
  /// lower ≤ x ≤ upper
  case range(Double, Double)
  /// x = value
  case fixed(Double)

  /// Problems with the numbers, in words; nil when valid.
  var problem: String? {
    switch self {
    case .free: return nil
    case .lower(let l), .upper(let l), .fixed(let l):
      return l.isFinite ? nil : "bound \(l) is not finite"
    case .range(let l, let u):
      if !l.isFinite || !u.isFinite { return "bounds \(l)...\(u) are not finite" }
      return l <= u ? nil : "lower bound \(l) is above upper bound \(u)"
    }
  }
}

/// Whether a column is continuous or integer.
public enum ColumnKind: Sendable, Equatable {
  case continuous, integer, binary
}

/// Minimise or maximise.
public enum OptimizationSense: Sendable, Equatable {
  case minimize, maximize
}
