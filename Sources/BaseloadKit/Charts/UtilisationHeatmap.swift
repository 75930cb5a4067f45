/// Utilisation of one reserved offer by day of week and hour of day, over the horizon.
public enum UtilisationHeatmap {
  public static func scene(_ a: PlanAnalysis, offer: String) -> ChartScene? {
    guard let oi = a.offers.firstIndex(where: { $0.id == offer }) else { return nil }
    var used = [Double](repeating: 0, count: 168)
    var paid = [Double](repeating: 0, count: 168)
    for use in a.slices where use.slice.weight > 0 {
      let s = use.slice
      let units = a.reservedUnits[offer]?[s.monthIndex] ?? 0
      paid[s.hourOfWeek] += s.weight * units
      used[s.hourOfWeek] += s.weight * use.load[oi]
    }
    guard paid.contains(where: { $0 > 0 }) else { return nil }
    var frame = ChartFrame()
    frame.left = 60
    frame.right = 120
    frame.height = 340
    var s = frame.scene(
      title: "Utilisation of \(offer) by hour of week",
      subtitle: "Load (with its latency headroom) ÷ reserved units, averaged over the horizon")
    let cw = frame.plotWidth / 24
    let ch = (frame.plotHeight - 10) / 7
    for day in 0..<7 {
      s.add(
        .text(
          x: frame.left - 8, y: frame.top + Double(day) * ch + ch / 2 + 4,
          text: TimeSlice.dayNames[day].capitalized, size: 12, anchor: .end))
      for h in 0..<24 {
        let k = day * 24 + h
        let u = paid[k] > 0 ? min(1, used[k] / paid[k]) : 0
        s.add(
          .rect(
            x: frame.left + Double(h) * cw, y: frame.top + Double(day) * ch, width: cw - 1,
            height: ch - 1, fill: colour(u),
            title: "\(TimeSlice.dayNames[day]) \(h):00 — \(Format.percent(u, 0))"))
      }
    }
    for h in stride(from: 0, through: 21, by: 3) {
      s.add(
        .text(
          x: frame.left + Double(h) * cw + cw / 2, y: frame.top + 7 * ch + 14, text: "\(h):00",
          size: 11, anchor: .middle, fill: Palette.axis))
    }
    s.add(
      .text(
        x: frame.left + frame.plotWidth / 2, y: frame.height - 12, text: "hour of day (UTC)",
        size: 12, anchor: .middle, fill: Palette.axis))
    for (i, v) in [0.0, 0.25, 0.5, 0.75, 1.0].enumerated() {
      let y0 = frame.top + Double(i) * 24
      s.add(
        .rect(x: frame.left + frame.plotWidth + 16, y: y0, width: 18, height: 18, fill: colour(v)))
      s.add(
        .text(
          x: frame.left + frame.plotWidth + 40, y: y0 + 13, text: Format.percent(v, 0), size: 12))
    }
    return s
  }

  /// White → blue ramp.
  static func colour(_ u: Double) -> String {
    let t = max(0, min(1, u))
    let r = Int((247 - t * (247 - 8)).rounded())
    let g = Int((251 - t * (251 - 69)).rounded())
    let b = Int((255 - t * (255 - 148)).rounded())
    func hex(_ v: Int) -> String {
      let s = String(v, radix: 16)
      return s.count == 1 ? "0" + s : s
    }
    return "#" + hex(r) + hex(g) + hex(b)
  }
}
