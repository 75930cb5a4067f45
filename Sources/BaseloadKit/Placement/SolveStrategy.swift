/// How a placement is solved. Chosen in one place, `SolveStrategy.choose(for:)`, and stated in the report.
public enum SolvePath: String, Sendable, Equatable {
  /// `Models/placement.mod` over every slice of the data (one representative week per month, or every hour):
  /// exact.
  case exact = "exact model"
  /// Capacity is given (a locked what-if): every slice dispatched with it; exact, and no integer decision left.
  case dispatch = "dispatch with capacity given"
  /// Benders capacity master with cuts from the dispatch of every slice: certified lower and upper bounds.
  case benders = "Benders decomposition"
  /// Clustered MIP refined until the certified gap is met.
  case clusters = "clustered MIP"
}

/// The solve path for a placement and why.
public struct SolveStrategy: Sendable, Equatable {
  public var path: SolvePath
  public var reason: String
  /// For the exact model chosen by size (`resolution,auto`): the certified decomposition that takes over with
  /// the time left when the exact model has not met the gap within `exactShare` of the time limit — "small" is a
  /// count of columns and purchases, not a promise (a 30-purchase, 12-month plan stood at a 45% gap after 90 s
  /// where the decomposition certified 0.09% in 3 s). Nil on every other path.
  public var handOver: SolvePath? = nil

  /// The share of the time limit the exact model chosen by size has before `handOver`.
  public static let exactShare = 1.0 / 3

  /// Largest exact week model `resolution,auto` solves directly: workload/offer pairs × slices (columns of the
  /// placement), and reserved offers × months (integer purchase decisions). Beyond either, the certified
  /// decomposition is faster, by orders of magnitude on large plans (see the README's *Speed*). Measured
  /// (2026-11-28, one run each, the same plan or one within its certificate): the bundled examples at
  /// `resolution,week` against `cluster` — 1,344 columns 1.54 s against 0.15 s, 3,024 columns 0.78 s against
  /// 0.41 s, 14,616 columns 1.66 s against 0.16 s — and portfolio plans of 12 offers over 3 months with 10, 20
  /// and 30 workloads (9,072 to 43,848 columns) 11.5 s, 69 s and the 120 s limit against 0.36, 0.49 and 0.15 s. Under
  /// 1,000 columns both take hundredths of a second (336 columns: 0.053 s against 0.028 s; 504: 0.079 s against
  /// 0.048 s).
  public static let autoExactColumns = 1_000
  public static let autoExactPurchases = 36

  /// The slices a placement is built on: every calendar hour for `resolution,hour` and under
  /// `demand_shape,replay` (each calendar hour has its own observed demand, so one representative week per
  /// month would no longer be exact), else one representative week per month; `requested` (a re-solve at
  /// another resolution) wins when given.
  public static func sliceResolution(_ input: PlanInput, requested: Resolution? = nil) -> Resolution
  {
    if let requested { return requested }
    if replays(input) { return .hour }
    switch input.settings.resolution {
    case .hour: return .hour
    case .week, .cluster, .auto: return .week
    }
  }

  /// Whether some workload's demand is replayed from observed hours.
  static func replays(_ input: PlanInput) -> Bool {
    input.settings.demandShape == .replay && input.workloads.contains { input.usage[$0.id] != nil }
  }

  /// The one place that decides the solve path.
  public static func choose(for data: PlacementData) -> SolveStrategy {
    if data.allowShortfall {
      return .init(path: .exact, reason: "locating a shortfall needs the whole model")
    }
    if let o = data.outlook {
      let what = "a plan for \(o.names.count) futures"
      if o.riskWeight > 0 {
        return .init(
          path: .exact,
          reason:
            "\(what) with risk_weight above 0 is solved as one model (its extensive form: capacity shared, placement per future): CVaR couples each future's whole cost, which the decomposition's cuts do not carry"
        )
      }
      let columns = data.pairs.count * data.slices.slices.count
      let purchases = data.reservedOffers.count * data.months.count
      switch data.input.settings.resolution {
      case .week, .hour:
        return .init(
          path: .exact,
          reason:
            "\(what) is solved as one model (its extensive form: capacity shared, placement per future), resolution \(data.input.settings.resolution.rawValue) in plan.csv"
        )
      case .auto where columns <= autoExactColumns && purchases <= autoExactPurchases:
        return .init(
          path: .exact,
          reason:
            "\(what) is solved as one model (its extensive form: capacity shared, placement per future), small enough (\(columns) placement columns, \(purchases) purchase decisions)"
        )
      case .auto, .cluster:
        return .init(
          path: .benders,
          reason:
            "\(what) by the L-shaped method: the capacity master with cuts from every future's dispatch, each weighted by its future's probability (\(columns) placement columns in the extensive form)"
            + (data.defersWork ? "; deferrable batch work is dispatched a whole day at a time" : "")
        )
      }
    }
    if data.sliceDemand != nil && data.slices.resolution == .cluster {
      return .init(path: .exact, reason: "a clustered model is solved whole")
    }
    if !data.routing.isEmpty {
      return .init(path: .exact, reason: "today's routing (current.csv) is fixed in the model")
    }
    if data.capacityHeld {
      return .init(
        path: .dispatch,
        reason:
          "reserved units and commitment levels are held, so every hour is dispatched with them")
    }
    if onlySignedCapacity(data) {
      return .init(
        path: .dispatch,
        reason:
          "no reserved offer can carry a call and no commitment may be bought, so the capacity is what is signed and every hour is dispatched with it"
      )
    }
    if replays(data.input) && data.slices.resolution == .hour {
      // Observed hours differ from week to week: the week model is not exact, so the hourly model is solved
      // whole when small, else decomposed over every calendar hour.
      let why =
        "demand_shape replay: every calendar hour has its own observed demand, so the week model is not exact"
      let columns = data.pairs.count * data.slices.slices.count
      let purchases = data.reservedOffers.count * data.months.count
      switch data.input.settings.resolution {
      case .cluster:
        return decomposed(data, why: why + "; resolution cluster in plan.csv")
      case .week, .hour, .auto:
        if columns <= autoExactColumns && purchases <= autoExactPurchases {
          return .init(
            path: .exact,
            reason:
              "\(why); the hourly model is small (\(columns) placement columns, \(purchases) purchase decisions)"
          )
        }
        return decomposed(
          data,
          why:
            "\(why); the hourly model is large (\(columns) placement columns, \(purchases) purchase decisions)"
        )
      }
    }
    switch data.input.settings.resolution {
    case .week, .hour:
      return .init(
        path: .exact, reason: "resolution \(data.input.settings.resolution.rawValue) in plan.csv")
    case .cluster:
      return decomposed(data, why: "resolution cluster in plan.csv")
    case .auto:
      let columns = data.pairs.count * data.slices.slices.count
      let purchases = data.reservedOffers.count * data.months.count
      if columns <= autoExactColumns && purchases <= autoExactPurchases {
        let next = decomposed(data, why: "").path
        return .init(
          path: .exact,
          reason:
            "resolution auto: the exact week model is small (\(columns) placement columns, \(purchases) purchase decisions)",
          handOver: next == .exact ? nil : next)
      }
      return decomposed(
        data,
        why:
          "resolution auto: the exact week model is large (\(columns) placement columns, \(purchases) purchase decisions)"
      )
    }
  }

  /// Whether the capacity decisions are already made: no pair on any reserved offer (so buying units only
  /// costs; signed units alone never call for `min_units`) and no new commitment allowed. The all-API baseline
  /// is such a plan.
  static func onlySignedCapacity(_ data: PlacementData) -> Bool {
    guard !data.allowNewCommitments else { return false }
    let reserved = Set(data.offers.indices.filter { data.offers[$0].isReserved })
    return !data.pairs.contains(where: { reserved.contains($0.offer) })
  }

  static func decomposed(_ data: PlacementData, why: String) -> SolveStrategy {
    let defers = data.defersWork
    if data.input.settings.decomposition == .clusters || !data.fixedLevels.isEmpty {
      if defers {
        return .init(
          path: .exact,
          reason:
            "\(why), but clustered hours cannot keep deferrable batch work within its day, so the exact week model is solved"
        )
      }
      return .init(path: .clusters, reason: "\(why), decomposition clusters")
    }
    return .init(
      path: .benders,
      reason: defers ? "\(why); deferrable batch work is dispatched a whole day at a time" : why)
  }
}
