/// A linear or mixed-integer program as values. Indices are 0-based.
public struct LinearProgram: Sendable {
  public struct Column: Sendable {
    public var name: String
    public var kind: ColumnKind
    public var bounds: Bounds
    /// Objective coefficient.
    public var objective: Double
  }

  public struct Row: Sendable {
    public var name: String
    public var bounds: Bounds
    /// Sparse coefficients: (column index, value).
    public var coefficients: [(column: Int, value: Double)]

    public init(name: String, bounds: Bounds, coefficients: [(column: Int, value: Double)]) {
      self.name = name
      self.bounds = bounds
      self.coefficients = coefficients
    }
  }

  public var name: String
  public var sense: OptimizationSense
  /// Constant term of the objective.
  public var objectiveConstant: Double = 0
  public private(set) var columns: [Column] = []
  public private(set) var rows: [Row] = []

  public init(name: String = "lp", sense: OptimizationSense = .minimize) {
    self.name = name
    self.sense = sense
  }

  /// Adds a column; returns its index.
  @discardableResult
  public mutating func addColumn(
    _ name: String, kind: ColumnKind = .continuous, bounds: Bounds = .lower(0),
    objective: Double = 0
  ) -> Int {
    columns.append(
      Column(
        name: name, kind: kind, bounds: kind == .binary ? .range(0, 1) : bounds,
        objective: objective))
    return columns.count - 1
  }

  /// Adds a row Σ a_j x_j within `bounds`; returns its index.
  @discardableResult
  public mutating func addRow(
    _ name: String, bounds: Bounds, coefficients: [(column: Int, value: Double)]
  ) -> Int {
    rows.append(Row(name: name, bounds: bounds, coefficients: coefficients))
    return rows.count - 1
  }

  /// Sets a column's objective coefficient.
  public mutating func setObjective(_ column: Int, _ value: Double) {
    columns[column].objective = value
  }

  public var columnCount: Int { columns.count }
  public var rowCount: Int { rows.count }
  /// True when any column is integer or binary.
  public var isMIP: Bool { columns.contains { $0.kind != .continuous } }

  /// Checks what GLPK would abort on: bounds, indices, names, finite coefficients.
  func validate() throws(GLPKError) {
    func checkName(_ n: String, _ what: String) throws(GLPKError) {
      if n.isEmpty || n.utf8.count > 255 {
        throw .invalidModel("\(what) name '\(n.prefix(40))' must have 1 to 255 bytes")
      }
    }
    for c in columns {
      try checkName(c.name, "column")
      if let p = c.bounds.problem { throw .invalidModel("column \(c.name): \(p)") }
      if !c.objective.isFinite {
        throw .invalidModel("column \(c.name): objective coefficient is not finite")
      }
    }
    for r in rows {
      try checkName(r.name, "row")
      if let p = r.bounds.problem { throw .invalidModel("row \(r.name): \(p)") }
      var seen = Set<Int>()
      for (j, v) in r.coefficients {
        if j < 0 || j >= columns.count {
          throw .invalidModel("row \(r.name): column index \(j) out of range")
        }
        if !seen.insert(j).inserted {
          throw .invalidModel("row \(r.name): column \(columns[j].name) appears twice")
        }
        if !v.isFinite {
          throw .invalidModel("row \(r.name): coefficient of \(columns[j].name) is not finite")
        }
      }
    }
    if !objectiveConstant.isFinite { throw .invalidModel("objective constant is not finite") }
  }
}
