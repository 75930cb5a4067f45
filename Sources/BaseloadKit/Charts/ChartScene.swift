import Foundation

/// A chart as values: shapes and text in pixel coordinates, rendered to SVG by `SVGRenderer`.
public struct ChartScene: Sendable, Equatable {
  /// Text anchor.
  public enum Anchor: String, Sendable { case start, middle, end }

  /// One drawable element.
  public enum Element: Sendable, Equatable {
    case rect(
      x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil)
    case line(
      x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
      dash: Bool = false)
    case polyline(points: [(Double, Double)], stroke: String, width: Double = 2, dash: Bool = false)
    case polygon(points: [(Double, Double)], fill: String, opacity: Double = 1)
    case text(
      x: Double, y: Double, text: String, size: Double = 12, anchor: Anchor = .start,
      bold: Bool = false, fill: String = "#1b1f24", rotate: Double = 0)

    public static func == (a: Element, b: Element) -> Bool {
      SVGRenderer.element(a) == SVGRenderer.element(b)
    }
  }

  public var width: Double
  public var height: Double
  public var title: String
  public var elements: [Element] = []

  public init(width: Double, height: Double, title: String) {
    self.width = width
    self.height = height
    self.title = title
  }

  public mutating func add(_ e: Element) { elements.append(e) }
}

/// A linear map from data to pixels.
public struct LinearScale: Sendable, Equatable {
  public var domain: (Double, Double)
  public var range: (Double, Double)

  public init(domain: (Double, Double), range: (Double, Double)) {
    self.domain = domain
    self.range = range
  }

  public func callAsFunction(_ v: Double) -> Double {
    let span = domain.1 - domain.0
    guard span != 0 else { return range.0 }
    return range.0 + (v - domain.0) / span * (range.1 - range.0)
  }

  public static func == (a: LinearScale, b: LinearScale) -> Bool {
    a.domain == b.domain && a.range == b.range
  }
}

/// Readable tick values.
public enum Ticks {
  /// About `count` round ticks (1, 2, 2.5 or 5 × 10^n steps) covering 0…max (or min…max).
  public static func nice(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
    guard hi > lo, hi.isFinite, lo.isFinite else { return [lo] }
    let raw = (hi - lo) / Double(max(1, count))
    let magnitude = pow(10, floor(log10(raw)))
    let step =
      [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    let first = (lo / step).rounded(.down) * step
    var ticks: [Double] = []
    var v = first
    while v <= hi + step * 1e-9 {
      if v >= lo - step * 1e-9 { ticks.append(abs(v) < step * 1e-9 ? 0 : v) }
      v += step
    }
    if let last = ticks.last, last < hi - step * 1e-9 { ticks.append(last + step) }
    return ticks
  }
}

/// A colour-blind-safe palette (Okabe–Ito, then darker variants).
public enum Palette {
  public static let colours = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    "#005A8C", "#B37A00", "#007A59", "#9E5A82",
  ]
  public static func colour(_ i: Int) -> String { colours[i % colours.count] }
  public static let grid = "#d8dee4"
  public static let axis = "#57606a"
  public static let good = "#009E73"
  public static let bad = "#D55E00"
  public static let neutral = "#8c959f"
}
