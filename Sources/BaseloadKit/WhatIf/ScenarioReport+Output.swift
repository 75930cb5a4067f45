extension ScenarioReport {
  /// The what-if section of report.md: verdict, then the line table of each mode.
  public var markdown: String {
    var md = "### Scenario `\(scenario)`\n\n"
    let changes = plan.data.input.scenarios.filter { $0.scenario == scenario }
    if !changes.isEmpty {
      md +=
        "Changes: "
        + changes.map { "`\($0.target)` \($0.field) \($0.op.rawValue) \(Format.plain($0.value))" }
        .joined(separator: "; ") + ".\n\n"
    }
    md += verdict + "\n\n"
    for o in outcomes {
      md +=
        "#### \(o.mode.title): \(o.diff.billRises ? "the bill rises \(money(-o.diff.cashSaving))" : "cash saving \(money(o.diff.cashSaving))"), capacity headroom \(money(o.diff.headroomUSD))\n\n"
      md += o.diff.markdownTable(before: "before", after: "after", currency: plan.currency) + "\n"
    }
    for mode in WhatIfMode.allCases {
      guard let why = unservable[mode] else { continue }
      md += "#### \(mode.title): cannot be served\n\n\(why).\n\n"
    }
    return md
  }

  /// Rows of diff.csv for both modes.
  public var csvRows: [[CSVValue]] {
    outcomes.flatMap { o in
      o.diff.lines.map { d in
        [
          .text(scenario), .text(o.mode.rawValue), .text(d.key), .text(d.month.description),
          .text(d.provider),
          .text(d.offer), .text(d.kind.rawValue), .fixed(d.before, 6), .fixed(d.after, 6),
          .fixed(d.delta, 6),
          .text(d.status.rawValue), .fixed(d.headroomQuantity, 6), .text(d.pricingUnit),
          .fixed(d.headroomUSD, 6),
        ]
      }
    }
  }

  public static let csvHeader = [
    "scenario", "mode", "line_key", "month", "provider", "offer", "charge", "before", "after",
    "delta", "status",
    "headroom_quantity", "headroom_unit", "headroom_usd",
  ]

  /// The scenario in summary.json.
  public var json: JSON {
    .object([
      ("scenario", .string(scenario)), ("verdict", .string(verdict)),
      (
        "modes",
        .array(
          // In mode order, an unservable mode in its place.
          WhatIfMode.allCases.compactMap { mode -> JSON? in
            if let why = unservable[mode] {
              return .object([("mode", .string(mode.rawValue)), ("unservable", .string(why))])
            }
            guard let o = outcomes.first(where: { $0.mode == mode }) else { return nil }
            return .object([
              ("mode", .string(o.mode.rawValue)),
              ("total_cost", .fixed(o.analysis.invoice.total, 2)),
              ("human_cost", .fixed(o.analysis.humanCost, 2)),
              ("usd_per_completed_task", o.analysis.costPerCompletedTaskJSON),
              ("teams", o.analysis.teamsJSON),
              ("cash_saving", .fixed(o.diff.cashSaving, 2)),
              ("capacity_headroom_usd", .fixed(o.diff.headroomUSD, 2)),
              (
                "monthly",
                .array(
                  o.analysis.data.months.map { m in
                    .object([
                      ("month", .string(m.description)),
                      ("cost", .fixed(o.analysis.invoice.total(in: m), 2)),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }
}
