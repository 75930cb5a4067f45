import Foundation

/// `baseload plan DIR... [--out DIR]`: forecast → optimise → report.
struct PlanCommand: Command {
  let name = "plan"
  let summary = "forecast, optimise with GLPK and write the full report"
  let help = """
    usage: baseload plan DIR... [--out DIR | --reports DIR] [--quiet]

    Forecasts demand from the sheets in DIR, places every workload on the cheapest mix
    of token APIs, reserved and on-demand capacity and spend commitments (a MIP solved
    in-process with GLPK, Models/placement.mod), and writes the report folder:
    report.md, summary.json, invoice.csv (FOCUS columns), placement.csv, hourly.csv and
    placement.dat (reproduce with glpsol -m Models/placement.mod -d placement.dat).

    --out DIR       report folder (default Reports/<input folder name>); one input only
    --reports DIR   where report folders and a batch's index go (default Reports)
    --quiet         no progress on stderr

    Several input folders (e.g. Inputs/*; files among them are skipped) write one
    report each under Reports/ plus Reports/index.csv and index.html; a failing folder
    is listed as failed and the others still run. Exit codes (the worst seen): 0 ok,
    1 bad input, 2 usage, 3 infeasible (reason in words), 4 time limit reached (best
    plan written, gap stated).

    """
  let valued: Set<String> = ["out", "reports"]
  let flags: Set<String> = ["quiet"]

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard !args.positional.isEmpty else {
      io.err("baseload plan: expected an input folder\n\n" + help)
      return .usage
    }
    if args.positional.count > 1 && args.options["out"] != nil {
      io.err("baseload plan: --out takes one input folder; several folders go to Reports/<name>\n")
      return .usage
    }
    let progress = Progress(io: io, quiet: args.switches.contains("quiet"))
    var worst = ExitCode.ok
    var entries: [BatchEntry] = []
    // A glob such as Inputs/* also matches files (a README); a batch plans only the folders.
    let reports = args.options["reports"] ?? "Reports"
    var folders = args.positional
    if folders.count > 1 {
      folders = folders.filter { path in
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        if exists && !isDir.boolValue { io.err("baseload plan: skipping \(path) (not a folder)\n") }
        return !exists || isDir.boolValue
      }
    }
    for dir in folders {
      let out = args.options["out"] ?? defaultReportFolder(for: dir, in: reports)
      let (code, run) = runAndWrite(
        dir, out: out, only: nil, io: io, progress: progress, verb: "plan")
      let folder = URL(fileURLWithPath: out).lastPathComponent
      entries.append(
        run.map { BatchEntry(folder: folder, run: $0) }
          ?? BatchEntry(folder: folder, failure: code.failureWords))
      if code != .ok && (worst == .ok || code.rawValue > worst.rawValue) { worst = code }
    }
    if folders.count > 1 {
      var index = ReportFolder()
      index.add("index.csv", BatchIndex.csv(entries))
      index.add("index.html", BatchIndex.html(entries))
      do {
        try index.merge(into: reports)
        io.out("index: \(reports)/index.html\n")
      } catch {
        io.err("baseload plan: \(error)\n")
      }
      if worst != .ok {
        let failed = entries.filter { $0.failure != nil }.map(\.folder)
        io.err(
          "baseload plan: \(failed.count) of \(entries.count) folders failed: \(failed.joined(separator: ", "))\n"
        )
      }
    }
    return worst
  }
}

extension ExitCode {
  /// Why a folder of a batch failed, in a few words.
  var failureWords: String {
    switch self {
    case .ok: return "ok"
    case .badInput: return "bad input (run baseload check)"
    case .usage: return "usage"
    case .infeasible: return "infeasible: no plan meets the demand"
    case .solverLimit: return "time limit reached"
    case .internalError: return "the solver failed (a defect: please report it)"
    }
  }
}

/// Loads, solves plan + baseline + scenarios, writes the report folder; shared by `plan` and `whatif`.
@discardableResult
func runAndWrite(
  _ dir: String, out: String, only: String?, io: CommandIO, progress: Progress, verb: String
) -> (ExitCode, PlanRun?) {
  progress.say("\(dir): reading sheets")
  guard let input = loadInput(dir, io) else { return (.badInput, nil) }
  if let only, !input.scenarioNames.contains(only) {
    let known =
      input.scenarioNames.isEmpty
      ? "scenarios.csv defines none" : "known: " + input.scenarioNames.joined(separator: ", ")
    io.err("baseload \(verb): no scenario '\(only)' (\(known))\n")
    return (.usage, nil)
  }
  progress.say(
    "\(dir): forecasting \(input.workloads.count) workloads over \(input.settings.months) months")
  let run: PlanRun
  do {
    run = try PlanRun.solve(
      input, only: only, say: progress.reporter(prefix: dir),
      solverProgress: progress.reporter(prefix: dir))
  } catch let e as PlanError {
    io.err("baseload \(verb) \(dir): \(e)\n")
    return (e.exitCode, nil)
  } catch {
    io.err("baseload \(verb) \(dir): \(error)\n")
    return (.internalError, nil)
  }
  progress.say("\(dir): writing the report")
  do {
    try PlanReport.folder(run).write(to: out)
  } catch {
    io.err("baseload \(verb) \(dir): \(error)\n")
    return (.badInput, nil)
  }
  io.out(run.plan.terminalSummary(out: out))
  for s in run.scenarios { io.out("\nscenario \(s.scenario): \(s.verdict)\n") }
  if let limited = run.timeLimited {
    io.err("baseload \(verb) \(dir): \(limited)\n")
    return (.solverLimit, run)
  }
  return (.ok, run)
}

/// Progress lines on stderr with elapsed time; silent when quiet.
final class Progress: Sendable {
  let io: CommandIO
  let quiet: Bool
  let start = Date()

  init(io: CommandIO, quiet: Bool) {
    self.io = io
    self.quiet = quiet
  }

  /// A solver progress callback, or nil when quiet.
  func reporter(prefix: String) -> PlacementSolver.Progress? {
    if quiet { return nil }
    return { [self] line in self.say(prefix + ": " + line) }
  }

  func say(_ s: String) {
    guard !quiet else { return }
    io.err("[\(Format.fixed(Date().timeIntervalSince(start), 1)) s] \(s)\n")
  }
}

extension PlanAnalysis {
  /// The result summary printed on stdout.
  public func terminalSummary(out: String) -> String {
    var s = "\(data.input.settings.name): total \(money(invoice.total))"
    s += data.months.map { " | \($0) \(money(invoice.total(in: $0)))" }.joined()
    s += "\nreport: \(out)/report.md\n"
    return s
  }
}
