import Foundation

extension Calibration {
  /// `calibration.md`: what was measured, per workload and team, with the most expensive attempts.
  public var markdown: String {
    var s = "# Calibration\n\n"
    s += "Period \(Self.date(firstDay)) to \(Self.date(lastDay)) UTC (\(days) days).\n\n"
    s += "| source | format | documents |\n| --- | --- | ---: |\n"
    for f in reading.files {
      s += "| \(Self.cell(f.path)) | \(f.kind.rawValue) | \(f.documents) |\n"
    }
    s += "\n## Set aside\n\n"
    s += "| what | count |\n| --- | ---: |\n"
    let withoutCalls = reading.groups.map(\.tracesWithoutCalls).reduce(0, +)
    s += "| spans read | \(reading.spans) |\n"
    s += "| traces read | \(reading.traces) |\n"
    s += "| traces without a root span (not counted) | \(reading.tracesWithoutRoot) |\n"
    s +=
      "| traces whose root span has no readable start time (not counted) | \(reading.tracesWithoutStart) |\n"
    s += "| spans read again with an id already seen (counted once) | \(reading.duplicateSpans) |\n"
    s +=
      "| traces with more than one root span (the first read kept) | \(reading.tracesWithExtraRoots) |\n"
    s += "| traces without a model call (not counted as attempts) | \(withoutCalls) |\n"
    s += "| traces outside --from/--to | \(reading.tracesOutsidePeriod) |\n"
    s +=
      "| spans with a negative token count (call counted, tokens not) | \(reading.negativeTokenSpans) |\n"
    s += "| spans that end before they start (counted as read) | \(reading.endBeforeStartSpans) |\n"
    s +=
      "| spans with more reasoning than output tokens (reasoning capped at output) | \(reading.reasoningAboveOutputSpans) |\n"
    s += "| export buckets outside --from/--to | \(reading.bucketsOutsidePeriod) |\n"
    s +=
      "| export buckets partly inside --from/--to (their hours inside counted, totals in proportion) | \(reading.bucketsPartlyInPeriod) |\n"
    s += "\n## Per workload and team\n\n"
    s +=
      "| workload | team | attempts | completed | calls | failed calls | input tok | cached tok | output tok | reasoning tok | $/attempt | $/completed task |\n"
    s += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    for row in rows {
      let m = row.measure
      let cost = cost(m)
      let perAttempt = cost.flatMap { m.attempts > 0 ? Self.usd($0 / Double(m.attempts)) : nil }
      let perTask = cost.flatMap {
        m.kind == .traces && m.completed > 0 ? Self.usd($0 / Double(m.completed)) : nil
      }
      let cells: [String] = [
        Self.cell(row.id), Self.cell(m.team),
        m.requestsKnown ? String(m.attempts) : "—",
        m.kind == .traces ? String(m.completed) : "—",
        m.requestsKnown ? String(m.calls) : "—", m.requestsKnown ? String(m.failedCalls) : "—",
        Format.plain(m.inputTokens), Format.plain(m.cachedInputTokens),
        Format.plain(m.outputTokens), Format.plain(m.reasoningTokens), perAttempt ?? "—",
        perTask ?? "—",
      ]
      s += "| " + cells.joined(separator: " | ") + " |\n"
    }
    if !priced {
      s += "\nNo --prices: costs are not computed.\n"
    }
    let unpriced = Set(rows.flatMap(\.measure.unpriced)).sorted()
    if priced && !unpriced.isEmpty {
      s += "\nModels --prices does not price (their workloads' cost is left empty): "
      s += unpriced.map { "`\(Self.cell($0))`" }.joined(separator: ", ") + ".\n"
    }
    let ranked = rows.filter { $0.measure.kind == .traces && cost($0.measure) != nil }
    if !ranked.isEmpty {
      s +=
        "\n## Most expensive attempts\n\nThe trace ids behind each cost, so a number can be pointed at.\n\n"
      s += "| workload | team | trace id | $ |\n| --- | --- | --- | ---: |\n"
      for row in ranked {
        for t in row.measure.top {
          s +=
            "| \(Self.cell(row.id)) | \(Self.cell(row.measure.team)) | `\(Self.cell(t.trace))` | \(Self.usd(t.cost)) |\n"
        }
      }
    }
    s += "\n## Notes\n\n"
    for row in rows {
      for note in row.notes { s += "- " + Self.cell(note) + "\n" }
    }
    return Markdown.safe(s)
  }

  /// Dollars with six decimals: a task's cost is often a fraction of a cent.
  static func usd(_ v: Double) -> String { Format.money(v, decimals: 6) }

  /// Text in a table cell: `|` escaped, line breaks as spaces.
  static func cell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
      .replacingOccurrences(of: "\r", with: " ")
  }
}
