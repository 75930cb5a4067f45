extension Bounds {
  /// How far `value` lies outside these bounds (0 when within), in the value's units.
  public func excess(_ value: Double) -> Double {
    switch self {
    case .free: return 0
    case .lower(let l): return max(0, l - value)
    case .upper(let u): return max(0, value - u)
    case .range(let l, let u): return max(0, l - value, value - u)
    case .fixed(let v): return abs(value - v)
    }
  }
}

extension LinearProgram {
  /// The first column or row that point `x` (one value per column) breaks by more than `tolerance` ×
  /// max(1, |its bound|), with the amount; nil when `x` is feasible. An integer or binary column must also be
  /// whole within that tolerance.
  ///
  /// GLPK's `glp_ios_heur_sol` checks a heuristic solution's integrality only, not its rows: a caller handing
  /// one over checks it here first.
  public func violation(at x: [Double], tolerance: Double) -> (name: String, by: Double)? {
    precondition(x.count == columnCount, "one value per column")
    func scale(_ b: Bounds) -> Double {
      switch b {
      case .free: return 1
      case .lower(let v), .upper(let v), .fixed(let v): return max(1, abs(v))
      case .range(let l, let u): return max(1, abs(l), abs(u))
      }
    }
    for (j, c) in columns.enumerated() {
      let by = max(c.bounds.excess(x[j]), c.kind == .continuous ? 0 : abs(x[j] - x[j].rounded()))
      if by > tolerance * scale(c.bounds) { return (c.name, by) }
    }
    for r in rows {
      let activity = r.coefficients.reduce(0.0) { $0 + $1.value * x[$1.column] }
      let by = r.bounds.excess(activity)
      if by > tolerance * scale(r.bounds) { return (r.name, by) }
    }
    return nil
  }
}
