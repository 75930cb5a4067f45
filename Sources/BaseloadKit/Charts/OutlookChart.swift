/// The outlook: each future's cost under the stochastic plan, the mean-value plan and perfect foresight; and how
/// much of the reserved spend each future uses.
public enum OutlookChart {
  /// Grouped horizontal bars, one group per future (labelled with its probability).
  public static func costScene(_ o: OutlookResult) -> ChartScene? {
    guard !o.futures.isEmpty else { return nil }
    let series: [(label: String, colour: String, value: (OutlookFuture) -> Double?)] = [
      ("this plan", Palette.colour(0), { $0.cost }),
      ("mean-value plan", Palette.neutral, { $0.meanValue?.solve.objective }),
      ("perfect foresight", Palette.colour(2), { $0.perfectForesightCost }),
    ]
    let top =
      (o.futures.flatMap { f in series.compactMap { $0.value(f) } }.max() ?? 0) * 1.15
    guard top > 0 else { return nil }
    var frame = ChartFrame()
    frame.left = 150
    frame.right = 190
    let band = 70.0
    frame.height = frame.top + frame.bottom + band * Double(o.futures.count) + 10
    var s = frame.scene(
      title: "Cost in each future",
      subtitle:
        "Expected \(o.money(o.expectedCost)); CVaR \(Format.plain((1 - o.riskAlpha) * 100))% tail \(o.money(o.cvar)); EVPI \(o.money(o.evpi))"
    )
    let x = frame.valueAxis(
      &s, upTo: top, format: Format.compact, label: "cost over the horizon, \(o.currency.code)")
    for (i, f) in o.futures.enumerated() {
      let y0 = frame.top + 8 + Double(i) * band
      let name = f.name.count > 18 ? String(f.name.prefix(17)) + "…" : f.name
      s.add(.text(x: frame.left - 8, y: y0 + 22, text: name, size: 12, anchor: .end))
      s.add(
        .text(
          x: frame.left - 8, y: y0 + 38, text: "p = \(Format.percent(f.probability, 1))", size: 11,
          anchor: .end, fill: Palette.axis))
      for (k, ser) in series.enumerated() {
        let y = y0 + Double(k) * 18
        guard let v = ser.value(f) else {
          s.add(.text(x: x(0) + 5, y: y + 12, text: "cannot serve", size: 11, fill: Palette.axis))
          continue
        }
        s.add(
          .rect(
            x: x(0), y: y, width: x(v) - x(0), height: 14, fill: ser.colour,
            title: "\(f.name), \(ser.label): \(o.money(v))"))
        s.add(.text(x: x(v) + 5, y: y + 11, text: o.money(v), size: 11, fill: Palette.axis))
      }
    }
    frame.legend(&s, series.map { ($0.label, $0.colour, false) })
    return s
  }

  /// Reserved use per future: the share of each reserved offer's paid hours the future's calls use.
  public static func utilisationScene(_ o: OutlookResult) -> ChartScene? {
    let offers = o.reservedOffers.map(\.id).filter { id in
      (o.reservedUnits[id] ?? []).contains { $0 > 0 }
    }
    guard !offers.isEmpty, !o.futures.isEmpty else { return nil }
    var frame = ChartFrame()
    frame.left = 150
    frame.right = 210
    let band = 18.0 * Double(offers.count) + 16
    frame.height = frame.top + frame.bottom + band * Double(o.futures.count) + 10
    var s = frame.scene(
      title: "Reserved capacity used in each future",
      subtitle:
        "Share of the paid unit-hours the calls use (utilisation cap included), over the horizon")
    let ticks = [0, 0.25, 0.5, 0.75, 1.0]
    let x = frame.xScale(0, 1)
    for t in ticks {
      s.add(
        .line(
          x1: x(t), y1: frame.top, x2: x(t), y2: frame.top + frame.plotHeight, stroke: Palette.grid)
      )
    }
    frame.xAxis(&s, x, ticks: ticks.map { ($0, Format.percent($0, 0)) }, label: "used share")
    for (i, f) in o.futures.enumerated() {
      let y0 = frame.top + 8 + Double(i) * band
      s.add(.text(x: frame.left - 8, y: y0 + 12, text: f.name, size: 12, anchor: .end))
      for (k, id) in offers.enumerated() {
        let uses = f.plan.capacityUse.filter { $0.offer == id }
        let paid = uses.reduce(0) { $0 + $1.paidUnitHours }
        let share = paid > 0 ? uses.reduce(0) { $0 + $1.usedUnitHours } / paid : 0
        let y = y0 + Double(k) * 18
        s.add(
          .rect(
            x: x(0), y: y, width: x(min(1, share)) - x(0), height: 14, fill: Palette.colour(k),
            title: "\(f.name), \(id): \(Format.percent(share, 1))"))
        s.add(
          .text(
            x: x(min(1, share)) + 5, y: y + 11, text: Format.percent(share, 0), size: 11,
            fill: Palette.axis))
      }
    }
    frame.legend(&s, offers.enumerated().map { ($1, Palette.colour($0), false) })
    return s
  }
}
