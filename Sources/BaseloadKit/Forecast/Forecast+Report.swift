extension Forecast {
  /// `forecast.csv`: one row per workload and slice, per-hour rates and the calendar hours the row stands for.
  public func csv(_ slices: SliceSet) -> String {
    var rows: [[CSVValue]] = []
    for (wi, w) in workloads.enumerated() {
      for s in slices.slices {
        let r = DemandRates(calls: calls(wi, s), workload: w)
        rows.append([
          .text(w.id), .text(months[s.monthIndex].description),
          .text(s.label(months[s.monthIndex])),
          .fixed(s.weight, 0), .fixed(r.sessions, 4), .fixed(r.tasks, 4), .fixed(r.calls, 4),
          .fixed(r.uncachedInputTokens, 2), .fixed(r.cachedInputTokens, 2),
          .fixed(r.outputTokens, 2),
        ])
      }
    }
    return CSVWriter.sheet(
      header: [
        "workload", "month", "slice", "hours", "sessions_per_hour", "tasks_per_hour",
        "calls_per_hour",
        "uncached_input_tokens_per_hour", "cached_input_tokens_per_hour", "output_tokens_per_hour",
      ], rows: rows)
  }

  /// Monthly totals as a text table for the terminal.
  public static func table(_ monthly: [MonthlyDemand]) -> String {
    let header = [
      "workload", "month", "tasks", "calls", "Mtok in", "Mtok cached", "Mtok out", "peak tok/h",
      "mean tok/h", "peak/mean",
    ]
    let rows = monthly.map { m in
      [
        m.workload, m.month.description, Format.number(m.totals.tasks),
        Format.number(m.totals.calls),
        Format.number(m.totals.uncachedInputTokens / 1e6, 3),
        Format.number(m.totals.cachedInputTokens / 1e6, 3),
        Format.number(m.totals.outputTokens / 1e6, 3), Format.number(m.peakTokensPerHour),
        Format.number(m.meanTokensPerHour), Format.fixed(m.peakToMean, 2),
      ]
    }
    return TextTable.render(header: header, rows: rows)
  }
}
