import Foundation

extension PlacementData {
  /// A MathProg symbol, quoted: `'support-triage'`.
  /// Text safe inside a MathProg comment: printable ASCII only (anything else as `?`), and no `*/`.
  static func commentText(_ s: String) -> String {
    String(s.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
      .replacingOccurrences(of: "*/", with: "* /")
  }

  static func sym(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

  /// Shortest round-trip decimal.
  static func num(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
  }

  /// The futures of a stacked (two-stage) plan: S, probability, the future of every slice, λ and α.
  func outlookData(_ o: OutlookStack) -> String {
    let sym = Self.sym
    var out = "/* outlook: futures, their probabilities and the future of every slice */\nset S :="
    out += o.names.map { " " + sym($0) }.joined() + ";\n"
    out += "param probability :="
    out += zip(o.names, o.probabilities).map { " \(sym($0)) \(Self.num($1))" }.joined() + ";\n"
    out += "param scenario :="
    for (t, f) in o.sliceFuture.enumerated() {
      out += (t % 8 == 0 ? "\n  " : " ") + "\(t + 1) \(sym(o.names[f]))"
    }
    out += ";\nparam risk_weight := \(Self.num(o.riskWeight));\n"
    out += "param risk_alpha := \(Self.num(o.riskAlpha));\n\n"
    return out
  }

  /// The data section for `Models/placement.mod`: sets, slice table, demand and per-pair parameters.
  public func mathProgData() -> String {
    var out =
      "/* Baseload placement data: \(Self.commentText(input.settings.name)), \(slices.months.first.map(\.description) ?? "")"
    out +=
      " + \(slices.months.count) months, resolution \(slices.resolution.rawValue), \(slices.slices.count) slices.\n"
    out += "   Solve with: glpsol -m Models/placement.mod -d placement.dat */\n\ndata;\n\n"
    let sym = Self.sym
    let num = Self.num
    func set(_ name: String, _ items: [String]) {
      out += "set \(name) :="
      for (i, item) in items.enumerated() { out += (i > 0 && i % 24 == 0 ? "\n  " : " ") + item }
      out += ";\n"
    }
    set("W", workloads.map { sym($0.id) })
    set("A", input.apis.map { sym($0.id) })
    set("C", input.capacity.map { sym($0.id) })
    set("R", reservedOffers.map { sym($0.id) })
    set("K", input.commitments.map { sym($0.id) })
    set("M", slices.months.indices.map { "\($0 + 1)" })
    set("T", slices.slices.map { "\($0.index + 1)" })
    var days: [Int] = []
    for s in slices.slices where days.last != s.dayKey { days.append(s.dayKey) }
    let dayNumber = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0 + 1) })
    set("D", days.indices.map { "\($0 + 1)" })
    for k in input.commitments { set("KO[\(sym(k.id))]", k.appliesTo.map(sym)) }
    out += "set P :="
    for p in pairs { out += "\n  (\(sym(workloads[p.workload].id)),\(sym(offers[p.offer].id)))" }
    out += ";\n\n"
    out +=
      "param hours :=" + slices.months.enumerated().map { " \($0 + 1) \($1.hours)" }.joined()
      + ";\n\n"
    out +=
      "/* slice: month, day, hour of day, calendar hours it stands for */\nparam : month day hour weight :=\n"
    for s in slices.slices {
      out +=
        "  \(s.index + 1) \(s.monthIndex + 1) \(dayNumber[s.dayKey]!) \(s.hourOfDay) \(num(s.weight))\n"
    }
    out +=
      ";\n\n/* calls per hour arriving, by workload and slice (0 omitted) */\nparam demand default 0 :=\n"
    for (wi, w) in workloads.enumerated() {
      out += "  [\(sym(w.id)),*]"
      var n = 0
      for s in slices.slices {
        let v = demand(wi, s)
        guard v != 0 else { continue }
        if n > 0 && n % 8 == 0 { out += "\n   " }
        out += " \(s.index + 1) \(num(v))"
        n += 1
      }
      out += "\n"
    }
    out += ";\n\nparam : defer tokens :=\n"
    for w in workloads { out += "  \(sym(w.id)) \(w.deferHours) \(num(w.tokensPerCall))\n" }
    out +=
      ";\n\n/* per pair: usage-billed $/call, human failure $/call, unit-hours/call */\nparam : usage_cost fail_cost load :=\n"
    for p in pairs {
      out +=
        "  \(sym(workloads[p.workload].id)) \(sym(offers[p.offer].id)) \(num(p.usageCost)) \(num(p.failCost)) \(num(p.load))\n"
    }
    out +=
      ";\n\nparam tpm :="
      + input.apis.compactMap { a in a.rateLimitTPM.map { " \(sym(a.id)) \(num($0))" } }.joined()
      + ";\n\n"
    if !input.capacity.isEmpty {
      out += "param : price max_units :=\n"
      for c in input.capacity {
        out += "  \(sym(c.id)) \(num(c.usdPerUnitHour)) \(num(maxUnits[c.id] ?? 0))\n"
      }
      out += ";\n\n"
    }
    if !priceFactor.isEmpty {
      // Negotiated discounts (discounts.csv): the fraction of list billed, only where it is not 1.
      out += "param price_factor :="
      for o in offers {
        for (mi, f) in (priceFactor[o.id] ?? []).enumerated() where f != 1 {
          out += "\n  \(sym(o.id)) \(mi + 1) \(num(f))"
        }
      }
      out += ";\n\n"
    }
    let reserved = reservedOffers
    if !reserved.isEmpty {
      out += "param : term min_units step :=\n"
      for c in reserved {
        out += "  \(sym(c.id)) \(c.termMonths) \(num(c.minUnits)) \(num(c.unitStep))\n"
      }
      out += ";\n\n"
    }
    out += "param contract_units :="
    for c in reserved {
      for (mi, u) in (contractUnits[c.id] ?? []).enumerated() where u > 0 {
        out += "\n  \(sym(c.id)) \(mi + 1) \(num(u))"
      }
    }
    out += ";\n\n"
    if !input.commitments.isEmpty {
      out += "param : discount kterm :=\n"
      for k in input.commitments {
        out += "  \(sym(k.id)) \(num(k.discountPct / 100)) \(k.termMonths)\n"
      }
      out += ";\n\n"
    }
    out += "param contract_usd :="
    for k in input.commitments {
      for (mi, u) in (contractUSD[k.id] ?? []).enumerated() where u > 0 {
        out += "\n  \(sym(k.id)) \(mi + 1) \(num(u))"
      }
    }
    out += ";\n\n"
    if !routing.isEmpty {
      let routed = workloads.map(\.id).filter { routing[$0] != nil }
      set("ROUTED", routed.map(sym))
      out += "param route_share :="
      for p in pairs {
        let w = workloads[p.workload].id
        if let share = routing[w]?[offers[p.offer].id], share > 0 {
          out += "\n  \(sym(w)) \(sym(offers[p.offer].id)) \(num(share))"
        }
      }
      out += ";\n\n"
    }
    // A held amount is never the model's "free" sentinel (−1, or any value below 0): round-off below zero
    // (a master column at −1e-13) is written as 0, so what was held stays held.
    func held(_ v: Double) -> String { num(max(0, v)) }
    if !fixedUnits.isEmpty {
      out += "param fixed_units :="
      for c in reserved {
        for (mi, u) in (fixedUnits[c.id] ?? []).enumerated() {
          out += "\n  \(sym(c.id)) \(mi + 1) \(held(u))"
        }
      }
      out += ";\n\n"
    }
    if !fixedLevels.isEmpty {
      out += "param fixed_level :="
      for k in input.commitments {
        for (mi, u) in (fixedLevels[k.id] ?? []).enumerated() {
          out += "\n  \(sym(k.id)) \(mi + 1) \(held(u))"
        }
      }
      out += ";\n\n"
    }
    if !allowNewCommitments { out += "param new_commitments := 0;\n\n" }
    if let o = outlook { out += outlookData(o) }
    if allowShortfall {
      out +=
        "param allow_shortfall := 1;\nparam shortfall_penalty := \(num(shortfallPenalty));\n\n"
    }
    out += "end;\n"
    return out
  }
}

extension PlacementData {
  /// Price of an unserved call when a shortfall is being located, $/call: a thousand times the dearest way to
  /// serve any call, so the model leaves a call unserved only when nothing can serve it.
  var shortfallPenalty: Double {
    1000 * ((pairs.map { $0.usageCost + $0.failCost }.max() ?? 0) + 1)
  }
}
