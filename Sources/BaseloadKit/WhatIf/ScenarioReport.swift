/// A scenario run in both modes, with its verdict in words.
public struct ScenarioReport: Sendable {
  public var scenario: String
  /// The scenario with the plan's capacity held; nil when that capacity cannot serve it (`unservable`).
  public var locked: ScenarioOutcome?
  /// The scenario re-optimised at renewal; nil when no plan can serve it (`unservable`).
  public var renewal: ScenarioOutcome?
  /// Why a mode has no outcome: the workload, hour and shortfall no plan of that mode can serve. A scenario the
  /// plan's capacity cannot serve is an answer, not a failed run (it used to end the run with exit 3, blaming
  /// "the plan" and writing nothing).
  public var unservable: [WhatIfMode: String] = [:]
  /// The baseline plan both are compared with.
  public var plan: PlanAnalysis
  /// Today's bill (current.csv, or the all-API placement), when it could be priced.
  public var baseline: Baseline?

  public var outcomes: [ScenarioOutcome] { [locked, renewal].compactMap { $0 } }

  /// One paragraph: token change, next month's bill line by line, the locked totals, when savings become cash.
  public var verdict: String {
    var parts: [String] = []
    let t0 = plan.workloads.reduce(0) { $0 + $1.tokens }
    // The scenario's demand is the same in both modes; tokens from whichever could be served.
    let served = renewal ?? locked
    let t1 = served?.analysis.workloads.reduce(0) { $0 + $1.tokens } ?? t0
    if served == nil {
      parts.append("No plan can serve this scenario, locked or at renewal.")
    } else if t0 > 0 && abs(t1 - t0) / t0 >= 0.0005 {
      let word = t1 < t0 ? "falls" : "rises"
      parts.append(
        "Token use \(word) \(Format.percent(abs(t1 - t0) / t0, 0)) (\(Format.number(t0 / 1e6, 0)) → \(Format.number(t1 / 1e6, 0)) Mtok over the horizon)."
      )
    } else {
      parts.append("Token use is unchanged.")
    }
    if let locked {
      parts.append(nextMonth(locked))
      let l = locked.diff
      parts.append(
        "Locked for the whole horizon, \(cashText(l)) and the capacity headroom is \(money(l.headroomUSD)) at the prices billed (idle capacity, not cash until units are released)."
      )
    } else if let why = unservable[.locked] {
      parts.append(
        "Locked (the plan's reserved units, commitments and signed contracts held), this scenario cannot be served: \(why)."
      )
    }
    if let renewal {
      parts.append(renewalText(renewal))
    } else if let why = unservable[.renewal] {
      parts.append("At renewal no plan can serve it either: \(why).")
    }
    parts.append(humanCostText)
    parts.append(taskCostText)
    return parts.filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// How the human cost of failed tasks moves in each mode, when it does: what a bill that rises may buy (a
  /// success-rate what-if read "the bill rises $1,488.00" and said nothing of the failures it avoided).
  var humanCostText: String {
    let pieces = outcomes.compactMap { o -> String? in
      let delta = o.analysis.humanCost - plan.humanCost
      guard abs(delta) >= Format.halfCentUSD else { return nil }
      return "\(delta < 0 ? "falls" : "rises") \(money(abs(delta))) \(o.mode.rawValue)"
    }
    guard !pieces.isEmpty else { return "" }
    return "The human cost of failed tasks (human_cost_per_failure, not billed) " + list(pieces)
      + "."
  }

  func money(_ v: Double) -> String { plan.money(v) }

  /// A team in words: `team ops`; a blank team is every workload only when no workload names one.
  func teamName(_ team: String) -> String {
    guard team.isEmpty else { return "team " + team }
    return plan.data.workloads.allSatisfy { $0.team.isEmpty }
      ? "all workloads" : "workloads without a team"
  }

  /// A horizon's cash change in words: `the cash saving is $X`, or `the bill rises $X` (it read "the cash saving
  /// is -$1,410.13").
  func cashText(_ diff: InvoiceDiff) -> String {
    diff.billRises
      ? "the bill rises \(money(-diff.cashSaving))" : "the cash saving is \(money(diff.cashSaving))"
  }

  /// Next month's (the first month's) bill in the locked mode, by offer.
  func nextMonth(_ locked: ScenarioOutcome) -> String {
    guard let m = plan.data.months.first else { return "" }
    let lines = locked.diff.lines.filter { $0.month == m }
    let total = lines.reduce(0) { $0 + $1.delta }
    var pieces: [String] = []
    var offers: [String] = []
    for d in lines where d.kind.isFixed && !offers.contains(d.offer) { offers.append(d.offer) }
    for o in offers {
      let ls = lines.filter { $0.offer == o && $0.kind.isFixed }
      let delta = ls.reduce(0) { $0 + $1.delta }
      guard let first = ls.first else { continue }
      let what =
        first.kind == .reservedUnits
        ? "\(first.provider) \(o) reserved units" : "\(first.provider) commitment \(o)"
      // Signed like the usage pieces: which lines rise and which fall under a total that moves one way.
      var s = "\(plan.currency.change(delta)) on the \(what)"
      if first.kind == .reservedUnits && first.unitsAfter > 0 {
        s +=
          " (\(Format.number(first.unitsAfter)) \(unitName(o))\(first.unitsAfter == 1 ? " stays" : "s stay") billed; \(Format.percent(first.idleShareAfter, 0)) of their hours are now idle)"
      } else if first.kind == .commitmentFee {
        s +=
          " (the commitment stays billed; \(Format.percent(first.idleShareAfter, 0)) of it is now unused)"
      }
      pieces.append(s)
    }
    var providers: [String] = []
    for d in lines where !d.kind.isFixed && !providers.contains(d.provider) {
      providers.append(d.provider)
    }
    for p in providers {
      let delta = lines.filter { $0.provider == p && !$0.kind.isFixed }.reduce(0) { $0 + $1.delta }
      if abs(delta) >= Format.halfCentUSD {
        pieces.append("\(plan.currency.change(delta)) on \(p) usage")
      }
    }
    var s =
      abs(total) < Format.halfCentUSD
      ? "Next month (\(m)) the bill does not change"
      : "Next month (\(m)) the bill \(total < 0 ? "falls" : "rises") \(money(abs(total)))"
    if !pieces.isEmpty { s += ": " + list(pieces) }
    return s + "."
  }

  /// When the renewal plan releases reserved units, and what holds them until then.
  func renewalText(_ renewal: ScenarioOutcome) -> String {
    var pieces: [String] = []
    for c in plan.data.input.capacity where c.billing == .reserved {
      let before = plan.result.units[c.id] ?? []
      let after = renewal.analysis.result.units[c.id] ?? []
      guard let mi = before.indices.first(where: { after[$0] < before[$0] - 1e-9 }) else {
        continue
      }
      let m = plan.data.months[mi]
      // That line in that month only: other months and lines (pay-as-you-go taking the load) may differ.
      let monthly = renewal.diff.lines.filter {
        $0.offer == c.id && $0.month == m && $0.kind == .reservedUnits
      }
      .reduce(0) { $0 + $1.delta }
      var s =
        "At renewal in \(m) the plan drops to \(Format.number(after[mi])) \(c.unit)\(after[mi] == 1 ? "" : "s") of \(c.id) (from \(Format.number(before[mi]))): \(money(monthly)) on that line in \(m)"
      let holding = plan.data.input.contracts.filter {
        $0.offer == c.id && $0.end < m && $0.end >= plan.data.months[0]
      }
      if mi > 0, let k = holding.max(by: { $0.end < $1.end }) {
        s +=
          "; until then the contract signed through \(k.end) (\(Format.number(k.units)) units) keeps the line billed"
      }
      pieces.append(s)
    }
    var s =
      pieces.isEmpty
      ? "Re-optimised at renewal" : pieces.joined(separator: ". ") + ". Re-optimised at renewal"
    s += ", over the horizon \(cashText(renewal.diff))."
    return s
  }

  /// Cost per completed task per team, every billed dollar allocated (idle reserved and committed cost
  /// included): baseline → plan → this scenario locked and at renewal, and which way it moves.
  var taskCostText: String {
    // A mode the plan cannot serve has no cost per task: the sentence names the modes that have one.
    let locked = self.locked?.analysis.teams
    let renewal = self.renewal?.analysis.teams
    let pieces = plan.teams.compactMap { t -> String? in
      let l = locked?.first(where: { $0.workload == t.workload })
      let r = renewal?.first(where: { $0.workload == t.workload })
      guard t.tasks > 0, l != nil || r != nil else { return nil }
      let b = baseline?.analysis.teams.first { $0.workload == t.workload }
      // One sentence, one precision: four decimals for all when any figure is below $1 ("$1.00 → $0.7500" read
      // as a mistake).
      let decimals = Format.perUnitDecimals([b, t, l, r].compactMap { $0?.costPerCompletedTask })
      // A team that completes no task (success rate 0) has no cost per completed task: say so, never "$0.0000".
      func cost(_ v: Double?) -> String {
        v.map { plan.currency.money($0, decimals: decimals) } ?? "no completed tasks"
      }
      var s = ""
      if let b, b.tasks > 0 {
        s += "\(cost(b.costPerCompletedTask)) in the baseline → "
      }
      let modes = [
        l.map { "\(cost($0.costPerCompletedTask)) locked" },
        r.map { "\(cost($0.costPerCompletedTask)) at renewal" },
      ]
      s +=
        "\(cost(t.costPerCompletedTask)) in the plan → "
        + modes.compactMap { $0 }.joined(separator: ", ")
      // Two counts where locking and renewal complete different numbers of tasks (success rates differ by offer).
      let done: String
      if let l, let r, Format.number(l.completedTasks) != Format.number(r.completedTasks) {
        done =
          "\(Format.number(l.completedTasks)) tasks completed locked, \(Format.number(r.completedTasks)) at renewal"
      } else {
        done = "\(Format.number((l ?? r)?.completedTasks ?? 0)) tasks completed"
      }
      s += " (\(teamName(t.workload)), \(done))"
      if let l, let before = t.costPerCompletedTask, let after = l.costPerCompletedTask,
        Format.perUnit(before) != Format.perUnit(after)
      {
        // The reason only where it holds: with as many tasks or more, a rise comes from prices or from usage
        // beyond the locked capacity, not from spreading it thinner.
        s +=
          after <= before
          ? "; locked it falls"
          : l.completedTasks < t.completedTasks
            ? "; locked it rises, as capacity already bought is spread over fewer tasks"
            : "; locked it rises"
      }
      return s
    }
    return pieces.isEmpty ? "" : "Cost per completed task: " + pieces.joined(separator: "; ") + "."
  }

  func unitName(_ offer: String) -> String {
    plan.data.input.capacity.first { $0.id == offer }?.unit ?? "unit"
  }

  func list(_ items: [String]) -> String {
    if items.count <= 1 { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
  }
}
