/// Everything one `baseload plan` run solves: the plan, its baseline and every scenario in both modes.
public struct PlanRun: Sendable {
  public var plan: PlanAnalysis
  public var baseline: Baseline?
  public var scenarios: [ScenarioReport]
  /// Quotes and break-even prices, when plan.csv asks for them (`quotes,yes`).
  public var quotes: QuoteSet?
  /// The plan for the futures of outlook.csv (or the growth range), when there are any.
  public var outlook: OutlookResult? = nil
  /// Why there is no baseline (today's routing cannot serve the demand), in words; nil when there is one.
  public var baselineMissing: String? = nil

  /// What stopped short of its target gap with the best plan found (plan, baseline or scenario) — the time
  /// limit, the decomposition's iteration limit or a master failure — in words; nil when every solve finished.
  public var timeLimited: String? {
    var parts: [(String, PlacementResult)] = [("the plan", outlook?.stochastic ?? plan.result)]
    if let baseline { parts.append(("the baseline", baseline.analysis.result)) }
    for s in scenarios {
      for o in s.outcomes {
        parts.append(("scenario \(s.scenario) (\(o.mode.rawValue))", o.analysis.result))
      }
    }
    let hit = parts.filter { $0.1.status.stoppedShort }
    guard !hit.isEmpty else { return nil }
    var reasons: [String] = []
    for (_, r) in hit where !reasons.contains(r.status.reason ?? "") {
      reasons.append(r.status.reason ?? "")
    }
    return reasons.joined(separator: "; ") + "; the best plan found was written: "
      + hit.map { name, r in
        let gap = r.certificate.map { Format.percent($0.gap, 3) } ?? "unknown"
        return "\(name) within \(gap) of the optimum"
      }.joined(separator: ", ")
  }

  /// The plan compared with its baseline, line by line.
  public var baselineDiff: InvoiceDiff? {
    baseline.map { InvoiceDiff(before: $0.analysis, after: plan) }
  }

  /// Solves the plan alone — for one forecast, or for the futures of the outlook (then the plan is the stochastic
  /// plan's capacity on the sheets as they are): what `plan` reports and what `quote` prices quotes against.
  public static func solvePlan(
    _ input: PlanInput, modelPath: String? = nil, say: (@Sendable (String) -> Void)? = nil,
    solverProgress: PlacementSolver.Progress? = nil
  ) throws -> (plan: PlanAnalysis, outlook: OutlookResult?) {
    guard input.outlookFutures.isEmpty else {
      let outlook = try OutlookResult.solve(
        input, modelPath: modelPath, say: say, solverProgress: solverProgress)
      return (outlook.basePlan, outlook)
    }
    let data = PlacementData(input: input)
    say?(
      "solving the plan (\(data.slices.slices.count) slices, \(data.pairs.count) workload/offer pairs)"
    )
    let plan = PlanAnalysis(
      try PlacementSolver.solve(data, modelPath: modelPath, progress: solverProgress))
    return (plan, nil)
  }

  /// Solves the plan, the baseline and the scenarios (`only` narrows to one scenario).
  public static func solve(
    _ input: PlanInput, only: String? = nil, modelPath: String? = nil,
    say: (@Sendable (String) -> Void)? = nil,
    solverProgress: PlacementSolver.Progress? = nil
  ) throws -> PlanRun {
    let (plan, outlook) = try solvePlan(
      input, modelPath: modelPath, say: say, solverProgress: solverProgress)
    say?("solving the baseline")
    let baseline: Baseline?
    var baselineMissing: String?
    do {
      baseline = try Baseline.solve(input, modelPath: modelPath)
    } catch PlanError.infeasible(let why) {
      say?("no baseline: \(why)")
      baseline = nil
      baselineMissing = why
    }
    var scenarios: [ScenarioReport] = []
    // A future of the outlook is reported in its Outlook section (its bill with the plan's capacity held, line by
    // line); it runs as a what-if only when asked for by name.
    let futures = Set(input.outlookFutures.map(\.name))
    for name in input.scenarioNames where only == name || (only == nil && !futures.contains(name)) {
      var report = ScenarioReport(
        scenario: name, locked: nil, renewal: nil, plan: plan, baseline: baseline)
      for mode in WhatIfMode.allCases {
        say?("scenario \(name): \(mode.rawValue)")
        do {
          let o = try WhatIf.run(
            input, scenario: name, mode: mode, plan: plan, modelPath: modelPath)
          if mode == .locked { report.locked = o } else { report.renewal = o }
        } catch PlanError.infeasible(let why) {
          // An answer, not a failed run: the plan is written and the scenario says which mode cannot serve it.
          say?("scenario \(name), \(mode.rawValue): cannot be served: \(why)")
          // One line per short workload in the solver's words; one sentence here.
          report.unservable[mode] = why.split(separator: "\n").joined(separator: "; ")
        }
      }
      scenarios.append(report)
    }
    var quotes: QuoteSet?
    if input.settings.quotes {
      say?("pricing quotes and break-even prices")
      quotes = try QuoteSet.compute(QuoteEngine(input: input, plan: plan, modelPath: modelPath))
    }
    return PlanRun(
      plan: plan, baseline: baseline, scenarios: scenarios, quotes: quotes, outlook: outlook,
      baselineMissing: baselineMissing)
  }
}
