/// Cost per completed task by workload: the plan, and the baseline beside it where there is one.
public enum TaskCostChart {
  public static func scene(_ a: PlanAnalysis, baseline: PlanAnalysis?) -> ChartScene? {
    // Only workloads that complete tasks have a cost per completed task (a bar); the same for the baseline.
    let rows = a.workloads.compactMap { w in
      w.costPerCompletedTask.map { (workload: w.workload, cost: $0) }
    }
    guard !rows.isEmpty else { return nil }
    let before = rows.map { w in
      baseline?.workloads.first { $0.workload == w.workload }?.costPerCompletedTask
    }
    let top = max(rows.map(\.cost).max() ?? 0, before.compactMap { $0 }.max() ?? 0) * 1.15
    guard top > 0 else { return nil }
    var frame = ChartFrame()
    frame.left = 170
    frame.right = 180
    let band = baseline == nil ? 30.0 : 46.0
    frame.height = frame.top + frame.bottom + band * Double(rows.count) + 10
    var s = frame.scene(
      title: "Cost per completed task by workload",
      subtitle: "Invoice cost shared by use, divided by tasks that succeeded"
        + (baseline == nil ? "" : "; baseline beside the plan"))
    let x = frame.valueAxis(
      &s, upTo: top, format: a.currency.perUnit, label: "\(a.currency.code) per completed task")
    for (i, w) in rows.enumerated() {
      let y0 = frame.top + 8 + Double(i) * band
      let name = w.workload.count > 22 ? String(w.workload.prefix(21)) + "…" : w.workload
      s.add(
        .text(
          x: frame.left - 8, y: y0 + (baseline == nil ? 14 : 22), text: name, size: 12, anchor: .end
        ))
      var y = y0
      if let b = before[i] {
        s.add(
          .rect(
            x: x(0), y: y, width: x(b) - x(0), height: 16, fill: Palette.neutral,
            title: "baseline \(a.currency.perUnit(b))"))
        s.add(
          .text(x: x(b) + 5, y: y + 12, text: a.currency.perUnit(b), size: 11, fill: Palette.axis))
        y += 20
      }
      s.add(
        .rect(
          x: x(0), y: y, width: x(w.cost) - x(0), height: 16,
          fill: Palette.colour(0), title: "plan \(a.currency.perUnit(w.cost))"))
      s.add(
        .text(
          x: x(w.cost) + 5, y: y + 12, text: a.currency.perUnit(w.cost),
          size: 11))
    }
    frame.legend(
      &s,
      (baseline == nil ? [] : [("baseline", Palette.neutral, false)]) + [
        ("plan", Palette.colour(0), false)
      ])
    return s
  }
}
