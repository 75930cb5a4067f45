/// Every chart of a plan report, as SVG files.
public enum PlanCharts {
  /// `charts/<name>.svg` → SVG text, for a solved run.
  public static func all(_ run: PlanRun) -> [(name: String, svg: String)] {
    var out: [(String, String)] = []
    let a = run.plan
    if let s = DispatchChart.scene(a) { out.append(("dispatch.svg", SVGRenderer.render(s))) }
    if let s = LoadDurationChart.scene(a) {
      out.append(("load-duration.svg", SVGRenderer.render(s)))
    }
    // A baseline and a plan that both bill nothing (no demand, nothing signed) have no waterfall to draw.
    if let b = run.baseline, let d = run.baselineDiff,
      b.analysis.invoice.total > Format.halfCentUSD || a.invoice.total > Format.halfCentUSD
    {
      out.append(
        (
          "waterfall-baseline.svg",
          SVGRenderer.render(
            WaterfallChart.scene(
              title: "Invoice: baseline → plan",
              subtitle: "Horizon totals; each line that shrinks, disappears or is new", diff: d,
              start: ("baseline", b.analysis.invoice.total), end: ("plan", a.invoice.total),
              currency: a.currency))
        ))
    }
    for s in run.scenarios {
      for o in s.outcomes {
        let name =
          "waterfall-\(fileSafe(s.scenario))-\(o.mode == .locked ? "locked" : "renewal").svg"
        out.append(
          (
            name,
            SVGRenderer.render(
              WaterfallChart.scene(
                title: "Invoice: plan → \(s.scenario) (\(o.mode.rawValue))",
                subtitle: (o.diff.billRises
                  ? "The bill rises \(a.money(-o.diff.cashSaving))"
                  : "Cash saving \(a.money(o.diff.cashSaving))")
                  + "; capacity headroom \(a.money(o.diff.headroomUSD)) (not cash)",
                diff: o.diff,
                start: ("plan", a.invoice.total), end: (s.scenario, o.analysis.invoice.total),
                currency: a.currency))
          ))
      }
    }
    if let o = run.outlook {
      if let s = OutlookChart.costScene(o) {
        out.append(("outlook-cost.svg", SVGRenderer.render(s)))
      }
      if let s = OutlookChart.utilisationScene(o) {
        out.append(("outlook-utilisation.svg", SVGRenderer.render(s)))
      }
    }
    if let s = TaskCostChart.scene(a, baseline: run.baseline?.analysis) {
      out.append(("task-cost.svg", SVGRenderer.render(s)))
    }
    for c in a.input.capacity where c.billing == .reserved {
      if let s = UtilisationHeatmap.scene(a, offer: c.id) {
        out.append(("utilisation-\(fileSafe(c.id)).svg", SVGRenderer.render(s)))
      }
    }
    return out
  }

  /// Letters, digits, `-` and `_`; anything else becomes `_`.
  /// A file-name part: ASCII letters, digits, `-` and `_`; a name longer than 64 characters is cut to 55 and
  /// given a hash of the whole, so that a long scenario name or id never exceeds the file system's name limit
  /// (255 bytes) and two long names that share a beginning stay apart.
  static func fileSafe(_ s: String) -> String {
    let safe = String(
      s.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    guard safe.count > 64 else { return safe }
    // FNV-1a, 32 bits: the same name gives the same file on every run and machine.
    var hash: UInt32 = 2_166_136_261
    for byte in s.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    let hex = String(hash, radix: 16)
    return safe.prefix(55) + "-" + String(repeating: "0", count: 8 - hex.count) + hex
  }
}
