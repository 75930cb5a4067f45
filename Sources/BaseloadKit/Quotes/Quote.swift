/// What one offer costs on one workload, three ways.
public struct Quote: Sendable, Equatable {
  public var workload: String
  public var offer: String
  /// `token API`, `reserved`, `on-demand`.
  public var billing: String
  /// Price with no idle time, $ per million tokens (all classes) and $ per completed task (nil when the
  /// success rate on this offer is 0: no task completes).
  public var listPerMtok: Double
  public var listPerCompletedTask: Double?
  /// The whole workload on this offer alone, sized for its own peak (integer units, terms), idle included; nil when it cannot carry it.
  public var standalonePerMtok: Double?
  public var standalonePerCompletedTask: Double?
  /// Utilisation of the units paid in the standalone case (capacity offers), 0...1.
  public var standaloneUtilisation: Double?
  /// What the offer's share costs in the optimised plan (reserved cost allocated by load); nil when the plan does not use it for this workload.
  public var inPlanPerMtok: Double?
  public var inPlanPerCompletedTask: Double?
  /// Share of the workload's tokens the plan puts on this offer, 0...1.
  public var inPlanShare: Double
  /// Utilisation of the offer's paid units over the horizon in the plan (capacity offers).
  public var inPlanUtilisation: Double?
  /// Peak-to-mean ratio of the workload's tokens per hour.
  public var peakToMean: Double
}

/// The price at which an offer enters or leaves the plan.
public struct BreakEven: Sendable, Equatable {
  public var offer: String
  /// What is priced: `$/Mtok (all token prices scaled)` or `$/GPU-hour`.
  public var priceUnit: String
  /// Today's price in that unit (for APIs: the blended input price, the scale is what moves).
  public var price: Double
  /// Whether the plan uses the offer at today's price.
  public var usedToday: Bool
  /// The price at which that changes; nil when it does not within the searched range.
  public var breakEvenPrice: Double?
  /// Plan cost at the break-even price, $.
  public var planCostAtBreakEven: Double?
  /// Relative tolerance of the bisection.
  public var tolerance: Double
  /// The searched range, as multiples of today's price.
  public var searched: ClosedRange<Double>
  /// How the sentence writes money: the plan's currency.
  public var currency = Currency("USD")

  /// "Quote B must drop from $2.49 to $1.87/GPU-hour to win any of your traffic."
  public var sentence: String {
    let unit = priceUnit
    guard let p = breakEvenPrice else {
      return usedToday
        ? "`\(offer)` still carries some of your traffic (in some month, perhaps only what a contract holds) at any price up to \(Format.plain(searched.upperBound))× today's \(currency.price(price))\(unit)."
        : "`\(offer)` wins no traffic even at \(currency.price(price * searched.lowerBound))\(unit)."
    }
    if !usedToday && p <= tolerance * price {
      // A break-even within the bisection's resolution of nothing: no price above that resolution wins it traffic
      // (below it, perhaps not even free). It read "at any price above $0.00" beside a break-even of $0.0014.
      return
        "`\(offer)` wins none of your traffic at any price above \(currency.perUnit(tolerance * price))\(unit) (\(Format.percent(tolerance, 1)) of today's \(currency.price(price)))."
    }
    if usedToday {
      return
        "`\(offer)` keeps traffic until its price rises from \(currency.price(price)) to \(currency.price(p))\(unit) (plan cost there \(currency.money(planCostAtBreakEven ?? 0)))."
    }
    return
      "`\(offer)` must drop from \(currency.price(price)) to \(currency.price(p))\(unit) to win any of your traffic (plan cost there \(currency.money(planCostAtBreakEven ?? 0)))."
  }
}
