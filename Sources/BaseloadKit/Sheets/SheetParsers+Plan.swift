import Foundation

extension SheetParsers {
  static let planKeys = [
    "name", "start", "months", "currency", "resolution", "time_limit_s", "mip_gap",
    "util_cap_interactive", "util_cap_standard", "util_cap_batch", "optimality_gap", "quotes",
    "decomposition", "risk_weight", "risk_alpha", "growth_low_pct", "growth_high_pct",
    "demand_shape",
  ]

  /// `plan.csv`: key,value rows.
  mutating func plan(_ table: CSVTable) -> PlanSettings? {
    let r = reader(table, known: ["key", "value"], required: ["key", "value"])
    defer { finish(r) }
    let rows = r.rows
    checkUnique(rows, column: "key", reader: r)
    var byKey: [String: SheetRow] = [:]
    for row in rows {
      guard let key = row.required("key") else { continue }
      if !Self.planKeys.contains(key) {
        r.report(
          row.place("key"),
          "unknown plan key '\(Diagnostic.echo(key))' (known keys: \(Self.planKeys.joined(separator: ", ")))"
        )
      } else if byKey[key] == nil {
        byKey[key] = row
      }
    }
    let name = byKey["name"]?.text("value") ?? folderName
    if let row = byKey["name"], name.contains("*/") {
      // The name heads placement.dat inside a MathProg comment, which `*/` would end.
      r.report(
        row.place("value"),
        "plan name '\(Diagnostic.echo(name))' holds '*/', which would end the comment that names the plan in placement.dat"
      )
    }
    var start: Month?
    if let row = byKey["start"] {
      start = month(row, "value")
    } else {
      r.report(line: table.header.line, "missing plan key 'start' (first month, YYYY-MM)")
    }
    var months: Double?
    if let row = byKey["months"] {
      months = row.number(
        "value", in: 1...36, integer: true, rangeWords: "a whole number of months from 1 to 36")
    } else {
      r.report(line: table.header.line, "missing plan key 'months' (horizon, 1 to 36)")
    }
    guard let start, let months else { return nil }
    var s = PlanSettings(name: name, start: start, months: Int(months))
    if let c = byKey["currency"]?.text("value") { s.currency = c }
    if let row = byKey["resolution"],
      let v = row.choice(
        "value", ["week": Resolution.week, "hour": .hour, "cluster": .cluster, "auto": .auto],
        default: .auto)
    {
      s.resolution = v
    }
    if let row = byKey["time_limit_s"], let v = row.number("value", default: 60, in: 0.1...1e7) {
      s.timeLimitSeconds = v
    }
    if let row = byKey["mip_gap"], let v = row.number("value", default: 0.0001, in: .unit) {
      s.mipGap = v
    }
    if let row = byKey["optimality_gap"], let v = row.number("value", default: 0.001, in: .unit) {
      s.optimalityGap = v
    }
    if let row = byKey["decomposition"],
      let v = row.choice(
        "value",
        ["auto": Decomposition.auto, "clusters": .clusters, "benders": .benders], default: .auto)
    {
      s.decomposition = v
    }
    if let row = byKey["demand_shape"],
      let v = row.choice(
        "value", ["profile": DemandShape.profile, "replay": .replay], default: .profile)
    {
      s.demandShape = v
    }
    if let row = byKey["quotes"],
      let v = row.choice(
        "value", ["yes": true, "no": false, "true": true, "false": false], default: false)
    {
      s.quotes = v
    }
    s.outlook = outlookSettings(byKey, reader: r)
    for l in LatencyClass.allCases {
      if let row = byKey["util_cap_\(l.rawValue)"],
        let v = row.number("value", in: 0.01...1, rangeWords: "a fraction above 0 and at most 1")
      {
        s.utilisationCap[l] = v
      }
    }
    return s
  }

  /// `profiles.csv`: hour-of-week weights; the most specific day wins.
  mutating func profiles(_ table: CSVTable) -> [String: Profile] {
    let r = reader(
      table, known: ["profile", "day", "hour", "weight"],
      required: ["profile", "day", "hour", "weight"])
    defer { finish(r) }
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    // specificity: 0 all, 1 weekday/weekend, 2 named day
    var cells: [String: [Int: (weight: Double, rank: Int, line: Int)]] = [:]
    var order: [String] = []
    var firstLine: [String: Int] = [:]
    var erred = Set<String>()
    let rows = r.rows
    name(rows, "profile", sheet: table.fileName)
    if rows.isEmpty && !r.headerBroken {
      r.report(line: table.header.line, "no profiles: the sheet has a header but no rows")
      broken.insert(table.fileName)
    }
    for row in rows {
      let before = r.diagnostics.items.count
      defer {
        if r.diagnostics.items.count > before, let p = row.text("profile") { erred.insert(p) }
      }
      guard let id = row.required("profile") else { continue }
      if cells[id] == nil {
        cells[id] = [:]
        order.append(id)
        firstLine[id] = row.line
      }
      var dayIndices: [Int] = []
      var rank = 0
      if let d = row.required("day")?.lowercased() {
        switch d {
        case "all": dayIndices = Array(0..<7)
        case "weekday":
          dayIndices = Array(0..<5)
          rank = 1
        case "weekend":
          dayIndices = [5, 6]
          rank = 1
        default:
          if let i = days.firstIndex(of: d) {
            dayIndices = [i]
            rank = 2
          } else {
            r.report(
              row.place("day"),
              "'\(Diagnostic.echo(d))' is not a day (mon..sun, weekday, weekend, all)")
          }
        }
      }
      var hours: [Int] = []
      if let h = row.text("hour"), h != "*" {
        if let v = row.number(
          "hour", in: 0...23, integer: true, rangeWords: "a whole hour from 0 to 23")
        {
          hours = [Int(v)]
        }
      } else {
        hours = Array(0..<24)
      }
      guard let weight = row.number("weight", in: .nonNegative) else { continue }
      // A named hour is more specific than `*` on the same kind of day.
      let specificity = rank * 2 + (hours.count == 1 ? 1 : 0)
      var clash: (day: Int, hour: Int, line: Int)?
      for d in dayIndices {
        for h in hours {
          let k = d * 24 + h
          if let prev = cells[id]?[k] {
            if prev.rank == specificity && clash == nil { clash = (d, h, prev.line) }
            if prev.rank >= specificity { continue }
          }
          cells[id]?[k] = (weight, specificity, row.line)
        }
      }
      if let clash {
        r.report(
          row.place("day"),
          "profile '\(Diagnostic.echo(id))' sets \(days[clash.day]) hour \(clash.hour) twice (also on line \(clash.line))"
        )
      }
    }
    var out: [String: Profile] = [:]
    for id in order {
      var w = [Double](repeating: 0, count: 168)
      for (k, v) in cells[id] ?? [:] { w[k] = v.weight }
      if w.reduce(0, +) <= 0 {
        // A profile with a bad row may have lost its weights to that row's error.
        if !erred.contains(id) {
          r.report(
            line: firstLine[id] ?? 1,
            "profile '\(Diagnostic.echo(id))' has no weight: every hour is 0")
        }
        continue
      }
      out[id] = Profile(id: id, weights: w, line: firstLine[id] ?? 0)
    }
    return out
  }
}
