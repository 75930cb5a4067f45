/// The plotting area of a chart and the furniture around it: title, axes, grid, labels, legend.
struct ChartFrame {
  var left = 86.0
  var top = 76.0
  var right = 250.0
  var bottom = 62.0
  var width = 900.0
  var height = 420.0

  var plotWidth: Double { width - left - right }
  var plotHeight: Double { height - top - bottom }

  func xScale(_ lo: Double, _ hi: Double) -> LinearScale {
    LinearScale(domain: (lo, hi), range: (left, left + plotWidth))
  }
  func yScale(_ lo: Double, _ hi: Double) -> LinearScale {
    LinearScale(domain: (lo, hi), range: (top + plotHeight, top))
  }

  /// The unit of a tokens-per-hour axis whose values reach `top`: Mtok from 200,000 tokens/h, else thousands.
  static func tokenAxis(upTo top: Double) -> (divisor: Double, label: String) {
    top >= 2e5 ? (1e6, "Mtok per hour") : (1e3, "thousand tokens per hour")
  }

  /// Round ticks from 0 that cover `top`, and the axis maximum (the last tick).
  static func ticks(upTo top: Double) -> (ticks: [Double], max: Double) {
    let t = Ticks.nice(0, max(top, 1e-9))
    return (t, max(t.last ?? top, top))
  }

  /// A scene with the title and a subtitle line.
  func scene(title: String, subtitle: String) -> ChartScene {
    var s = ChartScene(width: width, height: height, title: title)
    s.add(.text(x: left, y: 26, text: title, size: 17, bold: true))
    s.add(.text(x: left, y: 45, text: subtitle, size: 12, fill: Palette.axis))
    return s
  }

  /// Horizontal grid lines with y tick labels, and the y axis label.
  func yAxis(
    _ s: inout ChartScene, _ y: LinearScale, ticks: [Double], label: String,
    format: (Double) -> String
  ) {
    for t in ticks {
      s.add(.line(x1: left, y1: y(t), x2: left + plotWidth, y2: y(t), stroke: Palette.grid))
      s.add(
        .text(x: left - 8, y: y(t) + 4, text: format(t), size: 12, anchor: .end, fill: Palette.axis)
      )
    }
    s.add(
      .text(
        x: 18, y: top + plotHeight / 2, text: label, size: 12, anchor: .middle, fill: Palette.axis,
        rotate: -90))
  }

  /// The x axis line, tick labels and label.
  /// A horizontal value axis from 0 to `top` with round ticks, vertical grid lines at each and the axis below;
  /// returns the scale.
  func valueAxis(
    _ s: inout ChartScene, upTo top: Double, format: (Double) -> String, label: String
  ) -> LinearScale {
    let axis = Self.ticks(upTo: top)
    let x = xScale(0, axis.max)
    for t in axis.ticks {
      s.add(
        .line(x1: x(t), y1: self.top, x2: x(t), y2: self.top + plotHeight, stroke: Palette.grid))
    }
    xAxis(&s, x, ticks: axis.ticks.map { ($0, format($0)) }, label: label)
    return x
  }

  func xAxis(_ s: inout ChartScene, _ x: LinearScale, ticks: [(Double, String)], label: String) {
    let base = top + plotHeight
    s.add(.line(x1: left, y1: base, x2: left + plotWidth, y2: base, stroke: Palette.axis))
    for (v, text) in ticks {
      s.add(.line(x1: x(v), y1: base, x2: x(v), y2: base + 5, stroke: Palette.axis))
      s.add(.text(x: x(v), y: base + 19, text: text, size: 12, anchor: .middle, fill: Palette.axis))
    }
    s.add(
      .text(
        x: left + plotWidth / 2, y: height - 12, text: label, size: 12, anchor: .middle,
        fill: Palette.axis))
  }

  /// A legend in the right margin: a swatch (or a dashed line) and a label per item.
  func legend(_ s: inout ChartScene, _ items: [(label: String, colour: String, line: Bool)]) {
    var y = top + 4
    for item in items {
      if item.line {
        s.add(
          .line(
            x1: left + plotWidth + 16, y1: y + 6, x2: left + plotWidth + 34, y2: y + 6,
            stroke: item.colour, width: 2, dash: true))
      } else {
        s.add(.rect(x: left + plotWidth + 16, y: y, width: 18, height: 12, fill: item.colour))
      }
      let label = item.label.count > 32 ? String(item.label.prefix(31)) + "…" : item.label
      s.add(.text(x: left + plotWidth + 40, y: y + 11, text: label, size: 12))
      y += 20
    }
  }
}

extension Format {
  /// Compact axis numbers: 1.5k, 2M.
  static func compact(_ v: Double) -> String {
    let a = abs(v)
    if a >= 1e9 { return plain((v / 1e9 * 100).rounded() / 100) + "B" }
    if a >= 1e6 { return plain((v / 1e6 * 100).rounded() / 100) + "M" }
    if a >= 1e4 { return plain((v / 1e3 * 10).rounded() / 10) + "k" }
    return plain((v * 100).rounded() / 100)
  }
}
