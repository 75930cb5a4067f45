/// A plan's cost checked against the reference model: `Models/placement.mod` over every slice with the plan's
/// reserved units and commitment levels held (`fixed_units`, `fixed_level`), everything else free. Whatever path
/// solved the plan, the two numbers must agree.
public struct PlanVerification: Sendable, Equatable {
  /// The reported plan's objective (invoice plus human cost), $.
  public var reported: Double
  /// The reference model's optimum with the plan's capacity held, $.
  public var reference: Double
  /// How the line writes money: the plan's currency.
  public var currency = Currency("USD")

  /// Agreement within a millionth (and half a cent): the dispatch LPs and the model solve the same problem.
  public var agrees: Bool {
    abs(reported - reference) <= 1e-6 * max(abs(reference), 1) + Format.halfCentUSD
  }

  /// One line for the terminal.
  public var text: String {
    agrees
      ? "verified: Models/placement.mod with the plan's units and levels held gives \(currency.money(reference)), the plan's objective (its bill plus any human cost of failures)"
      : "NOT verified: the plan's objective (its bill plus any human cost of failures) is \(currency.money(reported)) but Models/placement.mod with the plan's units and levels held gives \(currency.money(reference))"
  }
}

extension PlacementResult {
  /// Re-evaluates this plan with the reference model (see `PlanVerification`).
  public func verify(modelPath: String) throws -> PlanVerification {
    var held = PlacementData(input: data.input)
    held.hold(units: units, levels: levels)
    let reference = try PlacementSolver.exact(held, model: modelPath, progress: nil)
    return PlanVerification(
      reported: objective, reference: reference.objective,
      currency: data.input.settings.currencyStyle)
  }
}
