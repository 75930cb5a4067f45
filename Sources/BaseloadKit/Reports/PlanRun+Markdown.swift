extension PlanRun {
  /// The whole report.md: the plan, the baseline comparison and the what-ifs.
  public var markdown: String {
    var md = plan.markdown
    if let outlook { md += outlook.markdown }
    if let why = baselineMissing {
      // Said in the report, not only on stderr (which --quiet hides): a reader would otherwise look for it.
      md += "## Plan versus baseline\n\n"
      md += "No baseline: \(why). The plan is reported without a comparison.\n\n"
    }
    if let baseline, let diff = baselineDiff {
      md += "## Plan versus baseline\n\n"
      md +=
        "Baseline: \(baseline.kind.description). It costs \(plan.money(baseline.analysis.invoice.total)); "
      md +=
        "the plan costs \(plan.money(plan.invoice.total)): "
        + (diff.billRises
          ? "the bill rises **\(plan.money(-diff.cashSaving))** (the plan weighs the human cost of failures too)"
          : "a cash saving of **\(plan.money(diff.cashSaving))**")
      md +=
        diff.headroomUSD > Format.halfCentUSD
        ? " and \(plan.money(diff.headroomUSD)) of capacity headroom.\n\n" : ".\n\n"
      md += horizonTable(diff) + "\n"
      md += "Cost per completed task, baseline → plan:\n\n"
      let rows = plan.workloads.map { w -> [String] in
        let b = baseline.analysis.workloads.first { $0.workload == w.workload }
        return [
          w.workload, plan.currency.perCompletedTask(b?.costPerCompletedTask),
          plan.currency.perCompletedTask(w.costPerCompletedTask),
          Format.percent(
            b?.completedTasks ?? 0 > 0 ? (b!.tasks > 0 ? b!.completedTasks / b!.tasks : 0) : 0),
          Format.percent(w.tasks > 0 ? w.completedTasks / w.tasks : 0),
        ]
      }
      md +=
        Markdown.table(
          [
            "workload", "baseline \(plan.currency.symbol)/completed task",
            "plan \(plan.currency.symbol)/completed task", "baseline success",
            "plan success",
          ], rows, right: [1, 2, 3, 4])
      md +=
        PlanAnalysis.noCompletedTasksNote(
          plan.workloads.filter { w in
            w.costPerCompletedTask == nil
              || baseline.analysis.workloads.first { $0.workload == w.workload }?
                .costPerCompletedTask == nil
          }) + "\n"
    }
    if let quotes { md += quotes.markdown }
    if !scenarios.isEmpty {
      md +=
        "## What-ifs\n\nEach scenario runs twice against the plan: *locked* (every reserved unit and commitment of the plan and every signed contract stays as bought; only usage re-optimises) and *at renewal* (signed contracts stay until their end; everything else re-optimises). Cash saving and capacity headroom are kept apart: headroom is capacity paid for and no longer used, not cash until a unit is released.\n\n"
      for s in scenarios { md += s.markdown }
    }
    return md
  }

  /// Lines summed over the horizon: provider, offer, charge.
  func horizonTable(_ diff: InvoiceDiff) -> String {
    var order: [String] = []
    var sums:
      [String: (provider: String, line: String, before: Double, after: Double, headroom: Double)] =
        [:]
    for d in diff.lines {
      let k = d.provider + "|" + d.description
      if sums[k] == nil {
        order.append(k)
        sums[k] = (d.provider, d.description, 0, 0, 0)
      }
      sums[k]!.before += d.before
      sums[k]!.after += d.after
      sums[k]!.headroom += d.headroomUSD
    }
    let rows = order.compactMap { k -> [String]? in
      let s = sums[k]!
      let tolerance = Format.halfCentUSD
      guard abs(s.before) > tolerance || abs(s.after) > tolerance else { return nil }
      let lineStatus = LineStatus(before: s.before, after: s.after)
      let status =
        lineStatus == .unchanged && s.headroom > tolerance
        ? "unchanged — \(plan.money(s.headroom)) of headroom" : lineStatus.rawValue
      return [
        s.provider, s.line, plan.money(s.before), plan.money(s.after),
        plan.money(s.after - s.before), status,
      ]
    }
    return Markdown.table(
      ["provider", "line", "baseline", "plan", "delta", "status"], rows, right: [2, 3, 4])
  }

  /// summary.json with the baseline comparison and the scenarios.
  public var summaryJSON: JSON {
    guard case .object(var fields) = plan.summaryJSON else { return plan.summaryJSON }
    if let baseline, let diff = baselineDiff {
      fields.append(
        (
          "baseline",
          .object([
            ("kind", .string(baseline.kind.rawValue)),
            ("total_cost", .fixed(baseline.analysis.invoice.total, 2)),
            ("cash_saving", .fixed(diff.cashSaving, 2)),
            ("capacity_headroom_usd", .fixed(diff.headroomUSD, 2)),
            (
              "workloads",
              .array(
                baseline.analysis.workloads.map {
                  .object([
                    ("workload", .string($0.workload)), ("cost", .fixed($0.cost, 2)),
                    ("usd_per_completed_task", .fixed($0.costPerCompletedTask, 4)),
                  ])
                })
            ),
          ])
        ))
    }
    if let why = baselineMissing {
      fields.append(("baseline", .object([("missing", .string(why))])))
    }
    if let outlook { fields.append(("outlook", outlook.json)) }
    fields.append(("scenarios", .array(scenarios.map(\.json))))
    if let quotes, case .object(let q) = quotes.json { fields += q }
    return .object(fields)
  }

  /// diff.csv: the baseline comparison and every scenario line.
  public var diffCSV: String {
    var rows: [[CSVValue]] = []
    if let diff = baselineDiff {
      for d in diff.lines {
        rows.append([
          "baseline", "plan", .text(d.key), .text(d.month.description), .text(d.provider),
          .text(d.offer),
          .text(d.kind.rawValue), .fixed(d.before, 6), .fixed(d.after, 6), .fixed(d.delta, 6),
          .text(d.status.rawValue),
          .fixed(d.headroomQuantity, 6), .text(d.pricingUnit), .fixed(d.headroomUSD, 6),
        ])
      }
    }
    for s in scenarios { rows += s.csvRows }
    return CSVWriter.sheet(header: ScenarioReport.csvHeader, rows: rows)
  }
}
