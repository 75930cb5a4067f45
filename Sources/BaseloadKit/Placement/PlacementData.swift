import Foundation

/// One compatible workload/offer pair and its derived per-call parameters.
public struct PlacementPair: Sendable, Equatable {
  /// Index into `PlanInput.workloads`.
  public var workload: Int
  /// Index into `PlacementData.offers`.
  public var offer: Int
  /// Usage-billed cost per call at list price, $/call (API tokens less the batch discount, or on-demand
  /// unit-hours × price; 0 on reserved). A month's negotiated discount multiplies it by
  /// `PlacementData.priceFactor(_:month:)`.
  public var usageCost: Double
  /// Human cost of failures per call, $/call.
  public var failCost: Double
  /// Capacity per call, unit-hours/call, utilisation cap included (0 on APIs).
  public var load: Double
}

/// An offer of either kind, as the model sees it.
public enum OfferRef: Sendable, Equatable {
  case api(APIOffer)
  case capacity(CapacityOffer)

  public var terms: any OfferTerms {
    switch self {
    case .api(let a): return a
    case .capacity(let c): return c
    }
  }
  public var id: String { terms.id }
  public var vendor: String { terms.vendor }
  public var isReserved: Bool {
    if case .capacity(let c) = self { return c.billing == .reserved }
    return false
  }
  public var capacity: CapacityOffer? {
    if case .capacity(let c) = self { return c }
    return nil
  }
  public var api: APIOffer? {
    if case .api(let a) = self { return a }
    return nil
  }
}

/// Everything the MathProg model needs, derived from the sheets in Swift.
public struct PlacementData: Sendable {
  public var input: PlanInput
  public var slices: SliceSet
  public var forecast: Forecast
  /// APIs then capacity offers, in sheet order.
  public var offers: [OfferRef]
  public var pairs: [PlacementPair]
  /// Every workload/offer pair the sheets allow, kept when the all-API baseline drops capacity pairs
  /// (`restrictToAPIs`): who could use an offer, for a fixed charge nobody used.
  public var compatiblePairs: [PlacementPair]
  /// Bound on units per capacity offer (sheet `max_units`, else enough for all compatible demand).
  public var maxUnits: [String: Double]
  /// Signed units per reserved offer and month index.
  public var contractUnits: [String: [Double]]
  /// Signed $/h per commitment and month index.
  public var contractUSD: [String: [Double]]
  /// Fraction of the list price billed per offer id and month index (1 − the negotiated discount in force,
  /// `discounts.csv`); offers billed at list in every month are absent. placement.mod's `price_factor`.
  public var priceFactor: [String: [Double]] = [:]
  /// Allow and price unserved demand (infeasibility diagnosis only).
  public var allowShortfall = false
  /// Fixed routing shares (baseline from current.csv): workload id → offer id → share.
  public var routing: [String: [String: Double]] = [:]
  /// Reserved units held fixed per offer id and month index (locked what-ifs).
  public var fixedUnits: [String: [Double]] = [:]
  /// Commitment levels held fixed per commitment id and month index, $/h.
  public var fixedLevels: [String: [Double]] = [:]
  /// Whether reserved units and commitment levels are held (`hold(units:levels:)`, a locked what-if): then no
  /// capacity decision is left.
  public private(set) var capacityHeld = false
  /// Whether new commitment levels may be bought.
  public var allowNewCommitments = true
  /// Demand per workload and slice, calls/h, when the slices are not calendar hour-of-week slices
  /// (clustered slices carry their members' weighted mean); nil = from the forecast.
  public var sliceDemand: [[Double]]?
  /// The futures of a two-stage stochastic plan whose slices are stacked here (`stacked(_:)`); nil for a plan of
  /// one forecast.
  public var outlook: OutlookStack?

  /// Fraction of offer `id`'s list price billed in month index `mi` (1 − the negotiated discount in force).
  public func priceFactor(_ id: String, month mi: Int) -> Double {
    priceFactor[id]?[mi] ?? 1
  }

  /// Calls per hour of workload `w` arriving in slice `s`.
  public func demand(_ w: Int, _ s: TimeSlice) -> Double {
    sliceDemand?[w][s.index] ?? forecast.calls(w, s)
  }

  /// Derives the parameters from a validated input at its resolution (or `resolution`).
  public init(input: PlanInput, resolution: Resolution? = nil) {
    self.input = input
    let months = input.settings.horizon
    // Negotiated discounts (discounts.csv) scale the list prices month by month.
    priceFactor = input.priceFactors(months)
    slices = SliceSet(
      months: months, resolution: SolveStrategy.sliceResolution(input, requested: resolution))
    forecast = Forecast(input: input)
    offers = input.apis.map(OfferRef.api) + input.capacity.map(OfferRef.capacity)
    var pairs: [PlacementPair] = []
    for (wi, w) in input.workloads.enumerated() {
      for (oi, o) in offers.enumerated() where Compatibility.allows(o.terms, w) {
        pairs.append(Self.pair(w, wi, o, oi, input))
      }
    }
    self.pairs = pairs
    compatiblePairs = pairs
    contractUnits = [:]
    contractUSD = [:]
    for c in input.contracts {
      let perMonth = months.map { c.covers($0) ? 1.0 : 0.0 }
      if input.commitments.contains(where: { $0.id == c.offer }) {
        contractUSD[c.offer, default: months.map { _ in 0 }] = zip(
          contractUSD[c.offer] ?? months.map { _ in 0 }, perMonth
        ).map { $0 + $1 * c.usdPerHour }
      } else {
        contractUnits[c.offer, default: months.map { _ in 0 }] = zip(
          contractUnits[c.offer] ?? months.map { _ in 0 }, perMonth
        ).map { $0 + $1 * c.units }
      }
    }
    maxUnits = [:]
    for (oi, o) in offers.enumerated() {
      guard let c = o.capacity else { continue }
      maxUnits[c.id] = c.maxUnits ?? boundUnits(offer: oi, c)
    }
  }

  /// Derived per-call parameters of workload `w` on offer `o`.
  static func pair(_ w: Workload, _ wi: Int, _ o: OfferRef, _ oi: Int, _ input: PlanInput)
    -> PlacementPair
  {
    let success = input.successRate(w, on: o.id)
    let fail = w.callsPerTask > 0 ? w.humanCostPerFailure * (1 - success) / w.callsPerTask : 0
    switch o {
    case .api(let a):
      let discount = w.latency == .batch ? a.batchDiscountPct / 100 : 0
      let list =
        (w.uncachedInputTokens * a.usdPerMtokInput + w.cachedInputTokens * a.usdPerMtokCachedInput
          + w.outputTokens * a.usdPerMtokOutput) / 1e6
      return PlacementPair(
        workload: wi, offer: oi, usageCost: list * (1 - discount), failCost: fail, load: 0)
    case .capacity(let c):
      let cap = input.settings.utilisationCap[w.latency] ?? 1
      let load = unitSeconds(w, c) / 3600 / cap
      let usage = c.billing == .onDemand ? load * c.usdPerUnitHour : 0
      return PlacementPair(workload: wi, offer: oi, usageCost: usage, failCost: fail, load: load)
    }
  }

  /// Unit-seconds one call of `w` takes on `c` at full utilisation.
  public static func unitSeconds(_ w: Workload, _ c: CapacityOffer) -> Double {
    (w.uncachedInputTokens + w.cachedInputTokens * c.cachedInputWeight) / c.inputTokPerSecPerUnit
      + w.outputTokens / c.outputTokPerSecPerUnit
  }

  /// Load all compatible calls could put on offer `oi` in the busiest hour of each month, unit-hours per hour
  /// (deferrable work: its whole day in one hour). No dispatch can use more of the offer in that month.
  func peakLoad(offer oi: Int) -> [Double] {
    var need = [Double](repeating: 0, count: slices.months.count)
    for p in pairs where p.offer == oi {
      let defers = input.workloads[p.workload].deferHours > 0
      for mi in need.indices {
        // Calls per hour in each hour of the month's week: the forecast's, or the slices' own demand where the
        // data carries it (merged demand classes, whose workloads are not the forecast's).
        var rates: [Double]
        if sliceDemand == nil {
          rates = forecast.peakCallsPerHour[p.workload][mi]
        } else {
          rates = [Double](repeating: 0, count: 168)
          for s in slices.slices(inMonth: mi) {
            rates[s.hourOfWeek] = max(rates[s.hourOfWeek], demand(p.workload, s))
          }
        }
        var worst = 0.0
        if defers {
          for d in 0..<7 { worst = max(worst, rates[(d * 24)..<(d * 24 + 24)].reduce(0, +)) }
        } else {
          worst = rates.max() ?? 0
        }
        need[mi] += worst * p.load
      }
    }
    return need
  }

  /// The most units of reserved offer `c` worth buying at the start of each month, in whole steps: enough for
  /// the busiest month of the purchase's term (and `min_units`). Buying more is never cheaper: cutting a larger
  /// purchase to this size leaves every month it is active in with at least the load any dispatch can place and
  /// at least `min_units`, and lowers the reserved charge by more than any commitment credit it could lose.
  public func purchaseCaps(_ c: CapacityOffer) -> [Double] {
    guard let oi = offers.firstIndex(where: { $0.id == c.id }) else { return months.map { _ in 0 } }
    let need = peakLoad(offer: oi)
    return months.indices.map { m in
      let active = m..<min(months.count, m + c.termMonths)
      let most = max(active.map { need[$0] }.max() ?? 0, c.minUnits)
      return (most / c.unitStep - 1e-9).rounded(.up) * c.unitStep
    }
  }

  /// Units of reserved offer `c` that can be active in each month of some optimal plan: signed units plus the
  /// purchase caps of every month whose purchases are still active (overlapping terms add up), within the sheet's
  /// `max_units`.
  public func unitCaps(_ c: CapacityOffer, purchaseCaps known: [Double]? = nil) -> [Double] {
    let caps = known ?? purchaseCaps(c)
    return months.indices.map { m in
      let signed = contractUnits[c.id]?[m] ?? 0
      let most = signed + purchaseWindow(month: m, term: c.termMonths).reduce(0) { $0 + caps[$1] }
      return min(most, c.maxUnits ?? most)
    }
  }

  /// `max_units` when the sheet sets none: on demand, the busiest hour's load; reserved, the most units any
  /// month can need (`unitCaps`), and never below units held fixed (locked what-ifs keep the plan's units even
  /// when the scenario's demand is lower).
  func boundUnits(offer oi: Int, _ c: CapacityOffer) -> Double {
    let held = fixedUnits[c.id]?.max() ?? 0
    let signed = contractUnits[c.id]?.max() ?? 0
    guard c.billing == .reserved else {
      return max(peakLoad(offer: oi).max() ?? 0, held, signed)
    }
    return max(unitCaps(c).max() ?? 0, held, signed, c.minUnits, c.unitStep)
  }

  /// Holds reserved units and commitment levels (a locked what-if), raising derived unit bounds to them.
  public mutating func hold(units: [String: [Double]], levels: [String: [Double]]) {
    capacityHeld = true
    fixedUnits = units
    fixedLevels = levels
    for (oi, o) in offers.enumerated() {
      guard let c = o.capacity, c.maxUnits == nil else { continue }
      maxUnits[c.id] = boundUnits(offer: oi, c)
    }
  }

  /// The same data at another resolution (week or hour slices).
  public func withResolution(_ r: Resolution) -> PlacementData {
    var copy = self
    copy.slices = SliceSet(months: months, resolution: r)
    copy.sliceDemand = nil
    copy.input.settings.resolution = r
    return copy
  }

  /// Drops capacity pairs of every workload that has a compatible token API (the all-API baseline).
  public mutating func restrictToAPIs() {
    let withAPI = Set(pairs.filter { offers[$0.offer].api != nil }.map(\.workload))
    pairs.removeAll { withAPI.contains($0.workload) && offers[$0.offer].api == nil }
  }

  public var workloads: [Workload] { input.workloads }
  /// Whether some workload may defer its calls within the day: then a day is dispatched whole.
  public var defersWork: Bool { workloads.contains { $0.deferHours > 0 } }
  public var months: [Month] { slices.months }
  /// Reserved capacity offers in sheet order (the set R of the model).
  public var reservedOffers: [CapacityOffer] { input.capacity.filter { $0.billing == .reserved } }

  /// How far from a whole number a reserved offer's units may come out of the solver, units: round-off, not
  /// capacity — 1e-3, plus what `integerTolerance` lets each purchase of a term add (at most 1e-4 a purchase,
  /// and `units` sums every purchase still active).
  public var wholeUnitTolerance: Double {
    1e-3 + 1e-4 * Double(reservedOffers.map(\.termMonths).max() ?? 1)
  }

  /// GLPK's integrality tolerance for this model: its default 1e-5 of a step, less where the largest `unit_step`
  /// would make that a usable fraction of a unit (a step of 100,000 let 2e-6 of a step pass as 0 and serve calls
  /// with 0.2 units nobody bought or billed): at most 1e-4 units a step — a tenth of `wholeUnitTolerance` — and
  /// never below 1e-11 (the simplex's own round-off). Steps up to 10 keep the default.
  public var integerTolerance: Double {
    let step = reservedOffers.map(\.unitStep).max() ?? 1
    return max(1e-11, min(1e-5, 1e-4 / step))
  }

  /// Month indices whose purchases are active in month `m` under a `term`-month term: m − term + 1 … m.
  public func purchaseWindow(month m: Int, term: Int) -> [Int] {
    months.indices.filter { $0 <= m && $0 > m - term }
  }
}
