/// The peak month's week, hour by hour: tokens served by each offer stacked (reserved first), each reserved
/// pool's capacity as a dashed line — baseload plus peaks.
public enum DispatchChart {
  /// Tokens per hour served by each offer in each hour of week of month `mi` (weighted mean over that hour's slices).
  static func servedByOffer(_ a: PlanAnalysis, month mi: Int) -> [[Double]] {
    var out = [[Double]](repeating: [Double](repeating: 0, count: 168), count: a.offers.count)
    var hours = [Double](repeating: 0, count: 168)
    for use in a.slices(inMonth: mi) where use.slice.weight > 0 {
      let s = use.slice
      hours[s.hourOfWeek] += s.weight
      for o in out.indices { out[o][s.hourOfWeek] += s.weight * use.tokens[o] }
    }
    for o in out.indices { for h in 0..<168 where hours[h] > 0 { out[o][h] /= hours[h] } }
    return out
  }

  /// Nil when there is no demand.
  public static func scene(_ a: PlanAnalysis) -> ChartScene? {
    let offers = a.offers
    let monthly = a.months.indices.map { mi in
      a.placement.filter { $0.month == a.months[mi] }.reduce(0) { $0 + $1.tokens }
    }
    guard let mi = monthly.indices.max(by: { monthly[$0] < monthly[$1] }), monthly[mi] > 0 else {
      return nil
    }
    let served = servedByOffer(a, month: mi)
    func rank(_ o: OfferRef) -> Int { o.isReserved ? 0 : o.capacity != nil ? 1 : 2 }
    let order = offers.indices.filter { served[$0].contains { $0 > 0 } }.sorted {
      (rank(offers[$0]), $0) < (rank(offers[$1]), $1)
    }
    // Reserved capacity in tokens/h: units × tokens per unit-hour of load seen this month on that pool.
    var capacity: [(offer: String, level: Double)] = []
    for oi in order where offers[oi].isReserved {
      var tokens = 0.0
      var load = 0.0
      for use in a.slices(inMonth: mi) {
        tokens += use.slice.weight * use.tokens[oi]
        load += use.slice.weight * use.load[oi]
      }
      let units = a.reservedUnits[offers[oi].id]?[mi] ?? 0
      if load > 0 { capacity.append((offers[oi].id, units * tokens / load)) }
    }
    let totals = (0..<168).map { h in order.reduce(0.0) { $0 + served[$1][h] } }
    let top = max(totals.max() ?? 0, capacity.reduce(0) { $0 + $1.level }) * 1.08
    let (div, unit) = ChartFrame.tokenAxis(upTo: top)
    let frame = ChartFrame()
    var s = frame.scene(
      title: "Peak week: tokens served per hour by offer (\(a.months[mi]))",
      subtitle:
        "Reserved capacity carries the baseload, usage-billed offers the peaks; dashed lines: reserved capacity"
    )
    let x = frame.xScale(0, 168)
    let axis = ChartFrame.ticks(upTo: top / div)
    let y = frame.yScale(0, axis.max)
    frame.yAxis(
      &s, y, ticks: axis.ticks, label: unit,
      format: Format.compact)
    frame.xAxis(
      &s, x, ticks: (0..<7).map { (Double($0 * 24 + 12), TimeSlice.dayNames[$0].capitalized) },
      label: "hour of week (UTC)")
    var below = [Double](repeating: 0, count: 168)
    var legend: [(String, String, Bool)] = []
    for (i, oi) in order.enumerated() {
      let colour = Palette.colour(i)
      var upper: [(Double, Double)] = []
      var lower: [(Double, Double)] = []
      for h in 0..<168 {
        let b = below[h]
        let t = below[h] + served[oi][h]
        upper += [(x(Double(h)), y(t / div)), (x(Double(h + 1)), y(t / div))]
        lower += [(x(Double(h)), y(b / div)), (x(Double(h + 1)), y(b / div))]
        below[h] = t
      }
      s.add(.polygon(points: upper + lower.reversed(), fill: colour, opacity: 0.85))
      let kind =
        offers[oi].isReserved ? "reserved" : offers[oi].capacity != nil ? "on demand" : "API"
      legend.append(("\(offers[oi].id) (\(kind))", colour, false))
    }
    var level = 0.0
    for (i, c) in capacity.enumerated() {
      level += c.level
      s.add(
        .line(
          x1: x(0), y1: y(level / div), x2: x(168), y2: y(level / div),
          stroke: i % 2 == 0 ? "#1b1f24" : Palette.bad, width: 2, dash: true))
      legend.append(("capacity \(c.offer)", i % 2 == 0 ? "#1b1f24" : Palette.bad, true))
    }
    for dday in 1..<7 {
      s.add(
        .line(
          x1: x(Double(dday * 24)), y1: frame.top, x2: x(Double(dday * 24)),
          y2: frame.top + frame.plotHeight, stroke: Palette.grid))
    }
    frame.legend(&s, legend)
    return s
  }
}
