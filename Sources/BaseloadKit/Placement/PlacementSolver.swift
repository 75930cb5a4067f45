import Foundation
import GLPK

/// Writes the data section, solves `Models/placement.mod` in-process with GLPK and reads the plan back.
public enum PlacementSolver {
  /// Progress of a solve, for the terminal.
  public typealias Progress = @Sendable (String) -> Void

  /// Solves the placement for `data` on the path `SolveStrategy.choose(for:)` picks; throws
  /// `PlanError.infeasible` with a located shortfall, `PlanError.timeLimit` when no plan was found in time.
  public static func solve(
    _ data: PlacementData, modelPath: String? = nil, progress: Progress? = nil
  ) throws -> PlacementResult {
    guard let model = modelPath ?? ModelLocator.path() else { throw PlanError.modelNotFound }
    let strategy = SolveStrategy.choose(for: data)
    var result: PlacementResult
    switch strategy.path {
    case .exact:
      if let next = strategy.handOver {
        result = try exactThenDecomposed(data, next, strategy, model: model, progress: progress)
      } else {
        result = try exact(data, model: model, progress: progress)
      }
    case .dispatch: result = try dispatchHeld(data, model: model)
    case .benders, .clusters:
      result = try decomposed(data, strategy.path, model: model, progress: progress)
    }
    result.strategy = result.strategy ?? strategy
    return result
  }

  /// The exact model within `SolveStrategy.exactShare` of the time limit; when it has not met the gap by then
  /// (or found no plan), the decomposition `next` with the time left. The cheaper plan is reported, with the
  /// larger of the two lower bounds (each is valid), and the solve path says what happened.
  static func exactThenDecomposed(
    _ data: PlacementData, _ next: SolvePath, _ strategy: SolveStrategy, model: String,
    progress: Progress?
  ) throws -> PlacementResult {
    let start = Date()
    let limit = data.input.settings.timeLimitSeconds
    var first = data
    first.input.settings.timeLimitSeconds = max(1, limit * SolveStrategy.exactShare)
    var exactResult: PlacementResult?
    do {
      exactResult = try exact(first, model: model, progress: progress)
    } catch PlanError.timeLimit {
      exactResult = nil
    } catch PlanError.solver(let why) {
      // A solution the reader refuses (or GLPK's failure): the decomposition is the way left.
      progress?("the exact model failed (\(why.split(separator: "\n").first ?? "")); handing over")
      exactResult = nil
    }
    let target = data.input.settings.optimalityGap
    if var r = exactResult,
      r.status == .optimal
        || Certificate.meets(
          lower: r.certificate?.lowerBound ?? -.infinity, upper: r.objective, target: target)
    {
      r.data = data
      r.status = .optimal
      return r
    }
    let share = Format.plain(first.input.settings.timeLimitSeconds)
    progress?(
      "the exact model did not meet the gap in \(share) s; the \(next.rawValue) takes over with the time left"
    )
    var rest = data
    rest.input.settings.timeLimitSeconds = max(1, limit - Date().timeIntervalSince(start))
    let handed: PlacementResult
    do {
      handed = try decomposed(rest, next, model: model, progress: progress)
    } catch let e where exactResult != nil {
      progress?("the \(next.rawValue) failed (\(e)); keeping the exact model's plan")
      var r = exactResult!
      r.data = data
      return r
    }
    let why =
      "\(strategy.reason), but it had not met the gap in its share of the time limit (\(share) s), so the \(next.rawValue) took over with the time left"
    guard handed.strategy?.path != .exact else {
      // The decomposition itself fell back to the exact model: its own account stands, after this one.
      var r = handed
      r.data = data
      r.strategy?.reason = why + "; then " + (handed.strategy?.reason ?? "")
      return r
    }
    let exactIsCheaper = exactResult.map { $0.objective < handed.objective } ?? false
    var best = exactIsCheaper ? exactResult! : handed
    best.data = data
    let lower = max(
      exactResult?.certificate?.lowerBound ?? -.infinity,
      handed.certificate?.lowerBound ?? -.infinity)
    // The decomposition's certificate, with the larger lower bound and the reported plan's cost: the report
    // states a certified gap, not GLPK's own MIP gap of a search it stopped.
    var certificate =
      handed.certificate
      ?? Certificate(
        resolution: .cluster, slices: data.slices.slices.count, lowerBound: lower,
        upperBound: best.objective)
    certificate.lowerBound = lower
    certificate.upperBound = best.objective
    if exactIsCheaper {
      certificate.note = [
        certificate.note,
        "The exact model's plan, found in its share of the time, is cheaper than the decomposition's and is reported.",
      ].compactMap { $0 }.joined(separator: "\n")
    }
    best.certificate = certificate
    best.mipGap = nil
    best.status =
      Certificate.meets(lower: lower, upper: best.objective, target: target)
      ? .optimal : handed.status == .optimal ? .timeLimit : handed.status
    best.strategy = SolveStrategy(
      path: next,
      reason: why
        + "; \(exactIsCheaper ? "the exact model's plan was cheaper and is reported" : "its plan is reported"), with the larger of the two lower bounds"
    )
    return best
  }

  /// `Models/placement.mod` solved whole over the data's slices.
  static func exact(_ data: PlacementData, model: String, progress: Progress?) throws
    -> PlacementResult
  {
    let solution = try run(data, model: model, progress: progress)
    switch solution.status {
    case .optimal, .feasible:
      return try read(solution, data)
    case .infeasible, .noFeasible:
      return try servedWithinTolerance(data, model: model)
    case .unbounded, .undefined:
      if solution.stop == .timeLimit {
        throw PlanError.timeLimit(
          "the time limit (\(Format.plain(data.input.settings.timeLimitSeconds)) s) passed before any plan was found; raise time_limit_s in plan.csv"
        )
      }
      if solution.stop == .noPrimalFeasible {
        return try servedWithinTolerance(data, model: model)
      }
      throw PlanError.solver(
        "GLPK ended with status \(solution.status)\n\(solution.terminalOutput)")
    }
  }

  /// Capacity held (a locked what-if): every slice dispatched with the held units and levels. The same optimum
  /// as the exact model with `fixed_units` and `fixed_level`, without its integer purchase columns.
  static func dispatchHeld(_ data: PlacementData, model: String) throws -> PlacementResult {
    // Held capacity, or (when nothing can be bought) what is signed.
    let heldUnits = data.capacityHeld ? data.fixedUnits : data.contractUnits
    let heldLevels = data.capacityHeld ? data.fixedLevels : data.contractUSD
    let o = try HourlyDispatch(data: data, units: heldUnits, levels: heldLevels).run(threads: 2)
    guard o.feasible else { throw PlanError.infeasible(try explainShortfall(data, model: model)) }
    /// Purchases that reproduce held amounts: each month buys what its active purchases and signed
    /// amounts lack.
    func purchases(_ held: [Double], signed: [Double]?, term: Int) -> [Double] {
      var buys = [Double](repeating: 0, count: data.months.count)
      for m in data.months.indices {
        let active = data.purchaseWindow(month: m, term: term).reduce(0) { $0 + buys[$1] }
        buys[m] = max(0, held[m] - (signed?[m] ?? 0) - active)
      }
      return buys
    }
    let none = data.months.map { _ in 0.0 }
    var units: [String: [Double]] = [:]
    var bought: [String: [Double]] = [:]
    for c in data.reservedOffers {
      units[c.id] = heldUnits[c.id] ?? none
      bought[c.id] = purchases(
        units[c.id]!, signed: data.contractUnits[c.id], term: c.termMonths)
    }
    var levels: [String: [Double]] = [:]
    var levelBought: [String: [Double]] = [:]
    for k in data.input.commitments {
      levels[k.id] = heldLevels[k.id] ?? none
      levelBought[k.id] = purchases(
        levels[k.id]!, signed: data.contractUSD[k.id], term: k.termMonths)
    }
    return PlacementResult(
      data: data, status: .optimal, objective: o.cost, mipGap: nil, flows: o.flows, units: units,
      bought: bought, levels: levels, levelBought: levelBought, covered: o.covered,
      certificate: Certificate(
        resolution: data.slices.resolution, slices: data.slices.slices.count,
        lowerBound: o.cost, upperBound: o.cost))
  }

  /// The certified decomposition, on workloads merged into demand classes where that is exact. When it fails
  /// (a numerical failure of the capacity master, a slice it cannot serve), the exact week model is solved
  /// within what is left of the time limit, and the report says so.
  static func decomposed(
    _ data: PlacementData, _ path: SolvePath, model: String, progress: Progress?
  ) throws -> PlacementResult {
    let start = Date()
    if data.outlook != nil {
      // Several futures at expected cost: the same decomposition on probability-weighted slices.
      var r = try decomposed(data.expectedCostForm(), path, model: model, progress: progress)
      r.data = data
      return r
    }
    do {
      let merge = WorkloadMerge(data)
      guard merge.reduces else {
        return try certified(data, path, model: model, progress: progress)
      }
      progress?(
        "\(data.workloads.count) workloads form \(merge.classes.count) demand classes (proportional per-call terms)"
      )
      var r = merge.expand(
        try certified(merge.merged(data), path, model: model, progress: progress), into: data)
      let merged =
        "Exact aggregation: \(data.workloads.count) workloads solved as \(merge.classes.count) demand classes (same offers, proportional per-call costs and loads); each class's calls split back by demand."
      let note = r.certificate?.note
      r.certificate?.note = [note, merged].compactMap { $0 }.joined(separator: "\n")
      return r
    } catch PlanError.solver(let why) {
      let left = data.input.settings.timeLimitSeconds - Date().timeIntervalSince(start)
      let reason = why.split(separator: "\n").first ?? ""
      progress?("the decomposition failed (\(reason)); solving the exact week model instead")
      var exactData = data
      exactData.input.settings.timeLimitSeconds = max(1, left)
      var r = try exact(exactData, model: model, progress: progress)
      r.data = data
      r.strategy = SolveStrategy(
        path: .exact,
        reason:
          "the decomposition failed (\(reason)), so the exact week model was solved within what was left of the time limit"
      )
      return r
    }
  }

  /// The certified clustered solve: the Benders capacity master, or the refined clustered MIP.
  static func certified(
    _ data: PlacementData, _ path: SolvePath, model: String, progress: Progress?
  ) throws -> PlacementResult {
    if path == .benders {
      do {
        return try BendersSolver(data: data, progress: progress).solve()
      } catch is BendersUnavailable {
        if data.defersWork {
          // Clusters cannot keep deferrable work within its day: the exact model instead.
          throw PlanError.solver("a day could not be dispatched with the capacity master's plans")
        }
        progress?(
          "a slice could not be served by the capacity master's plans; solving clusters instead")
      }
    }
    return try ClusteredSolver(data: data, modelPath: model, progress: progress).solve()
  }

  /// Translates and solves once; the data file lives in a temporary folder for the call.
  static func run(_ data: PlacementData, model: String, progress: Progress?) throws -> Solution {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baseload-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let dat = dir.appendingPathComponent("placement.dat").path
    try data.mathProgData().write(toFile: dat, atomically: true, encoding: .utf8)
    var options = SolverOptions()
    // Not GLPK's MIP presolver: its presolved LP relaxation stalled for the whole time limit on a valid 4-workload
    // plan that the simplex on the model as stated solves in a second (soak seed 20019, no plan in 200 s), failed
    // to factorize another's basis (6532), and recovered values that broke a row by 3 parts in a million (19228).
    // Without it the property test's exact solves take about 16% longer.
    options.presolve = false
    // Equilibrated, as glpsol does by default: unscaled, the simplex and the search found no plan in 30 s for a
    // 4-workload plan glpsol solves in 0.3 s (soak seed 21018; 20970 likewise).
    options.scale = true
    options.timeLimitSeconds = data.input.settings.timeLimitSeconds
    options.mipGap = data.input.settings.mipGap
    options.integerTolerance = data.integerTolerance
    if let progress {
      options.progress = { p in
        var s = "solving: \(Format.fixed(p.elapsedSeconds, 1)) s"
        if let inc = p.incumbent { s += ", best plan \(Format.money(inc))" }
        if let gap = p.gap { s += ", gap \(Format.percent(gap, 2))" }
        progress(s)
      }
    }
    do {
      return try MathProgModel(modelPath: model, dataPaths: [dat]).solve(options: options).solution
    } catch {
      throw PlanError.solver(error.description)
    }
  }

  /// Reads variable values by name into a `PlacementResult`.
  static func read(_ s: Solution, _ data: PlacementData) throws -> PlacementResult {
    let nT = data.slices.slices.count
    let nM = data.months.count
    var pairIndex: [String: Int] = [:]
    for (i, p) in data.pairs.enumerated() {
      pairIndex[data.workloads[p.workload].id + "\u{1}" + data.offers[p.offer].id] = i
    }
    var flows = [[Double]](repeating: [Double](repeating: 0, count: nT), count: data.pairs.count)
    var units: [String: [Double]] = [:]
    var bought: [String: [Double]] = [:]
    var levels: [String: [Double]] = [:]
    var levelBought: [String: [Double]] = [:]
    var covered: [String: [Double]] = [:]
    let reserved = data.reservedOffers
    for c in reserved {
      units[c.id] = [Double](repeating: 0, count: nM)
      bought[c.id] = [Double](repeating: 0, count: nM)
    }
    for k in data.input.commitments {
      levels[k.id] = [Double](repeating: 0, count: nM)
      levelBought[k.id] = [Double](repeating: 0, count: nM)
      covered[k.id] = [Double](repeating: 0, count: nT)
    }
    let steps = Dictionary(uniqueKeysWithValues: reserved.map { ($0.id, $0.unitStep) })
    let wholeUnitTolerance = data.wholeUnitTolerance
    for (j, name) in s.columnNames.enumerated() {
      let v = s.columnValues[j]
      guard v != 0 else { continue }
      let n = ColumnName(name)
      let sub = n.subscripts
      func index(_ i: Int) -> Int? { Int(sub[i]).map { $0 - 1 } }
      switch n.base {
      case "x" where sub.count == 3:
        if let p = pairIndex[sub[0] + "\u{1}" + sub[1]], let t = index(2) { flows[p][t] = v }
      case "units" where sub.count == 2:
        // Units are whole numbers (signed units plus integer steps); drop the solver's round-off, but never a
        // fraction of a unit that serves calls.
        guard abs(v - v.rounded()) <= wholeUnitTolerance else {
          throw PlanError.solver(
            "the solver's integer solution holds \(v) units of '\(sub[0])' in month \(sub[1]), not a whole number (a fraction of a step of \(Format.number(steps[sub[0]] ?? 1)) passed its integrality tolerance)"
          )
        }
        if let m = index(1) { units[sub[0]]?[m] = v.rounded() }
      case "buy" where sub.count == 2:
        if let m = index(1) { bought[sub[0]]?[m] = v.rounded() * (steps[sub[0]] ?? 1) }
      case "level" where sub.count == 2:
        if let m = index(1) { levels[sub[0]]?[m] = v }
      case "spent" where sub.count == 2:
        if let m = index(1) { levelBought[sub[0]]?[m] = v }
      case "covered" where sub.count == 2:
        if let t = index(1) { covered[sub[0]]?[t] = v }
      default:
        break
      }
    }
    return PlacementResult(
      data: data, status: s.stop == .timeLimit ? .timeLimit : .optimal, objective: s.objective,
      mipGap: s.mipGap, flows: flows, units: units, bought: bought, levels: levels,
      levelBought: levelBought, covered: covered,
      certificate: Certificate(
        resolution: data.slices.resolution, slices: data.slices.slices.count,
        lowerBound: lowerBound(s, gapLimit: data.input.settings.mipGap), upperBound: s.objective))
  }

  /// A valid lower bound from a solve: the MIP's best bound, or the objective less the proven gap. A search
  /// that stopped at its gap tolerance (GLP_EMIPGAP) proved at least that much, whatever bound its last
  /// callback saw.
  static func lowerBound(_ s: Solution, gapLimit: Double) -> Double {
    guard s.isMIP else { return s.objective }
    let hasIncumbent = s.status == .optimal || s.status == .feasible
    if s.stop == .completed && s.status == .optimal {
      return s.objective - gapLimit * abs(s.objective)
    }
    if s.stop == .mipGapReached && hasIncumbent {
      return max(s.bound ?? -.infinity, s.objective - gapLimit * abs(s.objective))
    }
    return hasIncumbent ? min(s.bound ?? -.infinity, s.objective) : (s.bound ?? -.infinity)
  }

  /// GLPK's simplex can call a model infeasible over a primal infeasibility of a few 1e-7 where every call can
  /// be served: a plan held at exactly the capacity its own optimum needs is one (soak seed 4935). The model is
  /// re-solved with unserved demand priced: when that leaves no call unserved, its solution is the plan (the
  /// penalty term is then zero, so the objective is the model's); otherwise the shortfall is located and
  /// reported as `PlanError.infeasible`.
  static func servedWithinTolerance(_ data: PlacementData, model: String) throws -> PlacementResult
  {
    var relaxed = data
    relaxed.allowShortfall = true
    let s = try run(relaxed, model: model, progress: nil)
    guard s.status == .optimal || s.status == .feasible else {
      throw PlanError.infeasible(explainShortfall(s, data))
    }
    // Unserved calls of at most a millionth of a call an hour are the simplex's tolerance, not a shortfall;
    // their penalty is taken out of the objective and the bounds.
    var penalty = 0.0
    for (j, name) in s.columnNames.enumerated() where s.columnValues[j] != 0 {
      let n = ColumnName(name)
      guard n.base == "short", n.subscripts.count == 2, let t = Int(n.subscripts[1]) else {
        continue
      }
      guard s.columnValues[j] <= 1e-6 else { throw PlanError.infeasible(explainShortfall(s, data)) }
      penalty += data.slices.slices[t - 1].weight * data.shortfallPenalty * s.columnValues[j]
    }
    var r = try read(s, data)
    r.objective -= penalty
    r.certificate?.lowerBound -= penalty
    r.certificate?.upperBound -= penalty
    return r
  }

  /// Re-solves with priced shortfall and says which workload falls short, when, and by how much.
  static func explainShortfall(_ data: PlacementData, model: String) throws -> String {
    var relaxed = data
    relaxed.allowShortfall = true
    return explainShortfall(try run(relaxed, model: model, progress: nil), data)
  }

  /// Which workload the shortfall solve `s` leaves short, when, and by how much.
  static func explainShortfall(_ s: Solution, _ data: PlacementData) -> String {
    guard s.status == .optimal || s.status == .feasible else {
      return "the model has no solution even with unserved demand allowed (GLPK: \(s.status))"
    }
    var worst: [String: (slice: Int, calls: Double, total: Double)] = [:]
    for (j, name) in s.columnNames.enumerated() where s.columnValues[j] > 1e-6 {
      let n = ColumnName(name)
      guard n.base == "short", n.subscripts.count == 2,
        let t = Int(n.subscripts[1])
      else { continue }
      let w = n.subscripts[0]
      let v = s.columnValues[j]
      let weight = data.slices.slices[t - 1].weight
      var e = worst[w] ?? (t - 1, 0, 0)
      e.total += v * weight
      // The earliest hour of the largest shortfall: a later hour only when it is short by more than round-off
      // (flat demand ties every hour, and the solver's choice among them is arbitrary).
      if v > e.calls * (1 + 1e-9) + 1e-6 { e = (t - 1, v, e.total) }
      worst[w] = e
    }
    guard !worst.isEmpty else {
      return "GLPK reports no feasible plan, but no demand is short (numerical trouble?)"
    }
    var lines: [String] = []
    for w in data.workloads where worst[w.id] != nil {
      let e = worst[w.id]!
      let slice = data.slices.slices[e.slice]
      let month = data.months[slice.monthIndex]
      // Each compatible offer with the limit it has (an API has no max_units, a GPU no rate limit).
      let offers = data.pairs.filter { $0.workload == data.workloads.firstIndex(of: w)! }.map {
        p -> String in
        switch data.offers[p.offer] {
        case .api(let a):
          return a.rateLimitTPM.map { "\(a.id) (rate_limit_tpm \(Format.plain($0)))" } ?? a.id
        case .capacity(let c):
          if data.capacityHeld && c.billing == .reserved { return "\(c.id) (units held)" }
          return c.maxUnits.map { "\(c.id) (max_units \(Format.plain($0)))" } ?? c.id
        }
      }
      lines.append(
        "workload '\(w.id)' is short by \(Format.number(e.calls, 1)) calls/h (\(Format.number(e.calls * w.tokensPerCall)) tokens/h) at \(slice.label(month))"
          + " and \(Format.number(e.total)) calls over the horizon; its compatible offers cannot carry it: \(offers.joined(separator: ", "))"
      )
    }
    return lines.joined(separator: "\n")
  }
}
