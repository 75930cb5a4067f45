import Foundation

extension SheetParsers {
  /// `outlook.csv`: `scenario, probability`. Each name is a scenario of scenarios.csv, `base`, or (with a growth
  /// range in plan.csv) `low` / `high`, and means one of them only; probabilities are positive and sum to 1 within
  /// 1e-9.
  mutating func outlook(
    _ table: CSVTable, scenarioNames: [String], growthRange: Bool, scenariosBroken: Bool
  ) -> [OutlookEntry] {
    let r = reader(
      table, known: ["scenario", "probability"], required: ["scenario", "probability"])
    defer { finish(r) }
    let rows = r.rows
    checkUnique(rows, column: "scenario", reader: r)
    var known = ["base"] + scenarioNames
    if growthRange { known += ["low", "high"].filter { !scenarioNames.contains($0) } }
    var out: [OutlookEntry] = []
    var sum = 0.0
    var complete = !r.headerBroken
    for row in rows {
      let name = row.required("scenario")
      if let name, !known.contains(name), !scenariosBroken {
        r.report(
          row.place("scenario"),
          "unknown scenario '\(Diagnostic.echo(name))' (known: \(known.joined(separator: ", ")))")
      }
      // A name that means two futures is refused, not resolved silently in favour of scenarios.csv.
      if let name, scenarioNames.contains(name) {
        if name == "base" {
          r.report(
            row.place("scenario"),
            "'base' is the sheets as they are, and scenarios.csv also defines a scenario 'base'; rename that scenario"
          )
        } else if growthRange && (name == "low" || name == "high") {
          r.report(row.place("scenario"), OutlookSettings.futureNameClash(name))
        }
      }
      let p = row.number(
        "probability", in: 0...1, rangeWords: "a probability above 0 and at most 1")
      if let p, p == 0 {
        r.report(row.place("probability"), "probability must be above 0, got 0")
      }
      guard let name, let p, p > 0 else {
        complete = false
        continue
      }
      sum += p
      out.append(OutlookEntry(scenario: name, probability: p, line: row.line))
    }
    if rows.isEmpty && !r.headerBroken {
      r.report(line: table.header.line, "no futures: the sheet has a header but no rows")
    } else if complete, abs(sum - 1) > 1e-9, let last = rows.last {
      r.report(
        last.place("probability"),
        "the probabilities sum to \(Format.plain(sum)); they must sum to 1 (within 1e-9)")
    }
    return out
  }

  /// The outlook keys of plan.csv: `risk_weight` λ in [0, 1], `risk_alpha` α in [0, 1), `growth_low_pct` and
  /// `growth_high_pct` (% per month, given together, low ≤ high).
  func outlookSettings(_ byKey: [String: SheetRow], reader r: SheetReader) -> OutlookSettings {
    var o = OutlookSettings()
    if let row = byKey["risk_weight"],
      let v = row.number("value", default: 0, in: 0...1, rangeWords: "between 0 and 1 (λ)")
    {
      o.riskWeight = v
    }
    if let row = byKey["risk_alpha"],
      let v = row.number(
        "value", default: 0.9, in: 0...1, rangeWords: "at least 0 and below 1 (α)")
    {
      if v == 1 {
        r.report(row.place("value"), "value must be at least 0 and below 1 (α), got 1")
      } else {
        o.riskAlpha = v
      }
    }
    let low = byKey["growth_low_pct"]
    let high = byKey["growth_high_pct"]
    let lv = low?.number(
      "value", in: -1000...1000, rangeWords: "between -1000 and 1000 (% per month)")
    let hv = high?.number(
      "value", in: -1000...1000, rangeWords: "between -1000 and 1000 (% per month)")
    if let row = low ?? high, (low == nil) != (high == nil) {
      r.report(
        row.place("key"), "growth_low_pct and growth_high_pct go together; give both or neither")
    } else if let lv, let hv, lv > hv, let high {
      r.report(
        high.place("value"),
        "growth_high_pct \(Format.plain(hv)) is below growth_low_pct \(Format.plain(lv))")
    } else {
      o.growthLowPct = lv
      if let low {
        o.growthLowLine = low.place("value").line
        o.growthLowColumn = low.place("value").column
      }
      o.growthHighPct = hv
      if let high {
        o.growthHighLine = high.place("value").line
        o.growthHighColumn = high.place("value").column
      }
    }
    return o
  }
}
