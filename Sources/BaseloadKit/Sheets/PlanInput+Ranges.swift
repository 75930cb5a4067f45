import Foundation

/// The magnitudes that may reach GLPK. Sheet cells are checked when read; the derived model
/// parameters (demand, tokens, cost and capacity per call, units) after the forecast, for the plan
/// and for every scenario. A value outside these bounds is reported at the sheet cell that made it.
public enum NumericLimits {
  /// Largest magnitude of a sheet number and of a derived coefficient or bound.
  public static let largest = 1e12
  /// Smallest magnitude of a sheet number other than 0.
  public static let smallestCell = 1e-9
  /// Smallest magnitude of a derived per-call coefficient other than 0: $/call, unit-hours/call.
  /// (GLPK aborts near 1e-200; a real call costs more than 1e-9 $ and takes more than 1e-12 h.)
  public static let smallestCoefficient = 1e-12
  /// Most calls per hour of one workload in any hour of the horizon, calls/h.
  public static let mostCallsPerHour = 1e9
  /// Most the least bill of a plan may be over the horizon, $: sums of amounts near 1e14 no longer carry their
  /// cents in a double (a $9.1e14 plan printed $909,999,999,999,999.75 for $910,000,000,000,000.00).
  public static let mostBillUSD = 1e12

  /// Why a sheet number is out of range, or nil when it is within the bounds.
  static func cellProblem(_ v: Double) -> String? {
    if abs(v) > largest { return "numbers in sheets are at most 1e12 in magnitude" }
    if v != 0 && abs(v) < smallestCell {
      return "a number other than 0 must be at least 1e-9 in magnitude"
    }
    return nil
  }

  /// Three significant digits, exponent without `+` or leading zeros: `2e302`, `1.5e-15`, `640`.
  static func short(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "not a number" : "infinite" }
    var s = String(format: "%.3g", v)
    if let e = s.firstIndex(of: "e") {
      var exp = String(s[s.index(after: e)...])
      let negative = exp.hasPrefix("-")
      exp = String(exp.drop { $0 == "+" || $0 == "-" || $0 == "0" })
      s = String(s[..<e]) + "e" + (negative ? "-" : "") + (exp.isEmpty ? "0" : exp)
    }
    return s
  }
}

/// A sheet cell (or a scenario change) that a derived parameter is made from.
struct RangeSource {
  var file: String
  var line: Int
  var column: Int
  /// `input_tokens_per_call 1e308`, or `scale 1e9 (scenario 'big') on users`.
  var words: String
  /// Orders of magnitude the source adds to the value: ±log10 of its value.
  var weight: Double
  var fromScenario: Bool
}

/// Checks the derived parameters of one input and its scenarios, locating each problem.
struct RangeCheck {
  let tables: [String: CSVTable]
  var problems = DiagnosticList()
  private var seen = Set<Diagnostic>()
  /// The change of the scenario being checked, by `kind:id:field`.
  private var changes: [String: ScenarioChange] = [:]
  /// The first change of the scenario being checked: blamed when none of a value's sources changed.
  private var firstChange: RangeSource?
  /// What the plan itself got wrong; a scenario does not repeat it.
  private var planProblems = Set<String>()

  init(tables: [String: CSVTable]) { self.tables = tables }

  /// Checks `input`, which is the plan's input with the changes of `scenario` applied (if any), or a growth
  /// range's future (`growth`: the plan.csv cell that makes it, blamed for what the plan alone does not get wrong).
  mutating func run(_ input: PlanInput, scenario: [ScenarioChange] = [], growth: RangeSource? = nil)
  {
    changes = [:]
    firstChange =
      growth
      ?? scenario.first.map { c in
        RangeSource(
          file: "scenarios.csv", line: c.line, column: c.valueColumn,
          words: "scenario '\(Diagnostic.echo(c.scenario))'", weight: 0, fromScenario: true)
      }
    for c in scenario {
      let kind: String
      let ids: [String]
      switch ScenarioField.named(c.field)?.target {
      case .workload: (kind, ids) = ("w", input.workloads.map(\.id))
      case .api: (kind, ids) = ("a", input.apis.map(\.id))
      case .capacity: (kind, ids) = ("c", input.capacity.map(\.id))
      case nil: continue
      }
      for id in ids where c.target == "*" || c.target == id {
        changes["\(kind):\(id):\(c.field)"] = c
      }
    }
    let found = problems.items.count
    let data = PlacementData(input: input)
    let months = Double(max(input.settings.months - 1, 0))
    for (wi, w) in input.workloads.enumerated() {
      let peak = data.forecast.peakCallsPerHour[wi].lazy.flatMap { $0 }.max() ?? 0
      check(
        peak, "the calls per hour of '\(w.id)' in its busiest hour",
        upper: NumericLimits.mostCallsPerHour, sources: demandSources(w, months: months),
        fallback: row("workloads.csv", w.line, w.id))
      check(
        w.tokensPerCall, "the tokens per call of '\(w.id)'", sources: tokenSources(w),
        fallback: row("workloads.csv", w.line, w.id))
    }
    for c in input.capacity {
      check(
        c.usdPerUnitHour, "the unit price of '\(c.id)'",
        sources: [offer("c", c.id, c.line, "usd_per_unit_hour", c.usdPerUnitHour)],
        fallback: row("capacity.csv", c.line, c.id))
      guard c.maxUnits == nil, let units = data.maxUnits[c.id] else { continue }
      check(
        units, "the units '\(c.id)' needs for its compatible demand (set max_units)",
        sources: [
          offer("c", c.id, c.line, "input_tok_per_s_per_unit", c.inputTokPerSecPerUnit, -1),
          offer("c", c.id, c.line, "output_tok_per_s_per_unit", c.outputTokPerSecPerUnit, -1),
          offer("c", c.id, c.line, "unit_step", c.unitStep),
          offer("c", c.id, c.line, "min_units", c.minUnits),
        ] + input.workloads.map { workload($0, "users", $0.users) },
        fallback: row("capacity.csv", c.line, c.id))
    }
    for p in data.pairs {
      let w = input.workloads[p.workload]
      let o = data.offers[p.offer]
      let pair = "'\(w.id)' on '\(o.id)'"
      let here = row("workloads.csv", w.line, w.id)
      var usage = tokenSources(w)
      switch o {
      case .api(let a):
        usage += [
          offer("a", a.id, a.line, "usd_per_mtok_input", a.usdPerMtokInput),
          offer("a", a.id, a.line, "usd_per_mtok_cached_input", a.usdPerMtokCachedInput),
          offer("a", a.id, a.line, "usd_per_mtok_output", a.usdPerMtokOutput),
        ]
      case .capacity(let c):
        let rates = [
          offer("c", c.id, c.line, "input_tok_per_s_per_unit", c.inputTokPerSecPerUnit, -1),
          offer("c", c.id, c.line, "output_tok_per_s_per_unit", c.outputTokPerSecPerUnit, -1),
        ]
        check(
          p.load, "the unit-hours per call of \(pair)", sources: tokenSources(w) + rates,
          fallback: here)
        usage += rates + [offer("c", c.id, c.line, "usd_per_unit_hour", c.usdPerUnitHour)]
      }
      check(
        p.usageCost, "the usage cost per call of \(pair) ($)", sources: usage, fallback: here)
      let success = input.successRate(w, on: o.id)
      let override = input.quality.first { $0.workload == w.id && $0.offer == o.id }
      let failure =
        override.map {
          source("quality.csv", $0.line, "success_rate", 1 - success, key: nil)
        } ?? workload(w, "success_rate", 1 - success)
      check(
        p.failCost, "the failure cost per call of \(pair) ($)",
        sources: [
          workload(w, "human_cost_per_failure", w.humanCostPerFailure), failure,
          workload(w, "calls_per_prompt", w.callsPerPrompt, -1),
          workload(w, "retry_rate", 1 + w.retryRate, -1),
        ], fallback: here)
    }
    // A bill made of a parameter already out of range says nothing more.
    if problems.items.count == found { checkBill(input, data) }
  }

  /// Checks the least any plan can bill over the horizon, $: every call at its cheapest compatible usage cost (on
  /// a reserved unit, the share of the unit-hour it takes; at the deepest commitment discount and the lowest
  /// negotiated price), or what is signed if that is more. (Human cost of failures is no bill.) Above `NumericLimits.mostBillUSD` the reports' cents are not
  /// right, so the input is refused, blamed on the demand of the workload that costs most.
  private mutating func checkBill(_ input: PlanInput, _ data: PlacementData) {
    let deepest = 1 - (input.commitments.map(\.discountPct).max() ?? 0) / 100
    let lowest = min(
      1,
      data.offers.flatMap { o in data.months.indices.map { data.priceFactor(o.id, month: $0) } }
        .min() ?? 1)
    var cheapest = [Double](repeating: .infinity, count: input.workloads.count)
    for p in data.pairs {
      var perCall = p.usageCost
      if case .capacity(let c) = data.offers[p.offer], c.billing == .reserved {
        perCall = p.load * c.usdPerUnitHour
      }
      cheapest[p.workload] = min(cheapest[p.workload], perCall * deepest * lowest)
    }
    var bill = [Double](repeating: 0, count: input.workloads.count)
    for s in data.slices.slices {
      for wi in bill.indices where cheapest[wi].isFinite {
        bill[wi] += s.weight * data.demand(wi, s) * cheapest[wi]
      }
    }
    // What is signed: the fixed charges of the contracted units and levels (contracts are reserved only).
    let signed = HourlyDispatch(data: data, units: data.contractUnits, levels: data.contractUSD)
      .fixedCost
    guard let top = bill.indices.max(by: { bill[$0] < bill[$1] }) else { return }
    let w = input.workloads[top]
    let usage = bill.reduce(0, +)
    // Signed fees may pay for the very calls counted above (covered usage, calls on signed units): the larger
    // of the two, not their sum, is what every plan bills at the least. Blamed on the demand of the workload
    // that costs most, or, when the signed fees are the larger, on the contract signing the most an hour.
    let price = Dictionary(uniqueKeysWithValues: input.capacity.map { ($0.id, $0.usdPerUnitHour) })
    let contract = input.contracts.max {
      $0.units * (price[$0.offer] ?? 0) + $0.usdPerHour < $1.units * (price[$1.offer] ?? 0)
        + $1.usdPerHour
    }
    if signed > usage, let c = contract {
      let column = c.units > 0 ? "units" : "usd_per_hour"
      check(
        signed, "the least any plan can bill over the horizon ($)",
        upper: NumericLimits.mostBillUSD, lower: 0,
        sources: [
          source("contracts.csv", c.line, column, c.units > 0 ? c.units : c.usdPerHour, key: nil)
        ],
        fallback: row("contracts.csv", c.line, c.offer))
      return
    }
    check(
      usage, "the least any plan can bill over the horizon ($)",
      upper: NumericLimits.mostBillUSD, lower: 0,
      sources: demandSources(w, months: Double(max(input.settings.months - 1, 0)))
        + tokenSources(w),
      fallback: row("workloads.csv", w.line, w.id))
  }

  /// The cells that make a workload's calls per hour, growing over `months` months.
  private func demandSources(_ w: Workload, months: Double) -> [RangeSource?] {
    [
      workload(w, "users", w.users),
      workload(w, "user_growth_pct_per_month", pow(1 + w.userGrowthPctPerMonth / 100, months)),
      workload(w, "sessions_per_user_per_day", w.sessionsPerUserPerDay),
      workload(w, "prompts_per_session", w.promptsPerSession),
      workload(w, "calls_per_prompt", w.callsPerPrompt),
      workload(w, "retry_rate", 1 + w.retryRate),
    ]
  }

  /// Reports `value` when it is not finite, above `upper`, or other than 0 and below `lower`,
  /// at the source that pushed it furthest that way.
  private mutating func check(
    _ value: Double, _ what: String, upper: Double = NumericLimits.largest,
    lower: Double = NumericLimits.smallestCoefficient, sources: [RangeSource?],
    fallback: RangeSource? = nil
  ) {
    let tooBig = !value.isFinite || abs(value) > upper
    let tooSmall = value != 0 && abs(value) < lower
    guard tooBig || tooSmall else { return }
    var candidates = sources.compactMap { $0 }
    let inScenario = firstChange != nil
    if inScenario {
      // In a scenario, blame its changes; what the plan got wrong is reported already.
      if planProblems.contains(what) { return }
      candidates = candidates.filter(\.fromScenario)
    } else {
      planProblems.insert(what)
    }
    let blamed =
      tooBig
      ? candidates.max { $0.weight < $1.weight } : candidates.min { $0.weight < $1.weight }
    guard let s = blamed ?? (inScenario ? firstChange : fallback) else { return }
    let bound =
      tooBig
      ? "at most \(NumericLimits.short(upper))"
      : "other than 0 it must be at least \(NumericLimits.short(lower))"
    let shown = value.isFinite ? NumericLimits.short(value) : "overflow"
    let d = Diagnostic(
      file: s.file, line: s.line, column: s.column,
      message: "\(s.words) makes \(what) \(shown); \(bound)")
    if seen.insert(d).inserted { problems.items.append(d) }
  }

  /// The start of a row, blamed only when no cell of it can be.
  private func row(_ file: String, _ line: Int, _ id: String) -> RangeSource {
    RangeSource(
      file: file, line: line, column: 1, words: "the row of '\(Diagnostic.echo(id))'", weight: 0,
      fromScenario: false)
  }

  private func tokenSources(_ w: Workload) -> [RangeSource?] {
    [
      workload(w, "input_tokens_per_call", w.inputTokensPerCall),
      workload(w, "output_tokens_per_call", w.outputTokensPerCall),
      workload(w, "reasoning_tokens_per_call", w.reasoningTokensPerCall),
    ]
  }

  private func workload(_ w: Workload, _ column: String, _ value: Double, _ exponent: Double = 1)
    -> RangeSource?
  {
    source("workloads.csv", w.line, column, value, exponent, key: "w:\(w.id):\(column)")
  }

  private func offer(
    _ kind: String, _ id: String, _ line: Int, _ column: String, _ value: Double,
    _ exponent: Double = 1
  ) -> RangeSource? {
    source(
      kind == "a" ? "apis.csv" : "capacity.csv", line, column, value, exponent,
      key: "\(kind):\(id):\(column)")
  }

  /// The cell `column` of the row on `line` of `file`, or the scenario change of `key`.
  /// A value of 0 adds no magnitude and is no source.
  private func source(
    _ file: String, _ line: Int, _ column: String, _ value: Double, _ exponent: Double = 1,
    key: String?
  ) -> RangeSource? {
    guard value != 0, value.isFinite else { return nil }
    let weight = exponent * log10(abs(value))
    if let key, let c = changes[key] {
      let text = cell("scenarios.csv", c.line, "value")?.text ?? Format.plain(c.value)
      return RangeSource(
        file: "scenarios.csv", line: c.line, column: c.valueColumn,
        words:
          "\(c.op.rawValue) \(Diagnostic.echo(text)) on \(column) (scenario '\(Diagnostic.echo(c.scenario))')",
        weight: weight, fromScenario: true)
    }
    guard let cell = cell(file, line, column) else { return nil }
    return RangeSource(
      file: file, line: cell.line, column: cell.column,
      words: "\(column) \(Diagnostic.echo(cell.text))", weight: weight, fromScenario: false)
  }

  /// The cell under `column` in the record that starts on `line`.
  private func cell(_ file: String, _ line: Int, _ column: String) -> CSVCell? {
    guard let table = tables[file], let i = table.index(of: column),
      let record = table.records.first(where: { $0.line == line }), let cell = record[i]
    else { return nil }
    var trimmed = cell
    trimmed.text = cell.text.trimmingWhitespace
    return trimmed
  }
}

extension PlanInput {
  /// Derived parameters out of GLPK's range, for the plan and each scenario, located at the
  /// sheet cells (or scenario changes) that made them. Empty when every value is in range.
  func rangeProblems(tables: [String: CSVTable]) -> DiagnosticList {
    var check = RangeCheck(tables: tables)
    check.run(self)
    for name in scenarioNames {
      check.run(applying(scenario: name), scenario: scenarios.filter { $0.scenario == name })
    }
    // The growth range's futures (every workload's growth offset) reach GLPK too; what only a future gets wrong
    // is blamed on its plan.csv key (it was blamed on a workload's users, within range on the sheets as they are).
    let o = settings.outlook
    for (name, _) in outlookFutures where !scenarioNames.contains(name) && name != "base" {
      let low = name == "low"
      let growth = RangeSource(
        file: "plan.csv", line: low ? o.growthLowLine : o.growthHighLine,
        column: low ? o.growthLowColumn : o.growthHighColumn,
        words: "growth_\(name)_pct \(Format.plain((low ? o.growthLowPct : o.growthHighPct) ?? 0))",
        weight: 0, fromScenario: true)
      check.run(future(name), growth: growth)
    }
    return check.problems
  }
}
