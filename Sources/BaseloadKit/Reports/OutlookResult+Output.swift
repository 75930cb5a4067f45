import Foundation

extension OutlookResult {
  func money(_ v: Double) -> String { basePlan.money(v) }
  /// How the outlook writes money: the plan's currency.
  var currency: Currency { basePlan.currency }

  /// The outlook section of report.md: what the plan minimises, each future's bill against perfect foresight
  /// and the mean-value plan, and in each future which reserved and committed lines sit idle and until when.
  public var markdown: String {
    var md = "## Outlook: one plan for \(futures.count) futures\n\n"
    let o = input.settings.outlook
    if o.hasGrowthRange, !input.outlook.isEmpty,
      !input.outlook.contains(where: { ["low", "high"].contains($0.scenario) })
    {
      // outlook.csv lists the futures; a growth range it does not name is not planned for — said, not silent.
      md +=
        "plan.csv's growth range (growth_low_pct \(Format.plain(o.growthLowPct ?? 0)), growth_high_pct \(Format.plain(o.growthHighPct ?? 0))) is not among these futures: outlook.csv lists them and names neither `low` nor `high`.\n\n"
    }
    let risk =
      riskWeight > 0
      ? "(1 − \(Format.plain(riskWeight))) × expected cost + \(Format.plain(riskWeight)) × CVaR at α = \(Format.plain(riskAlpha)) (the mean cost of the worst \(Format.plain((1 - riskAlpha) * 100))% of the futures)"
      : "the expected cost"
    md +=
      "Reserved units and commitment levels are chosen once for every future (they are signed before the future is known); usage is placed in each future as it comes. The plan minimises \(risk): **\(money(objective))**. "
    md +=
      "Expected cost \(money(expectedCost)), CVaR at α = \(Format.plain(riskAlpha)) \(money(cvar)). "
    if futures.contains(where: { abs($0.plan.humanCost) >= Format.halfCentUSD }) {
      // What the plan minimises is the model's objective: a cost here is a bill plus the human cost of failures.
      md +=
        "Every cost in this section is the bill plus the human cost of failed tasks (human_cost_per_failure). "
    }
    md +=
      "Knowing the future in advance would save \(money(evpi)) on average (the expected value of perfect information, EVPI). "
    if let mv = meanValueExpectedCost, let vss {
      md +=
        vss >= 0
        ? "Planning for the average demand instead would cost \(money(mv)) on average, \(money(vss)) more (the value of the stochastic solution, VSS)"
        : "Planning for the average demand instead would cost \(money(mv)) on average, \(money(-vss)) less (VSS \(money(vss)))"
      md +=
        riskWeight > 0
        ? "; this plan trades expected cost for a smaller tail (CVaR), which VSS does not count.\n\n"
        : ".\n\n"
    } else {
      let short = futures.filter { $0.meanValue == nil }.map { "`\($0.name)`" }
      md +=
        "The plan for the average demand cannot serve \(short.joined(separator: ", ")) with its capacity, so it has no expected cost and the value of planning for the range is unbounded.\n\n"
    }
    if let c = solve.certificate {
      md +=
        solve.strategy?.path == .benders
        ? "Solved by the L-shaped method (the capacity master with cuts from every future's dispatch, \(c.slices) slices): lower bound"
        : "Solved as one model over every future (\(c.slices) slices): lower bound"
      md +=
        " \(money(c.lowerBound)), upper bound \(money(c.upperBound)), gap \(Format.percent(c.gap, 3)).\n\n"
    }
    md += "What to buy, for every future:\n\n"
    md += commitmentTable + "\n"
    let rows = futures.map { f -> [String] in
      [
        "`\(f.name)`", Format.percent(f.probability, 1), money(f.cost),
        f.meanValue.map { money($0.solve.objective) } ?? "cannot serve",
        money(f.perfectForesightCost), money(f.regret), Format.percent(f.reservedUtilisation, 1),
      ]
    }
    md +=
      "Cost in each future: this plan, the plan for the average demand, the plan had the future been known (perfect foresight), and the regret (this plan − perfect foresight):\n\n"
    md +=
      Markdown.table(
        [
          "future", "probability", "this plan", "mean-value plan", "perfect foresight", "regret",
          "reserved use (by cost)",
        ], rows, right: [1, 2, 3, 4, 5, 6]) + "\n"
    for f in futures { md += futureMarkdown(f) }
    return md
  }

  /// Reserved units and commitment levels of the plan, per month.
  var commitmentTable: String {
    let months = months
    var rows: [[String]] = []
    for c in reservedOffers {
      let u = reservedUnits[c.id] ?? []
      let b = unitsBought[c.id] ?? []
      guard u.contains(where: { $0 > 0 }) else { continue }
      rows.append(
        ["\(c.id) (\(c.unit)s, \(c.termMonths)-month term)"]
          + months.indices.map { m in
            Format.number(u[m]) + (b[m] > 0 ? " (buy \(Format.number(b[m])))" : "")
          })
    }
    for k in input.commitments {
      let l = levels[k.id] ?? []
      guard l.contains(where: { $0 > 1e-9 }) else { continue }
      rows.append(["\(k.id) (\(currency.symbol)/h committed)"] + l.map { Format.fixed($0, 2) })
    }
    if rows.isEmpty { return "Nothing: every future is served by usage-billed offers.\n" }
    return Markdown.table(
      ["capacity"] + months.map(\.description), rows, right: Set(1...months.count))
  }

  /// One future: its bill against the plan on the sheets as they are, and its idle reserved and committed lines.
  func futureMarkdown(_ f: OutlookFuture) -> String {
    var md = "### Future `\(f.name)` (probability \(Format.percent(f.probability, 1)))\n\n"
    let human = f.plan.humanCost
    md +=
      "This plan costs \(money(f.cost)) in this future"
      + (abs(human) >= Format.halfCentUSD
        ? " (its bill \(money(f.plan.invoice.total)) plus \(money(human)) human cost of failed tasks)"
        : "")
      + "; had it been known, \(money(f.perfectForesightCost)) (regret \(money(f.regret)))"
      + (f.foresightStandIn.map {
        ": the plan solved for this future alone, within the gap, came out dearer than \($0.words), so \($0.words) stands as perfect foresight. "
      } ?? ". ")
    md +=
      "Against the plan on the sheets as they are, the cash difference is \(money(-f.diff.cashSaving)) and the capacity headroom \(money(f.diff.headroomUSD)) at the prices billed (idle capacity, not cash until units are released).\n\n"
    let idle = idleText(f)
    if !idle.isEmpty { md += idle + "\n\n" }
    md +=
      f.diff.markdownTable(before: "sheets as they are", after: "this future", currency: currency)
      + "\n"
    return md
  }

  /// Reserved and committed lines that turn into idle headroom in this future (against the plan on the sheets as
  /// they are), and when they can become cash: locked until the terms of the purchases (and signed contracts) that
  /// hold them end, released at renewal after that.
  func idleText(_ f: OutlookFuture) -> String {
    var pieces: [String] = []
    for d in f.diff.lines where d.kind.isFixed && d.headroomUSD > Format.halfCentUSD {
      guard let mi = months.firstIndex(of: d.month) else { continue }
      var s = "\(d.offer) in \(d.month): \(d.headroomText(in: currency)); "
      if let c = input.capacity.first(where: { $0.id == d.offer }) {
        s += hold(
          bought: unitsBought[c.id] ?? [], term: c.termMonths, month: mi, offer: c.id)
      } else if let k = input.commitments.first(where: { $0.id == d.offer }) {
        s += hold(
          bought: levelsBought[k.id] ?? [], term: k.termMonths, month: mi, offer: k.id)
      }
      pieces.append(s)
    }
    guard !pieces.isEmpty else { return "" }
    return "Idle headroom in this future: " + pieces.joined(separator: "; ") + "."
  }

  /// What holds an offer's amount in month `mi`: the last purchase still in its term and signed contracts.
  func hold(bought: [Double], term: Int, month mi: Int, offer: String) -> String {
    let last = purchaseWindow(month: mi, term: term).last { bought[$0] > 1e-9 }
    let signed = input.contracts.filter { $0.offer == offer && $0.covers(months[mi]) }
      .map(\.end).max()
    var held: [String] = []
    if let last {
      let ends = last + term
      held.append(
        "the \(term)-month term bought in \(months[last]) runs \(ends < months.count ? "through \(months[ends - 1])" : ends == months.count ? "to the end of the horizon" : "past the horizon")"
      )
    }
    if let signed { held.append("the contract is signed through \(signed)") }
    if held.isEmpty { return "not cash until it is released at renewal" }
    return "locked: " + held.joined(separator: " and ")
      + "; cash only once it is released at renewal"
  }

  /// `"outlook"` in summary.json.
  public var json: JSON {
    .object([
      ("objective", .fixed(objective, 2)), ("expected_cost", .fixed(expectedCost, 2)),
      ("cvar", .fixed(cvar, 2)), ("risk_weight", .fixed(riskWeight, 6)),
      ("risk_alpha", .fixed(riskAlpha, 6)),
      (
        "scenarios",
        .array(
          futures.map { f in
            .object([
              ("scenario", .string(f.name)), ("probability", .fixed(f.probability, 9)),
              ("cost", .fixed(f.cost, 2)),
              ("perfect_foresight_cost", .fixed(f.perfectForesightCost, 2)),
              ("regret", .fixed(f.regret, 2)),
              ("mean_value_plan_cost", f.meanValue.map { .fixed($0.solve.objective, 2) } ?? .null),
              ("reserved_utilisation", .fixed(f.reservedUtilisation, 4)),
              ("capacity_headroom_usd", .fixed(f.diff.headroomUSD, 2)),
            ])
          })
      ),
      ("mean_value_plan_expected_cost", meanValueExpectedCost.map { .fixed($0, 2) } ?? .null),
      ("vss", vss.map { .fixed($0, 2) } ?? .null), ("evpi", .fixed(evpi, 2)),
      (
        "solver",
        .object([
          ("status", .string(solve.status.key)),
          ("path", solve.strategy.map { .string($0.path.rawValue) } ?? .null),
          ("lower_bound", solve.certificate.map { .fixed($0.lowerBound, 2) } ?? .null),
          ("upper_bound", solve.certificate.map { .fixed($0.upperBound, 2) } ?? .null),
          ("certified_gap", solve.certificate.map { .fixed($0.gap, 6) } ?? .null),
        ])
      ),
    ])
  }
}
