extension QuoteEngine {
  /// Relative tolerance of break-even bisection.
  public static let breakEvenTolerance = 0.005

  /// The input with offer `id`'s price scaled (APIs: every token price; capacity: the unit-hour price).
  func scaled(_ id: String, by f: Double) -> PlanInput {
    var copy = input
    copy.scenarios = []
    for i in copy.apis.indices where copy.apis[i].id == id {
      copy.apis[i].usdPerMtokInput *= f
      copy.apis[i].usdPerMtokCachedInput *= f
      copy.apis[i].usdPerMtokOutput *= f
    }
    for i in copy.capacity.indices where copy.capacity[i].id == id {
      copy.capacity[i].usdPerUnitHour *= f
    }
    return copy
  }

  /// Whether the plan at scale `f` of offer `id`'s price uses it, and the plan cost.
  func uses(_ id: String, at f: Double) throws -> (used: Bool, cost: Double) {
    let a = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: scaled(id, by: f)), modelPath: modelPath))
    return (Self.carries(a, id), a.invoice.total)
  }

  /// Whether a plan puts a material share (over 0.001% of all calls) on offer `id`; smaller amounts are solver round-off.
  static func carries(_ a: PlanAnalysis, _ id: String) -> Bool {
    let all = a.placement.reduce(0) { $0 + $1.calls }
    return a.placement.filter { $0.offer == id }.reduce(0) { $0 + $1.calls } > 1e-5 * all
  }

  /// Break-even price of every offer (or one), by bisection on a price multiple to `breakEvenTolerance`.
  public func breakEvens(offer only: String? = nil, maxMultiple: Double = 8) throws -> [BreakEven] {
    var out: [BreakEven] = []
    for o in plan.data.offers where only == nil || o.id == only {
      let usedToday = Self.carries(plan, o.id)
      let (unit, price): (String, Double) =
        switch o {
        case .api(let a): ("/Mtok input (all token prices scaled alike)", a.usdPerMtokInput)
        case .capacity(let c): ("/\(c.unit)-hour", c.usdPerUnitHour)
        }
      var lo = usedToday ? 1.0 : 0.0
      var hi = usedToday ? maxMultiple : 1.0
      var result = BreakEven(
        offer: o.id, priceUnit: unit, price: price, usedToday: usedToday, breakEvenPrice: nil,
        planCostAtBreakEven: nil,
        tolerance: Self.breakEvenTolerance, searched: 0...maxMultiple,
        currency: plan.currency)
      // The end of the range must flip the decision, or there is no break-even in range.
      let end = try uses(o.id, at: usedToday ? hi : lo)
      guard end.used != usedToday else {
        out.append(result)
        continue
      }
      var costAtFlip = end.cost
      // Invariant: at `lo` the plan uses the offer, at `hi` it does not.
      while hi - lo > Self.breakEvenTolerance * max(lo, 0.01) {
        let mid = (lo + hi) / 2
        let r = try uses(o.id, at: mid)
        if r.used == true {
          lo = mid
          if !usedToday { costAtFlip = r.cost }
        } else {
          hi = mid
          if usedToday { costAtFlip = r.cost }
        }
      }
      result.breakEvenPrice = price * (usedToday ? hi : lo)
      result.planCostAtBreakEven = costAtFlip
      out.append(result)
    }
    return out
  }
}
