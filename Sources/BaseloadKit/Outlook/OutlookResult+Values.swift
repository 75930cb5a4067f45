/// The stochastic plan as the reports read it: values, not the solver's result.
extension OutlookResult {
  /// How the stochastic plan was solved.
  public var solve: SolveSummary { PlanAnalysis.solveSummary(stochastic) }
  /// The sheets the outlook was planned from.
  public var input: PlanInput { stochastic.data.input }
  /// The months of the horizon.
  public var months: [Month] { stochastic.data.months }
  /// Reserved offers, in sheet order.
  public var reservedOffers: [CapacityOffer] { stochastic.data.reservedOffers }
  /// Reserved units active per offer id and month index, shared by every future, units.
  public var reservedUnits: [String: [Double]] { stochastic.units }
  /// Reserved units bought at the start of each month per offer id, units.
  public var unitsBought: [String: [Double]] { stochastic.bought }
  /// Commitment level active per commitment id and month index, $/h.
  public var levels: [String: [Double]] { stochastic.levels }
  /// Commitment level bought at the start of each month per commitment id, $/h.
  public var levelsBought: [String: [Double]] { stochastic.levelBought }
  /// The stacked model's data (`outlook.dat`, GNU MathProg): glpsol reproduces the stochastic optimum.
  public var modelData: String { stochastic.data.mathProgData() }
  /// Months (indices) whose purchases of a `term`-month term are still active in month `m`.
  public func purchaseWindow(month m: Int, term: Int) -> [Int] {
    stochastic.data.purchaseWindow(month: m, term: term)
  }
}

extension OutlookFuture {
  /// Share of the reserved spend in this future that its calls use (each offer and month's utilisation,
  /// cap included, weighted by its cost, so units of different kinds add up), 0…1; 0 with none.
  public var reservedUtilisation: Double {
    let reserved = Set(plan.input.capacity.filter { $0.billing == .reserved }.map(\.id))
    let uses = plan.capacityUse.filter { reserved.contains($0.offer) }
    let paid = uses.reduce(0) { $0 + $1.cost }
    return paid > 0 ? uses.reduce(0) { $0 + $1.cost * $1.utilisation } / paid : 0
  }
}
