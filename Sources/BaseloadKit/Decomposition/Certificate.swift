/// How close the reported plan is to the optimum over every real hour.
public struct Certificate: Sendable, Equatable {
  /// The resolution of the model that fixed the capacity: `week`, `hour` or `cluster`.
  public var resolution: Resolution
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
    /// $.
    public var lowerBound: Double
    public var upperBound: Double
  }
  public var steps: [Step] = []
  /// What `Step.slices` counts; its raw value heads the bound history's first column.
  public enum StepCount: String, Sendable, Equatable {
    /// Slices of a clustered model.
    case slices
    /// Cuts in the Benders capacity master.
    case cuts
  }
  /// What `Step.slices` counts, for the bound history's first column.
  public var stepCounts: StepCount = .slices
  /// Why a clustered solve fell back to the exact model, if it did.
  public var note: String?

  /// Whether bounds `lower` and `upper` ($) are within the relative gap `target` — or within half a cent, the
  /// precision of every figure reported: bounds equal to the cent are closed at a target of 0 (a solved plan with
  /// both bounds at $16,982.09 exited 4 over a float's last digit).
  /// No plan yet (an infinite upper bound) or no bound yet is never within the gap (∞ ≤ ∞ stopped the clustered
  /// refinement at its first step).
  public static func meets(lower: Double, upper: Double, target: Double) -> Bool {
    guard lower.isFinite, upper.isFinite else { return false }
    return upper - lower <= max(target * abs(upper), Format.halfCentUSD)
  }

  /// (upper − lower) ÷ upper.
  public var gap: Double { upperBound > 0 ? max(0, upperBound - lowerBound) / upperBound : 0 }

  /// The certificate in words, for report.md, its money in `currency`.
  public func text(in currency: Currency) -> String {
    var t =
      "Certificate: resolution \(resolution.rawValue), \(slices) slices; lower bound \(currency.money(lowerBound)), "
    t += "upper bound \(currency.money(upperBound)), gap \(Format.percent(gap, 3)). "
    t +=
      "The reported plan's cost is the upper bound: its capacity with every real hour dispatched.\n"
    if let note { t += note + "\n" }
    if steps.count > 1 || resolution == .cluster {
      t +=
        "\n"
        + Markdown.table(
          [stepCounts.rawValue, "lower bound", "upper bound", "gap"],
          steps.map { s in
            [
              "\(s.slices)", currency.money(s.lowerBound), currency.money(s.upperBound),
              Format.percent(
                s.upperBound > 0 ? (s.upperBound - s.lowerBound) / s.upperBound : 0, 3),
            ]
          }, right: [0, 1, 2, 3])
    }
    return t
  }
}
