import Foundation

extension Calibration {
  /// `# ` comment lines; a line break inside a note cannot end the comment.
  static func comments(_ lines: [String]) -> String {
    lines.map { "# " + VisibleText.csvCell($0).replacingOccurrences(of: "\n", with: " ") + "\n" }
      .joined()
  }

  /// Provenance shared by every sheet: sources and period.
  var provenance: [String] {
    var lines = ["Written by baseload calibrate from:"]
    for f in reading.files {
      lines.append("  \(f.path) (\(f.kind.rawValue), \(f.documents) documents)")
    }
    lines.append("Period \(Self.date(firstDay))..\(Self.date(lastDay)) UTC, \(days) days.")
    return lines
  }

  /// `workloads.csv`: measured columns filled, the rest from `--template` or empty.
  public var workloadsCSV: String {
    let header = SheetParsers.workloadColumns
    var out = Self.comments(
      provenance + [
        "Every row: calls, tokens, cache, retries, success, users and growth are measured; empty cells are not, and check rejects the required ones until they are filled."
      ])
    out += header.map { CSVWriter.cell(.text($0)) }.joined(separator: ",") + "\n"
    for row in rows {
      out += Self.comments(row.notes)
      out +=
        header.map { column in
          let v = row.cells[column] ?? ""
          return PlainDecimal.value(v) != nil ? v : CSVWriter.cell(.text(v))
        }.joined(separator: ",") + "\n"
    }
    return out
  }

  /// `profiles.csv`: each workload's hour-of-week arrivals (mean attempts in that hour of week).
  public var profilesCSV: String {
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    var out = Self.comments(
      provenance + [
        "Weights: mean attempts (exports: requests, or tokens without request counts) in each UTC hour of week over the period."
      ])
    out += "profile,day,hour,weight\n"
    for row in rows {
      for i in 0..<168 {
        out +=
          [
            CSVWriter.cell(.text(row.id)), days[i / 24], String(i % 24),
            Format.plain(row.weights[i]),
          ]
          .joined(separator: ",") + "\n"
      }
    }
    return out
  }

  /// `usage.csv`: observed tasks per calendar hour (hours without tasks are not written).
  public var usageCSV: String {
    var out = Self.comments(
      provenance + ["Observed tasks (attempts; exports: requests) per UTC hour."])
    out += "workload,hour,tasks\n"
    for row in rows where row.measure.requestsKnown {
      for h in row.measure.hourly.keys.sorted() {
        out +=
          [CSVWriter.cell(.text(row.id)), Self.hourStamp(h), Format.plain(row.measure.hourly[h]!)]
          .joined(separator: ",") + "\n"
      }
    }
    return out
  }

  /// $ of a row, or nil without prices or with unpriced calls.
  func cost(_ m: GroupMeasure) -> Double? { priced && m.unpriced.isEmpty ? m.cost : nil }

  /// `calibration.csv`: one row per workload and team.
  public var calibrationCSV: String {
    let header = [
      "workload", "team", "attempts", "completed_tasks", "calls", "failed_calls", "input_tokens",
      "cached_input_tokens", "output_tokens", "reasoning_tokens", "cost_usd",
      "usd_per_completed_task",
    ]
    let body: [[CSVValue]] = rows.map { row in
      let m = row.measure
      let known = m.requestsKnown
      let tasks = m.kind == .traces
      let cost = cost(m)
      func n(_ v: Double) -> CSVValue { .number(Format.plain(v)) }
      return [
        .text(row.id), .text(m.team), known ? n(Double(m.attempts)) : "",
        tasks ? n(Double(m.completed)) : "", known ? n(Double(m.calls)) : "",
        known ? n(Double(m.failedCalls)) : "", n(m.inputTokens), n(m.cachedInputTokens),
        n(m.outputTokens), n(m.reasoningTokens), cost.map { .fixed($0, 6) } ?? "",
        cost.flatMap { c in tasks && m.completed > 0 ? .fixed(c / Double(m.completed), 6) : nil }
          ?? "",
      ]
    }
    return Self.comments(provenance) + CSVWriter.sheet(header: header, rows: body)
  }
}
