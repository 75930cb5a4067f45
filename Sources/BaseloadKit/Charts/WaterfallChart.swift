/// An invoice waterfall: start total → each line that moves → end total.
public enum WaterfallChart {
  /// Bars as (label, start, end) in dollars; the first and last are totals from zero.
  public static func bars(start: (String, Double), steps: [(String, Double)], end: (String, Double))
    -> [(label: String, from: Double, to: Double)]
  {
    var out: [(String, Double, Double)] = [(start.0, 0, start.1)]
    var level = start.1
    for (label, delta) in steps {
      out.append((label, level, level + delta))
      level += delta
    }
    out.append((end.0, 0, end.1))
    return out
  }

  /// Steps from an invoice diff summed over months: each line group that shrinks, disappears or is new.
  static func steps(_ diff: InvoiceDiff, limit: Int = 7) -> [(String, Double)] {
    var order: [String] = []
    var sums: [String: Double] = [:]
    for l in diff.lines {
      let k = "\(l.offer) \(l.kind.rawValue)"
      if sums[k] == nil { order.append(k) }
      sums[k, default: 0] += l.delta
    }
    let moved = order.filter { abs(sums[$0]!) >= Format.halfCentUSD }.sorted {
      sums[$0]! < sums[$1]!
    }
    var steps = moved.prefix(limit).map { ($0, sums[$0]!) }
    let rest = moved.dropFirst(limit).reduce(0) { $0 + sums[$1]! }
    if abs(rest) >= Format.halfCentUSD { steps.append(("\(moved.count - limit) more lines", rest)) }
    return steps
  }

  public static func scene(
    title: String, subtitle: String, diff: InvoiceDiff, start: (String, Double),
    end: (String, Double), currency: Currency
  ) -> ChartScene {
    scene(
      title: title, subtitle: subtitle, bars: bars(start: start, steps: steps(diff), end: end),
      currency: currency)
  }

  /// Bars from `from` to `to`, money in `currency`.
  public static func scene(
    title: String, subtitle: String, bars: [(label: String, from: Double, to: Double)],
    currency: Currency
  ) -> ChartScene {
    var frame = ChartFrame()
    frame.right = 30
    frame.bottom = 120
    frame.height = 480
    var s = frame.scene(title: title, subtitle: subtitle)
    let axis = ChartFrame.ticks(upTo: max(bars.map { max($0.from, $0.to) }.max() ?? 0, 1) * 1.06)
    let y = frame.yScale(0, axis.max)
    frame.yAxis(
      &s, y, ticks: axis.ticks, label: "\(currency.code) over the horizon", format: currency.compact
    )
    let slot = frame.plotWidth / Double(max(bars.count, 1))
    for (i, b) in bars.enumerated() {
      let total = i == 0 || i == bars.count - 1
      let colour = total ? Palette.colour(0) : b.to < b.from ? Palette.good : Palette.bad
      let x0 = frame.left + Double(i) * slot + slot * 0.15
      let hi = max(b.from, b.to)
      let lo = min(b.from, b.to)
      let tip = "\(b.label): \(currency.money(b.to - b.from))"
      s.add(
        .rect(
          x: x0, y: y(hi), width: slot * 0.7, height: max(1, y(lo) - y(hi)), fill: colour,
          title: tip))
      let value =
        total
        ? currency.money(b.to) : (b.to < b.from ? "-" : "+") + currency.money(abs(b.to - b.from))
      s.add(.text(x: x0 + slot * 0.35, y: y(hi) - 6, text: value, size: 11, anchor: .middle))
      let label = b.label.count > 24 ? String(b.label.prefix(23)) + "…" : b.label
      s.add(
        .text(
          x: x0 + slot * 0.35, y: frame.top + frame.plotHeight + 14, text: label, size: 11,
          anchor: .end, rotate: -40))
      if i + 1 < bars.count && !total || i == 0 {
        let next = x0 + slot
        s.add(
          .line(
            x1: x0 + slot * 0.7, y1: y(b.to), x2: next, y2: y(b.to), stroke: Palette.neutral,
            dash: true))
      }
    }
    s.add(
      .line(
        x1: frame.left, y1: y(0), x2: frame.left + frame.plotWidth, y2: y(0), stroke: Palette.axis))
    return s
  }
}
