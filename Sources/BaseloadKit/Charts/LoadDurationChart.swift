/// Every hour of the horizon sorted by demand: the part reserved capacity serves (baseload) and the part
/// usage-billed offers serve above it (peaks).
public enum LoadDurationChart {
  public static func scene(_ a: PlanAnalysis) -> ChartScene? {
    var points: [(hours: Double, reserved: Double, other: Double)] = []
    for use in a.slices where use.slice.weight > 0 {
      points.append((use.slice.weight, use.reservedTokens, use.otherTokens))
    }
    let hours = points.reduce(0) { $0 + $1.hours }
    let peak = points.map { $0.reserved + $0.other }.max() ?? 0
    guard hours > 0, peak > 0 else { return nil }
    points.sort { ($0.reserved + $0.other, $0.reserved) > ($1.reserved + $1.other, $1.reserved) }
    let (div, unit) = ChartFrame.tokenAxis(upTo: peak)
    let frame = ChartFrame()
    var s = frame.scene(
      title: "Load duration: hours of the horizon sorted by demand",
      subtitle:
        "\(Format.number(hours)) hours; lower band served by reserved capacity, upper band by usage-billed offers"
    )
    let x = frame.xScale(0, hours)
    let axis = ChartFrame.ticks(upTo: peak * 1.05 / div)
    let y = frame.yScale(0, axis.max)
    frame.yAxis(
      &s, y, ticks: axis.ticks, label: unit,
      format: Format.compact)
    frame.xAxis(
      &s, x,
      ticks: Ticks.nice(0, hours, count: 6).filter { $0 <= hours }.map { ($0, Format.compact($0)) },
      label: "hours at or above this demand")
    var reservedTop: [(Double, Double)] = []
    var totalTop: [(Double, Double)] = []
    var at = 0.0
    for p in points {
      reservedTop += [(x(at), y(p.reserved / div)), (x(at + p.hours), y(p.reserved / div))]
      totalTop += [
        (x(at), y((p.reserved + p.other) / div)),
        (x(at + p.hours), y((p.reserved + p.other) / div)),
      ]
      at += p.hours
    }
    let base = [(x(hours), y(0)), (x(0), y(0))]
    s.add(
      .polygon(points: totalTop + reservedTop.reversed(), fill: Palette.colour(1), opacity: 0.85))
    s.add(.polygon(points: reservedTop + base, fill: Palette.colour(0), opacity: 0.85))
    frame.legend(
      &s,
      [
        ("usage-billed (peaks)", Palette.colour(1), false),
        ("reserved (baseload)", Palette.colour(0), false),
      ])
    return s
  }
}
