import Foundation

/// `baseload plan DIR... [--out DIR]`: forecast → optimise → report.
struct PlanCommand: Command {
  let name = "plan"
  let summary = "forecast, optimise with GLPK and write the full report"
  let help = """
    usage: baseload plan DIR... [--out DIR | --reports DIR] [--verify] [--quiet]

    Forecasts demand from the sheets in DIR, places every workload on the cheapest mix
    of token APIs, reserved and on-demand capacity and spend commitments (a MIP solved
    in-process with GLPK, Models/placement.mod), and writes the report folder:
    report.md, summary.json, invoice.csv (FOCUS columns), placement.csv, hourly.csv and
    placement.dat (reproduce with glpsol -m Models/placement.mod -d placement.dat).

    --out DIR       report folder (default Reports/<input folder name>); one input only
    --reports DIR   where report folders and a batch's index go (default Reports)
    --verify        re-evaluate the plan with Models/placement.mod, its units and
                    commitment levels held; a plan whose cost disagrees is not written
                    (exit 6); one the model cannot re-evaluate within time_limit_s is
                    written and the run ends with exit 4
    --quiet         no progress on stderr

    Several input folders (e.g. Inputs/*; files among them are skipped) write one
    report each under Reports/ plus Reports/index.csv and index.html; inputs with the
    same folder name get NAME, NAME-2, ...; a failing folder is listed as failed and the
    others still run. Exit codes (the worst seen): 0 ok, 1 bad input, 2 usage (also a
    refused report folder), 3 infeasible (reason in words), 4 time limit reached (best
    plan written, gap stated), 5 a report could not be written.

    The report folder must be absent, empty, or a report folder Baseload wrote (it holds
    a .baseload-report marker listing its files, and nothing else); anything else, the
    input folder or a folder holding it, `.`, `/` and the home folder are refused and
    nothing is touched.

    """
  let valued: Set<String> = ["out", "reports"]
  let flags: Set<String> = ["quiet", "verify"]

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
    let reports = args.options["reports"] ?? "Reports"
    if args.positional.count == 1 {
      let dir = args.positional[0]
      if let problem = inputFolderProblem(dir) {
        io.err("baseload plan: \(problem)\n")
        return .usage
      }
      let out = args.options["out"] ?? defaultReportFolder(for: dir, in: reports)
      return runAndWrite(
        dir, out: out, only: nil, io: io, progress: progress, verb: "plan",
        verify: args.switches.contains("verify")
      ).0
    }
    // A glob such as Inputs/* also matches files (a README); a batch plans only the folders, each once.
    var folders: [String] = []
    var seen: Set<String> = []
    for path in args.positional {
      var isDir: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
      if exists && !isDir.boolValue {
        io.err("baseload plan: skipping \(path) (not a folder)\n")
      } else if !seen.insert(FileSystem.canonical(path)).inserted {
        io.err("baseload plan: skipping \(path) (listed twice)\n")
      } else {
        folders.append(path)
      }
    }
    // The index goes beside the report folders: refuse a bad --reports before planning anything.
    let indexFiles = ["index.csv", "index.html"]
    if let reason = ReportFolder.rootRefusal(
      reports, files: indexFiles, markerName: ReportFolder.indexMarkerName, inputs: folders)
    {
      return failed(.refused(path: reports, reason: reason), io)
    }
    var worst = ExitCode.ok
    var entries: [BatchEntry] = []
    let names = Self.reportNames(folders)
    for (dir, name) in zip(folders, names) {
      let base = URL(fileURLWithPath: dir).standardizedFileURL.lastPathComponent
      if name != base {
        io.err(
          "baseload plan: \(dir) shares its folder name with an earlier input; its report goes to \(reports)/\(name)\n"
        )
      }
      let code: ExitCode
      let run: PlanRun?
      if let problem = inputFolderProblem(dir) {
        io.err("baseload plan: \(problem)\n")
        (code, run) = (.usage, nil)
      } else {
        (code, run) = runAndWrite(
          dir, out: reports + "/" + name, only: nil, io: io, progress: progress, verb: "plan")
      }
      entries.append(
        run.map { BatchEntry(folder: name, run: $0) }
          ?? BatchEntry(folder: name, failure: code.failureWords))
      if code != .ok && (worst == .ok || code.rawValue > worst.rawValue) { worst = code }
    }
    var index = ReportFolder()
    index.add("index.csv", BatchIndex.csv(entries))
    index.add("index.html", BatchIndex.html(entries))
    do throws(ReportFolder.WriteError) {
      try index.place(into: reports, protecting: folders)
      io.out("index: \(reports)/index.html\n")
    } catch {
      let code = failed(error, io)
      if worst == .ok || code.rawValue > worst.rawValue { worst = code }
    }
    if entries.contains(where: { $0.failure != nil }) {
      let failedNames = entries.filter { $0.failure != nil }.map(\.folder)
      io.err(
        "baseload plan: \(failedNames.count) of \(entries.count) folders failed: \(failedNames.joined(separator: ", "))\n"
      )
    }
    return worst
  }

  /// The report folder name of each input: its folder name, with `-2`, `-3`… for a later input whose folder
  /// name an earlier one already has (`a/x` and `b/x` write `x` and `x-2`), so that no report overwrites another.
  static func reportNames(_ folders: [String]) -> [String] {
    let bases = folders.map { URL(fileURLWithPath: $0).standardizedFileURL.lastPathComponent }
    var taken: Set<String> = []
    return bases.map { base in
      var name = base
      var k = 2
      while taken.contains(name) || (name != base && bases.contains(name)) {
        name = "\(base)-\(k)"
        k += 1
      }
      taken.insert(name)
      return name
    }
  }
}

extension ExitCode {
  /// Why a folder of a batch failed, in a few words.
  var failureWords: String {
    switch self {
    case .ok: return "ok"
    case .badInput: return "bad input (run baseload check)"
    case .usage: return "usage (no such folder, or the report folder was refused)"
    case .infeasible: return "infeasible: no plan meets the demand"
    case .solverLimit: return "time limit reached"
    case .cannotWrite: return "the report could not be written"
    case .internalError: return "the solver failed (a defect: please report it)"
    }
  }
}

/// Loads, solves plan + baseline + scenarios, writes the report folder; shared by `plan` and `whatif`.
@discardableResult
func runAndWrite(
  _ dir: String, out: String, only: String?, io: CommandIO, progress: Progress, verb: String,
  verify: Bool = false
) -> (ExitCode, PlanRun?) {
  if let reason = ReportFolder.refusal(out, kind: .report, inputs: [dir]) {
    io.err("baseload \(verb): \(ReportFolder.WriteError.refused(path: out, reason: reason))\n")
    return (.usage, nil)
  }
  progress.say("\(dir): reading sheets")
  guard let input = loadInput(dir, io) else { return (.badInput, nil) }
  if let only, !input.scenarioNames.contains(only) {
    let known =
      input.scenarioNames.isEmpty
      ? "scenarios.csv defines none" : "known: " + input.scenarioNames.joined(separator: ", ")
    io.err("baseload \(verb): no scenario '\(only)' (\(known))\n")
    return (.usage, nil)
  }
  if verb == "whatif", input.scenarioNames.isEmpty {
    // Said, not silent: the report then holds the plan and its baseline only.
    io.err(
      "baseload whatif \(dir): scenarios.csv defines no scenario; the report holds the plan only\n")
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
  // A reference that runs out of time neither confirms nor refutes the plan: the report is written and the run
  // ends as a solver limit (exit 4), not as a disagreement.
  var unverified: String?
  if verify {
    progress.say("\(dir): verifying the plan with the reference model")
    do {
      guard let model = ModelLocator.path() else { throw PlanError.modelNotFound }
      let check = try run.plan.result.verify(modelPath: model)
      io.err("baseload \(verb) \(dir): \(check.text)\n")
      guard check.agrees else { return (.internalError, nil) }
    } catch PlanError.timeLimit(let why) {
      unverified = "not verified: the reference model did not finish (\(why))"
    } catch {
      io.err("baseload \(verb) \(dir): the plan could not be verified: \(error)\n")
      return (.internalError, nil)
    }
  }
  progress.say("\(dir): writing the report")
  do throws(ReportFolder.WriteError) {
    try PlanReport.folder(run).write(to: out, protecting: [dir])
  } catch {
    io.err("baseload \(verb) \(dir): \(error)\n")
    return (error.exitCode, nil)
  }
  io.out(run.plan.terminalSummary(out: out))
  for s in run.scenarios { io.out("\nscenario \(s.scenario): \(s.verdict)\n") }
  let limits = [run.timeLimited, unverified].compactMap { $0 }
  for limited in limits { io.err("baseload \(verb) \(dir): \(limited)\n") }
  return (limits.isEmpty ? .ok : .solverLimit, run)
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
