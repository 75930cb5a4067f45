extension PlanAnalysis {
  /// How this plan writes money.
  var currency: Currency { settings.currencyStyle }

  /// Money in the plan's currency: `$12,345.67`.
  func money(_ v: Double) -> String { currency.money(v) }

  /// `report.md`: the plan for a finance reader.
  public var markdown: String {
    let s = settings
    let first = months.first!
    let last = months.last!
    var md = "# \(s.name): capacity plan \(first) to \(last)\n\n"
    md += "**Total: \(money(invoice.total))** over \(s.months) month\(s.months == 1 ? "" : "s")"
    md += " (\(money(invoice.total / Double(s.months))) a month on average)."
    if humanCost > 0 {
      md += " Human cost of failed tasks, not on any invoice: \(money(humanCost))."
    }
    md += "\n\n"
    md += headline + "\n\n"
    md += "## Cost by month\n\n"
    let models = billingModels.filter { $0.cost != 0 }
    var rows: [[String]] = []
    for m in months {
      var r = [m.description]
      for g in models {
        let cost = invoice.lines.filter { $0.month == m && BillingModel($0.kind) == g.model }
          .reduce(
            0
          ) { $0 + $1.billedCost }
        r.append(money(cost))
      }
      r.append(money(invoice.total(in: m)))
      rows.append(r)
    }
    rows.append(["**total**"] + models.map { money($0.cost) } + ["**\(money(invoice.total))**"])
    md +=
      Markdown.table(
        ["month"] + models.map(\.model.title) + ["total"], rows, right: Set(1...(models.count + 1)))
      + "\n"
    md += "## Cost by vendor\n\n"
    let vendors = invoice.totals { $0.provider }.sorted { $0.cost > $1.cost }
    md +=
      Markdown.table(
        ["vendor", "cost", "share"],
        vendors.map {
          [$0.key, money($0.cost), Format.percent(invoice.total > 0 ? $0.cost / invoice.total : 0)]
        }, right: [1, 2]) + "\n"
    md += listVersusContracted
    md += "## What to buy and when\n\n" + purchases + "\n"
    md += "## Reserved capacity: utilisation and idle cost\n\n" + utilisationTable + "\n"
    if !commitmentUse.isEmpty { md += "## Commitments: how full\n\n" + commitmentTable + "\n" }
    md += "## Cost per workload\n\n" + workloadTable + "\n"
    md += "## Baseload and peaks\n\n" + baseloadSplit + "\n"
    md += "## Solver\n\n" + solverText + "\n"
    return md
  }

  /// One sentence on where the money goes.
  var headline: String {
    let top = billingModels.filter { $0.cost > 0 }.sorted { $0.cost > $1.cost }
    guard invoice.total > 0, let first = top.first else {
      return "The plan costs nothing: there is no demand."
    }
    // Commitments that cover more usage than their fees are a credit: shares are then of the charges before it,
    // so that none passes 100%, and the credit is said apart.
    let credit = billingModels.filter { $0.cost < 0 }.reduce(0) { $0 - $1.cost }
    let charges = top.reduce(0) { $0 + $1.cost }
    var s =
      (credit > 0 ? "Before commitment credits, " : "")
      + "\(Format.percent(first.cost / charges, 0)) of the \(credit > 0 ? "charges" : "bill") is \(first.model.title)"
    if top.count > 1 {
      s += ", \(Format.percent(top[1].cost / charges, 0)) \(top[1].model.title)"
    }
    if credit > 0 {
      s += "; commitments take \(money(credit)) off (their fees less the usage they cover)"
    }
    return s + "."
  }

  /// Reserve / keep sentences per reserved offer and commitment.
  var purchases: String {
    var items: [String] = []
    for c in input.capacity where c.billing == .reserved {
      // Consecutive purchases of the same size are one renewed reservation.
      var runs: [(first: Month, last: Month, units: Double)] = []
      for (mi, m) in months.enumerated() {
        let b = unitsBought[c.id]?[mi] ?? 0
        guard b > 0 else { continue }
        if let r = runs.last, r.units == b, r.last.adding(c.termMonths) == m {
          runs[runs.count - 1].last = m
        } else {
          runs.append((m, m, b))
        }
      }
      for r in runs {
        let term = "\(c.termMonths)-month term"
        let span =
          r.first == r.last
          ? "from \(r.first) for one \(term) (through \(r.first.adding(c.termMonths - 1)))"
          : "from \(r.first), renewing each \(term) through \(r.last.adding(c.termMonths - 1))"
        // A negotiated discount (discounts.csv) is named beside the list price when one is in force in a month
        // this reservation is billed (one that ended before it was named too); the invoice has each month's.
        let billed = months.indices.filter {
          months[$0] >= r.first && months[$0] <= r.last.adding(c.termMonths - 1)
        }
        let negotiated =
          billed.contains { data.priceFactor(c.id, month: $0) < 1 }
          ? " list, less the negotiated discount in force each month" : ""
        let past = pastHorizon(from: r.last, term: c.termMonths) {
          r.units * c.usdPerUnitHour * Double($0.hours)
        }
        items.append(
          "- Reserve **\(Format.number(r.units)) × \(c.unit)** of \(c.model) on \(c.vendor) (`\(c.id)`) \(span), at \(currency.price(c.usdPerUnitHour))/\(c.unit)-hour\(negotiated).\(past)"
        )
      }
    }
    for k in input.commitments {
      for (mi, m) in months.enumerated() {
        let b = levelsBought[k.id]?[mi] ?? 0
        if b > 1e-9 {
          let past = pastHorizon(from: m, term: k.termMonths) { b * Double($0.hours) }
          items.append(
            "- Commit **\(money(b))/hour** on \(k.vendor) (`\(k.id)`, \(Format.plain(k.discountPct))% off \(k.appliesTo.joined(separator: ", "))) from \(m) for \(k.termMonths) month\(k.termMonths == 1 ? "" : "s").\(past)"
          )
        }
      }
    }
    for c in input.contracts {
      let what =
        c.units > 0
        ? "\(Format.number(c.units)) signed units" : "\(money(c.usdPerHour))/hour signed"
      items.append("- Keep \(what) of `\(c.offer)` (contract \(c.start) to \(c.end)).")
    }
    let onDemand = input.capacity.filter { $0.billing == .onDemand }.compactMap {
      c -> String? in
      let used = capacityUse.filter { $0.offer == c.id }.reduce(0) { $0 + $1.usedUnitHours }
      // "No commitment" only where none covers the offer's hours.
      let covering = input.commitments.filter { k in
        k.appliesTo.contains(c.id) && (result.levels[k.id] ?? []).contains { $0 > 1e-9 }
      }.map { "`\($0.id)`" }
      let terms =
        covering.isEmpty
        ? "no commitment"
        : "billed per hour used, under commitment \(covering.joined(separator: ", "))"
      return used > 0
        ? "- Use **\(Format.number(used, 1)) \(c.unit)-hours** of on-demand `\(c.id)` (\(c.vendor)) over the horizon, \(terms)."
        : nil
    }
    items += onDemand
    return items.isEmpty
      ? "Nothing to reserve: every workload runs on usage-billed offers.\n"
      : items.joined(separator: "\n") + "\n"
  }

  /// The sentence for a purchase made in `start` whose `term` outlasts the horizon: the months after it and what
  /// they cost (`cost` of each month, at list price), which this plan's total leaves out; empty when the term ends
  /// within the horizon.
  func pastHorizon(from start: Month, term: Int, cost: (Month) -> Double) -> String {
    guard let end = months.last else { return "" }
    let after = (0..<term).map { start.adding($0) }.filter { $0 > end }
    guard let last = after.last else { return "" }
    let n = after.count
    return
      " Its term runs \(n) month\(n == 1 ? "" : "s") past the horizon (through \(last)): \(money(after.reduce(0) { $0 + cost($1) })) at list price, not in this plan's total."
  }

  var utilisationTable: String {
    let rows = capacityUse.filter { u in
      input.capacity.first { $0.id == u.offer }?.billing == .reserved && u.units > 0
    }
    guard !rows.isEmpty else { return "No reserved capacity in this plan.\n" }
    return Markdown.table(
      [
        "offer", "month", "units", "paid unit-hours", "used (at cap)", "utilisation", "busy",
        "peak load", "cost", "idle cost",
      ],
      rows.map { u in
        [
          u.offer, u.month.description, Format.number(u.units), Format.number(u.paidUnitHours),
          Format.number(u.usedUnitHours, 1),
          Format.percent(u.utilisation),
          Format.percent(u.paidUnitHours > 0 ? u.busyUnitHours / u.paidUnitHours : 0),
          Format.number(u.peakLoad, 2), money(u.cost), money(u.idleCost),
        ]
      }, right: Set(2...9))
      + "\n*Utilisation* counts the headroom each latency class needs (the utilisation cap) as used; *busy* is the share of paid hours the hardware actually computes.\n"
  }

  /// Each commitment's fee by month, the usage it paid for, and what of it went unused.
  var commitmentTable: String {
    let rows = commitmentUse
    var md = Markdown.table(
      ["commitment", "month", "fee", "usage covered (at the discount)", "used", "unused fee"],
      rows.map { u in
        [
          u.commitment, u.month.description, money(u.fee), money(u.covered),
          Format.percent(u.utilisation), money(u.unusedCost),
        ]
      }, right: Set(2...5))
    let unused = unusedCommitmentCost
    if unused >= Format.halfCentUSD {
      md +=
        "\n\(money(unused)) of commitment fees pay for usage that never comes (idle spend, beside the reserved capacity's idle cost).\n"
    }
    return md
  }

  var workloadTable: String {
    let rows = workloads.map { w -> [String] in
      let wl = input.workloads.first { $0.id == w.workload }!
      let offers = placement.filter { $0.workload == w.workload }.map(\.offer)
      var unique: [String] = []
      for o in offers where !unique.contains(o) { unique.append(o) }
      return [
        w.workload, wl.latency.rawValue, unique.joined(separator: ", "),
        Format.number(w.tokens / 1e6, 1), money(w.cost),
        w.costPerMtok.map { currency.money($0) } ?? "—", w.costPerTask.map(currency.perUnit) ?? "—",
        currency.perCompletedTask(w.costPerCompletedTask),
        money(w.humanCost),
      ]
    }
    var md = Markdown.table(
      [
        "workload", "latency", "offers", "Mtok", "cost", "\(currency.symbol)/Mtok",
        "\(currency.symbol)/task",
        "\(currency.symbol)/completed task",
        "human cost of failures",
      ], rows,
      right: Set(3...8))
    md += Self.noCompletedTasksNote(workloads.filter { $0.costPerCompletedTask == nil })
    md += "\nReserved and commitment charges are shared among workloads by the capacity they use."
    if unallocated > Format.halfCentUSD {
      md += " \(money(unallocated)) of fixed charges fall in months when no workload used them."
    }
    return md + "\n"
  }

  /// "\n`w` has no completed tasks (success rate 0): no cost per completed task.\n" for workloads with tasks
  /// that never complete, "… has no tasks (no demand) …" for those with none; "" when every workload completes
  /// some.
  static func noCompletedTasksNote(_ workloads: [WorkloadTotals]) -> String {
    var md = ""
    for (none, why) in [
      (false, "no completed tasks (success rate 0)"), (true, "no tasks (no demand)"),
    ] {
      let names = workloads.filter { ($0.tasks <= 0) == none }.map { "`\($0.workload)`" }
      guard !names.isEmpty else { continue }
      md +=
        "\n\(names.joined(separator: ", ")) \(names.count == 1 ? "has" : "have") \(why): there is no cost per completed task (—).\n"
    }
    return md
  }

  var baseloadSplit: String {
    var reservedTok = 0.0
    var peakTok = 0.0
    for r in placement {
      let reserved = input.capacity.first { $0.id == r.offer }?.billing == .reserved
      if reserved { reservedTok += r.tokens } else { peakTok += r.tokens }
    }
    let total = reservedTok + peakTok
    guard total > 0 else { return "No demand.\n" }
    let reservedCost = billingModels.first { $0.model == .reservedCapacity }?.cost ?? 0
    return
      "Reserved capacity carries **\(Format.percent(reservedTok / total))** of all tokens (the baseload) for \(money(reservedCost)); "
      + "usage-billed offers carry the other \(Format.percent(peakTok / total)) (peaks, rare models and work no reserved pool can serve).\n"
  }

  var solverText: String {
    let path = solve.strategy.map { "Solve path: \($0.path.rawValue) — \($0.reason).\n\n" } ?? ""
    return path + solverDetail
  }

  /// Why the certified solve stopped before its target, with the time limit where that was it.
  var stopReason: String {
    let why = solve.status.reason ?? ""
    return solve.status == .timeLimit
      ? why + " after \(Format.plain(settings.timeLimitSeconds)) s" : why
  }

  var solverDetail: String {
    let s = settings
    let objective =
      ". Objective \(money(solve.objective)) = invoice \(money(invoice.total)) + human cost of failures \(money(humanCost)).\n"
    if let c = solve.certificate, c.resolution == .cluster {
      var t =
        solve.status == .optimal
        ? "GLPK solved the capacity decisions and every slice's dispatch; the plan is certified within \(Format.percent(c.gap, 3)) of the hourly optimum (target \(Format.percent(s.optimalityGap, 3)))"
        : "The certified solve stopped short (\(stopReason)) with the plan within \(Format.percent(c.gap, 3)) of the hourly optimum (target \(Format.percent(s.optimalityGap, 3)))"
      t += objective
      // Calendar hours when each has its own demand (`demand_shape,replay`), else one week per month.
      let hourly = solve.resolution == .hour
      t +=
        "Slices: \(solve.sliceCount) \(hourly ? "calendar-hour" : "hour-of-week") slices dispatched exactly, \(solve.pairCount) compatible workload/offer pairs.\n"
      t +=
        "`glpsol -m Models/placement.mod -d placement.dat` solves the exact \(hourly ? "hourly" : "week") model; its optimum lies between the bounds below.\n"
      return t + "\n" + c.text(in: currency)
    }
    // Optimal within the gap limit, as the certificate below states it ("proved optimal (MIP gap 0.000%)" sat
    // above bounds 0.010% apart).
    let proved =
      s.mipGap > 0
      ? "proved this plan within the \(Format.percent(s.mipGap, 3)) mip_gap of the optimum"
      : "proved this plan optimal"
    var t =
      "GLPK \(solve.status == .optimal ? proved : "stopped at the time limit of \(Format.plain(s.timeLimitSeconds)) s")"
    if let gap = solve.mipGap { t += " (final MIP gap \(Format.percent(gap, 3)))" }
    t += objective
    t +=
      "Resolution: \(solve.resolution.rawValue), \(solve.sliceCount) time slices, \(solve.pairCount) compatible workload/offer pairs.\n"
    t += "Reproduce with `glpsol -m Models/placement.mod -d placement.dat`.\n"
    if let c = solve.certificate { t += "\n" + c.text(in: currency) }
    return t
  }
}
