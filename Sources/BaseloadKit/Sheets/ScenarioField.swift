import Foundation

/// A numeric field that a scenario may change, with the range its result must stay in.
struct ScenarioField: Sendable {
  enum Target: Sendable {
    case workload(WritableKeyPath<Workload, Double> & Sendable)
    case api(WritableKeyPath<APIOffer, Double> & Sendable)
    case capacity(WritableKeyPath<CapacityOffer, Double> & Sendable)
  }
  let name: String
  let target: Target
  let range: ClosedRange<Double>
  let words: String

  static let all: [ScenarioField] = [
    .init(name: "users", target: .workload(\.users), range: .nonNegative, words: ">= 0"),
    .init(
      name: "user_growth_pct_per_month", target: .workload(\.userGrowthPctPerMonth),
      range: -99.99...1000, words: "between -99.99 and 1000"),
    .init(
      name: "sessions_per_user_per_day", target: .workload(\.sessionsPerUserPerDay),
      range: .nonNegative, words: ">= 0"),
    .init(
      name: "prompts_per_session", target: .workload(\.promptsPerSession), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "calls_per_prompt", target: .workload(\.callsPerPrompt), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "input_tokens_per_call", target: .workload(\.inputTokensPerCall), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "output_tokens_per_call", target: .workload(\.outputTokensPerCall), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "reasoning_tokens_per_call", target: .workload(\.reasoningTokensPerCall),
      range: .nonNegative, words: ">= 0"),
    .init(
      name: "retry_rate", target: .workload(\.retryRate), range: 0...10, words: "between 0 and 10"),
    .init(
      name: "cache_hit_rate", target: .workload(\.cacheHitRate), range: .unit,
      words: "between 0 and 1"),
    .init(
      name: "success_rate", target: .workload(\.successRate), range: .unit, words: "between 0 and 1"
    ),
    .init(
      name: "human_cost_per_failure", target: .workload(\.humanCostPerFailure), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "usd_per_mtok_input", target: .api(\.usdPerMtokInput), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "usd_per_mtok_cached_input", target: .api(\.usdPerMtokCachedInput), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "usd_per_mtok_output", target: .api(\.usdPerMtokOutput), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "batch_discount_pct", target: .api(\.batchDiscountPct), range: 0...100,
      words: "between 0 and 100"),
    .init(
      name: "usd_per_unit_hour", target: .capacity(\.usdPerUnitHour), range: .nonNegative,
      words: ">= 0"),
    .init(
      name: "input_tok_per_s_per_unit", target: .capacity(\.inputTokPerSecPerUnit),
      range: 1e-12...Double.greatestFiniteMagnitude, words: "> 0"),
    .init(
      name: "output_tok_per_s_per_unit", target: .capacity(\.outputTokPerSecPerUnit),
      range: 1e-12...Double.greatestFiniteMagnitude, words: "> 0"),
    .init(
      name: "cached_input_weight", target: .capacity(\.cachedInputWeight), range: .unit,
      words: "between 0 and 1"),
  ]

  static func named(_ name: String) -> ScenarioField? { all.first { $0.name == name } }

  /// Numeric columns that are terms, not demand or prices: refused as scenario fields with that reason.
  static let terms: Set<String> = [
    "term_months", "min_units", "unit_step", "max_units", "rate_limit_tpm", "defer_hours",
  ]

  /// Applies `op value` to `old`.
  static func apply(_ op: ScenarioOp, _ value: Double, to old: Double) -> Double {
    switch op {
    case .set: return value
    case .scale: return old * value
    case .add: return old + value
    }
  }
}

extension SheetParsers {
  /// `scenarios.csv`: targets, fields and ops known; results checked against each field's range.
  mutating func scenarios(
    _ table: CSVTable, workloads: [Workload], apis: [APIOffer], capacity: [CapacityOffer]
  ) -> [ScenarioChange] {
    let r = reader(
      table, known: ["scenario", "target", "field", "op", "value"],
      required: ["scenario", "target", "field", "op", "value"])
    defer { finish(r) }
    var out: [ScenarioChange] = []
    var chartName: [String: String] = [:]
    for row in r.rows {
      var name = row.required("scenario")
      if let n = name, n.count > IDRules.maxCharacters {
        r.report(
          row.place("scenario"),
          "scenario name '\(Diagnostic.echo(n))' is too long (\(n.count) characters); at most \(IDRules.maxCharacters)"
        )
        name = nil
      } else if let n = name {
        // Each scenario gets the chart files waterfall-<name>-*.svg; two names must not share them.
        let file = PlanCharts.fileSafe(n)
        if let other = chartName[file], other != n {
          r.report(
            row.place("scenario"),
            "scenarios '\(Diagnostic.echo(other))' and '\(Diagnostic.echo(n))' would share the chart files waterfall-\(Diagnostic.echo(file))-*.svg; rename one"
          )
          name = nil
        }
        chartName[file] = n
      }
      let target = row.required("target")
      let fieldName = row.required("field")
      let op = row.choice("op", ["set": ScenarioOp.set, "scale": .scale, "add": .add])
      let value = row.number("value")
      var field: ScenarioField?
      if let fieldName {
        field = ScenarioField.named(fieldName)
        if field == nil, ScenarioField.terms.contains(fieldName) {
          r.report(
            row.place("field"),
            "'\(fieldName)' is a term of the offer or workload, not a scenario field: a locked what-if holds the plan's purchases under the terms they were bought on; compare a copy of the folder with the new terms instead"
          )
        } else if field == nil {
          r.report(
            row.place("field"),
            "unknown field '\(Diagnostic.echo(fieldName))' (fields: \(ScenarioField.all.map(\.name).joined(separator: ", ")))"
          )
        }
      }
      if let target, let field, target != "*" {
        let kind: String?
        let sheet: String
        switch field.target {
        case .workload:
          kind = workloads.contains { $0.id == target } ? nil : "workload"
          sheet = "workloads.csv"
        case .api:
          kind = apis.contains { $0.id == target } ? nil : "token API offer (apis.csv)"
          sheet = "apis.csv"
        case .capacity:
          kind = capacity.contains { $0.id == target } ? nil : "capacity offer (capacity.csv)"
          sheet = "capacity.csv"
        }
        if let kind {
          // A target its sheet names in a bad row is that sheet's error, not this one's.
          if unknown(target, in: [sheet]) {
            r.report(
              row.place("target"),
              "unknown target '\(Diagnostic.echo(target))': field '\(field.name)' needs a \(kind) id or '*'"
            )
          }
          continue
        }
      }
      guard let name, let target, let field, let op, let value else { continue }
      // The result must stay valid for every row it touches.
      func check(_ old: Double, _ id: String) {
        let new = ScenarioField.apply(op, value, to: old)
        if !field.range.contains(new) {
          r.report(
            row.place("value"),
            "\(op.rawValue) \(Format.plain(value)) makes \(field.name) of '\(Diagnostic.echo(id))' \(Format.plain(new)); it must be \(field.words)"
          )
        }
      }
      switch field.target {
      case .workload(let kp):
        for w in workloads where target == "*" || w.id == target { check(w[keyPath: kp], w.id) }
      case .api(let kp):
        for a in apis where target == "*" || a.id == target { check(a[keyPath: kp], a.id) }
      case .capacity(let kp):
        for c in capacity where target == "*" || c.id == target { check(c[keyPath: kp], c.id) }
      }
      let place = row.place("value")
      out.append(
        ScenarioChange(
          scenario: name, target: target, field: field.name, op: op, value: value, line: row.line,
          valueColumn: place.column))
    }
    return out
  }
}

extension PlanInput {
  /// The input with every change of `scenario` applied, in sheet order.
  public func applying(scenario: String) -> PlanInput {
    var copy = self
    for change in scenarios where change.scenario == scenario {
      guard let field = ScenarioField.named(change.field) else { continue }
      switch field.target {
      case .workload(let kp):
        for i in copy.workloads.indices
        where change.target == "*" || copy.workloads[i].id == change.target {
          copy.workloads[i][keyPath: kp] = ScenarioField.apply(
            change.op, change.value, to: copy.workloads[i][keyPath: kp])
        }
      case .api(let kp):
        for i in copy.apis.indices where change.target == "*" || copy.apis[i].id == change.target {
          copy.apis[i][keyPath: kp] = ScenarioField.apply(
            change.op, change.value, to: copy.apis[i][keyPath: kp])
        }
      case .capacity(let kp):
        for i in copy.capacity.indices
        where change.target == "*" || copy.capacity[i].id == change.target {
          copy.capacity[i][keyPath: kp] = ScenarioField.apply(
            change.op, change.value, to: copy.capacity[i][keyPath: kp])
          copy.capacity[i].followOutputRate(changed: kp)
        }
      }
    }
    copy.scenarios = []
    return copy
  }
}
