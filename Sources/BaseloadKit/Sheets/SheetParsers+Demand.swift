import Foundation

extension SheetParsers {
  static let workloadColumns = [
    "id", "name", "team", "tier", "latency", "region", "users", "user_growth_pct_per_month",
    "sessions_per_user_per_day", "prompts_per_session", "calls_per_prompt", "input_tokens_per_call",
    "output_tokens_per_call", "reasoning_tokens_per_call", "retry_rate", "cache_hit_rate",
    "success_rate",
    "human_cost_per_failure", "profile", "defer_hours",
  ]
  static let workloadRequired = [
    "id", "tier", "latency", "users", "sessions_per_user_per_day", "prompts_per_session",
    "calls_per_prompt",
    "input_tokens_per_call", "output_tokens_per_call", "profile",
  ]

  /// `workloads.csv`.
  mutating func workloads(_ table: CSVTable) -> [Workload] {
    let r = reader(table, known: Self.workloadColumns, required: Self.workloadRequired)
    defer { finish(r) }
    let rows = r.rows
    checkUnique(rows, column: "id", reader: r)
    name(rows, "id", sheet: table.fileName)
    if rows.isEmpty && !r.headerBroken {
      r.report(line: table.header.line, "no workloads: the sheet has a header but no rows")
      broken.insert(table.fileName)
    }
    var out: [Workload] = []
    var seen = Set<String>()
    for row in rows {
      let id = row.identifier("id")
      let tier = row.required("tier")
      let latency = row.choice("latency", LatencyClass.byName)
      let users = row.number("users", in: .nonNegative)
      let growth = row.number(
        "user_growth_pct_per_month", default: 0, in: -99.99...1000,
        rangeWords: "between -99.99 and 1000 percent")
      let spd = row.number("sessions_per_user_per_day", in: .nonNegative)
      let pps = row.number("prompts_per_session", in: .nonNegative)
      let cpp = row.number("calls_per_prompt", in: .nonNegative)
      let inTok = row.number("input_tokens_per_call", in: .nonNegative)
      let outTok = row.number("output_tokens_per_call", in: .nonNegative)
      let reasoning = row.number("reasoning_tokens_per_call", default: 0, in: .nonNegative)
      let retry = row.number(
        "retry_rate", default: 0, in: 0...10, rangeWords: "between 0 and 10 extra calls per call")
      let cache = row.number("cache_hit_rate", default: 0, in: .unit)
      let success = row.number("success_rate", default: 1, in: .unit)
      let human = row.number("human_cost_per_failure", default: 0, in: .nonNegative)
      let profile = row.required("profile")
      let deferHours = row.number(
        "defer_hours", default: 0, in: 0...23, integer: true,
        rangeWords: "a whole number of hours from 0 to 23")
      if let latency, let d = deferHours, d > 0, latency != .batch {
        r.report(
          row.place("defer_hours"),
          "defer_hours is for batch workloads; '\(Diagnostic.echo(id ?? "?"))' is \(latency.rawValue)"
        )
      }
      guard let id, let tier, let latency, let users, let growth, let spd, let pps, let cpp,
        let inTok, let outTok,
        let reasoning, let retry, let cache, let success, let human, let profile, let deferHours,
        !seen.contains(id)
      else { continue }
      seen.insert(id)
      out.append(
        Workload(
          id: id, name: row.text("name") ?? id, team: row.text("team") ?? "", tier: tier,
          latency: latency,
          region: row.text("region").flatMap { $0 == "*" ? nil : $0 }, users: users,
          userGrowthPctPerMonth: growth, sessionsPerUserPerDay: spd, promptsPerSession: pps,
          callsPerPrompt: cpp, inputTokensPerCall: inTok, outputTokensPerCall: outTok,
          reasoningTokensPerCall: reasoning, retryRate: retry, cacheHitRate: cache,
          successRate: success,
          humanCostPerFailure: human, profile: profile, deferHours: Int(deferHours), line: row.line)
      )
    }
    return out
  }

  /// Every workload names a profile that profiles.csv defines (in a valid row or not).
  mutating func checkProfiles(_ profiles: [String: Profile], _ table: CSVTable) {
    let r = reader(table, known: Self.workloadColumns, required: [])
    for row in r.rows {
      guard let p = row.text("profile"), profiles[p] == nil, unknown(p, in: ["profiles.csv"])
      else { continue }
      let known = profiles.keys.sorted().joined(separator: ", ")
      diagnostics.add(
        at: row.place("profile"), in: table.fileName,
        "unknown profile '\(Diagnostic.echo(p))' (profiles.csv defines: \(known))")
    }
  }
}
