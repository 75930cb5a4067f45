extension PlanAnalysis {
  /// `placement.csv`: workload × offer × month.
  public var placementCSV: String {
    let rows: [[CSVValue]] = placement.map { r in
      [
        .text(r.workload), .text(r.offer), .text(r.month.description), .fixed(r.calls, 2),
        .fixed(r.tokens / 1e6, 6),
        .fixed(r.share, 6), .fixed(r.tasks, 2), .fixed(r.completedTasks, 2), .fixed(r.cost, 2),
        .fixed(r.humanCost, 2),
      ]
    }
    return CSVWriter.sheet(
      header: [
        "workload", "offer", "month", "calls", "mtokens", "share", "tasks", "completed_tasks",
        "cost_usd", "human_cost_usd",
      ],
      rows: rows)
  }

  /// `hourly.csv`: slice × capacity offer (and rate-limited API): load, capacity, utilisation.
  public var hourlyCSV: String {
    var rows: [[CSVValue]] = []
    for use in slices {
      let s = use.slice
      let month = months[s.monthIndex]
      for (oi, o) in offers.enumerated() {
        switch o {
        case .capacity(let c):
          let load = use.load[oi]
          let capacity = c.billing == .reserved ? (reservedUnits[c.id]?[s.monthIndex] ?? 0) : load
          if capacity == 0 && load == 0 { continue }
          rows.append([
            .text(s.label(month)), .fixed(s.weight, 0), .text(c.id), .text(c.billing.rawValue),
            "unit-hours/h",
            .fixed(load, 6), .fixed(capacity, 6), .fixed(capacity > 0 ? load / capacity : 0, 6),
          ])
        case .api(let a):
          let tpm = use.tokens[oi] / 60
          if tpm == 0 { continue }
          let limit = a.rateLimitTPM ?? 0
          rows.append([
            .text(s.label(month)), .fixed(s.weight, 0), .text(a.id), "api", "tokens/min",
            .fixed(tpm, 3),
            .fixed(limit, 3), .fixed(limit > 0 ? tpm / limit : 0, 6),
          ])
        }
      }
    }
    return CSVWriter.sheet(
      header: ["slice", "hours", "offer", "billing", "unit", "load", "capacity", "utilisation"],
      rows: rows)
  }
}
