/// How close the reported plan is to the optimum over every real hour.
public struct Certificate: Sendable, Equatable {
  /// `week`, `hour` or `cluster`.
  public var resolution: String
  /// Slices in the model that fixed the capacity.
  public var slices: Int
  /// A lower bound on the optimum over every real hour, $ (objective: invoice + human cost).
  public var lowerBound: Double
  /// The reported plan's cost, every real hour dispatched with its capacity, $.
  public var upperBound: Double
  /// One refinement step of a clustered solve.
  public struct Step: Sendable, Equatable {
    /// Slices of the clustered model, or cuts in the Benders master (see `stepCounts`).
    public var slices: Int
    public var lowerBound: Double
    public var upperBound: Double
    public var seconds: Double
  }
  public var steps: [Step] = []
  /// What `Step.slices` counts, for the bound history's first column: `slices` or `cuts`.
  public var stepCounts = "slices"
  /// Why a clustered solve fell back to the exact model, if it did.
  public var note: String?

  /// (upper − lower) ÷ upper.
  public var gap: Double { upperBound > 0 ? max(0, upperBound - lowerBound) / upperBound : 0 }

  /// The certificate in words, for report.md.
  public var text: String {
    var t =
      "Certificate: resolution \(resolution), \(slices) slices; lower bound \(Format.money(lowerBound)), "
    t += "upper bound \(Format.money(upperBound)), gap \(Format.percent(gap, 3)). "
    t +=
      "The reported plan's cost is the upper bound: its capacity with every real hour dispatched.\n"
    if let note { t += note + "\n" }
    if steps.count > 1 || resolution == "cluster" {
      t +=
        "\n"
        + Markdown.table(
          [stepCounts, "lower bound", "upper bound", "gap"],
          steps.map { s in
            [
              "\(s.slices)", Format.money(s.lowerBound), Format.money(s.upperBound),
              Format.percent(
                s.upperBound > 0 ? (s.upperBound - s.lowerBound) / s.upperBound : 0, 3),
            ]
          }, right: [0, 1, 2, 3])
    }
    return t
  }
}
